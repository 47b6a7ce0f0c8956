// Statistical disclosure control for published counts, following children's social care statistics: counts of 1 to
// 5 are shown as `c`, and further cells are hidden where totals would let someone work a hidden count out.
//
// How secondary suppression works. Picture the table with its row totals, column totals and grand total as one
// grid in which every row and every column adds up. The hidden entries are the unknowns. A hidden entry can be
// worked out exactly from the shown figures if and only if, in the graph whose vertices are the grid's rows and
// columns and whose edges are the hidden entries, that entry is a bridge (lies on no cycle). A row or column with a
// single hidden entry is the simplest case, but not the only one. So: hide 1-5 counts (and 1-5 totals), then while
// some hidden entry is a bridge, hide the cheapest set of further entries that closes a cycle through it (cost: the
// count itself, so small cells go first; totals cost far more, so they are hidden only when nothing else works).
// Finally, reveal again any extra entry that is not needed. Zeros are never hidden: a 0 reveals nothing.

export type Cell = number | 'c';

export const SUPPRESSION_MIN = 1;
export const SUPPRESSION_MAX = 5;

/** A single published count: 1-5 becomes `c`. */
export function suppressCount(n: number): Cell {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a whole number of 0 or more, got ${n}`);
  return n >= SUPPRESSION_MIN && n <= SUPPRESSION_MAX ? 'c' : n;
}

export interface SuppressedTable {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  grandTotal: Cell;
}

export interface SuppressOptions {
  /** Hide the grand total regardless (when a linked table already hides the same figure). */
  suppressGrandTotal?: boolean;
}

const TOTAL_COST = 1_000_000;

/**
 * Suppress a table of counts. Row, column and grand totals are computed from the cells (so they are consistent,
 * which the protection relies on) and returned with the cells.
 */
export function suppressTable(cells: readonly (readonly number[])[], options: SuppressOptions = {}): SuppressedTable {
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
  const hidden = grid.map((r) => r.map((n) => n >= SUPPRESSION_MIN && n <= SUPPRESSION_MAX));
  if (options.suppressGrandTotal && grid[rows][cols] > 0) hidden[rows][cols] = true;
  const primary = hidden.map((r) => [...r]);
  const cost = (i: number, j: number) => grid[i][j] + (i === rows || j === cols ? TOTAL_COST : 0);

  for (let exposed = findExposed(hidden); exposed; exposed = findExposed(hidden)) {
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

  const show = (i: number, j: number): Cell => (hidden[i][j] ? 'c' : grid[i][j]);
  return {
    cells: cells.map((r, i) => r.map((_, j) => show(i, j))),
    rowTotals: cells.map((_, i) => show(i, cols)),
    columnTotals: Array.from({ length: cols }, (_, j) => show(rows, j)),
    grandTotal: show(rows, cols),
  };
}

/** A one-row list of counts with its total (e.g. referrals by referrer). */
export function suppressList(counts: readonly number[]): { counts: Cell[]; total: Cell } {
  const t = suppressTable([counts]);
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
