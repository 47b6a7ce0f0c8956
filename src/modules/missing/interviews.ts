// Return home interviews: offered to every child on return, due within 72 hours (DfE statutory guidance 2014).
// The deadline is 72 elapsed hours from the instant of return, so a clock change does not move it.
import type { FieldError } from './episodes.ts';

export const INTERVIEW_DUE_HOURS = 72;
const HOUR_MS = 3_600_000;

export const DECLINE_REASONS = ['child_declined', 'parent_refused_consent', 'could_not_be_located', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Readonly<Record<DeclineReason, string>> = {
  child_declined: 'Child declined',
  parent_refused_consent: 'Parent or carer refused consent',
  could_not_be_located: 'Child could not be located',
  other: 'Other reason',
};

export const INTERVIEW_STATUSES = ['not_due', 'due', 'due_soon', 'overdue', 'completed_in_time', 'completed_late', 'declined'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];
export const INTERVIEW_STATUS_LABELS: Readonly<Record<InterviewStatus, string>> = {
  not_due: 'Not yet returned',
  due: 'Due',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  completed_in_time: 'Completed within 72 hours',
  completed_late: 'Completed after 72 hours',
  declined: 'Declined',
};

/** The RAG colour a page shows for each status (`none` once there is nothing left to chase). */
export const INTERVIEW_STATUS_RAG: Readonly<Record<InterviewStatus, 'green' | 'amber' | 'red' | 'none'>> = {
  not_due: 'none',
  due: 'green',
  due_soon: 'amber',
  overdue: 'red',
  completed_in_time: 'none',
  completed_late: 'none',
  declined: 'none',
};

/** The instant by which the interview should be completed. */
export function interviewDeadline(returnedAt: Date): Date {
  return new Date(returnedAt.getTime() + INTERVIEW_DUE_HOURS * HOUR_MS);
}

export interface InterviewStatusInput {
  returnedAt?: Date | null;
  completedAt?: Date | null;
  declinedAt?: Date | null;
  now: Date;
  /** Hours before the deadline at which a due interview turns amber. */
  dueSoonHours?: number;
}

/**
 * Where an interview stands. Completion wins over a decline (a child may decline, then take it up later). Completed
 * exactly at the deadline is in time; still open exactly at the deadline is due soon, overdue only after it.
 */
export function interviewStatus({ returnedAt, completedAt, declinedAt, now, dueSoonHours = 24 }: InterviewStatusInput): InterviewStatus {
  if (!returnedAt) return 'not_due';
  const deadline = interviewDeadline(returnedAt).getTime();
  if (completedAt) return completedAt.getTime() <= deadline ? 'completed_in_time' : 'completed_late';
  if (declinedAt) return 'declined';
  const t = now.getTime();
  if (t > deadline) return 'overdue';
  if (t >= deadline - dueSoonHours * HOUR_MS) return 'due_soon';
  return 'due';
}

export interface InterviewInput {
  /** The episode's return, or null/undefined if the child has not returned. */
  episodeReturnedAt?: Date | null;
  offeredAt?: Date | null;
  completedAt?: Date | null;
  declinedAt?: Date | null;
  declineReason?: unknown;
  /** Required when the reason is `other`. */
  declineReasonDetail?: unknown;
}

/** Field errors for recording an interview's offer, completion or decline. With `now`, future times are refused. */
export function validateInterview(input: InterviewInput, now?: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.episodeReturnedAt) {
    return [{ field: 'episode', message: 'Record the child’s return before recording a return home interview' }];
  }
  const returned = input.episodeReturnedAt;
  const named: [keyof InterviewInput, string][] = [
    ['offeredAt', 'Date offered'],
    ['completedAt', 'Date completed'],
    ['declinedAt', 'Date declined'],
  ];
  for (const [field, name] of named) {
    const v = input[field];
    if (v === undefined || v === null) continue;
    if (!(v instanceof Date) || Number.isNaN(v.getTime())) errors.push({ field, message: `${name} must be a real date and time` });
    else if (now && v > now) errors.push({ field, message: `${name} must not be in the future` });
  }
  if (errors.length > 0) return errors;

  const { offeredAt, completedAt, declinedAt } = input;
  if (!offeredAt && (completedAt || declinedAt)) {
    errors.push({ field: 'offeredAt', message: 'Enter when the interview was offered' });
  }
  if (offeredAt && offeredAt < returned) {
    errors.push({ field: 'offeredAt', message: 'Date offered must be after the child returned' });
  }
  if (completedAt && offeredAt && completedAt < offeredAt) {
    errors.push({ field: 'completedAt', message: 'Date completed must be after the date offered' });
  }
  if (declinedAt && offeredAt && declinedAt < offeredAt) {
    errors.push({ field: 'declinedAt', message: 'Date declined must be after the date offered' });
  }
  if (declinedAt && completedAt && declinedAt > completedAt) {
    errors.push({ field: 'declinedAt', message: 'An interview that has been completed cannot then be declined' });
  }
  if (declinedAt) {
    if (input.declineReason === undefined || input.declineReason === null || input.declineReason === '') {
      errors.push({ field: 'declineReason', message: 'Select why the interview did not take place' });
    } else if (!(DECLINE_REASONS as readonly unknown[]).includes(input.declineReason)) {
      errors.push({ field: 'declineReason', message: 'Select a reason from the list' });
    } else if (input.declineReason === 'other' && (typeof input.declineReasonDetail !== 'string' || input.declineReasonDetail.trim() === '')) {
      errors.push({ field: 'declineReasonDetail', message: 'Enter the reason the interview did not take place' });
    }
  } else if (input.declineReason !== undefined && input.declineReason !== null && input.declineReason !== '') {
    errors.push({ field: 'declinedAt', message: 'Enter when the interview was declined' });
  }
  return errors;
}

