// Missing episodes: vocabulary, validation, duration and the repeat-missing rule. Times are instants (Date, UTC
// underneath), so elapsed time is right across the clock changes; show them to people with ukDateTime.

import type { FieldError } from '../../platform/http/problems.ts';

export type { FieldError };

// SSDA903 codes M and A: whereabouts unknown, or known but not where the child should be (looked-after children).
export const CLASSIFICATIONS = ['missing', 'away_without_authorisation'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_LABELS: Readonly<Record<Classification, string>> = {
  missing: 'Missing',
  away_without_authorisation: 'Away from placement without authorisation',
};

export const POLICE_RISK_GRADES = ['no_apparent_risk', 'low', 'medium', 'high'] as const;
export type PoliceRiskGrade = (typeof POLICE_RISK_GRADES)[number];
export const POLICE_RISK_GRADE_LABELS: Readonly<Record<PoliceRiskGrade, string>> = {
  no_apparent_risk: 'No apparent risk',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/** Raw episode as from a form or API body (times already converted to instants, e.g. with ukLocalToInstant). */
export interface EpisodeInput {
  classification?: unknown;
  riskGrade?: unknown;
  lastSeenAt?: Date | null;
  reportedAt?: Date | null;
  returnedAt?: Date | null;
}

function validDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** Field errors for a missing episode (empty when valid). With `now`, times in the future are refused. */
export function validateEpisode(input: EpisodeInput, now?: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!(CLASSIFICATIONS as readonly unknown[]).includes(input.classification)) {
    errors.push({ field: 'classification', message: 'Select missing or away from placement without authorisation' });
  }
  if (!(POLICE_RISK_GRADES as readonly unknown[]).includes(input.riskGrade)) {
    errors.push({ field: 'riskGrade', message: 'Select the police risk grade' });
  }
  const times: [keyof EpisodeInput, string][] = [
    ['lastSeenAt', 'Time last seen'],
    ['reportedAt', 'Time reported missing'],
    ['returnedAt', 'Time returned'],
  ];
  const ok: Partial<Record<keyof EpisodeInput, Date>> = {};
  for (const [field, name] of times) {
    const v = input[field];
    if (v === undefined || v === null) {
      if (field === 'reportedAt') errors.push({ field, message: 'Enter the date and time the child was reported missing' });
    } else if (!validDate(v)) {
      errors.push({ field, message: `${name} must be a real date and time` });
    } else if (now && v.getTime() > now.getTime()) {
      errors.push({ field, message: `${name} must not be in the future` });
    } else {
      ok[field] = v;
    }
  }
  const { lastSeenAt, reportedAt, returnedAt } = ok;
  if (lastSeenAt && reportedAt && lastSeenAt > reportedAt) {
    errors.push({ field: 'lastSeenAt', message: 'Time last seen must be before the time reported missing' });
  }
  if (returnedAt && reportedAt && returnedAt < reportedAt) {
    errors.push({ field: 'returnedAt', message: 'Time returned must be after the time reported missing' });
  } else if (returnedAt && lastSeenAt && returnedAt < lastSeenAt) {
    errors.push({ field: 'returnedAt', message: 'Time returned must be after the time last seen' });
  }
  return errors;
}

export interface Duration {
  totalMinutes: number;
  hours: number;
  minutes: number;
}

/** Elapsed time from report to return (whole minutes, rounded down). Elapsed, not wall-clock: 10:00 to 10:00 across the March change is 23 hours. */
export function episodeDuration(reportedAt: Date, returnedAt: Date): Duration {
  const ms = returnedAt.getTime() - reportedAt.getTime();
  if (Number.isNaN(ms)) throw new RangeError('episodeDuration: invalid Date');
  if (ms < 0) throw new RangeError('episodeDuration: returned before reported');
  const totalMinutes = Math.floor(ms / 60_000);
  return { totalMinutes, hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

/** "1 day 2 hours 5 minutes" style text for a duration; "less than a minute" for 0. */
export function formatDuration(d: Duration): string {
  const days = Math.floor(d.hours / 24);
  const parts: [number, string][] = [
    [days, 'day'],
    [d.hours % 24, 'hour'],
    [d.minutes, 'minute'],
  ];
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
  return text || 'less than a minute';
}

/** Local threshold, e.g. 3 episodes within 30 days triggers a strategy meeting. Configuration, not law. */
export interface RepeatMissingRule {
  episodes: number;
  withinDays: number;
}

export const DEFAULT_REPEAT_MISSING_RULE: RepeatMissingRule = { episodes: 3, withinDays: 30 };

const DAY_MS = 86_400_000;

/**
 * Whether the child meets the rule at instant `at`: at least `episodes` reports in the window of `withinDays` x 24
 * hours ending at `at` (both ends included). Reports after `at` are ignored.
 */
export function isRepeatMissing(episodeReportedAts: readonly Date[], rule: RepeatMissingRule, at: Date): boolean {
  const end = at.getTime();
  const start = end - rule.withinDays * DAY_MS;
  const inWindow = episodeReportedAts.filter((d) => d.getTime() >= start && d.getTime() <= end).length;
  return inWindow >= rule.episodes;
}

/**
 * True only when this new episode is the one that makes the child meet the rule: a fourth episode within the same
 * window does not trigger again (the strategy meeting has already been called for).
 */
export function repeatMissingTriggered(previous: readonly Date[], newEpisode: Date, rule: RepeatMissingRule): boolean {
  const earlier = previous.filter((d) => d.getTime() <= newEpisode.getTime());
  return isRepeatMissing([...earlier, newEpisode], rule, newEpisode) && !isRepeatMissing(earlier, rule, newEpisode);
}
