// The daily sweep for transition plans: run by the server itself (sweep.ts), and by POST /api/v1/cases/transition-plans.
import { auditActor } from '../../platform/access/actor.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { planDueTransitions } from './plans.ts';

export const planTransitions = useCase({
  name: 'transition.plan_due',
  permission: ['case', 'manage'],
  input: undefined,
  async run({ db, actor, now }) {
    return { created: await planDueTransitions(db, actor.partnershipId, ukDate(now), auditActor(actor)) };
  },
  audit: { none: 'each plan it creates is its own change (transition_plan.created) about that person' },
});
