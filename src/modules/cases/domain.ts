// Case rules, pure: which triage outcomes open a case, review intervals, status changes and closing reasons.

import type { FieldError } from '../../platform/http/problems.ts';
import { addDays } from '../../platform/time.ts';

export const CASE_STATUSES = ['open', 'under_review', 'stepped_down', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  open: 'Open',
  under_review: 'Under review',
  stepped_down: 'Stepped down',
  closed: 'Closed',
};
export const isCaseStatus = (v: unknown): v is CaseStatus => typeof v === 'string' && (CASE_STATUSES as readonly string[]).includes(v);

export const RISK_LEVELS = ['high', 'medium', 'low', 'no_risk'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = { high: 'High', medium: 'Medium', low: 'Low', no_risk: 'No risk' };
export const riskLabel = (r: string) => RISK_LEVEL_LABELS[r as RiskLevel] ?? r;

/** A referral is accepted at triage when the meeting grades a risk; "no risk" and "returned" open nothing. */
export const ACCEPTED_OUTCOMES = ['low', 'medium', 'high'] as const;
export const isAccepted = (outcome: string) => (ACCEPTED_OUTCOMES as readonly string[]).includes(outcome);

/** Weeks between reviews by risk level; a partnership may set its own (case_review_interval). */
export type ReviewIntervals = Readonly<Record<RiskLevel, number>>;
export const DEFAULT_REVIEW_WEEKS: ReviewIntervals = { high: 4, medium: 6, low: 12, no_risk: 12 };

export function reviewDue(from: string, level: string, weeks: ReviewIntervals = DEFAULT_REVIEW_WEEKS): string {
  return addDays(from, 7 * (weeks[level as RiskLevel] ?? DEFAULT_REVIEW_WEEKS.low));
}

export const isReviewOverdue = (due: string | null, status: string, today: string) => status !== 'closed' && due !== null && due < today;

export interface ClosureReason {
  code: string;
  label: string;
  needsDetail: boolean;
}
/** The closing reasons a partnership starts with; it may add its own (case_closure_reason). */
export const DEFAULT_CLOSURE_REASONS: readonly ClosureReason[] = [
  { code: 'risk_reduced', label: 'Risk reduced', needsDetail: false },
  { code: 'moved_away', label: 'Moved away', needsDetail: false },
  { code: 'turned_18', label: 'Turned 18 and handed to adult services', needsDetail: false },
  { code: 'other', label: 'Other', needsDetail: true },
];

/** Status changes a person may make on a page (closing has its own rule; reopening comes from a new referral). */
export function statusChangeErrors(from: string, to: string, reason: string): FieldError[] {
  if (from === 'closed') return [{ field: 'status', message: 'This case is closed: it reopens when a new referral is accepted at triage' }];
  if (to === 'closed') return [{ field: 'status', message: 'Close the case with a closing reason' }];
  if (to === from) return [{ field: 'status', message: `The case is already ${CASE_STATUS_LABELS[from as CaseStatus].toLowerCase()}` }];
  if (to !== 'open' && !reason.trim()) return [{ field: 'reason', message: 'Enter why the status is changing' }];
  return [];
}

export function closureErrors(status: string, reasons: readonly ClosureReason[], code: string, detail: string): FieldError[] {
  if (status === 'closed') return [{ field: 'reason', message: 'This case is already closed' }];
  const reason = reasons.find((r) => r.code === code);
  if (!reason) return [{ field: 'reason', message: 'Select why the case is closing' }];
  if (reason.needsDetail && !detail.trim()) return [{ field: 'detail', message: 'Enter why the case is closing' }];
  return [];
}

export function reviewErrors(notes: string, nextDue: string | undefined, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!notes.trim()) errors.push({ field: 'notes', message: 'Enter what the review found' });
  if (nextDue !== undefined && nextDue <= today) errors.push({ field: 'nextReviewDue', message: 'The next review must be after today' });
  return errors;
}

/** Age bands the hub filters by (years completed on the day). */
export const AGE_BANDS = ['0-9', '10-13', '14-15', '16-17', '18-24', '25+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  '0-9': 'Under 10',
  '10-13': '10 to 13',
  '14-15': '14 to 15',
  '16-17': '16 to 17',
  '18-24': '18 to 24',
  '25+': '25 and over',
};
export const isAgeBand = (v: unknown): v is AgeBand => typeof v === 'string' && (AGE_BANDS as readonly string[]).includes(v);

/** Born within (after, onOrBefore]: someone aged min..max years today, as a date range for an index. */
export function ageBandBirthRange(band: AgeBand, today: string): { bornAfter: string | null; bornOnOrBefore: string } {
  const [min, max] = band === '25+' ? [25, null] : band.split('-').map(Number);
  // 29 February has no twin in most years: the 28th stands in.
  const yearsAgo = (n: number) => `${String(Number(today.slice(0, 4)) - n).padStart(4, '0')}${today.slice(4) === '-02-29' ? '-02-28' : today.slice(4)}`;
  return { bornOnOrBefore: yearsAgo(min as number), bornAfter: max === null ? null : yearsAgo((max as number) + 1) };
}

/** The list's sex filter, in the people module's words. */
export const SEX_LABELS: Readonly<Record<string, string>> = { female: 'Female', male: 'Male', unknown: 'Not known' };
