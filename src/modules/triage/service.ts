// The daily triage meeting: the queue, attendance and chair, decisions with their history, and actions.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import { isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { isIsoDate, ukDate } from '../../platform/time.ts';
import { claimIdempotencyKey } from '../referrals/store.ts';
import { referralInScope } from '../referrals/service.ts';
import { missingEssentialsOf, URGENCY } from '../referrals/domain.ts';
import { SCREENING_LEVEL_LABELS, type ScreeningLevel } from '../screening/domain.ts';
import { latestLevels } from '../screening/store.ts';
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  actionRag,
  isActionStatus,
  isOverdue,
  nextChair,
  RAG_LABELS,
  TRIAGE_CATEGORY_LABELS,
  TRIAGE_OUTCOME_LABELS,
  type TriageCategory,
  type TriageOutcome,
  validateDecision,
} from './domain.ts';
import * as store from './store.ts';

export interface DecisionBody {
  outcome?: unknown;
  category?: unknown;
  rationale?: unknown;
  decidedAt?: unknown;
  meetingId?: unknown;
  actions?: { description?: unknown; ownerAgencyId?: unknown; ownerName?: unknown; dueDate?: unknown }[];
}

const outcomeLabel = (o: string) => TRIAGE_OUTCOME_LABELS[o as TriageOutcome] ?? o;
const categoryLabel = (c: string) => TRIAGE_CATEGORY_LABELS[c as TriageCategory] ?? c;

function actionView(a: Awaited<ReturnType<typeof store.actions>>[number], today: string) {
  const status = a.status as ActionStatus;
  const rag = actionRag(a.due_date, status, today);
  return {
    id: a.id,
    referralId: a.referral_id,
    reference: a.reference,
    personId: a.person_id,
    personName: `${a.given_name} ${a.family_name}`,
    description: a.description,
    ownerAgencyId: a.owner_agency_id,
    ownerAgencyName: a.owner_agency_name,
    ownerName: a.owner_name,
    dueDate: a.due_date,
    status,
    statusLabel: ACTION_STATUS_LABELS[status],
    rag,
    ragLabel: RAG_LABELS[rag],
    overdue: isOverdue(a.due_date, status, today),
  };
}
export type ActionView = ReturnType<typeof actionView>;

