// The daily triage meeting: the queue, attendance and chair, decisions with their history, actions, the dashboard.
import { randomUUID } from 'node:crypto';
import { requireScope } from '../../platform/access/actor.ts';
import { mayReadFullRationale, mayReadReferralOutcome, maySeeHubQueue, maySeeOutcomeAction } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { claimRetryKey } from '../../platform/idempotency/retry.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { createAction } from '../actions/use-cases.ts';
import { caseAfterDecision } from '../cases/use-cases/changes.ts';
import { outstandingByReferral, overdueInformationRequests } from '../information-requests/use-cases.ts';
import { referralInScope } from '../referrals/use-cases.ts';
import type { ScreeningLevel } from '../screening/domain.ts';
import { levelWords } from '../screening/form.ts';
import { latestLevels } from '../screening/use-cases.ts';
import { recordVoice } from '../voice/record.ts';
import { decidedAtErrors, nextChair, rationaleSummary, validateDecision } from './domain.ts';
import { AttendanceInput, MeetingDay, QueueQuery, RecordDecisionInput, ReferralRef } from './schemas.ts';
import * as store from './store.ts';
import { actionView, type DecisionView, decisionViews, queueItemView, recentDecisionView } from './view.ts';
import { TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS } from './vocab.ts';

export type { ActionView, DecisionView, QueueItemView } from './view.ts';

/** The queue is the hub's: those who read triage only for their own agency's referrals have none. */
function assertHubQueue(actor: Parameters<typeof maySeeHubQueue>[0]) {
  if (!maySeeHubQueue(actor)) throw notFound('The triage queue');
}

/**
 * Referrals awaiting triage, most urgent and oldest first, with their screening level, missing essentials and the
 * information requests still outstanding (and overdue) for each.
 */
async function queueOf(db: Db, partnershipId: string, limit: number) {
  const rows = await store.queue(db, partnershipId, limit);
  const ids = rows.map((r) => r.id);
  const levels = await latestLevels(db, partnershipId, ids);
  const requests = await outstandingByReferral(db, partnershipId, ids, ukDate(new Date()));
  return rows.map((r) => ({ ...queueItemView(r, levels.get(r.id)), requests: requests.get(r.id) ?? { outstanding: 0, overdue: 0 } }));
}

export const triageQueue = useCase({
  name: 'triage.queue',
  permission: ['triage', 'read'],
  input: QueueQuery,
  async run({ db, actor }, { limit }) {
    assertHubQueue(actor);
    return queueOf(db, actor.partnershipId, limit ?? 25);
  },
  audit: { read: 'triage_queue.viewed', subject: (items) => ({ type: 'referral', details: { count: items.length } }) },
});

/** How many referrals await triage (the queue shows the most pressing first). */
export const queueSize = useCase({
  name: 'triage.queueSize',
  permission: ['triage', 'read'],
  input: undefined,
  noTransaction: true,
  run: ({ db, actor }) => store.queueSize(db, actor.partnershipId),
  audit: { none: 'a count' },
});

/** A day's meeting (null when not started), with attendance and the suggested chair from the rota. */
export const triageMeeting = useCase({
  name: 'triage.meeting',
  permission: ['triage', 'read'],
  input: MeetingDay,
  async run({ db, actor }, { day }) {
    const meeting = await store.meetingOnDay(db, actor.partnershipId, day);
    const core = await store.coreAgencies(db, actor.partnershipId);
    const suggestedChair = nextChair(
      core.map((a) => a.id),
      await store.previousChairs(db, actor.partnershipId, day),
    );
    return {
      day,
      meeting,
      attendance: meeting ? await store.attendance(db, actor.partnershipId, meeting.id) : [],
      coreAgencies: core,
      suggestedChairAgencyId: meeting?.chair_agency_id ?? suggestedChair,
    };
  },
  audit: { none: 'the meeting’s chair and attendance: staff and agencies, no child' },
});

