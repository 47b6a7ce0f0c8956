// Statistical disclosure control for published counts, following children's social care statistics: by default
// counts of 1 to 5 are shown as `c`, and further cells are hidden where totals would let someone work a hidden count
// out. The partnership sets its own rule (issue 15.4): the threshold, rounding, and secondary suppression on or off.
//
// The partnership's rule. Every function here is pure and takes the rule as a parameter (the default rule is
// today's: 1 to 5 as `c`, no rounding, secondary suppression on). A use case gets its partnership's rule from ONE
// loader and passes it on:
//
//   import { disclosureRuleFor } from '../reports/disclosure-rule/store.ts';
//   const rule = await disclosureRuleFor(db, actor.partnershipId);
//   const t = exact ? exactTable(cells) : suppressTable(cells, { rule });
//   const n = exact ? count : suppressCount(count, rule);
//
// Who sees exact figures is not part of the rule: it is the policy's `report: read_exact` (rules.maySeeExactCounts);
// those allowed see exact figures in the hub's working packs, everyone else (and every output marked for
// publication) gets the rule, identically in pages, API and exports.
//
// - threshold: the largest count hidden. Counts from 1 to `threshold` are shown as `c` (primary suppression); 0 is
//   never hidden (a 0 reveals nothing). Threshold 0 hides nothing at all (no primary, so nothing for secondary).
// - rounding: none, or every shown figure rounded to the nearest 5 or 10 (halves up: 5 -> 10, 15 -> 20), each on
//   its own from its exact value, totals included, so rows and columns may not add up to their totals (as ONS
//   publishes). Suppression is decided on the exact counts first, then shown figures are rounded. A percentage is
//   worked from the figures as shown, so it cannot undo the rounding. With rounding, the threshold must hide every
//   count that would round to 0 (at least 2 for the nearest 5, 4 for the nearest 10), so a count is never shown as 0.
// - secondary: on, further entries are hidden until no hidden entry can be worked out from the shown figures (see
//   below); off, only the primary entries are hidden (totals of 1 to `threshold` included), a partnership's choice
//   when its tables are published with rounding or where subtraction is accepted.
//
// How secondary suppression works. Picture the table with its row totals, column totals and grand total as one
// grid in which every row and every column adds up. The hidden entries are the unknowns. A hidden entry can be
// worked out exactly from the shown figures if and only if, in the graph whose vertices are the grid's rows and
// columns and whose edges are the hidden entries, that entry is a bridge (lies on no cycle). A row or column with a
// single hidden entry is the simplest case, but not the only one. So: hide small counts (and small totals), then while
// some hidden entry is a bridge, hide the cheapest set of further entries that closes a cycle through it (cost: the
// count itself, so small cells go first; totals cost far more, so they are hidden only when nothing else works).
// Finally, reveal again any extra entry that is not needed. Zeros are never hidden: a 0 reveals nothing.
import type { FieldError } from '../../platform/http/problems.ts';

export type Cell = number | 'c';

export const ROUNDINGS = ['none', 'nearest_5', 'nearest_10'] as const;
export type Rounding = (typeof ROUNDINGS)[number];
export const ROUNDING_LABELS: Readonly<Record<Rounding, string>> = {
  none: 'No rounding',
  nearest_5: 'Round to the nearest 5',
  nearest_10: 'Round to the nearest 10',
};
const ROUNDING_BASE: Readonly<Record<Rounding, number>> = { none: 1, nearest_5: 5, nearest_10: 10 };
export const isRounding = (v: unknown): v is Rounding => typeof v === 'string' && (ROUNDINGS as readonly string[]).includes(v);

/** The partnership's disclosure rule for published figures. */
export interface DisclosureRule {
  /** The largest count shown as `c` (0: none hidden). */
  threshold: number;
  rounding: Rounding;
  /** Hide further entries so that no hidden one can be worked out from totals. */
  secondary: boolean;
}

export const THRESHOLD_MAX = 10;
/** Today's rule and the default for a partnership that has not set one: 1 to 5 as `c`, secondary suppression on. */
export const DEFAULT_DISCLOSURE_RULE: Readonly<DisclosureRule> = Object.freeze({ threshold: 5, rounding: 'none', secondary: true });

/** The default rule's range, for callers that predate the partnership's rule. */
export const SUPPRESSION_MIN = 1;
export const SUPPRESSION_MAX = DEFAULT_DISCLOSURE_RULE.threshold;

/** The smallest threshold a rounding allows: every count that would round to 0 is hidden instead. */
export const minThresholdFor = (rounding: Rounding): number => Math.ceil(ROUNDING_BASE[rounding] / 2) - 1;

