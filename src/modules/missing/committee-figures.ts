// The missing figures a committee asks for (issue 15.3): return home interviews offered and held within 72 hours,
// each as a share of all returned episodes and of the interviews; declined; not offered; found within 24 hours;
// split by care status and by missing against absent; the last 8 quarters. Pure: the store counts the same cube.
import { addDays, ukDate } from '../../platform/time.ts';
import {
  type Cell,
  DEFAULT_DISCLOSURE_RULE,
  type DisclosureRule,
  findExposed,
  isSmall,
  roundCell,
  suppressCount,
  suppressTable,
  unrounded,
} from '../reports/disclosure.ts';
import { addMonths } from '../reports/domain.ts';
import { CLASSIFICATIONS, type Classification } from './episodes.ts';
import { interviewDeadline } from './interviews.ts';
import { percentage, type ReportEpisode, type ReportInterview } from './report.ts';

const HOUR_MS = 3_600_000;
export const FOUND_WITHIN_HOURS = 24;

/** Where a child lives, as the episode records it: a child placed here by another authority is looked after too. */
export const CARE_GROUPS = ['looked_after', 'placed_in', 'not_looked_after'] as const;
export type CareGroup = (typeof CARE_GROUPS)[number];
export const CARE_GROUP_LABELS: Readonly<Record<CareGroup, string>> = {
  looked_after: 'Looked after by this authority',
  placed_in: 'Placed here by another authority',
  not_looked_after: 'Not looked after',
};
/** "Absent" is the DfE's word (SSDA903 code A) for away from placement without authorisation. */
export const CLASSIFICATION_GROUP_LABELS: Readonly<Record<Classification, string>> = {
  missing: 'Missing',
  away_without_authorisation: 'Absent (away from placement without authorisation)',
};

