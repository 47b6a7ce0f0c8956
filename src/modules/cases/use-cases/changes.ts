// Changing a case: opened, reopened and re-graded by triage decisions (in the decision's transaction); allocated,
// status changed, closed and reviewed by the people who work it. Each change names the version it read (409 if stale)
// and emits a case.* domain event whose `changes` say what a chronology line needs.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/access/actor.ts';
import { assertMayOnCase, mayDirectCase } from '../../../platform/access/rules.ts';
import { typed } from '../../../platform/audit/typed.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { type FieldError, forbidden, notFound, Problem, ValidationProblem } from '../../../platform/http/problems.ts';
import { ukDate } from '../../../platform/time.ts';
import { type UseCaseContext, useCase } from '../../../platform/usecase/usecase.ts';
import { closureErrors, DEFAULT_REVIEW_WEEKS, isAccepted, type ReviewIntervals, reviewDue, reviewErrors, riskLabel, statusChangeErrors } from '../domain.ts';
import { AllocationInput, CloseInput, PersonRef, ReviewInput, StatusInput } from '../schemas.ts';
import * as store from '../store.ts';
import { categoryLabel, statusLabel } from '../view.ts';
import { caseFacts, closureReasonsOf } from './read.ts';

/** A change's audit subject: the case, the child it is about, and the rest of what the use case returned. */
const caseSubject = ({ id, personId, ...details }: { id: string; personId: string }) => ({ type: 'case', id, personId, details });

export const staleCase = () =>
  new Problem(409, 'Conflict', 'Someone else changed this case since you opened it: reload it, check their change, and make yours again', [
    { field: 'version', message: 'Someone else changed this case since you opened it. Check the case as it is now and make your change again.' },
  ]);

async function intervals(db: Db, partnershipId: string): Promise<ReviewIntervals> {
  return { ...DEFAULT_REVIEW_WEEKS, ...(await store.reviewIntervals(db, partnershipId)) };
}

/** The case to change, at the version the change was made against. */
async function caseToChange(db: Db, actor: Actor, personId: string, version: number) {
  const row = await store.findCaseOfPerson(db, actor.partnershipId, personId);
  if (!row) throw notFound('The case');
  if (row.version !== version) throw staleCase();
  return row;
}

async function saved(db: Db, actor: Actor, id: string, version: number, set: Parameters<typeof store.updateCase>[4]) {
  if (!(await store.updateCase(db, actor.partnershipId, id, version, set))) throw staleCase();
}

// ---- from triage ----

/** The latest graded decision on the person, for opening or re-grading their case. */
const latestGraded = async (db: Db, partnershipId: string, personId: string) => {
  const d = await store.latestDecisionOfPerson(db, partnershipId, personId);
  return d && isAccepted(d.outcome) ? d : null;
};

export const openCase = useCase({
  name: 'cases.open',
  permission: ['case', 'create'],
  input: PersonRef,
  async run({ db, actor, now }, { personId }) {
    const d = await latestGraded(db, actor.partnershipId, personId);
    if (!d) return null;
    const id = randomUUID();
    const due = reviewDue(ukDate(now), d.outcome, await intervals(db, actor.partnershipId));
    const inserted = await store.insertCase(db, {
      partnership_id: actor.partnershipId,
      id,
      person_id: personId,
      status: 'open',
      status_reason: 'Referral accepted at triage',
      status_changed_at: now,
      risk_level: d.outcome,
      category: d.category,
      risk_decision_id: d.id,
      risk_decided_at: d.decided_at,
      risk_decided_by: d.decided_by,
      lead_agency_id: null,
      allocated_worker_id: null,
      key_worker_id: null,
      ward: null,
      review_due: due,
      opened_at: now,
    });
    if (!inserted) return null;
    await store.insertStatusHistory(db, actor.partnershipId, id, {
      status: 'open',
      reason: 'Referral accepted at triage',
      detail: null,
      at: now,
      by: actor.userId,
    });
    return {
      id,
      personId,
      riskLevel: d.outcome,
      riskLevelLabel: riskLabel(d.outcome),
      category: d.category,
      categoryLabel: categoryLabel(d.category),
      reviewDue: due,
      decisionId: d.id,
    };
  },
  audit: {
    change: 'case.opened',
    subject: (c) => (c ? caseSubject(c) : null),
  },
});

