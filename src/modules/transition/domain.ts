// "Bridging the Gap" (seed 004, 17 to 25): when a case is open for someone 17 years 6 months or older and not yet 18,
// one "Transition plan to adult services" action, owned by the allocated worker's agency (else the lead agency),
// due on the 18th birthday. Pure.
import { birthdayAt, turnsEighteen } from '../people/domain.ts';

export const TRANSITION_ACTION = 'Transition plan to adult services';
const OPEN = ['open', 'under_review'];

export interface TransitionCase {
  status: string;
  dateOfBirth: string | null;
  decisionId: string | null;
  referralId: string | null;
  ownerAgencyId: string | null;
  planned: boolean;
}

/** The action to create on `day`, or why not (already planned, not open, not yet 17 and a half, no owner). */
export function transitionDue(c: TransitionCase, day: string): { dueDate: string; ownerAgencyId: string; decisionId: string; referralId: string } | null {
  if (c.planned || !OPEN.includes(c.status) || !turnsEighteen(c.dateOfBirth, day)) return null;
  if (!c.decisionId || !c.referralId || !c.ownerAgencyId) return null;
  return { dueDate: birthdayAt(c.dateOfBirth as string, 18), ownerAgencyId: c.ownerAgencyId, decisionId: c.decisionId, referralId: c.referralId };
}
