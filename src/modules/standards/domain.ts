// Standards frameworks (issue 13.6): ratings, and the review schedule: quarters counted from the day the cycle starts,
// so many standards a quarter in number order (1-3 in the first quarter, 4-6 in the second ... then again from 1),
// which are due now, which are overdue, and how far through the cycle the partnership is. Pure: no database, no clock.
import type { FieldError } from '../../platform/http/problems.ts';
import { addDays } from '../../platform/time.ts';

export const RATINGS = ['met', 'partly_met', 'not_met'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Readonly<Record<Rating, string>> = { met: 'Met', partly_met: 'Partly met', not_met: 'Not met' };
/** GOV.UK tag colours for each rating. */
export const RATING_TAG_CLASSES: Readonly<Record<Rating, string>> = {
  met: 'govuk-tag--green',
  partly_met: 'govuk-tag--yellow',
  not_met: 'govuk-tag--red',
};

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const SUMMARY_MAX = 5000;
export const DEFAULT_PER_QUARTER = 3;

const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const fromMonthIndex = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;

/** The first day of the month n months after (or before) the month of `iso`. */
export const addMonths = (iso: string, n: number) => fromMonthIndex(monthIndex(iso) + n);

export const isFirstOfMonth = (iso: string) => iso.slice(8, 10) === '01';

/** Quarters since the cycle started (0 is the first); negative before it starts. */
export const quarterIndex = (startsOn: string, day: string) => Math.floor((monthIndex(day) - monthIndex(startsOn)) / 3);

export interface Quarter {
  index: number;
  /** The cycle it belongs to (1 is the first) and its place in the cycle (1 to quartersPerCycle). */
  cycle: number;
  position: number;
  startsOn: string;
  endsOn: string;
}

/** Quarters needed to review every standard once: 12 standards at 3 a quarter take 4. */
export const quartersPerCycle = (standards: number, perQuarter: number) => Math.max(1, Math.ceil(standards / Math.max(1, perQuarter)));

export function quarter(startsOn: string, index: number, perCycle: number): Quarter {
  const first = addMonths(startsOn, index * 3);
  return {
    index,
    cycle: Math.floor(index / perCycle) + 1,
    position: (((index % perCycle) + perCycle) % perCycle) + 1,
    startsOn: first,
    endsOn: addDays(addMonths(first, 3), -1),
  };
}

/** The standards (by number) reviewed in quarter `index`: its slice of the numbers in order, cycling. */
export function dueIn(numbers: readonly number[], perQuarter: number, index: number): number[] {
  if (index < 0 || numbers.length === 0) return [];
  const sorted = [...numbers].sort((a, b) => a - b);
  const at = (index % quartersPerCycle(sorted.length, perQuarter)) * perQuarter;
  return sorted.slice(at, at + perQuarter);
}

export interface ScheduleInput {
  startsOn: string;
  perQuarter: number;
  numbers: readonly number[];
  /** Each self-assessment: the standard's number and the first day of the quarter it is for. */
  assessments: readonly { number: number; quarterStartsOn: string }[];
  today: string;
}

export interface Schedule {
  perCycle: number;
  /** This quarter, or null before the cycle starts. */
  current: Quarter | null;
  /** Standards due this quarter, and whether each has been assessed for it. */
  dueNow: { number: number; assessed: boolean }[];
  /** A quarter has ended with a standard due in it and no assessment for that quarter or since: oldest first. */
  overdue: { number: number; quarter: Quarter }[];
  /** Standards assessed for a quarter of this cycle, of all of them ("mid-cycle": 6 of 12). */
  cycle: { number: number; assessed: number; total: number };
  /** Each standard's quarter in this cycle (the one it is due in, was due in, or will be due in). */
  slot: Map<number, Quarter>;
}

export function schedule(s: ScheduleInput): Schedule {
  const perCycle = quartersPerCycle(s.numbers.length, s.perQuarter);
  const now = quarterIndex(s.startsOn, s.today);
  const current = now >= 0 ? quarter(s.startsOn, now, perCycle) : null;
  const assessedFor = (n: number) => s.assessments.filter((a) => a.number === n).map((a) => quarterIndex(s.startsOn, a.quarterStartsOn));
  const dueNow = dueIn(s.numbers, s.perQuarter, now).map((number) => ({ number, assessed: assessedFor(number).includes(now) }));
  const overdue: Schedule['overdue'] = [];
  for (let k = 0; k < now; k++)
    for (const number of dueIn(s.numbers, s.perQuarter, k))
      if (!assessedFor(number).some((q) => q >= k)) overdue.push({ number, quarter: quarter(s.startsOn, k, perCycle) });
  // An earlier miss of the same standard is covered by the later one: list each standard once, at its latest miss.
  const latestMiss = overdue.filter((o, i) => !overdue.slice(i + 1).some((later) => later.number === o.number));
  const cycleStart = Math.max(0, now - (current ? current.position - 1 : 0));
  const inCycle = new Set(
    s.assessments
      .filter((a) => {
        const q = quarterIndex(s.startsOn, a.quarterStartsOn);
        return q >= cycleStart && q < cycleStart + perCycle;
      })
      .map((a) => a.number),
  );
  const slot = new Map<number, Quarter>();
  for (let k = cycleStart; k < cycleStart + perCycle; k++) for (const n of dueIn(s.numbers, s.perQuarter, k)) slot.set(n, quarter(s.startsOn, k, perCycle));
  return {
    perCycle,
    current,
    dueNow,
    overdue: latestMiss,
    cycle: { number: current?.cycle ?? 1, assessed: s.numbers.filter((n) => inCycle.has(n)).length, total: s.numbers.length },
    slot,
  };
}

/**
 * The quarters a standard may be assessed for: any that has started, latest first; the default is the quarter it
 * was last due in (the one its assessment is awaited for), else this quarter.
 */
export function assessableQuarters(s: Omit<ScheduleInput, 'assessments'>, number: number): { quarters: Quarter[]; defaultIndex: number | null } {
  const now = quarterIndex(s.startsOn, s.today);
  if (now < 0) return { quarters: [], defaultIndex: null };
  const perCycle = quartersPerCycle(s.numbers.length, s.perQuarter);
  const quarters = Array.from({ length: now + 1 }, (_, i) => quarter(s.startsOn, now - i, perCycle));
  const due = quarters.find((q) => dueIn(s.numbers, s.perQuarter, q.index).includes(number));
  return { quarters, defaultIndex: due?.index ?? now };
}

/** A web address (http or https) or a path in Jigsaw ("/reports/triage"), never a script or another scheme. */
export function isEvidenceUrl(url: string): boolean {
  const u = url.trim();
  if (u.startsWith('/')) return !u.startsWith('//') && !/\s/.test(u);
  try {
    const parsed = new URL(u);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

export const evidenceLinkErrors = (links: readonly { url: string }[]): FieldError[] =>
  links.flatMap((l, i) =>
    isEvidenceUrl(l.url) ? [] : [{ field: `evidenceLinks[${i}].url`, message: 'Enter a web address starting https:// or a Jigsaw path starting /' }],
  );

/** Numbers given twice in a new framework, as errors on the later one. */
export function repeatedNumbers(standards: readonly { number: number }[]): FieldError[] {
  const seen = new Set<number>();
  return standards.flatMap((s, i) => {
    if (seen.has(s.number)) return [{ field: `standards[${i}].number`, message: `Standard ${s.number} is given twice` }];
    seen.add(s.number);
    return [];
  });
}
