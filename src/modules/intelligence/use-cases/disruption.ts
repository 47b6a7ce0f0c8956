// Disruption: the partnership's tactics (Home Office toolkit defaults, renamed, added or withdrawn), activity against
// people, places, vehicles and businesses, and counts by tactic and outcome. A target is one the user may know of:
// an entity named only in intelligence they may not see is neither listed nor accepted as a target.
import { randomUUID } from 'node:crypto';
import { restrictedViewer } from '../../../platform/access/rules.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { type FieldError, notFound, ValidationProblem } from '../../../platform/http/problems.ts';
import { Period, periodErrors } from '../../../platform/http/schemas.ts';
import { type UseCaseContext, useCase } from '../../../platform/usecase/usecase.ts';
import * as disruptionStore from '../disruption/store.ts';
import { disruptionErrors, mergeTactics } from '../domain.ts';
import { DisruptionBody, DisruptionQuery, SetTacticInput, UpdateDisruptionInput } from '../schemas.ts';
import * as store from '../store.ts';
import { type DisruptionView, disruptionView } from '../view.ts';
import { DISRUPTION_OUTCOME_LABELS, DISRUPTION_OUTCOMES, type Tactic } from '../vocab.ts';

const s = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

async function tacticsOf(db: Db, partnershipId: string): Promise<Tactic[]> {
  const rows = await disruptionStore.tacticOverrides(db, partnershipId);
  return mergeTactics(rows.map((r) => ({ code: r.code, label: r.label, targetKinds: r.target_kinds, active: r.active })));
}

async function activity({ db, actor }: UseCaseContext, id: string): Promise<DisruptionView> {
  const [row] = await disruptionStore.activities(db, actor.partnershipId, restrictedViewer(actor), { id });
  if (!row) throw notFound('The disruption activity');
  return disruptionView(row, await tacticsOf(db, actor.partnershipId));
}

export const listTactics = useCase({
  name: 'disruption.tactics',
  permission: ['disruption', 'read'],
  input: undefined,
  run: async ({ db, actor }): Promise<Tactic[]> => tacticsOf(db, actor.partnershipId),
  audit: { none: 'reference data: the disruption tactics' },
});

export const setTactic = useCase({
  name: 'disruption.setTactic',
  permission: ['disruption', 'manage'],
  input: SetTacticInput,
  async run({ db, actor }, t): Promise<{ tactics: Tactic[]; changed: boolean }> {
    const before = (await tacticsOf(db, actor.partnershipId)).find((x) => x.code === t.code);
    const row = { code: t.code, label: t.label.trim(), targetKinds: t.targetKinds, active: t.active !== false };
    const changed = JSON.stringify(before) !== JSON.stringify(row);
    if (changed)
      await disruptionStore.upsertTactic(db, {
        partnership_id: actor.partnershipId,
        code: row.code,
        label: row.label,
        target_kinds: row.targetKinds,
        active: row.active,
      });
    return { tactics: await tacticsOf(db, actor.partnershipId), changed };
  },
  audit: {
    change: 'disruption_tactic.saved',
    subject: (out, t) =>
      out.changed ? { type: 'disruption_tactic', details: { code: t.code, label: t.label, targetKinds: t.targetKinds, active: t.active !== false } } : null,
  },
});

/** The target's kind when the recorder may know of it, and whether the owner is an agency of the partnership. */
async function factsFor({ db, actor }: UseCaseContext, d: { targetEntityId: string; ownerAgencyId: string }) {
  const [target] = await store.knownEntities(db, actor.partnershipId, restrictedViewer(actor), [d.targetEntityId]);
  const errors: FieldError[] = (await disruptionStore.agencyExists(db, actor.partnershipId, d.ownerAgencyId))
    ? []
    : [{ field: 'ownerAgencyId', message: 'Choose an agency of the partnership' }];
  return { target, errors };
}

export const recordDisruption = useCase({
  name: 'disruption.record',
  permission: ['disruption', 'create'],
  input: DisruptionBody,
  async run(ctx, d): Promise<DisruptionView> {
    const { db, actor } = ctx;
    const { target, errors } = await factsFor(ctx, d);
    errors.unshift(...disruptionErrors(d, await tacticsOf(db, actor.partnershipId), target?.kind ?? null));
    if (errors.length > 0) throw new ValidationProblem(errors);
    const id = randomUUID();
    await disruptionStore.insertActivities(db, {
      partnership_id: actor.partnershipId,
      id,
      tactic: d.tactic,
      target_entity_id: target.id,
      owner_agency_id: d.ownerAgencyId,
      owner_name: s(d.ownerName),
      started_on: d.startedOn,
      ended_on: d.endedOn ?? null,
      status: d.status,
      outcome: d.outcome ?? null,
      outcome_notes: s(d.outcomeNotes),
      created_by: actor.userId,
    });
    return activity(ctx, id);
  },
  audit: {
    change: 'disruption_activity.recorded',
    subject: (d) => ({ type: 'disruption_activity', id: d.id, personId: d.targetPersonId, details: { tactic: d.tactic, status: d.status } }),
  },
});