export const reopenCase = useCase({
  name: 'cases.reopen',
  permission: ['case', 'create'],
  input: PersonRef,
  async run({ db, actor, now }, { personId }) {
    const row = await store.lockCaseOfPerson(db, actor.partnershipId, personId);
    const d = await latestGraded(db, actor.partnershipId, personId);
    if (row?.status !== 'closed' || !d) return null;
    const due = reviewDue(ukDate(now), d.outcome, await intervals(db, actor.partnershipId));
    await saved(db, actor, row.id, row.version, {
      status: 'open',
      status_reason: 'New referral accepted at triage',
      status_changed_at: now,
      risk_level: d.outcome,
      category: d.category,
      risk_decision_id: d.id,
      risk_decided_at: d.decided_at,
      risk_decided_by: d.decided_by,
      review_due: due,
      closed_at: null,
      closure_reason: null,
      closure_detail: null,
    });
    await store.insertStatusHistory(db, actor.partnershipId, row.id, {
      status: 'open',
      reason: 'New referral accepted at triage',
      detail: null,
      at: now,
      by: actor.userId,
    });
    return {
      id: row.id,
      personId,
      previousClosureReason: row.closure_reason,
      closedAt: row.closed_at,
      riskLevel: d.outcome,
      riskLevelLabel: riskLabel(d.outcome),
      category: d.category,
      categoryLabel: categoryLabel(d.category),
      reviewDue: due,
    };
  },
  audit: {
    change: 'case.reopened',
    subject: (c) => (c ? caseSubject(c) : null),
  },
});

/** A later decision on a case that is not closed: its level and category become the case's (and the review date). */
export const regradeCase = useCase({
  name: 'cases.regrade',
  permission: ['case', 'create'],
  input: PersonRef,
  async run({ db, actor, now }, { personId }) {
    const row = await store.lockCaseOfPerson(db, actor.partnershipId, personId);
    const d = await store.latestDecisionOfPerson(db, actor.partnershipId, personId);
    if (!row || row.status === 'closed' || !d || d.id === row.risk_decision_id) return null;
    if (d.outcome === 'returned_not_discussed') return null;
    const changed = d.outcome !== row.risk_level || d.category !== row.category;
    const due = changed ? reviewDue(ukDate(now), d.outcome, await intervals(db, actor.partnershipId)) : row.review_due;
    await saved(db, actor, row.id, row.version, {
      risk_level: d.outcome,
      category: d.category,
      risk_decision_id: d.id,
      risk_decided_at: d.decided_at,
      risk_decided_by: d.decided_by,
      review_due: due,
    });
    if (!changed) return null;
    return {
      id: row.id,
      personId,
      riskLevel: { from: row.risk_level, to: d.outcome, fromLabel: riskLabel(row.risk_level), toLabel: riskLabel(d.outcome) },
      category: { from: row.category, to: d.category, fromLabel: categoryLabel(row.category), toLabel: categoryLabel(d.category) },
      reviewDue: due,
    };
  },
  audit: {
    change: 'case.risk_changed',
    subject: (c) => (c ? caseSubject(c) : null),
  },
});

/** Called by triage in the decision's transaction: opens, reopens or re-grades the person's case as the decision says. */
export async function caseAfterDecision(ctx: Pick<UseCaseContext, 'db' | 'actor' | 'call'>, personId: string): Promise<void> {
  const row = await store.lockCaseOfPerson(ctx.db, ctx.actor.partnershipId, personId);
  if (!row) await ctx.call(openCase, { personId });
  else if (row.status === 'closed') await ctx.call(reopenCase, { personId });
  else await ctx.call(regradeCase, { personId });
}

// ---- by the people who work the case ----

function assertDirects(actor: Actor) {
  if (!mayDirectCase(actor)) throw forbidden('Only the hub allocates, changes the status of or closes a case');
}

export const allocateCase = useCase({
  name: 'cases.allocate',
  permission: ['case', 'update'],
  input: AllocationInput,
  async run({ db, actor }, input) {
    assertDirects(actor);
    await caseFacts(db, actor, input.personId);
    const row = await caseToChange(db, actor, input.personId, input.version);
    const errors: FieldError[] = [];
    const agencies = await store.activeAgencies(db, actor.partnershipId);
    const pick = (v: string | undefined, current: string | null) => (v === undefined ? current : v === '' ? null : v);
    const lead = pick(input.leadAgencyId, row.lead_agency_id);
    const worker = pick(input.allocatedWorkerId, row.allocated_worker_id);
    const key = pick(input.keyWorkerId, row.key_worker_id);
    if (lead && !agencies.some((a) => a.id === lead)) errors.push({ field: 'leadAgencyId', message: 'Select an agency of this partnership' });
    const users = new Map<string, string>();
    for (const [field, id] of [
      ['allocatedWorkerId', worker],
      ['keyWorkerId', key],
    ] as const) {
      if (!id) continue;
      const u = await store.activeUser(db, actor.partnershipId, id);
      if (!u) errors.push({ field, message: 'Select an active user of this partnership' });
      else users.set(id, u.name);
    }
    if (errors.length) throw new ValidationProblem(errors);
    const ward = input.ward === undefined ? row.ward : input.ward.trim() || null;
    await saved(db, actor, row.id, row.version, { lead_agency_id: lead, allocated_worker_id: worker, key_worker_id: key, ward });
    const change = <T>(from: T, to: T, label: (v: T) => string | null) => (from === to ? undefined : { from: label(from), to: label(to) });
    const agencyName = (id: string | null) => (id ? (agencies.find((a) => a.id === id)?.name ?? null) : null);
    const details = {
      leadAgency: change(row.lead_agency_id, lead, (id) => (id === row.lead_agency_id ? row.lead_agency_name : agencyName(id))),
      allocatedWorker: change(row.allocated_worker_id, worker, (id) =>
        id === row.allocated_worker_id ? row.allocated_worker_name : id ? (users.get(id) ?? null) : null,
      ),
      keyWorker: change(row.key_worker_id, key, (id) => (id === row.key_worker_id ? row.key_worker_name : id ? (users.get(id) ?? null) : null)),
      ward: change(row.ward, ward, (v) => v),
    };
    const changed = Object.values(details).some((v) => v !== undefined);
    return { id: row.id, personId: input.personId, changed, details };
  },
  audit: { change: 'case.allocated', subject: (c) => (c.changed ? { type: 'case', id: c.id, personId: c.personId, details: c.details } : null) },
});