/** Whether the rule hides this count itself (primary suppression): 1 to the threshold. */
export const isSmall = (n: number, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): boolean => n >= 1 && n <= rule.threshold;

/** A shown count as published: rounded to the rule's base (halves up); 0 stays 0. */
export function roundCount(n: number, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): number {
  const base = ROUNDING_BASE[rule.rounding];
  return base === 1 ? n : Math.round(n / base) * base;
}

/** A figure already protected (`c` or an exact count) as published: a count rounded, `c` kept. */
export const roundCell = (c: Cell, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): Cell => (c === 'c' ? c : roundCount(c, rule));

/** The same rule without rounding: for callers that add protected cells up before rounding each figure once. */
export const unrounded = (rule: DisclosureRule): DisclosureRule => ({ ...rule, rounding: 'none' });

/** What is wrong with a rule, naming the field (the schema checks the types and ranges). */
export function disclosureRuleErrors(rule: DisclosureRule): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(rule.threshold) || rule.threshold < 0 || rule.threshold > THRESHOLD_MAX)
    errors.push({ field: 'threshold', message: `The threshold must be a whole number from 0 to ${THRESHOLD_MAX}` });
  else if (isRounding(rule.rounding) && rule.threshold < minThresholdFor(rule.rounding))
    errors.push({
      field: 'threshold',
      message: `With rounding to the nearest ${ROUNDING_BASE[rule.rounding]}, the threshold must be at least ${minThresholdFor(rule.rounding)}, so that no count is shown as 0`,
    });
  if (!isRounding(rule.rounding)) errors.push({ field: 'rounding', message: 'Choose no rounding, the nearest 5 or the nearest 10' });
  if (typeof rule.secondary !== 'boolean') errors.push({ field: 'secondary', message: 'Choose whether secondary suppression is on' });
  return errors;
}

/** The rule in words, for the note under a published table and the first line of an export (no full stop). */
export function describeDisclosureRule(rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): string {
  const hidden =
    rule.threshold === 0
      ? 'no counts are hidden'
      : `counts ${rule.threshold === 1 ? 'of 1 are' : `from 1 to ${rule.threshold} are`} shown as c${rule.secondary ? ', and other counts are hidden where they would reveal them' : ''}`;
  const rounded =
    rule.rounding === 'none' ? '' : `; figures are rounded to the nearest ${ROUNDING_BASE[rule.rounding]}, each on its own, so totals may not add up`;
  return `${hidden}${rounded}`;
}