/** Starts (or updates) a day's meeting: chair and who attended for which agency. */
export const recordAttendance = useCase({
  name: 'triage.recordAttendance',
  permission: ['triage', 'create'],
  input: AttendanceInput,
  async run({ db, actor }, input) {
    const agencies = await store.activeAgencyIds(db, actor.partnershipId);
    const errors: FieldError[] = [];
    if (!agencies.includes(input.chairAgencyId)) errors.push({ field: 'chairAgencyId', message: 'Select the agency chairing the meeting' });
    if (!input.chairName.trim()) errors.push({ field: 'chairName', message: 'Enter the name of the chair' });
    if (input.attendees.some((a) => !agencies.includes(a.agencyId))) errors.push({ field: 'attendees', message: 'Select agencies of this partnership' });
    if (errors.length) throw new ValidationProblem(errors);
    const meeting = await store.meetingForDay(db, actor.partnershipId, input.day, actor.userId);
    const attendees = [...new Map(input.attendees.map((a) => [`${a.agencyId}|${a.name.trim()}`, { agencyId: a.agencyId, name: a.name.trim() }])).values()];
    await store.recordAttendance(db, actor.partnershipId, meeting.id, { agencyId: input.chairAgencyId, name: input.chairName.trim() }, attendees);
    return { meetingId: meeting.id, day: input.day, chairAgencyId: input.chairAgencyId, attendees: attendees.length };
  },
  audit: { change: 'triage_meeting.attendance_recorded', subject: ({ meetingId, ...details }) => ({ type: 'triage_meeting', id: meetingId, details }) },
});

async function decisionsOf(db: Db, partnershipId: string, referralId: string, now: Date): Promise<DecisionView[]> {
  const rows = await store.decisionsFor(db, partnershipId, referralId);
  const actions = await store.actions(db, partnershipId, { referralId, limit: 500 });
  return decisionViews(rows, actions, ukDate(now));
}

/**
 * Records a decision on a referral. It joins the given meeting, or the meeting of the day it was decided (created
 * when needed). A later decision supersedes earlier ones; all are kept. With an idempotency key a retry of the same
 * request returns the first decision (created: false); the same key with a different request is refused.
 */
export const recordDecision = useCase({
  name: 'triage.decide',
  permission: ['triage', 'create'],
  input: RecordDecisionInput,
  async run({ db, actor, now, call }, { idempotencyKey, ...input }): Promise<{ decision: DecisionView; personId: string; created: boolean }> {
    const { partnershipId } = actor;
    const referral = await referralInScope(db, actor, input.referralId, 'triage', 'create');
    const decidedAt = input.decidedAt ? new Date(input.decidedAt) : null;
    const errors = [
      ...validateDecision(input, ukDate(now), { agencyIds: await store.activeAgencyIds(db, partnershipId) }),
      ...decidedAtErrors(decidedAt, now, new Date(referral.received_at)),
    ];
    const meeting = input.meetingId ? await store.findMeeting(db, partnershipId, input.meetingId) : undefined;
    if (input.meetingId && !meeting) errors.push({ field: 'meetingId', message: 'There is no triage meeting with that id' });
    if (errors.length) throw new ValidationProblem(errors);
    const decided = async (id: string) => {
      const decision = (await decisionsOf(db, partnershipId, referral.id, now)).find((d) => d.id === id);
      if (!decision) throw notFound('The decision');
      return decision;
    };
    const id = randomUUID();
    if (idempotencyKey) {
      const earlier = await claimRetryKey(db, actor, idempotencyKey, id, input);
      if (earlier) {
        return { decision: await decided(earlier), personId: referral.person_id, created: false };
      }
    }
    const at = decidedAt ?? now;
    const meetingId = meeting?.id ?? (await store.meetingForDay(db, partnershipId, ukDate(at), actor.userId)).id;
    await store.insertDecision(
      db,
      {
        partnership_id: partnershipId,
        id,
        referral_id: referral.id,
        meeting_id: meetingId,
        outcome: input.outcome,
        category: input.category,
        rationale: input.rationale.trim(),
        decided_at: at,
        decided_by: actor.userId,
      },
      [],
    );
    // Each action joins the one tracker (src/modules/actions), with its `action.assigned` event.
    for (const a of input.actions ?? []) {
      await call(createAction, {
        sourceKind: 'triage',
        sourceId: id,
        referralId: referral.id,
        personId: referral.person_id,
        title: a.description,
        ownerAgencyId: a.ownerAgencyId,
        ...(a.ownerName?.trim() ? { ownerName: a.ownerName } : {}),
        dueOn: a.dueDate,
      });
    }
    await store.refreshStanding(db, partnershipId, referral.id);
    // The child's and the family's views as the meeting heard them.
    await recordVoice(db, actor, {
      personId: referral.person_id,
      recordedIn: 'triage_decision',
      recordId: id,
      childViews: input.childViews,
      familyViews: input.familyViews,
      at,
    });
    // The child's case opens (or reopens, or takes the new level) in the same transaction as the decision.
    await caseAfterDecision({ db, actor, call }, referral.person_id);
    return { decision: await decided(id), personId: referral.person_id, created: true };
  },
  audit: {
    change: 'triage_decision.recorded',
    subject: ({ decision: d, personId, created }) =>
      created
        ? {
            type: 'triage_decision',
            id: d.id,
            personId,
            details: { referralId: d.referralId, outcome: d.outcome, category: d.category, meetingId: d.meetingId, actions: d.actions.length },
          }
        : null,
  },
});

