import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type Cell, type SuppressedTable, suppressCount, suppressList, suppressTable } from './disclosure.ts';

// Independent check, by linear algebra rather than the graph rule the implementation uses: a hidden entry can be
// recovered exactly iff its unit vector lies in the row space of the additivity constraints over hidden entries.
function grid(t: SuppressedTable): Cell[][] {
  return [...t.cells.map((r, i) => [...r, t.rowTotals[i]]), [...t.columnTotals, t.grandTotal]];
}

function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let p = r;
    while (p < m.length && Math.abs(m[p][c]) < 1e-9) p++;
    if (p === m.length) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let k = 0; k < m.length; k++) {
      if (k === r || Math.abs(m[k][c]) < 1e-9) continue;
      const f = m[k][c] / m[r][c];
      for (let x = c; x < cols; x++) m[k][x] -= f * m[r][x];
    }
    r++;
  }
  return r;
}

/** Hidden entries (as [i, j] in the extended grid) that can be worked out from what is shown. */
function recoverable(g: Cell[][]): [number, number][] {
  const R = g.length - 1;
  const C = g[0].length - 1;
  const unknowns: [number, number][] = [];
  for (let i = 0; i <= R; i++) for (let j = 0; j <= C; j++) if (g[i][j] === 'c') unknowns.push([i, j]);
  if (unknowns.length === 0) return [];
  const index = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]));
  const constraints: number[][] = [];
  const add = (entries: [number, number, number][]) => {
    const row = new Array(unknowns.length).fill(0);
    for (const [i, j, sign] of entries) {
      const k = index.get(`${i},${j}`);
      if (k !== undefined) row[k] += sign;
    }
    if (row.some((x) => x !== 0)) constraints.push(row);
  };
  for (let i = 0; i <= R; i++) add([...Array.from({ length: C }, (_, j) => [i, j, 1] as [number, number, number]), [i, C, -1]]);
  for (let j = 0; j <= C; j++) add([...Array.from({ length: R }, (_, i) => [i, j, 1] as [number, number, number]), [R, j, -1]]);
  const base = constraints.length ? rank(constraints) : 0;
  return unknowns.filter((_, k) => {
    const unit = new Array(unknowns.length).fill(0);
    unit[k] = 1;
    return rank([...constraints, unit]) === base;
  });
}

const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 60 }));
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([r, c]) => fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

describe('suppressCount', () => {
  test('1 to 5 become c; 0 and 6+ are shown', () => {
    assert.deepEqual(
      [0, 1, 5, 6, 120].map((n) => suppressCount(n)),
      [0, 'c', 'c', 6, 120],
    );
  });
  test('rejects negative or fractional counts', () => {
    assert.throws(() => suppressCount(-1), RangeError);
    assert.throws(() => suppressCount(2.5), RangeError);
  });
});

describe('suppressTable', () => {
  test('a table with no small counts is published in full with its totals', () => {
    const t = suppressTable([
      [10, 0],
      [7, 22],
    ]);
    assert.deepEqual(t, {
      cells: [
        [10, 0],
        [7, 22],
      ],
      rowTotals: [10, 29],
      columnTotals: [17, 22],
      grandTotal: 39,
    });
  });

  test('a lone small count is protected by hiding the cheapest block of cells, totals stay shown', () => {
    const t = suppressTable([
      [3, 10, 20],
      [8, 30, 40],
      [9, 12, 50],
    ]);
    // 10 + 9 + 12 hidden beside the 3 costs less than 10 + 8 + 30.
    assert.deepEqual(t.cells, [
      ['c', 'c', 20],
      [8, 30, 40],
      ['c', 'c', 50],
    ]);
    assert.deepEqual(t.rowTotals, [33, 78, 71]);
    assert.deepEqual(t.columnTotals, [20, 52, 110]);
    assert.deepEqual(recoverable(grid(t)), []);
  });

  test('zeros are never hidden, even next to a hidden count', () => {
    const t = suppressTable([
      [2, 0, 7],
      [0, 9, 8],
    ]);
    assert.equal(t.cells[0][1], 0);
    assert.equal(t.cells[1][0], 0);
    assert.deepEqual(recoverable(grid(t)), []);
  });

  test('a total of 1-5 is hidden', () => {
    const t = suppressTable([
      [1, 2],
      [10, 20],
    ]);
    assert.equal(t.rowTotals[0], 'c');
    assert.deepEqual(recoverable(grid(t)), []);
  });

  test('the published seed table keeps its large counts visible', () => {
    const seed = [
      [6, 1, 2, 2, 2, 4, 12],
      [9, 0, 5, 1, 3, 2, 0],
      [29, 0, 22, 3, 3, 7, 0],
      [20, 1, 14, 5, 0, 7, 0],
      [3, 0, 10, 2, 0, 6, 0],
    ];
    const t = suppressTable(seed);
    assert.deepEqual(recoverable(grid(t)), []);
    assert.equal(t.cells[2][0], 29);
    assert.equal(t.cells[2][2], 22);
    assert.equal(t.grandTotal, 181);
  });

  test('shown figures are the true counts, small counts are hidden, zeros stay 0 (property)', () => {
    fc.assert(
      fc.property(table, (cells) => {
        const t = suppressTable(cells);
        cells.forEach((row, i) => {
          row.forEach((n, j) => {
            const shown = t.cells[i][j];
            if (n === 0) assert.equal(shown, 0);
            else if (n <= 5) assert.equal(shown, 'c');
            else assert.ok(shown === n || shown === 'c');
          });
        });
        cells.forEach((row, i) => {
          const total = row.reduce((a, b) => a + b, 0);
          assert.ok(t.rowTotals[i] === total || (t.rowTotals[i] === 'c' && total > 0));
        });
      }),
    );
  });

  test('no hidden figure can be worked out from the shown cells and totals (property)', () => {
    fc.assert(
      fc.property(table, (cells) => {
        assert.deepEqual(recoverable(grid(suppressTable(cells))), []);
      }),
      { numRuns: 300 },
    );
  });

  test('every count above 5 that is hidden is needed: showing it would expose a figure (property)', () => {
    fc.assert(
      fc.property(table, (cells) => {
        const g = grid(suppressTable(cells));
        const values = cells.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
        values.push(values[0].map((_, j) => values.reduce((s, r) => s + r[j], 0)));
        g.forEach((row, i) => {
          row.forEach((v, j) => {
            if (v !== 'c' || values[i][j] <= 5) return;
            const revealed = g.map((r) => [...r]);
            revealed[i][j] = values[i][j];
            assert.notDeepEqual(recoverable(revealed), [], `hidden ${values[i][j]} at ${i},${j} is not needed`);
          });
        });
      }),
    );
  });
});

describe('suppressList', () => {
  test('a single small count hides the next smallest so the total does not give it away', () => {
    assert.deepEqual(suppressList([74, 34, 11, 14, 3, 9, 16, 20]), {
      counts: [74, 34, 11, 14, 'c', 'c', 16, 20],
      total: 181,
    });
  });
  test('no small counts: everything shown', () => {
    assert.deepEqual(suppressList([6, 0, 7]), { counts: [6, 0, 7], total: 13 });
  });
});
