import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Cell, DEFAULT_DISCLOSURE_RULE } from '../reports/disclosure.ts';
import { published } from './disclose.ts';
import { bandOn, concernTable, ENGINE_TABLES, engineTable, figureList } from './domain.ts';
import { tableLines } from './view.ts';

const p = { from: '2026-01-01', to: '2026-06-30' };

test('an engine report becomes a table in the values’ order, with every quarter and 0 where nothing was counted', () => {
  const t = ENGINE_TABLES.find((x) => x.key === 'referrals-by-quarter')!;
  const table = engineTable(t, { cells: [{ keys: ['2026-Q2'], n: 7 }], first: new Map(), second: new Map(), total: 7 }, p);
  assert.deepEqual(table.rows, ['Jan to Mar 2026', 'Apr to Jun 2026']);
  assert.deepEqual(table.cells, [[0], [7]]);
  assert.equal(table.total, 7);
  assert.equal(table.unit, 'Referrals');
});

test('distinct children: totals are the engine’s (a child in two cells is one child), and each figure is protected on its own', () => {
  const t = ENGINE_TABLES.find((x) => x.key === 'children-by-age-sex')!;
  const raw = {
    cells: [
      { keys: ['14-15', 'female'], n: 3 },
      { keys: ['16-17', 'female'], n: 9 },
    ],
    first: new Map([
      ['14-15', 3],
      ['16-17', 9],
    ]),
    second: new Map([['female', 11]]),
    total: 11,
  };
  const table = engineTable(t, raw, p);
  assert.equal(table.additive, false);
  assert.equal(table.total, 11, 'one child referred at 15 and at 16 is one child');
  const shown = published(table, DEFAULT_DISCLOSURE_RULE);
  const row = table.rows.indexOf('14 to 15');
  assert.ok(row >= 0, table.rows.join());
  assert.equal(shown.cells[row][table.columns.indexOf('Female')], 'c');
  assert.equal(shown.total, 11);
});

test('an additive table is protected as a whole: a single hidden cell in a row would be worked out from its total, so a second is hidden', () => {
  const t = ENGINE_TABLES.find((x) => x.key === 'referrals-by-risk')!;
  const raw = {
    cells: [
      { keys: ['high', 'cse'], n: 3 },
      { keys: ['high', 'ce'], n: 20 },
      { keys: ['low', 'ce'], n: 30 },
      { keys: ['low', 'cse'], n: 12 },
    ],
    first: new Map(),
    second: new Map(),
    total: 65,
  };
  const shown = published(engineTable(t, raw, p), DEFAULT_DISCLOSURE_RULE);
  const hidden = shown.cells.flat().filter((c) => c === 'c').length;
  assert.ok(hidden >= 2, `${hidden} hidden`);
  assert.ok(shown.cells.flat().every((c) => c === 'c' || c === 0 || c > 5));
});

test('separate figures have no total row, and each small figure is c', () => {
  const shown = published(
    figureList('x', 'Returns', [
      { label: 'Returns', n: 4 },
      { label: 'Interviews', n: 40 },
    ]),
    DEFAULT_DISCLOSURE_RULE,
  );
  const lines = tableLines(shown);
  assert.equal(lines.foot, null);
  assert.deepEqual(lines.body, [
    ['Returns', 'c'],
    ['Interviews', '40'],
  ]);
});

test('persons of concern are counted by age band at the end of the period and sex; no record, not known', () => {
  assert.equal(bandOn('2009-07-01', '2026-06-30'), '16-17');
  assert.equal(bandOn('2009-06-30', '2026-06-30'), '16-17');
  assert.equal(bandOn('2000-01-01', '2026-06-30'), '25+');
  assert.equal(bandOn(null, '2026-06-30'), 'unknown');
  const t = concernTable(
    [
      { sex: 'male', dateOfBirth: '2009-07-01' },
      { sex: null, dateOfBirth: null },
      { sex: null, dateOfBirth: null },
    ],
    '2026-06-30',
  );
  assert.equal(t.total, 3);
  assert.equal(t.cells[t.rows.indexOf('Age not known')][t.columns.indexOf('Not known')], 2);
  assert.equal(t.rowTotals[t.rows.indexOf('16 to 17')], 1);
});

test('property: under any rule, a shown figure is the counted one or c, a count the rule hides is never shown, and zeros stay', () => {
  const rule = fc.record({ threshold: fc.integer({ min: 0, max: 10 }), rounding: fc.constant('none' as const), secondary: fc.boolean() });
  const grid = fc
    .integer({ min: 1, max: 5 })
    .chain((cols) => fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 }));
  fc.assert(
    fc.property(grid, rule, fc.boolean(), (cells, r, additive) => {
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const t = {
        key: 't',
        caption: 'T',
        unit: 'Referrals',
        rowHeading: 'Row',
        rows: cells.map((_, i) => `r${i}`),
        columns: cells[0].map((_, j) => `c${j}`),
        cells,
        rowTotals: cells.map(sum),
        columnTotals: cells[0].map((_, j) => sum(cells.map((row) => row[j]))),
        total: sum(cells.map(sum)),
        additive,
      };
      const shown = published(t, r);
      const pairs: [number, Cell][] = [
        ...cells.flatMap((row, i) => row.map((n, j): [number, Cell] => [n, shown.cells[i][j]])),
        ...t.rowTotals.map((n, i): [number, Cell] => [n, shown.rowTotals[i]]),
        ...t.columnTotals.map((n, j): [number, Cell] => [n, shown.columnTotals[j]]),
        [t.total, shown.total],
      ];
      for (const [n, c] of pairs) {
        assert.ok(c === 'c' || c === n, `${n} shown as ${c}`);
        if (n >= 1 && n <= r.threshold) assert.equal(c, 'c', `${n} under threshold ${r.threshold}`);
        if (n === 0) assert.equal(c, 0);
      }
    }),
    { numRuns: 200 },
  );
});
