// Quarterly missing-children report, in the terms of Missing People's national returns: % offered a return home
// interview, % of those offered completed, % of those completed within 72 hours.
import { addDays, ukDate } from '../../platform/time.ts';
import { type Cell, DEFAULT_DISCLOSURE_RULE, type DisclosureRule, suppressCount, suppressList } from '../reports/disclosure.ts';
import { DEFAULT_REPEAT_MISSING_RULE, isRepeatMissing, type RepeatMissingRule } from './episodes.ts';
import { DECLINE_REASONS, type DeclineReason, interviewDeadline } from './interviews.ts';

export interface ReportEpisode {
  id: string;
  childId: string;
  reportedAt: Date;
  returnedAt?: Date | null;
}

export interface ReportInterview {
  episodeId: string;
  offeredAt?: Date | null;
  completedAt?: Date | null;
  declinedAt?: Date | null;
  declineReason?: DeclineReason | null;
}

export interface MissingReport {
  from: string;
  to: string;
  /** Episodes reported missing on a UK date from `from` to `to` inclusive. */
  episodes: number;
  children: number;
  episodesReturned: number;
  /** Returned episodes where an interview was offered; % of episodesReturned. */
  interviewsOffered: number;
  offeredPct: number | null;
  /** % of interviewsOffered. */
  interviewsCompleted: number;
  completedPct: number | null;
  /** Completed no later than 72 hours after return; % of interviewsCompleted (the national KPI). */
  completedWithin72Hours: number;
  completedWithin72HoursPct: number | null;
  /** Offered, not completed, declined; by reason (a decline with no recorded reason counts as `other`). */
  declined: Record<DeclineReason, number>;
  declinedTotal: number;
  /** Children who met the repeat-missing rule at any episode reported in the period (earlier episodes count). */
  repeatMissingChildren: number;
}

/** Percentage to 1 decimal place, or null when there is nothing to divide by. */
export function percentage(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}

/**
 * Shape the report. Pass every episode of the children concerned (including ones before `from`, so repeat missing
 * sees history) and their interviews; the period filter is applied here on the UK date of each report.
 */
export function buildMissingReport(
  episodes: readonly ReportEpisode[],
  interviews: readonly ReportInterview[],
  period: { from: string; to: string },
  rule: RepeatMissingRule = DEFAULT_REPEAT_MISSING_RULE,
): MissingReport {
  const inPeriod = episodes.filter((e) => {
    const day = ukDate(e.reportedAt);
    return day >= period.from && day <= period.to;
  });
  const byEpisode = new Map<string, ReportInterview[]>();
  for (const i of interviews) byEpisode.set(i.episodeId, [...(byEpisode.get(i.episodeId) ?? []), i]);

  const declined = Object.fromEntries(DECLINE_REASONS.map((r) => [r, 0])) as Record<DeclineReason, number>;
  let returned = 0;
  let offered = 0;
  let completed = 0;
  let inTime = 0;
  for (const e of inPeriod) {
    if (!e.returnedAt) continue;
    returned++;
    const records = byEpisode.get(e.id) ?? [];
    // A completed interview implies it was offered, whatever the offer field says.
    if (!records.some((r) => r.offeredAt || r.completedAt)) continue;
    offered++;
    const completions = records.flatMap((r) => (r.completedAt ? [r.completedAt.getTime()] : []));
    if (completions.length > 0) {
      completed++;
      if (Math.min(...completions) <= interviewDeadline(e.returnedAt).getTime()) inTime++;
      continue;
    }
    const declines = records.filter((r) => r.declinedAt).sort((a, b) => Number(b.declinedAt) - Number(a.declinedAt));
    if (declines.length > 0) declined[declines[0].declineReason ?? 'other']++;
  }

  const historyByChild = new Map<string, Date[]>();
  for (const e of episodes) historyByChild.set(e.childId, [...(historyByChild.get(e.childId) ?? []), e.reportedAt]);
  const repeat = new Set<string>();
  for (const e of inPeriod) {
    if (isRepeatMissing(historyByChild.get(e.childId) ?? [], rule, e.reportedAt)) repeat.add(e.childId);
  }

  return {
    from: period.from,
    to: period.to,
    episodes: inPeriod.length,
    children: new Set(inPeriod.map((e) => e.childId)).size,
    episodesReturned: returned,
    interviewsOffered: offered,
    offeredPct: percentage(offered, returned),
    interviewsCompleted: completed,
    completedPct: percentage(completed, offered),
    completedWithin72Hours: inTime,
    completedWithin72HoursPct: percentage(inTime, completed),
    declined,
    declinedTotal: Object.values(declined).reduce((a, b) => a + b, 0),
    repeatMissingChildren: repeat.size,
  };
}

/** The last full calendar quarter before the UK date `today` (YYYY-MM-DD). */
export function lastQuarter(today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // 0..3, the current quarter
  const [year, quarter] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const startMonth = quarter * 3 + 1;
  const from = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const nextStart = quarter === 3 ? `${year + 1}-01-01` : `${year}-${String(startMonth + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(nextStart, -1) };
}

/** A report as published: small counts as `c`, and a percentage as `c` when a count it is worked from is. */
export type PublishedMissingReport = {
  [K in keyof MissingReport]: MissingReport[K] extends number
    ? Cell
    : MissingReport[K] extends number | null
      ? Cell | null
      : K extends 'declined'
        ? Record<DeclineReason, Cell>
        : MissingReport[K];
};

/**
 * Statistical disclosure control for the report, by the partnership's rule. The reasons an interview was not held
 * add up to their total, so they are suppressed as one list (a hidden reason cannot be worked out from the total and
 * the others). With rounding, a percentage is worked from the rounded figures shown beside it.
 */
export function publishMissingReport(r: MissingReport, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): PublishedMissingReport {
  const declined = suppressList(
    DECLINE_REASONS.map((k) => r.declined[k]),
    rule,
  );
  const pct = (v: number | null, n: Cell, of: Cell) => (v === null ? null : n === 'c' || of === 'c' ? 'c' : rule.rounding === 'none' ? v : percentage(n, of));
  const count = (n: number) => suppressCount(n, rule);
  const c = {
    episodes: count(r.episodes),
    children: count(r.children),
    episodesReturned: count(r.episodesReturned),
    interviewsOffered: count(r.interviewsOffered),
    interviewsCompleted: count(r.interviewsCompleted),
    completedWithin72Hours: count(r.completedWithin72Hours),
    repeatMissingChildren: count(r.repeatMissingChildren),
  };
  return {
    ...r,
    ...c,
    offeredPct: pct(r.offeredPct, c.interviewsOffered, c.episodesReturned),
    completedPct: pct(r.completedPct, c.interviewsCompleted, c.interviewsOffered),
    completedWithin72HoursPct: pct(r.completedWithin72HoursPct, c.completedWithin72Hours, c.interviewsCompleted),
    declined: Object.fromEntries(DECLINE_REASONS.map((k, i) => [k, declined.counts[i]])) as Record<DeclineReason, Cell>,
    declinedTotal: declined.total,
  };
}
