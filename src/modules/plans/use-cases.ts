// The child's multi-agency plan (issue 12.4): goals, who does what by when (actions in the tracker, linked to the
// plan), and a review at each meeting. Read by those who may read the case; changed by those who work it.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { assertMayOnCase, maySeePlanAction } from '../../platform/access/rules.ts';
import { typed } from '../../platform/audit/typed.ts';
import type { Db } from '../../platform/db/connect.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import * as actionStore from '../actions/store.ts';
import { createAction } from '../actions/use-cases.ts';
import { actionView } from '../actions/view.ts';
import { PersonRef } from '../cases/schemas.ts';
import { caseFacts } from '../cases/use-cases/read.ts';
import { GoalInput, PlanActionInput, ReviewInput } from './schemas.ts';
import * as store from './store.ts';

/** The child's plan, its goals and reviews, and every action on the child the actor may see (the plan's first). */
export async function planOfPerson(db: Db, actor: Actor, personId: string, now: Date) {
  const facts = await caseFacts(db, actor, personId, { caseWorker: true });
  assertMayOnCase(actor, 'read', facts);
  const plan = await store.planOf(db, actor.partnershipId, personId);
  const [goals, reviews, rows] = await Promise.all([
    plan ? store.goalsOf(db, actor.partnershipId, plan.id) : [],
    plan ? store.reviewsOf(db, actor.partnershipId, plan.id) : [],
    actionStore.listActions(db, actor.partnershipId, { personId, limit: 500 }),
  ]);
  const today = ukDate(now);
  const actions = rows.rows
    .filter((a) => maySeePlanAction(actor, facts, { ownerAgencyId: a.owner_agency_id }))
    .map((a) => actionView(a, today))
    .sort(
      (a, b) =>
        Number(b.planId === plan?.id) - Number(a.planId === plan?.id) ||
        Number(b.status === 'open' || b.status === 'in_progress') - Number(a.status === 'open' || a.status === 'in_progress'),
    );
  return {
    personId,
    planId: plan?.id ?? null,
    goals: goals.map((g) => ({ id: g.id, description: g.description, targetDate: g.target_date, status: g.status })),
    reviews: reviews.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, meetingId: r.meeting_id, summary: r.summary, recordedBy: r.recorded_by_name })),
    actions,
    caseWorker: !!facts.caseWorker,
  };
}

export const personPlan = useCase({
  name: 'plans.get',
  permission: ['case', 'read'],
  input: PersonRef,
  run: ({ db, actor, now }, { personId }) => planOfPerson(db, actor, personId, now),
  audit: {
    read: 'plan.viewed',
    subject: (p) => ({ type: 'case_plan', id: p.planId, personId: p.personId, details: { goals: p.goals.length, actions: p.actions.length } }),
  },
});

async function planToChange(db: Db, actor: Actor, personId: string) {
  assertMayOnCase(actor, 'update', await caseFacts(db, actor, personId, { caseWorker: true }));
  return store.ensurePlan(db, actor.partnershipId, personId, actor.userId);
}

export const addGoal = useCase({
  name: 'plans.add_goal',
  permission: ['case', 'update'],
  input: GoalInput,
  async run({ db, actor }, input) {
    const planId = await planToChange(db, actor, input.personId);
    const id = input.id ?? randomUUID();
    const before = (await store.goalsOf(db, actor.partnershipId, planId)).length;
    await store.insertGoal(db, actor.partnershipId, planId, {
      id,
      description: input.description.trim(),
      targetDate: input.targetDate ?? null,
      by: actor.userId,
    });
    const added = (await store.goalsOf(db, actor.partnershipId, planId)).length > before;
    return { id, planId, personId: input.personId, description: input.description.trim(), targetDate: input.targetDate ?? null, added };
  },
  audit: {
    change: 'plan.goal_added',
    subject: (g) =>
      g.added
        ? { type: 'case_plan', id: g.planId, personId: g.personId, details: { goalId: g.id, description: typed(g.description), targetDate: g.targetDate } }
        : null,
  },
});

export const recordPlanReview = useCase({
  name: 'plans.record_review',
  permission: ['case', 'update'],
  input: ReviewInput,
  async run({ db, actor }, input) {
    const planId = await planToChange(db, actor, input.personId);
    const id = input.id ?? randomUUID();
    const before = (await store.reviewsOf(db, actor.partnershipId, planId)).length;
    await store.insertReview(db, actor.partnershipId, planId, {
      id,
      reviewedOn: input.reviewedOn,
      meetingId: input.meetingId ?? null,
      summary: input.summary.trim(),
      by: actor.userId,
    });
    const added = (await store.reviewsOf(db, actor.partnershipId, planId)).length > before;
    return { id, planId, personId: input.personId, reviewedOn: input.reviewedOn, meetingId: input.meetingId ?? null, added };
  },
  audit: {
    change: 'plan.reviewed',
    subject: (r) =>
      r.added ? { type: 'case_plan', id: r.planId, personId: r.personId, details: { reviewId: r.id, reviewedOn: r.reviewedOn, meetingId: r.meetingId } } : null,
  },
});

/** Who does what by when: an action in the tracker, linked to the plan (its `action.assigned` tells the owner). */
export const addPlanAction = useCase({
  name: 'plans.add_action',
  permission: ['case', 'update'],
  input: PlanActionInput,
  async run({ db, actor, call }, input) {
    const planId = await planToChange(db, actor, input.personId);
    const { personId, ...rest } = input;
    return call(createAction, { ...rest, sourceKind: 'plan', sourceId: planId, planId, personId });
  },
  audit: { none: 'the action it creates is its own change (action.assigned) about the child' },
});