export function triageService(db: Db) {
  async function agencyIds(partnershipId: string) {
    return (await db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('active', '=', true).execute()).map((a) => a.id);
  }

  const service = {
    /** Referrals awaiting triage, most urgent and oldest first, with their screening level and missing essentials. */
    async queue(actor: Actor, limit = 25) {
      const scope = requireScope(actor, 'triage', 'read');
      if (scope !== 'partnership') throw notFound('The triage queue'); // the queue is the hub's
      return db.transaction().execute(async (tx) => {
        const rows = await store.queue(tx, actor.partnershipId, limit);
        const levels = await latestLevels(tx, actor.partnershipId, rows.map((r) => r.id));
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'triage.queue_viewed', resourceType: 'referral', details: { count: rows.length } });
        return rows.map((r) => {
          const level = levels.get(r.id);
          return {
            id: r.id,
            reference: r.reference,
            personId: r.person_id,
            personName: `${r.given_name} ${r.family_name}`,
            dateOfBirth: r.date_of_birth,
            receivedAt: new Date(r.received_at),
            urgency: r.urgency,
            urgencyLabel: URGENCY[r.urgency as keyof typeof URGENCY] ?? r.urgency,
            agencyName: r.agency_name,
            concerns: r.concerns,
            screening: level ? { ...level, label: SCREENING_LEVEL_LABELS[level.level as ScreeningLevel] } : null,
            missingEssentials: missingEssentialsOf(r),
          };
        });
      });
    },

    /** How many referrals await triage (the queue shows the most pressing first). */
    async queueSize(actor: Actor): Promise<number> {
      requireScope(actor, 'triage', 'read');
      const row = await db
        .selectFrom('referral')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', actor.partnershipId)
        .where('status', '=', 'new')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** A day's meeting (null when not started), with attendance and the suggested chair from the rota. */
    async meeting(actor: Actor, day: string) {
      requireScope(actor, 'triage', 'read');
      if (!isIsoDate(day)) throw notFound('The meeting');
      const meeting = await store.meetingOnDay(db, actor.partnershipId, day);
      const core = await db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', actor.partnershipId).where('triage_core', '=', true).orderBy('name').execute();
      const suggestedChair = nextChair(core.map((a) => a.id), await store.previousChairs(db, actor.partnershipId, day));
      return {
        day,
        meeting,
        attendance: meeting ? await store.attendance(db, actor.partnershipId, meeting.id) : [],
        coreAgencies: core,
        suggestedChairAgencyId: meeting?.chair_agency_id ?? suggestedChair,
      };
    },

    /** Starts (or updates) a day's meeting: chair and who attended for which agency. */
    async recordAttendance(actor: Actor, day: string, input: { chairAgencyId?: string; chairName?: string; attendees: { agencyId: string; name: string }[] }) {
      requireScope(actor, 'triage', 'create');
      const errors = [];
      if (!isIsoDate(day)) errors.push({ field: 'day', message: 'The meeting date must be a real date' });
      const agencies = await agencyIds(actor.partnershipId);
      if (!input.chairAgencyId || !agencies.includes(input.chairAgencyId)) errors.push({ field: 'chairAgencyId', message: 'Select the agency chairing the meeting' });
      if (!input.chairName?.trim()) errors.push({ field: 'chairName', message: 'Enter the name of the chair' });
      if (input.attendees.length === 0) errors.push({ field: 'attendees', message: 'Select at least one agency that attended' });
      for (const a of input.attendees) if (!agencies.includes(a.agencyId)) errors.push({ field: 'attendees', message: 'Select agencies of this partnership' });
      if (errors.length) throw new ValidationProblem(errors);
      return db.transaction().execute(async (tx) => {
        const meeting = await store.meetingForDay(tx, actor.partnershipId, day, actor.userId);
        await tx
          .updateTable('triage_meeting')
          .set({ chair_agency_id: input.chairAgencyId, chair_name: input.chairName?.trim() })
          .where('partnership_id', '=', actor.partnershipId)
          .where('id', '=', meeting.id)
          .execute();
        await tx.deleteFrom('triage_attendance').where('partnership_id', '=', actor.partnershipId).where('meeting_id', '=', meeting.id).execute();
        const unique = new Map(input.attendees.map((a) => [`${a.agencyId}|${a.name.trim()}`, a]));
        await tx
          .insertInto('triage_attendance')
          .values([...unique.values()].map((a) => ({ partnership_id: actor.partnershipId, meeting_id: meeting.id, agency_id: a.agencyId, attendee_name: a.name.trim() })))
          .execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'triage.attendance_recorded',
          resourceType: 'triage_meeting',
          resourceId: meeting.id,
          details: { day, chairAgencyId: input.chairAgencyId, attendees: unique.size },
        });
        return meeting.id;
      });
    },

    /**
     * Records a decision on a referral. It joins the given meeting, or the meeting of the day it was decided
     * (created when needed). A later decision supersedes earlier ones; all are kept.
     */
    async decide(actor: Actor, referralId: string, body: DecisionBody, idempotencyKey?: string) {
      requireScope(actor, 'triage', 'create');
      const referral = await referralInScope(db, actor, referralId, 'triage', 'create');
      const now = new Date();
      const today = ukDate(now);
      const errors = validateDecision(body, today, { agencyIds: await agencyIds(actor.partnershipId) });
      let decidedAt = now;
      if (body.decidedAt !== undefined && body.decidedAt !== null && body.decidedAt !== '') {
        const d = typeof body.decidedAt === 'string' ? new Date(body.decidedAt) : null;
        if (!d || Number.isNaN(d.getTime())) errors.push({ field: 'decidedAt', message: 'Decided at must be a date-time, like 2026-03-27T10:30:00Z' });
        else if (d.getTime() > now.getTime() + 60_000) errors.push({ field: 'decidedAt', message: 'Decided at must not be in the future' });
        else if (d.getTime() < new Date(referral.received_at).getTime()) errors.push({ field: 'decidedAt', message: 'Decided at must be after the referral was received' });
        else decidedAt = d;
      }
      let meetingId: string | null = null;
      if (body.meetingId !== undefined && body.meetingId !== null && body.meetingId !== '') {
        const m = typeof body.meetingId === 'string' && isUuid(body.meetingId) ? await store.findMeeting(db, actor.partnershipId, body.meetingId) : null;
        if (!m) errors.push({ field: 'meetingId', message: 'There is no triage meeting with that id' });
        else meetingId = m.id;
      }
      if (errors.length) throw new ValidationProblem(errors);
      const id = randomUUID();
      const outcome = await db.transaction().execute(async (tx) => {
        if (idempotencyKey) {
          const earlier = await claimIdempotencyKey(tx, actor.partnershipId, actor.userId, idempotencyKey, id);
          if (earlier) return { id: earlier, created: false };
        }
        const meeting = meetingId ?? (await store.meetingForDay(tx, actor.partnershipId, ukDate(decidedAt), actor.userId)).id;
        await tx
          .insertInto('triage_decision')
          .values({
            partnership_id: actor.partnershipId,
            id,
            referral_id: referral.id,
            meeting_id: meeting,
            outcome: body.outcome as string,
            category: body.category as string,
            rationale: String(body.rationale).trim(),
            decided_at: decidedAt,
            decided_by: actor.userId,
          })
          .execute();
        const actions = body.actions ?? [];
        if (actions.length) {
          await tx
            .insertInto('triage_action')
            .values(
              actions.map((a) => ({
                partnership_id: actor.partnershipId,
                id: randomUUID(),
                decision_id: id,
                referral_id: referral.id,
                description: String(a.description).trim(),
                owner_agency_id: String(a.ownerAgencyId),
                owner_name: typeof a.ownerName === 'string' && a.ownerName.trim() ? a.ownerName.trim() : null,
                due_date: String(a.dueDate),
                status_changed_at: null,
                status_changed_by: null,
                created_by: actor.userId,
              })),
            )
            .execute();
        }
        await store.refreshStanding(tx, actor.partnershipId, referral.id);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'triage.decided',
          resourceType: 'referral',
          resourceId: referral.id,
          personId: referral.person_id,
          details: { decisionId: id, outcome: body.outcome, category: body.category, meetingId: meeting, actions: actions.length },
        });
        return { id, created: true };
      });
      const decision = (await service.decisions(actor, referral.id)).find((d) => d.id === outcome.id);
      if (!decision) throw notFound('The decision');
      return { decision, created: outcome.created };
    },

    /** Every decision on a referral, newest first; the first stands and the rest are marked superseded. */
    async decisions(actor: Actor, referralId: string) {
      const referral = await referralInScope(db, actor, referralId, 'triage', 'read');
      return db.transaction().execute(async (tx) => {
        const rows = await store.decisionsFor(tx, actor.partnershipId, referral.id);
        const actions = await store.actions(tx, actor.partnershipId, { referralId: referral.id, limit: 500 });
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'triage.decisions_viewed', resourceType: 'referral', resourceId: referral.id, personId: referral.person_id });
        const today = ukDate(new Date());
        return rows.map((d, i) => ({
          id: d.id,
          referralId: d.referral_id,
          meetingId: d.meeting_id,
          meetingDate: d.meeting_date,
          outcome: d.outcome,
          outcomeLabel: outcomeLabel(d.outcome),
          category: d.category,
          categoryLabel: categoryLabel(d.category),
          rationale: d.rationale,
          decidedAt: new Date(d.decided_at),
          decidedBy: d.decided_by_name,
          superseded: i > 0,
          actions: actions.filter((a) => a.decision_id === d.id).map((a) => actionView(a, today)),
        }));
      });
    },

    /** Actions, the hub's across the partnership or an agency's own. */
    async actions(actor: Actor, filter: { overdueOnly?: boolean; openOnly?: boolean } = {}) {
      const scope = requireScope(actor, 'action', 'read');
      const today = ukDate(new Date());
      const rows = await store.actions(db, actor.partnershipId, {
        ownerAgencyId: scope === 'partnership' ? null : actor.agencyId,
        openOnly: filter.openOnly || filter.overdueOnly,
        dueBefore: filter.overdueOnly ? today : undefined,
        limit: 500,
      });
      return rows.map((a) => actionView(a, today));
    },

    async setActionStatus(actor: Actor, actionId: string, status: unknown) {
      const scope = requireScope(actor, 'action', 'update');
      if (!isActionStatus(status)) throw new ValidationProblem([{ field: 'status', message: 'Status must be open, done or cancelled' }]);
      if (!isUuid(actionId)) throw notFound('The action');
      await db.transaction().execute(async (tx) => {
        let q = tx
          .updateTable('triage_action')
          .set({ status, status_changed_at: new Date(), status_changed_by: actor.userId })
          .where('partnership_id', '=', actor.partnershipId)
          .where('id', '=', actionId);
        if (scope !== 'partnership') q = q.where('owner_agency_id', '=', actor.agencyId);
        const updated = await q.returning(['referral_id']).executeTakeFirst();
        if (!updated) throw notFound('The action');
        const referral = await tx.selectFrom('referral').select('person_id').where('partnership_id', '=', actor.partnershipId).where('id', '=', updated.referral_id).executeTakeFirstOrThrow();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'action.status_changed', resourceType: 'triage_action', resourceId: actionId, personId: referral.person_id, details: { status } });
      });
    },

    /** The hub's dashboard: the queue, overdue actions and recent decisions. */
    async dashboard(actor: Actor) {
      const [queue, queueSize, overdue] = await Promise.all([service.queue(actor, 20), service.queueSize(actor), service.actions(actor, { overdueOnly: true })]);
      const recent = (await store.recentDecisions(db, actor.partnershipId, 10)).map((d) => ({
        referralId: d.referral_id,
        reference: d.reference,
        personId: d.person_id,
        personName: `${d.given_name} ${d.family_name}`,
        outcomeLabel: outcomeLabel(d.outcome),
        categoryLabel: categoryLabel(d.category),
        decidedAt: new Date(d.decided_at),
      }));
      return { queue, queueSize, overdue, recent };
    },
  };

  return service;
}

export type TriageService = ReturnType<typeof triageService>;
