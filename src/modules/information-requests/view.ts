// An information request as the pages and the API show it: who it is about (name, date of birth), never the case.
import { requestState, STATE_LABELS } from './domain.ts';
import type { RequestRow } from './store.ts';

export function requestView(r: RequestRow, today: string) {
  const state = requestState({ status: r.status, dueDate: r.due_date }, today);
  return {
    id: r.id,
    referralId: r.referral_id,
    referralReference: r.reference,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    question: r.question,
    dueDate: r.due_date,
    status: r.status,
    state,
    stateLabel: STATE_LABELS[state],
    overdue: state === 'overdue',
    answer: r.answer,
    answeredAt: r.answered_at ? new Date(r.answered_at) : null,
    answeredBy: r.answered_by_name,
    askedBy: r.created_by_name,
    createdAt: new Date(r.created_at),
  };
}
export type RequestView = ReturnType<typeof requestView>;

/** The API's shape (InformationRequestSchema): the person is a name and a date of birth only. */
export const requestJson = (r: RequestView) => ({
  id: r.id,
  referralId: r.referralId,
  referralReference: r.referralReference,
  person: { name: r.personName, dateOfBirth: r.dateOfBirth },
  agencyId: r.agencyId,
  agencyName: r.agencyName,
  question: r.question,
  dueDate: r.dueDate,
  status: r.status,
  overdue: r.overdue,
  answer: r.answer,
  answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
  answeredBy: r.answeredBy,
  askedBy: r.askedBy,
  createdAt: r.createdAt.toISOString(),
});