export const changeCaseStatus = useCase({
  name: 'cases.changeStatus',
  permission: ['case', 'update'],
  input: StatusInput,
  async run({ db, actor, now }, input) {
    assertDirects(actor);
    await caseFacts(db, actor, input.personId);
    const row = await caseToChange(db, actor, input.personId, input.version);
    const reason = (input.reason ?? '').trim();
    const errors = statusChangeErrors(row.status, input.status, reason);
    if (errors.length) throw new ValidationProblem(errors);
    await saved(db, actor, row.id, row.version, { status: input.status, status_reason: reason || null, status_changed_at: now });
    await store.insertStatusHistory(db, actor.partnershipId, row.id, { status: input.status, reason: reason || null, detail: null, at: now, by: actor.userId });
    return {
      id: row.id,
      personId: input.personId,
      from: row.status,
      to: input.status,
      fromLabel: statusLabel(row.status),
      toLabel: statusLabel(input.status),
      reason: reason || null,
    };
  },
  audit: {
    change: 'case.status_changed',
    subject: caseSubject,
  },
});

export const closeCase = useCase({
  name: 'cases.close',
  permission: ['case', 'update'],
  input: CloseInput,
  async run({ db, actor, now }, input) {
    assertDirects(actor);
    await caseFacts(db, actor, input.personId);
    const row = await caseToChange(db, actor, input.personId, input.version);
    const reasons = await closureReasonsOf(db, actor.partnershipId);
    const detail = (input.detail ?? '').trim();
    const errors = closureErrors(row.status, reasons, input.reason, detail);
    if (errors.length) throw new ValidationProblem(errors);
    const label = reasons.find((r) => r.code === input.reason)?.label ?? input.reason;
    await saved(db, actor, row.id, row.version, {
      status: 'closed',
      status_reason: label,
      status_changed_at: now,
      closed_at: now,
      closure_reason: input.reason,
      closure_detail: detail || null,
    });
    await store.insertStatusHistory(db, actor.partnershipId, row.id, {
      status: 'closed',
      reason: input.reason,
      detail: detail || null,
      at: now,
      by: actor.userId,
    });
    return {
      id: row.id,
      personId: input.personId,
      from: row.status,
      fromLabel: statusLabel(row.status),
      reason: input.reason,
      reasonLabel: label,
      detail: detail || null,
    };
  },
  audit: { change: 'case.closed', subject: caseSubject },
});

export const reviewCase = useCase({
  name: 'cases.review',
  permission: ['case', 'update'],
  input: ReviewInput,
  async run({ db, actor, now }, input) {
    assertMayOnCase(actor, 'update', await caseFacts(db, actor, input.personId, { caseWorker: true }));
    const row = await caseToChange(db, actor, input.personId, input.version);
    if (row.status === 'closed') throw new ValidationProblem([{ field: 'notes', message: 'This case is closed: it is not reviewed' }]);
    const today = ukDate(now);
    const errors = reviewErrors(input.notes, input.nextReviewDue, today);
    if (errors.length) throw new ValidationProblem(errors);
    const next = input.nextReviewDue ?? reviewDue(today, row.risk_level, await intervals(db, actor.partnershipId));
    await saved(db, actor, row.id, row.version, { last_reviewed_at: now, review_due: next });
    await store.insertReview(db, actor.partnershipId, row.id, { at: now, by: actor.userId, notes: input.notes.trim(), nextDue: next });
    return { id: row.id, personId: input.personId, notes: input.notes.trim(), wasDue: row.review_due, nextReviewDue: next };
  },
  audit: {
    change: 'case.reviewed',
    subject: (c) => ({ type: 'case', id: c.id, personId: c.personId, details: { notes: typed(c.notes), wasDue: c.wasDue, nextReviewDue: c.nextReviewDue } }),
  },
});
