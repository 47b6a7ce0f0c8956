// Screening rules: check answers against a toolkit, score them, apply professional judgement, and say when to
// screen again. Pure: no I/O.
import { isIsoDate, ukDate } from '../../platform/time.ts';
import {
  type Answer,
  type ExploitationType,
  INDICATOR_GROUPS,
  type IndicatorGroup,
  isAnswer,
  isScreeningLevel,
  SCREENING_LEVEL_LABELS,
  type ScreeningLevel,
  type Toolkit,
} from './toolkit.ts';

export * from './adult-toolkit.ts';
export * from './default-toolkit.ts';
export * from './toolkit.ts';

import type { FieldError } from '../../platform/http/problems.ts';

export type { FieldError };

/** Answers keyed by indicator or significant-incident key. An unanswered key (absent, null or '') counts as `not_present`. */
export type ScreeningAnswers = Readonly<Record<string, Answer>>;

export interface ValidateAnswersOptions {
  /** Report every indicator and incident left unanswered (for a submitted, rather than draft, screening). */
  requireAll?: boolean;
}

const ANSWER_CHOICES = 'current, in the last 6 months, 6 to 12 months ago or not present';

/** Field errors (`answers.<key>`) for answers that do not fit this toolkit version. Empty when valid. */
export function validateAnswers(toolkit: Toolkit, answers: Readonly<Record<string, unknown>>, options: ValidateAnswersOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const labels = new Map<string, string>();
  for (const item of [...toolkit.indicators, ...toolkit.significantIncidents]) labels.set(item.key, item.label);

  for (const [key, value] of Object.entries(answers)) {
    const label = labels.get(key);
    if (label === undefined) {
      errors.push({
        field: `answers.${key}`,
        message: `"${key}" is not a question in ${toolkit.name} version ${toolkit.version}; remove it or use the toolkit version it came from`,
      });
    } else if (value !== undefined && value !== null && value !== '' && !isAnswer(value)) {
      errors.push({ field: `answers.${key}`, message: `For "${label}", select ${ANSWER_CHOICES}` });
    }
  }
  if (options.requireAll) {
    for (const [key, label] of labels) {
      if (answers[key] === undefined || answers[key] === null || answers[key] === '') {
        errors.push({ field: `answers.${key}`, message: `Answer "${label}"` });
      }
    }
  }
  return errors;
}

export interface ScreeningDriver {
  key: string;
  label: string;
  group: IndicatorGroup;
  types: readonly ExploitationType[];
  answer: Answer;
  points: number;
}

export interface ForcingIncident {
  key: string;
  label: string;
  types: readonly ExploitationType[];
  answer: Answer;
}

export interface ScreeningResult {
  score: number;
  /** The level the score alone gives. */
  scoreBand: ScreeningLevel;
  /** The suggested level: `significant` when an incident forces it, otherwise scoreBand. */
  band: ScreeningLevel;
  /** Indicators that scored, highest points first (then significant before moderate before vulnerabilities). */
  drivers: ScreeningDriver[];
  /** Significant incidents answered present, which force the highest level. */
  forcedBy: ForcingIncident[];
  /** Points from indicators tagged with each exploitation type (an indicator tagged both counts in both). */
  scoreByType: Record<ExploitationType, number>;
}

/** Score a screening. Throws if answers do not fit the toolkit: run validateAnswers first. */
export function scoreScreening(toolkit: Toolkit, answers: ScreeningAnswers): ScreeningResult {
  const problems = validateAnswers(toolkit, answers);
  if (problems.length > 0) throw new TypeError(problems.map((p) => p.message).join('; '));

  const drivers: ScreeningDriver[] = [];
  const scoreByType: Record<ExploitationType, number> = { cse: 0, ce: 0 };
  for (const indicator of toolkit.indicators) {
    const answer = answerOf(answers, indicator.key);
    const points = toolkit.points[indicator.group][answer];
    if (points <= 0) continue;
    drivers.push({ ...indicator, answer, points });
    for (const t of indicator.types) scoreByType[t] += points;
  }
  const groupRank = (g: IndicatorGroup) => -INDICATOR_GROUPS.indexOf(g);
  // Array.prototype.sort is stable, so equal drivers keep toolkit order.
  drivers.sort((a, b) => b.points - a.points || groupRank(a.group) - groupRank(b.group));

  const score = drivers.reduce((sum, d) => sum + d.points, 0);
  const scoreBand = bandFor(toolkit, score);

  const forcedBy: ForcingIncident[] = [];
  for (const incident of toolkit.significantIncidents) {
    const answer = answerOf(answers, incident.key);
    if (toolkit.incidentForcingAnswers.includes(answer)) forcedBy.push({ ...incident, answer });
  }
  return { score, scoreBand, band: forcedBy.length > 0 ? 'significant' : scoreBand, drivers, forcedBy, scoreByType };
}

function answerOf(answers: ScreeningAnswers, key: string): Answer {
  const a: unknown = answers[key];
  return isAnswer(a) ? a : 'not_present';
}

/** The level for a score under this toolkit's bands. */
export function bandFor(toolkit: Toolkit, score: number): ScreeningLevel {
  const band = toolkit.bands.find((b) => score >= b.min && (b.max === null || score <= b.max));
  if (!band) throw new RangeError(`No band in ${toolkit.name} covers a score of ${score}`);
  return band.level;
}

export type OverrideResult = { ok: true; level: ScreeningLevel; overridden: boolean; reason: string | null } | { ok: false; errors: FieldError[] };

/**
 * The level that stands after professional judgement. Choosing a different level from the suggested one needs a
 * recorded reason; choosing the same level (or none) keeps the suggestion.
 */
export function applyOverride(suggested: ScreeningLevel, override?: string | null, reason?: string | null): OverrideResult {
  const why = reason?.trim() ? reason.trim() : null;
  if (override === undefined || override === null || override === '' || override === suggested) {
    return { ok: true, level: suggested, overridden: false, reason: why };
  }
  if (!isScreeningLevel(override)) {
    return { ok: false, errors: [{ field: 'overrideLevel', message: 'Select a level of risk from the list' }] };
  }
  if (why === null) {
    return {
      ok: false,
      errors: [
        {
          field: 'overrideReason',
          message: `Enter why the level should be ${SCREENING_LEVEL_LABELS[override]} rather than the suggested ${SCREENING_LEVEL_LABELS[suggested]}`,
        },
      ],
    };
  }
  return { ok: true, level: override, overridden: true, reason: why };
}

/** Screenings are repeated at least every 3 months (SERAF guidance). */
export const RESCREEN_MONTHS = 3;

/** Date plus whole calendar months, clamped to the month's last day (30 Nov + 3 months = 28 or 29 Feb). */
export function addMonths(date: string, months: number): string {
  if (!isIsoDate(date)) throw new RangeError(`Expected a date written YYYY-MM-DD, got "${date}"`);
  const [y, m, d] = date.split('-').map(Number);
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** When the next screening is due: 3 calendar months after the last (a UK date, or an instant taken in England). */
export function rescreenDueDate(lastScreenedAt: string | Date): string {
  const date = lastScreenedAt instanceof Date ? ukDate(lastScreenedAt) : lastScreenedAt;
  return addMonths(date, RESCREEN_MONTHS);
}

/** True once the due date has passed (a screening due today is not yet overdue). */
export function isRescreenOverdue(lastScreenedAt: string | Date, today: string): boolean {
  return today > rescreenDueDate(lastScreenedAt);
}