export const INTERVIEW_RECORD_STATUS_LABELS: Readonly<Record<string, string>> = {
  offered: 'Offered, not yet held',
  completed: 'Interview held',
  declined: 'Did not take place',
};

const INTERVIEW_FIELD_LABELS: Readonly<Record<string, string>> = {
  offeredAt: 'Date offered',
  offeredBy: 'Offered by',
  completedAt: 'Date of the interview',
  completedBy: 'Interviewer',
  declinedAt: 'Date declined',
  declineReason: 'Why it did not take place',
  declineReasonDetail: 'Details of the reason',
  whereWent: 'Where the child went',
  whoWith: 'Who they were with',
  travel: 'How they travelled',
  pushFactors: 'Push factors',
  pullFactors: 'Pull factors',
  disclosures: 'Disclosures',
  nextSteps: 'What happens next',
};
const TEXT_FIELDS = new Set([
  'offeredBy',
  'completedBy',
  'declineReasonDetail',
  'whereWent',
  'whoWith',
  'travel',
  'pushFactors',
  'pullFactors',
  'disclosures',
  'nextSteps',
]);

/**
 * What a change to an interview changed, in words, for the audit trail and the child's chronology: the status and
 * dates with their new values; for the free-text answers only whether they were recorded, changed or removed (the
 * words themselves stay in the record, not in the trail).
 */
export function describeInterviewChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  changed: string[],
  format: (d: Date) => string,
): string[] {
  return changed.map((field) => {
    const was = before[field];
    const now = after[field];
    if (field === 'status') return `Status: ${INTERVIEW_RECORD_STATUS_LABELS[String(now)] ?? String(now)}`;
    const label = INTERVIEW_FIELD_LABELS[field] ?? field;
    if (now === null || now === undefined || now === '') return `${label}: removed`;
    if (TEXT_FIELDS.has(field)) return `${label}: ${was ? 'changed' : 'recorded'}`;
    if (now instanceof Date) return `${label}: ${format(now)}`;
    if (field === 'declineReason') return `${label}: ${DECLINE_REASON_LABELS[now as DeclineReason] ?? String(now)}`;
    return `${label}: ${String(now)}`;
  });
}