/** What became of a returned episode's interview: exclusive, so the columns of a split add up to its returns. */
export const OUTCOMES = [
  'held_in_time',
  'held_late_offered_in_time',
  'held_late_offered_late',
  'declined_offered_in_time',
  'declined_offered_late',
  'awaiting_offered_in_time',
  'awaiting_offered_late',
  'not_offered',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface FigureEpisode extends ReportEpisode {
  classification: Classification;
  lookedAfter: boolean;
  placedByOtherLa: boolean;
}

/** One cell of the counting cube: episodes with the same group, outcome and found-within-24-hours. */
export interface CubeRow {
  care: CareGroup;
  classification: Classification;
  outcome: Outcome | 'not_returned';
  found24: boolean;
  count: number;
}

export const careGroup = (e: Pick<FigureEpisode, 'lookedAfter' | 'placedByOtherLa'>): CareGroup =>
  e.placedByOtherLa ? 'placed_in' : e.lookedAfter ? 'looked_after' : 'not_looked_after';

/**
 * The outcome of one episode, by the quarterly report's rules: a completed interview counts as offered (when first
 * offered: the earlier of offer and completion); completion wins over a decline; null when the child has not returned.
 */
export function episodeOutcome(e: Pick<ReportEpisode, 'returnedAt'>, records: readonly ReportInterview[]): Outcome | null {
  if (!e.returnedAt) return null;
  const due = interviewDeadline(e.returnedAt).getTime();
  const offers = records.flatMap((r) => [r.offeredAt, r.completedAt]).flatMap((d) => (d ? [d.getTime()] : []));
  if (offers.length === 0) return 'not_offered';
  const offerInTime = Math.min(...offers) <= due;
  const completions = records.flatMap((r) => (r.completedAt ? [r.completedAt.getTime()] : []));
  const when = offerInTime ? 'offered_in_time' : 'offered_late';
  if (completions.length > 0) return Math.min(...completions) <= due ? 'held_in_time' : `held_late_${when}`;
  return records.some((r) => r.declinedAt) ? `declined_${when}` : `awaiting_${when}`;
}

export const foundWithin24Hours = (e: Pick<ReportEpisode, 'reportedAt' | 'returnedAt'>) =>
  !!e.returnedAt && e.returnedAt.getTime() - e.reportedAt.getTime() <= FOUND_WITHIN_HOURS * HOUR_MS;

/** The cube of episodes reported on a UK date in the period (the store's SQL counts the same). */
export function cubeOf(episodes: readonly FigureEpisode[], interviews: readonly ReportInterview[], period: { from: string; to: string }) {
  const byEpisode = new Map<string, ReportInterview[]>();
  for (const i of interviews) byEpisode.set(i.episodeId, [...(byEpisode.get(i.episodeId) ?? []), i]);
  const cells = new Map<string, CubeRow>();
  const children = new Set<string>();
  for (const e of episodes) {
    const day = ukDate(e.reportedAt);
    if (day < period.from || day > period.to) continue;
    children.add(e.childId);
    const row: Omit<CubeRow, 'count'> = {
      care: careGroup(e),
      classification: e.classification,
      outcome: episodeOutcome(e, byEpisode.get(e.id) ?? []) ?? 'not_returned',
      found24: foundWithin24Hours(e),
    };
    const key = `${row.care}|${row.classification}|${row.outcome}|${row.found24}`;
    const cell = cells.get(key) ?? { ...row, count: 0 };
    cell.count++;
    cells.set(key, cell);
  }
  return { rows: [...cells.values()], children: children.size };
}

// ---- the figures ----

export interface GroupCounts<T = number> {
  returns: T;
  foundWithin24Hours: T;
  interviewsOffered: T;
  offeredWithin72Hours: T;
  interviewsCompleted: T;
  completedWithin72Hours: T;
  declined: T;
  awaiting: T;
  notOffered: T;
}
export type MeasureKey = keyof GroupCounts;

/** What each figure counts and what its shares are of; the page, the API and the CSV all list them from here. */
export const MEASURES: readonly { key: MeasureKey; label: string; counts: 'episodes' | 'interviews'; shares: MeasureKey[] }[] = [
  { key: 'returns', label: 'Episodes where the child returned or was found', counts: 'episodes', shares: [] },
  { key: 'foundWithin24Hours', label: 'Found or returned within 24 hours of being reported', counts: 'episodes', shares: ['returns'] },
  { key: 'interviewsOffered', label: 'Return home interview offered', counts: 'interviews', shares: ['returns'] },
  { key: 'offeredWithin72Hours', label: 'Offered within 72 hours of return', counts: 'interviews', shares: ['returns', 'interviewsOffered'] },
  { key: 'interviewsCompleted', label: 'Interview held', counts: 'interviews', shares: ['returns', 'interviewsOffered'] },
  { key: 'completedWithin72Hours', label: 'Held within 72 hours of return', counts: 'interviews', shares: ['returns', 'interviewsCompleted'] },
  { key: 'declined', label: 'Offered and declined (not held)', counts: 'interviews', shares: ['returns', 'interviewsOffered'] },
  { key: 'awaiting', label: 'Offered but not yet held or declined', counts: 'interviews', shares: ['returns', 'interviewsOffered'] },
  { key: 'notOffered', label: 'No interview offered', counts: 'episodes', shares: ['returns'] },
];
export const DENOMINATOR_LABELS: Readonly<Partial<Record<MeasureKey, string>>> = {
  returns: 'returned episodes',
  interviewsOffered: 'interviews offered',
  interviewsCompleted: 'interviews held',
};

/** The counts of a group from its outcome columns and found-within-24-hours; a sum is `c` when a part of it is. */
function countsFrom(outcomes: Record<Outcome, Cell>, returns: Cell, found: Cell): GroupCounts<Cell> {
  const sum = (...keys: Outcome[]): Cell => (keys.some((k) => outcomes[k] === 'c') ? 'c' : keys.reduce((a, k) => a + (outcomes[k] as number), 0));
  const offered: Outcome[] = OUTCOMES.filter((o) => o !== 'not_offered');
  return {
    returns,
    foundWithin24Hours: found,
    interviewsOffered: sum(...offered),
    offeredWithin72Hours: sum(...OUTCOMES.filter((o) => o === 'held_in_time' || o.endsWith('offered_in_time'))),
    interviewsCompleted: sum('held_in_time', 'held_late_offered_in_time', 'held_late_offered_late'),
    completedWithin72Hours: outcomes.held_in_time,
    declined: sum('declined_offered_in_time', 'declined_offered_late'),
    awaiting: sum('awaiting_offered_in_time', 'awaiting_offered_late'),
    notOffered: outcomes.not_offered,
  };
}

export interface Split {
  key: 'care' | 'classification';
  label: string;
  groups: { key: string; label: string; counts: GroupCounts<Cell> }[];
}

export interface CommitteeFigures {
  from: string;
  to: string;
  /** True when the partnership's disclosure rule applies (default: counts from 1 to 5 as `c`, and figures that would reveal them). */
  published: boolean;
  episodes: Cell;
  children: Cell;
  notReturned: Cell;
  total: GroupCounts<Cell>;
  splits: Split[];
}

const SPLITS = [
  { key: 'care', label: 'By care status', groups: CARE_GROUPS, labels: CARE_GROUP_LABELS as Record<string, string> },
  { key: 'classification', label: 'Missing or absent', groups: CLASSIFICATIONS, labels: CLASSIFICATION_GROUP_LABELS as Record<string, string> },
] as const;

/** Outcome columns by group, and [found within 24 h, found later] by group, for one split. */
function tables(rows: readonly CubeRow[], split: (typeof SPLITS)[number]) {
  const outcomes = split.groups.map(() => OUTCOMES.map(() => 0));
  const found = split.groups.map(() => [0, 0]);
  for (const r of rows) {
    if (r.outcome === 'not_returned') continue;
    const g = (split.groups as readonly string[]).indexOf(split.key === 'care' ? r.care : r.classification);
    outcomes[g][OUTCOMES.indexOf(r.outcome)] += r.count;
    found[g][r.found24 ? 0 : 1] += r.count;
  }
  return { outcomes, found };
}

/**
 * The figures of a period from its cube. `publish`: disclosure control by the partnership's rule (true: the default
 * rule). Each split's outcome table is protected with secondary suppression (reports/disclosure.ts); the splits share
 * their totals, so a total hidden in one is hidden in all (and, should that expose a cell, every non-zero count is
 * hidden). Found within 24 hours is a second table on the same returns: its two cells are hidden together, and with
 * its totals when one group alone is hidden. With secondary suppression off, only small counts are hidden. With
 * rounding, every figure is rounded on its own once it is worked out from the exact counts.
 */
export function committeeFigures(
  cube: { rows: readonly CubeRow[]; children: number },
  period: { from: string; to: string },
  publish: boolean | DisclosureRule = false,
): CommitteeFigures {
  const episodes = cube.rows.reduce((a, r) => a + r.count, 0);
  const notReturned = cube.rows.reduce((a, r) => a + (r.outcome === 'not_returned' ? r.count : 0), 0);
  const t = SPLITS.map((s) => tables(cube.rows, s));
  const exact = (n: number) => n as Cell;
  if (!publish) {
    const columns = OUTCOMES.map((_, j) => t[0].outcomes.reduce((a, row) => a + row[j], 0));
    const record = (cols: number[]) => Object.fromEntries(OUTCOMES.map((o, j) => [o, cols[j]])) as Record<Outcome, Cell>;
    const returns = columns.reduce((a, b) => a + b, 0);
    const found = t[0].found.reduce((a, f) => a + f[0], 0);
    return {
      ...period,
      published: false,
      episodes,
      children: cube.children,
      notReturned,
      total: countsFrom(record(columns), returns, found),
      splits: SPLITS.map((s, k) => ({
        key: s.key,
        label: s.label,
        groups: s.groups.map((g, i) => ({
          key: g,
          label: s.labels[g],
          counts: countsFrom(record(t[k].outcomes[i]), exact(t[k].outcomes[i].reduce((a, b) => a + b, 0)), exact(t[k].found[i][0])),
        })),
      })),
    };
  }
  const rule = publish === true ? DEFAULT_DISCLOSURE_RULE : publish;
  return rounded(publishFigures(t, period, episodes, notReturned, cube.children, unrounded(rule)), rule);
}

const hide = (n: number): Cell => (n === 0 ? 0 : 'c');

/** Every figure rounded on its own by the rule (after the sums are worked out from exact counts). */
function rounded(f: CommitteeFigures, rule: DisclosureRule): CommitteeFigures {
  if (rule.rounding === 'none') return f;
  const r = (c: Cell) => roundCell(c, rule);
  const counts = (g: GroupCounts<Cell>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, r(v)])) as unknown as GroupCounts<Cell>;
  return {
    ...f,
    episodes: r(f.episodes),
    children: r(f.children),
    notReturned: r(f.notReturned),
    total: counts(f.total),
    splits: f.splits.map((s) => ({ ...s, groups: s.groups.map((g) => ({ ...g, counts: counts(g.counts) })) })),
  };
}

