// Information requests: the hub asks a named agency what it holds about the person a referral is about. Pure rules.
import type { FieldError } from '../../platform/http/problems.ts';
import { addDays } from '../../platform/time.ts';

export const REQUEST_STATUSES = { outstanding: 'Outstanding', answered: 'Answered' } as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;

/** The due date offered on the form: three working days is the usual turnaround before the next triage meeting. */
export const defaultDueDate = (today: string) => addDays(today, 3);

/** Outstanding after its due date. */
export const isOverdue = (r: { status: string; dueDate: string }, today: string) => r.status === 'outstanding' && r.dueDate < today;

/** The tag a list shows: overdue is outstanding past its due date. */
export function requestState(r: { status: string; dueDate: string }, today: string): 'answered' | 'overdue' | 'outstanding' {
  if (r.status === 'answered') return 'answered';
  return isOverdue(r, today) ? 'overdue' : 'outstanding';
}

export const STATE_LABELS = { answered: 'Answered', overdue: 'Overdue', outstanding: 'Outstanding' } as const;

/** Checks the schema cannot make: who is asked, a question with words in it, and a due date not in the past. */
export function checkRequest(input: { agencyIds: string[]; question: string; dueDate: string }, today: string, activeAgencyIds: string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (input.agencyIds.length === 0) errors.push({ field: 'agencyIds', message: 'Select the agencies to ask' });
  else if (input.agencyIds.some((id) => !activeAgencyIds.includes(id))) errors.push({ field: 'agencyIds', message: 'Select agencies of this partnership' });
  if (!input.question.trim()) errors.push({ field: 'question', message: 'Enter what you want to know' });
  if (input.dueDate < today) errors.push({ field: 'dueDate', message: 'The due date must be today or in the future' });
  return errors;
}

export function checkAnswer(answer: string): FieldError[] {
  return answer.trim() ? [] : [{ field: 'answer', message: 'Enter what your agency holds about the person, or that it holds nothing' }];
}