/** Every decision on a referral, newest first; the first stands and the rest are marked superseded. */
export const referralDecisions = useCase({
  name: 'triage.decisions',
  permission: ['triage', 'read'],
  input: ReferralRef,
  async run({ db, actor, now }, { id }) {
    const referral = await referralInScope(db, actor, id, 'triage', 'read');
    return { referralId: referral.id, personId: referral.person_id, decisions: await decisionsOf(db, actor.partnershipId, referral.id, now) };
  },
  audit: {
    read: 'triage_decision.listed',
    subject: (r) => ({ type: 'referral', id: r.referralId, personId: r.personId, details: { count: r.decisions.length } }),
  },
});

/** The hub's dashboard: the queue, overdue actions and recent decisions, audited as one read. */
export const hubDashboard = useCase({
  name: 'triage.dashboard',
  permission: ['triage', 'read'],
  input: undefined,
  async run({ db, actor, now }) {
    assertHubQueue(actor);
    const { partnershipId } = actor;
    const today = ukDate(now);
    const actionScope = requireScope(actor, 'action', 'read');
    const queue = await queueOf(db, partnershipId, 20);
    const size = await store.queueSize(db, partnershipId);
    const overdue = await store.actions(db, partnershipId, {
      ownerAgencyId: actionScope === 'partnership' ? null : actor.agencyId,
      openOnly: true,
      dueBefore: today,
      limit: 500,
    });
    const recent = await store.recentDecisions(db, partnershipId, 10);
    const overdueRequests = await overdueInformationRequests(db, partnershipId, today);
    return { queue, queueSize: size, overdue: overdue.map((a) => actionView(a, today)), recent: recent.map(recentDecisionView), overdueRequests };
  },
  audit: {
    read: 'hub_dashboard.viewed',
    subject: (d) => ({ type: 'referral', details: { queue: d.queue.length, overdue: d.overdue.length, recent: d.recent.length } }),
  },
});

/**
 * A referral's outcome for whoever may read the referral (seed 002: the referrer "heard nothing back"): the standing
 * decision (level of risk, category, when), a summary of its rationale (the whole for those who read triage), the
 * latest screening level, and the actions the actor's agency owns (all of them for the hub). Nothing else of the case.
 */
export const referralOutcome = useCase({
  name: 'triage.outcome',
  permission: ['referral', 'read'],
  input: ReferralRef,
  async run({ db, actor, now }, { id }) {
    const { partnershipId } = actor;
    const referral = await referralInScope(db, actor, id, 'referral', 'read');
    const facts = { referringAgencyId: referral.referring_agency_id };
    if (!mayReadReferralOutcome(actor, facts)) throw notFound('The referral');
    const today = ukDate(now);
    const [standing] = await store.decisionsFor(db, partnershipId, referral.id);
    const level = (await latestLevels(db, partnershipId, [referral.id])).get(referral.id);
    const actions = (await store.actions(db, partnershipId, { referralId: referral.id, limit: 500 }))
      .filter((a) => maySeeOutcomeAction(actor, { ownerAgencyId: a.owner_agency_id }))
      .map((a) => actionView(a, today));
    return {
      referralId: referral.id,
      personId: referral.person_id,
      decision: standing
        ? {
            outcome: standing.outcome,
            outcomeLabel: TRIAGE_OUTCOME_LABELS[standing.outcome as keyof typeof TRIAGE_OUTCOME_LABELS] ?? standing.outcome,
            category: standing.category,
            categoryLabel: TRIAGE_CATEGORY_LABELS[standing.category as keyof typeof TRIAGE_CATEGORY_LABELS] ?? standing.category,
            decidedAt: new Date(standing.decided_at),
            rationaleSummary: rationaleSummary(standing.rationale),
            rationale: mayReadFullRationale(actor, facts) ? standing.rationale : null,
          }
        : null,
      screening: level ? { level: level.level, levelLabel: levelWords(level.level as ScreeningLevel) } : null,
      actions,
    };
  },
  audit: {
    read: 'referral_outcome.viewed',
    subject: (o) => ({ type: 'referral', id: o.referralId, personId: o.personId, details: { decided: o.decision !== null, actions: o.actions.length } }),
  },
});
export type ReferralOutcome = Awaited<ReturnType<typeof referralOutcome.run>>;
