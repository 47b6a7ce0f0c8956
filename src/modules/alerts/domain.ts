// Cumulative concern (issue 19.5): when enough distinct agencies raise concerns about one child or one context
// within a window, the hub is alerted with what added up. Pure: no I/O.
import type { FieldError } from '../../platform/http/problems.ts';

export const ALERT_KINDS = ['cumulative_concern'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = { cumulative_concern: 'Cumulative concern' };

/** What an agency did that counts as raising a concern. */
export const SIGNAL_KINDS = ['referral', 'intelligence', 'missing_episode', 'information_request'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export const SIGNAL_KIND_LABELS: Readonly<Record<SignalKind, string>> = {
  referral: 'Referral',
  intelligence: 'Intelligence',
  missing_episode: 'Missing episode',
  information_request: 'Information request answered',
};

/** The domain events that raise a concern, and the signal kind each makes. */
export const CONCERN_EVENTS: Readonly<Record<string, SignalKind>> = {
  'referral.created': 'referral',
  'intelligence_item.recorded': 'intelligence',
  'missing_episode.created': 'missing_episode',
  'information_request.answered': 'information_request',
  // About a context (decision 0024 "Alerts about a context"): its referral; intelligence linking its entity is the item's event.
  'context.referred': 'referral',
};

/** What an alert or a signal is about: a child or a context (never both). */
export type Subject = { personId: string; contextId?: undefined } | { contextId: string; personId?: undefined };
export const subjectColumn = (s: Subject): 'context_id' | 'person_id' => (s.contextId ? 'context_id' : 'person_id');
export const subjectId = (s: Subject): string => s.contextId ?? s.personId!;

export interface CumulativeConcernRule {
  minAgencies: number;
  windowDays: number;
}
export const DEFAULT_RULE: CumulativeConcernRule = { minAgencies: 3, windowDays: 28 };
export const MIN_AGENCIES_RANGE = [2, 20] as const;
export const WINDOW_DAYS_RANGE = [1, 365] as const;
export const REASON_MAX = 2000;

export interface Signal {
  id: string;
  agencyId: string;
  at: Date;
}

const DAY = 86_400_000;

/** The earliest moment a signal may be from and still count at `now` (exclusive). */
export function windowStart(now: Date, rule: CumulativeConcernRule): Date {
  return new Date(now.getTime() - rule.windowDays * DAY);
}

/**
 * The rule at `now`: the signals within the window, the distinct agencies that raised them (in the order they
 * first did) and whether there are enough of them.
 */
export function cumulativeConcern(signals: readonly Signal[], rule: CumulativeConcernRule, now: Date) {
  const from = windowStart(now, rule).getTime();
  const within = signals.filter((s) => s.at.getTime() > from).sort((a, b) => a.at.getTime() - b.at.getTime());
  const agencies = [...new Set(within.map((s) => s.agencyId))];
  return { met: agencies.length >= rule.minAgencies, agencies, signals: within };
}

/** A dismissal needs its reason: the hub's judgement is part of the child's record. */
export function dismissErrors(reason: string | undefined): FieldError[] {
  const text = (reason ?? '').trim();
  if (!text) return [{ field: 'reason', message: 'Say why the alert is dismissed' }];
  if (text.length > REASON_MAX) return [{ field: 'reason', message: `The reason must be ${REASON_MAX} characters or fewer` }];
  return [];
}
