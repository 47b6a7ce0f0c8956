// Support services and onward referrals (issue 19.1): service types, the referral's statuses and which step may
// follow which, outcomes, waiting time (sent to started) and the report's median. Pure: no database, no clock.
import type { FieldError } from '../../platform/http/problems.ts';
import { daysBetween } from '../../platform/time.ts';

export const SERVICE_TYPES = ['specialist_cse_cce', 'counselling', 'camhs', 'sarc', 'youth_work', 'mentoring', 'other'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABELS: Readonly<Record<ServiceType, string>> = {
  specialist_cse_cce: 'Specialist CSE/CCE service',
  counselling: 'Counselling',
  camhs: 'CAMHS',
  sarc: 'Sexual assault referral centre',
  youth_work: 'Youth work',
  mentoring: 'Mentoring',
  other: 'Other',
};

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'started', 'ended'] as const;
export type SupportStatus = (typeof REFERRAL_STATUSES)[number];
export const STATUS_LABELS: Readonly<Record<SupportStatus, string>> = {
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
  started: 'Started',
  ended: 'Ended',
};

export const OUTCOMES = ['engaged_completed', 'disengaged', 'moved_away', 'other'] as const;
export type SupportOutcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Readonly<Record<SupportOutcome, string>> = {
  engaged_completed: 'Engaged and completed',
  disengaged: 'Disengaged',
  moved_away: 'Moved away',
  other: 'Other',
};

export type Step = 'accept' | 'decline' | 'start' | 'end';
/** The status each step needs before it, and the one it leaves. */
const STEPS: Readonly<Record<Step, { from: SupportStatus; to: SupportStatus }>> = {
  accept: { from: 'sent', to: 'accepted' },
  decline: { from: 'sent', to: 'declined' },
  start: { from: 'accepted', to: 'started' },
  end: { from: 'started', to: 'ended' },
};

/** The status after the step, or null when the step cannot follow the current status. */
export const nextStatus = (status: string, step: Step): SupportStatus | null => (STEPS[step].from === status ? STEPS[step].to : null);

/** A decline needs its reason; an outcome of "other" needs its note; no step dates before the referral was sent. */
export function stepErrors(step: Step, input: { reason?: string; outcome?: string; note?: string; on: string }, sentOn: string): FieldError[] {
  const errors: FieldError[] = [];
  if (step === 'decline' && !input.reason?.trim()) errors.push({ field: 'reason', message: 'Say why the referral is declined' });
  if (step === 'end' && !input.outcome) errors.push({ field: 'outcome', message: 'Select the outcome' });
  if (step === 'end' && input.outcome === 'other' && !input.note?.trim()) errors.push({ field: 'note', message: 'Describe the outcome' });
  if (input.on < sentOn) errors.push({ field: 'on', message: 'The date must be on or after the day the referral was sent' });
  return errors;
}

/** Waiting time in days: sent to started; null until it starts. */
export const waitingDays = (sentOn: string, startedOn: string | null) => (startedOn ? daysBetween(sentOn, startedOn) : null);

/** The median of whole days (the mean of the middle two when even), null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const REASON_MAX = 2000;