function publishFigures(
  t: ReturnType<typeof tables>[],
  period: { from: string; to: string },
  episodes: number,
  notReturned: number,
  children: number,
  rule: DisclosureRule,
): CommitteeFigures {
  const small = (n: number) => isSmall(n, rule);
  let sup = t.map((x) => suppressTable(x.outcomes, { rule }));
  // Totals hidden in any split are hidden in all; check each split stays protected, else hide every non-zero count.
  const totalHidden = OUTCOMES.map((_, j) => sup.some((s) => s.columnTotals[j] === 'c'));
  const grandHidden = sup.some((s) => s.grandTotal === 'c');
  const exposed =
    rule.secondary &&
    sup.some((s) => {
      const grid = [...s.cells.map((r, i) => [...r, s.rowTotals[i]].map((c) => c === 'c')), [...totalHidden, grandHidden]];
      return findExposed(grid) !== null;
    });
  if (exposed) {
    sup = t.map((x) => {
      const rows = x.outcomes.map((r) => r.reduce((a, b) => a + b, 0));
      const cols = OUTCOMES.map((_, j) => x.outcomes.reduce((a, r) => a + r[j], 0));
      return {
        cells: x.outcomes.map((r) => r.map(hide)),
        rowTotals: rows.map(hide),
        columnTotals: cols.map(hide),
        grandTotal: hide(rows.reduce((a, b) => a + b, 0)),
      };
    });
  }
  const columns = OUTCOMES.map((_, j) => (totalHidden[j] || exposed ? hide(t[0].outcomes.reduce((a, r) => a + r[j], 0)) : sup[0].columnTotals[j]));
  const returnsExact = t[0].outcomes.flat().reduce((a, b) => a + b, 0);
  const returns: Cell = grandHidden || exposed ? hide(returnsExact) : returnsExact;

  // Found within 24 hours: rows hidden as pairs; the totals as a pair when one row alone is hidden, or when the
  // returns are hidden; hidden totals need two hidden rows (or every non-zero row), else the rows give them away.
  // Secondary suppression off: a found count is hidden only when it is small itself.
  const foundRows = t.map((x, k) =>
    x.found.map((f, i) => (rule.secondary ? (f[0] + f[1] > 0 && (small(f[0]) || small(f[1]) || sup[k].rowTotals[i] === 'c')) || false : small(f[0]))),
  );
  const foundTotal = t[0].found.reduce((a, f) => a + f[0], 0);
  const totalsHidden = rule.secondary
    ? returns === 'c' || small(foundTotal) || small(returnsExact - foundTotal) || foundRows.some((rows) => rows.filter(Boolean).length === 1)
    : small(foundTotal);
  if (totalsHidden && rule.secondary) {
    t.forEach((x, k) => {
      const order = x.found
        .map((f, i) => ({ i, n: f[0] + f[1] }))
        .filter((r) => r.n > 0 && !foundRows[k][r.i])
        .sort((a, b) => a.n - b.n);
      while (foundRows[k].filter(Boolean).length < 2 && order.length > 0) foundRows[k][(order.shift() as { i: number }).i] = true;
    });
  }
  const record = (cells: Cell[]) => Object.fromEntries(OUTCOMES.map((o, j) => [o, cells[j]])) as Record<Outcome, Cell>;
  // Episodes = returns + not returned: hidden when exactly one of the two is.
  const notReturnedCell = suppressCount(notReturned, rule);
  const episodesCell = rule.secondary && (returns === 'c') !== (notReturnedCell === 'c') ? hide(episodes) : suppressCount(episodes, rule);
  return {
    ...period,
    published: true,
    episodes: episodesCell,
    children: suppressCount(children, rule),
    notReturned: notReturnedCell,
    total: countsFrom(record(columns), returns, totalsHidden ? hide(foundTotal) : foundTotal),
    splits: SPLITS.map((s, k) => ({
      key: s.key,
      label: s.label,
      groups: s.groups.map((g, i) => ({
        key: g,
        label: s.labels[g],
        // A hidden pair hides a zero too: shown, it would give the other cell away from the returns.
        counts: countsFrom(record(sup[k].cells[i]), sup[k].rowTotals[i], foundRows[k][i] ? 'c' : t[k].found[i][0]),
      })),
    })),
  };
}