/** Progress on an activity: status, end date, outcome and notes. Nothing different, nothing recorded. */
export const updateDisruption = useCase({
  name: 'disruption.update',
  permission: ['disruption', 'update'],
  input: UpdateDisruptionInput,
  async run(ctx, { id, ...change }): Promise<{ activity: DisruptionView; changed: Record<string, unknown> }> {
    const { db, actor } = ctx;
    const current = await activity(ctx, id);
    const next = {
      status: change.status ?? current.status,
      endedOn: change.endedOn !== undefined ? change.endedOn : current.endedOn,
      outcome: change.outcome !== undefined ? change.outcome : current.outcome,
      outcomeNotes: change.outcomeNotes !== undefined ? s(change.outcomeNotes) : current.outcomeNotes,
    };
    // A withdrawn tactic still describes the activities recorded under it.
    const tactics = (await tacticsOf(db, actor.partnershipId)).map((t) => (t.code === current.tactic ? { ...t, active: true } : t));
    const errors = disruptionErrors({ ...next, tactic: current.tactic, startedOn: current.startedOn }, tactics, current.targetKind);
    if (errors.length > 0) throw new ValidationProblem(errors);
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => current[k as keyof typeof next] !== v));
    if (Object.keys(changed).length === 0) return { activity: current, changed };
    await disruptionStore.updateActivity(db, actor.partnershipId, id, {
      status: next.status,
      outcome: next.outcome,
      ended_on: next.endedOn,
      outcome_notes: next.outcomeNotes,
    });
    return { activity: await activity(ctx, id), changed };
  },
  audit: {
    change: 'disruption_activity.updated',
    subject: ({ activity: a, changed }) =>
      Object.keys(changed).length ? { type: 'disruption_activity', id: a.id, personId: a.targetPersonId, details: changed } : null,
  },
});

/** Activity, newest first, against targets the reader may know of; the list names people, so it is audited. */
export const listDisruptions = useCase({
  name: 'disruption.list',
  permission: ['disruption', 'read'],
  input: DisruptionQuery,
  async run({ db, actor }, q): Promise<DisruptionView[]> {
    const tactics = await tacticsOf(db, actor.partnershipId);
    return (await disruptionStore.activities(db, actor.partnershipId, restrictedViewer(actor), q)).map((d) => disruptionView(d, tactics));
  },
  audit: { read: 'disruption_activity.listed', subject: (list, q) => ({ type: 'disruption_activity', details: { ...q, count: list.length } }) },
});

const OUTCOMES = [...DISRUPTION_OUTCOMES, 'pending'] as const;

/** Activity started in the period, by tactic and outcome (counts only: no target). */
export async function disruptionByTactic({ db, actor }: UseCaseContext, p: { from: string; to: string }) {
  const [tactics, rows] = await Promise.all([
    tacticsOf(db, actor.partnershipId),
    disruptionStore.disruptionCounts(db, actor.partnershipId, restrictedViewer(actor), p.from, p.to),
  ]);
  return tactics
    .map((t) => {
      const mine = rows.filter((r) => r.tactic === t.code);
      const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, mine.filter((r) => (r.outcome ?? 'pending') === o).reduce((n, r) => n + r.n, 0)]));
      return { tactic: t.code, label: t.label, total: mine.reduce((n, r) => n + r.n, 0), byOutcome };
    })
    .filter((t) => t.total > 0);
}

/** Disruption activity started in the period, by tactic and outcome (exact counts: an internal report). */
export const getDisruptionReport = useCase({
  name: 'disruption.report',
  permission: ['disruption', 'read'],
  input: Period,
  async run(ctx, p) {
    const errors = periodErrors(p);
    if (errors.length > 0) throw new ValidationProblem(errors);
    const byTactic = await disruptionByTactic(ctx, p);
    const outcomes = OUTCOMES.map((o) => ({ code: o, label: o === 'pending' ? 'No outcome yet' : DISRUPTION_OUTCOME_LABELS[o] }));
    return { ...p, outcomes, byTactic, total: byTactic.reduce((n, t) => n + t.total, 0) };
  },
  audit: { none: 'counts by tactic and outcome: nothing about a person' },
});
