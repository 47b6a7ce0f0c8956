// Disclosure control of a built report: the one place the report builder calls src/modules/reports/disclosure.ts, so
// that a partnership-set rule can replace it here for the page, CSV, XLSX and API alike.
//
// - Exact figures (the policy's read_exact, and not asked for publication): shown as counted.
// - One breakdown, or two, of a measure whose records each fall in one cell (everything but distinct children): the
//   table shown (first breakdown as rows, second as columns) with its totals goes through suppressTable, which hides
//   1 to 5 and, where a total would reveal a hidden count, further cells (secondary suppression).
// - Distinct children (cells do not add up to totals, so totals cannot be used to work a cell out by subtraction),
//   and three or more breakdowns (a list of cells, not a table): each cell and each total on its own (suppressCount).
import { type Cell, type DisclosureRule, describeDisclosureRule, suppressCount, suppressList, suppressTable } from '../reports/disclosure.ts';

export type Suppression = 'none' | 'table' | 'cells';

export interface Counts {
  /** grid[i][j]: first breakdown's i-th value by the second's j-th (one column with one breakdown; [[total]] with none). */
  grid?: number[][];
  /** Three or more breakdowns: the non-empty cells. */
  list?: number[];
  first: number[];
  second: number[];
  total: number;
}

export interface Disclosed {
  grid?: Cell[][];
  list?: Cell[];
  first: Cell[];
  second: Cell[];
  total: Cell;
  suppression: Suppression;
}

export function discloseReport(c: Counts, opts: { exact: boolean; additive: boolean; dimensions: number; rule: DisclosureRule }): Disclosed {
  const { rule } = opts;
  if (opts.exact) return { ...c, suppression: 'none' };
  if (opts.additive && c.grid && opts.dimensions === 1) {
    const l = suppressList(
      c.grid.map((r) => r[0]),
      rule,
    );
    return { grid: l.counts.map((n) => [n]), first: l.counts, second: [], total: l.total, suppression: 'table' };
  }
  if (opts.additive && c.grid && opts.dimensions === 2) {
    const t = suppressTable(c.grid, { rule });
    return { grid: t.cells, first: t.rowTotals, second: t.columnTotals, total: t.grandTotal, suppression: 'table' };
  }
  const one = (n: number): Cell => suppressCount(n, rule);
  return {
    ...(c.grid ? { grid: c.grid.map((r) => r.map(one)) } : {}),
    ...(c.list ? { list: c.list.map(one) } : {}),
    first: c.first.map(one),
    second: c.second.map(one),
    total: one(c.total),
    suppression: opts.dimensions === 0 ? 'table' : 'cells',
  };
}

/** What the reader is told about the figures: the partnership's rule in words, and how it was applied here. */
export function suppressionNote(s: Suppression, rule: DisclosureRule): string {
  if (s === 'none') return 'Exact figures: not for publication.';
  const how =
    s === 'table'
      ? 'applied to the table with its totals'
      : 'applied to each cell and each total on its own (these cells do not add up to the totals, or there are more than two breakdowns, so no table of totals is protected as a whole)';
  return `Published figures: ${describeDisclosureRule(rule)}; ${how}.`;
}