/** A single published count: 1 to the threshold becomes `c`; any other count is rounded as the rule says. */
export function suppressCount(n: number, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): Cell {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a whole number of 0 or more, got ${n}`);
  return isSmall(n, rule) ? 'c' : roundCount(n, rule);
}

export interface SuppressedTable {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  grandTotal: Cell;
}

export interface SuppressOptions {
  /** The partnership's rule (the default rule when omitted). */
  rule?: DisclosureRule;
  /** Hide the grand total regardless (when a linked table already hides the same figure). */
  suppressGrandTotal?: boolean;
}

const TOTAL_COST = 1_000_000;

/**
 * Suppress a table of counts. Row, column and grand totals are computed from the cells (so they are consistent,
 * which the protection relies on) and returned with the cells.
 */
export function suppressTable(cells: readonly (readonly number[])[], options: SuppressOptions = {}): SuppressedTable {
  const rule = options.rule ?? DEFAULT_DISCLOSURE_RULE;
  const rows = cells.length;
  const cols = rows === 0 ? 0 : cells[0].length;
  for (const row of cells) {
    if (row.length !== cols) throw new RangeError('Every row of the table must have the same number of cells');
    for (const n of row) suppressCount(n); // validates
  }
  // The extended grid: index `rows` is the totals row, index `cols` the totals column.
  const grid: number[][] = [];
  for (let i = 0; i <= rows; i++) grid.push(new Array(cols + 1).fill(0));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const n = cells[i][j];
      grid[i][j] = n;
      grid[i][cols] += n;
      grid[rows][j] += n;
      grid[rows][cols] += n;
    }
  }
  const hidden = grid.map((r) => r.map((n) => isSmall(n, rule)));
  if (options.suppressGrandTotal && grid[rows][cols] > 0) hidden[rows][cols] = true;
  const primary = hidden.map((r) => [...r]);
  const cost = (i: number, j: number) => grid[i][j] + (i === rows || j === cols ? TOTAL_COST : 0);

  for (let exposed = rule.secondary ? findExposed(hidden) : null; exposed; exposed = findExposed(hidden)) {
    closeCycle(grid, hidden, exposed, cost);
  }

  // Reveal extra entries that turned out unnecessary, most costly first, until nothing more can be revealed.
  const extras: [number, number][] = [];
  for (let i = 0; i <= rows; i++) {
    for (let j = 0; j <= cols; j++) if (hidden[i][j] && !primary[i][j]) extras.push([i, j]);
  }
  extras.sort((a, b) => cost(b[0], b[1]) - cost(a[0], a[1]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [i, j] of extras) {
      if (!hidden[i][j]) continue;
      hidden[i][j] = false;
      if (findExposed(hidden)) hidden[i][j] = true;
      else changed = true;
    }
  }

  const show = (i: number, j: number): Cell => (hidden[i][j] ? 'c' : roundCount(grid[i][j], rule));
  return {
    cells: cells.map((r, i) => r.map((_, j) => show(i, j))),
    rowTotals: cells.map((_, i) => show(i, cols)),
    columnTotals: Array.from({ length: cols }, (_, j) => show(rows, j)),
    grandTotal: show(rows, cols),
  };
}

/** A one-row list of counts with its total (e.g. referrals by referrer). */
export function suppressList(counts: readonly number[], rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): { counts: Cell[]; total: Cell } {
  const t = suppressTable([counts], { rule });
  return { counts: t.cells[0], total: t.rowTotals[0] };
}

// Graph view: vertex r (0..rows) is a grid row, vertex rows+1+c a grid column; hidden entry (i, j) is an edge.

/** A hidden entry that could be worked out from the shown figures, or null when the table is safe. */
export function findExposed(hidden: readonly (readonly boolean[])[]): [number, number] | null {
  for (let i = 0; i < hidden.length; i++) {
    for (let j = 0; j < hidden[i].length; j++) {
      if (hidden[i][j] && !connectedWithout(hidden, i, j)) return [i, j];
    }
  }
  return null;
}

/** Whether row i and column j stay connected through hidden entries other than (i, j). */
function connectedWithout(hidden: readonly (readonly boolean[])[], i: number, j: number): boolean {
  const nRows = hidden.length;
  const nCols = hidden[0].length;
  const seen = new Set<number>([i]);
  const queue = [i];
  while (queue.length > 0) {
    const v = queue.pop() as number;
    if (v < nRows) {
      for (let c = 0; c < nCols; c++) {
        if (!hidden[v][c] || (v === i && c === j)) continue;
        if (c === j) return true;
        const w = nRows + c;
        if (seen.has(w)) continue;
        seen.add(w);
        queue.push(w);
      }
    } else {
      const c = v - nRows;
      for (let r = 0; r < nRows; r++) {
        if (!hidden[r][c] || (r === i && c === j) || seen.has(r)) continue;
        seen.add(r);
        queue.push(r);
      }
    }
  }
  return false;
}

/** Hide the cheapest shown non-zero entries that put the exposed entry on a cycle (Dijkstra on a small graph). */
function closeCycle(grid: readonly (readonly number[])[], hidden: boolean[][], [ei, ej]: [number, number], cost: (i: number, j: number) => number): void {
  const nRows = grid.length;
  const nCols = grid[0].length;
  const n = nRows + nCols;
  const dist = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  const via = new Array<[number, number] | null>(n).fill(null);
  const done = new Array<boolean>(n).fill(false);
  dist[ei] = 0;
  for (;;) {
    let v = -1;
    for (let k = 0; k < n; k++) if (!done[k] && dist[k] < Number.POSITIVE_INFINITY && (v < 0 || dist[k] < dist[v])) v = k;
    if (v < 0) break;
    done[v] = true;
    const edges: [number, number, number][] = []; // [i, j, neighbour]
    if (v < nRows) for (let c = 0; c < nCols; c++) edges.push([v, c, nRows + c]);
    else for (let r = 0; r < nRows; r++) edges.push([r, v - nRows, r]);
    for (const [i, j, w] of edges) {
      if (i === ei && j === ej) continue;
      if (!hidden[i][j] && grid[i][j] === 0) continue; // a known zero cannot be hidden
      const d = dist[v] + (hidden[i][j] ? 0 : cost(i, j));
      if (d < dist[w]) {
        dist[w] = d;
        via[w] = [i, j];
      }
    }
  }
  const target = nRows + ej;
  if (dist[target] === Number.POSITIVE_INFINITY) throw new Error('Suppression could not protect a cell'); // unreachable: hiding every non-zero entry is always safe
  for (let v = target; v !== ei; ) {
    const [i, j] = via[v] as [number, number];
    hidden[i][j] = true;
    v = v === i ? nRows + j : i;
  }
}
