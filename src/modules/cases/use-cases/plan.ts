// The child's plan: the multi-agency plan and every action on the child in the tracker, and the choices the case forms offer.
import { useCase } from '../../../platform/usecase/usecase.ts';
import { planOfPerson } from '../../plans/use-cases.ts';
import { PersonRef } from '../schemas.ts';
import * as store from '../store.ts';
import { closureReasonsOf } from './read.ts';

export const personActions = useCase({
  name: 'cases.actions',
  permission: ['case', 'read'],
  input: PersonRef,
  async run({ db, actor, now }, { personId }) {
    // The tracker's actions on the child and the child's multi-agency plan (src/modules/plans).
    const plan = await planOfPerson(db, actor, personId, now);
    return { personId, items: plan.actions, caseWorker: plan.caseWorker, planId: plan.planId, goals: plan.goals, reviews: plan.reviews };
  },
  audit: {
    read: 'case_actions.viewed',
    subject: (r) => ({ type: 'triage_action', personId: r.personId, details: { count: r.items.length, goals: r.goals.length } }),
  },
});

/** What the case forms offer: the partnership's agencies, its active users, and its closing reasons. */
export const caseOptions = useCase({
  name: 'cases.options',
  permission: ['case', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const [agencies, users, closureReasons] = await Promise.all([
      store.activeAgencies(db, actor.partnershipId),
      store.activeUsers(db, actor.partnershipId),
      closureReasonsOf(db, actor.partnershipId),
    ]);
    return { agencies, users: users.map((u) => ({ id: u.id, name: u.name, agencyName: u.agency_name })), closureReasons };
  },
  audit: { none: 'reference data: agencies, staff and closing reasons' },
});