/** A percentage as published: `c` when the count or the denominator is hidden. */
export function share(n: Cell, of: Cell): number | null | 'c' {
  if (n === 'c' || of === 'c') return 'c';
  return percentage(n, of);
}

/** The rows of a table of figures: each count with what it counts and its shares, each naming its denominator. */
export function measureRows(c: GroupCounts<Cell>) {
  return MEASURES.map((m) => ({
    key: m.key,
    label: m.label,
    counts: m.counts,
    value: c[m.key],
    shares: m.shares.map((of) => ({ of, ofLabel: DENOMINATOR_LABELS[of] ?? of, pct: share(c[m.key], c[of]) })),
  }));
}

// ---- trend by quarter ----

const QUARTER_NAMES = ['January to March', 'April to June', 'July to September', 'October to December'];

/** The last `n` whole quarters that have ended by `today`, oldest first. */
export function lastQuarters(today: string, n = 8) {
  const thisQuarter = addMonths(today, -((Number(today.slice(5, 7)) - 1) % 3));
  return Array.from({ length: n }, (_, i) => {
    const from = addMonths(thisQuarter, -3 * (n - i));
    return { from, to: addDays(addMonths(from, 3), -1), label: `${QUARTER_NAMES[(Number(from.slice(5, 7)) - 1) / 3]} ${from.slice(0, 4)}` };
  });
}

/** The main rates the trend shows, in the order of the chart's legend. */
export const TREND_RATES: readonly { key: string; label: string; n: MeasureKey; of: MeasureKey }[] = [
  { key: 'offered72OfReturns', label: 'Offered within 72 hours, % of returned episodes', n: 'offeredWithin72Hours', of: 'returns' },
  { key: 'held72OfReturns', label: 'Held within 72 hours, % of returned episodes', n: 'completedWithin72Hours', of: 'returns' },
  { key: 'held72OfHeld', label: 'Held within 72 hours, % of interviews held', n: 'completedWithin72Hours', of: 'interviewsCompleted' },
  { key: 'found24OfReturns', label: 'Found within 24 hours, % of returned episodes', n: 'foundWithin24Hours', of: 'returns' },
];

export function trendRow(q: { from: string; to: string; label: string }, f: CommitteeFigures) {
  return {
    ...q,
    returns: f.total.returns,
    rates: TREND_RATES.map((r) => ({ key: r.key, n: f.total[r.n], of: f.total[r.of], pct: share(f.total[r.n], f.total[r.of]) })),
  };
}
export type TrendRow = ReturnType<typeof trendRow>;
