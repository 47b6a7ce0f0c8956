// Creating transition plans: from the case's own changes (a domain-event consumer, in the change's transaction) and
// from a daily sweep for people who reach 17 and a half while their case stays open.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent, EventConsumer } from '../../platform/events/events.ts';
import { ukDate } from '../../platform/time.ts';
import { recordChange } from '../../platform/usecase/run.ts';
import { TRANSITION_ACTION, transitionDue } from './domain.ts';
import * as store from './store.ts';

const SYSTEM = '00000000-0000-0000-0000-000000000000';
const CASE_EVENTS = new Set(['case.opened', 'case.reopened', 'case.allocated', 'case.status_changed', 'case.reviewed', 'case.risk_changed']);

/** Creates the person's transition plan action if it is due on `day` and not made before; true when created. */
export async function ensureTransitionPlan(tx: Db, partnershipId: string, personId: string, day: string, actor: DomainEvent['actor']): Promise<boolean> {
  const f = await store.transitionFacts(tx, partnershipId, personId);
  if (!f) return false;
  const due = transitionDue(
    {
      status: f.status,
      dateOfBirth: f.date_of_birth,
      decisionId: f.decision_id,
      referralId: f.referral_id,
      ownerAgencyId: f.owner_agency_id,
      planned: f.planned,
    },
    day,
  );
  if (!due) return false;
  const id = randomUUID();
  const created = await store.createPlanOnce(tx, partnershipId, {
    id,
    personId,
    ...due,
    description: TRANSITION_ACTION,
    ownerName: f.owner_name,
    createdBy: actor.id ?? SYSTEM,
  });
  if (created)
    await recordChange(tx, partnershipId, actor, 'transition_plan.created', {
      type: 'triage_action',
      id,
      personId,
      details: { description: TRANSITION_ACTION, dueDate: due.dueDate, ownerAgencyId: due.ownerAgencyId, referralId: due.referralId },
    });
  return created;
}

/** Registered with the use-case runner (services.ts): a change to an open case checks for a due transition plan. */
export const transitionConsumer: EventConsumer = async (tx, event) => {
  if (!CASE_EVENTS.has(event.name) || !event.personId) return;
  await ensureTransitionPlan(tx, event.partnershipId, event.personId, ukDate(event.at), event.actor);
};

/** Everyone whose open case needs a transition plan on `day` (17 and a half to 18): the daily sweep. */
export async function planDueTransitions(tx: Db, partnershipId: string, day: string, actor: DomainEvent['actor']): Promise<number> {
  let created = 0;
  for (const personId of await store.unplannedOpenCases(tx, partnershipId, day))
    if (await ensureTransitionPlan(tx, partnershipId, personId, day, actor)) created++;
  return created;
}
