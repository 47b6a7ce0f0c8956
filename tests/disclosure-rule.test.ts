// The partnership's disclosure rule as pure functions (reports/disclosure.ts): threshold, rounding and secondary
// suppression, as properties over generated tables.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CARE_GROUPS, type CubeRow, committeeFigures, OUTCOMES } from '../src/modules/missing/committee-figures.ts';
import { CLASSIFICATIONS } from '../src/modules/missing/episodes.ts';
import { regionalImportCommand } from '../src/modules/regional/cli.ts';
import { type Pool, summarise } from '../src/modules/regional/linkage.ts';
import {
  type Cell,
  DEFAULT_DISCLOSURE_RULE,
  type DisclosureRule,
  describeDisclosureRule,
  disclosureRuleErrors,
  findExposed,
  minThresholdFor,
  ROUNDINGS,
  roundCount,
  type SuppressedTable,
  suppressCount,
  suppressList,
  suppressTable,
} from '../src/modules/reports/disclosure.ts';
import { buildTriageReport, publishTriageReport } from '../src/modules/reports/triage-report.ts';

const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 80 }));
const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([r, c]) => fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
const rule: fc.Arbitrary<DisclosureRule> = fc
  .record({ rounding: fc.constantFrom(...ROUNDINGS), secondary: fc.boolean(), extra: fc.integer({ min: 0, max: 10 }) })
  .map(({ rounding, secondary, extra }) => ({ rounding, secondary, threshold: Math.min(10, minThresholdFor(rounding) + extra) }));

/** The table with its totals as one grid of exact values, and of what is shown. */
function grids(cells: number[][], t: SuppressedTable) {
  const values = cells.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
  values.push(values[0].map((_, j) => values.reduce((s, r) => s + r[j], 0)));
  const shown: Cell[][] = [...t.cells.map((r, i) => [...r, t.rowTotals[i]]), [...t.columnTotals, t.grandTotal]];
  return { values, shown };
}

describe('the rule', () => {
  test('the default rule is today’s: omitting it changes nothing (property)', () => {
    fc.assert(
      fc.property(table, (cells) => {
        assert.deepEqual(suppressTable(cells, { rule: DEFAULT_DISCLOSURE_RULE }), suppressTable(cells));
        assert.deepEqual(suppressList(cells[0], DEFAULT_DISCLOSURE_RULE), suppressList(cells[0]));
      }),
    );
    assert.deepEqual(
      [0, 1, 5, 6].map((n) => suppressCount(n)),
      [0, 'c', 'c', 6],
    );
  });

  test('the threshold: 1 to it shown as c, 0 never hidden, 0 hides nothing at all', () => {
    const r = (threshold: number): DisclosureRule => ({ threshold, rounding: 'none', secondary: true });
    assert.deepEqual(
      [0, 1, 2, 3, 6].map((n) => suppressCount(n, r(2))),
      [0, 'c', 'c', 3, 6],
    );
    assert.deepEqual(
      [0, 1, 10, 11].map((n) => suppressCount(n, r(10))),
      [0, 'c', 'c', 11],
    );
    const none = suppressTable(
      [
        [1, 2],
        [3, 0],
      ],
      { rule: r(0) },
    );
    assert.deepEqual(none, {
      cells: [
        [1, 2],
        [3, 0],
      ],
      rowTotals: [3, 3],
      columnTotals: [4, 2],
      grandTotal: 6,
    });
  });

  test('rounding: to the nearest 5 or 10, halves up, never a non-zero count shown as 0 (property)', () => {
    assert.deepEqual(
      [0, 3, 7, 8, 12, 13, 25].map((n) => roundCount(n, { threshold: 2, rounding: 'nearest_5', secondary: true })),
      [0, 5, 5, 10, 10, 15, 25],
    );
    assert.deepEqual(
      [0, 5, 14, 15, 95].map((n) => roundCount(n, { threshold: 4, rounding: 'nearest_10', secondary: true })),
      [0, 10, 10, 20, 100],
    );
    fc.assert(
      fc.property(rule, fc.integer({ min: 0, max: 500 }), (r, n) => {
        const shown = suppressCount(n, r);
        if (n === 0) assert.equal(shown, 0);
        else if (n <= r.threshold) assert.equal(shown, 'c');
        else {
          const base = r.rounding === 'none' ? 1 : r.rounding === 'nearest_5' ? 5 : 10;
          assert.equal((shown as number) % base, 0);
          assert.ok(Math.abs((shown as number) - n) <= base / 2, `${n} shown as ${shown}`);
          assert.notEqual(shown, 0, 'a count is never shown as 0');
        }
      }),
    );
  });

  test('totals are rounded on their own from their exact values, not added up from rounded cells (property)', () => {
    fc.assert(
      fc.property(table, rule, (cells, r) => {
        const { values, shown } = grids(cells, suppressTable(cells, { rule: r }));
        shown.forEach((row, i) => {
          row.forEach((v, j) => {
            if (v !== 'c') assert.equal(v, roundCount(values[i][j], r));
          });
        });
      }),
    );
  });

  test('secondary suppression off leaves exactly the small counts (and small totals) hidden (property)', () => {
    fc.assert(
      fc.property(table, rule, (cells, r) => {
        const { values, shown } = grids(cells, suppressTable(cells, { rule: { ...r, secondary: false } }));
        values.forEach((row, i) => {
          row.forEach((n, j) => {
            assert.equal(shown[i][j] === 'c', n >= 1 && n <= r.threshold, `${n} at ${i},${j} with threshold ${r.threshold}`);
          });
        });
      }),
    );
  });

  test('secondary suppression on leaves no hidden figure that can be worked out, whatever the threshold (property)', () => {
    fc.assert(
      fc.property(table, rule, (cells, r) => {
        const { values, shown } = grids(cells, suppressTable(cells, { rule: { ...r, secondary: true } }));
        assert.equal(findExposed(shown.map((row) => row.map((v) => v === 'c'))), null);
        values.forEach((row, i) => {
          row.forEach((n, j) => {
            if (n >= 1 && n <= r.threshold) assert.equal(shown[i][j], 'c', 'every small count is hidden');
            if (n === 0) assert.equal(shown[i][j], 0, 'zeros are never hidden');
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  test('seed 004’s published table: a threshold of 2 hides fewer cells than 5, and without secondary only the 1s and 2s', () => {
    const seed = [
      [6, 1, 2, 2, 2, 4, 12],
      [9, 0, 5, 1, 3, 2, 0],
      [29, 0, 22, 3, 3, 7, 0],
      [20, 1, 14, 5, 0, 7, 0],
      [3, 0, 10, 2, 0, 6, 0],
    ];
    const hidden = (r: DisclosureRule) =>
      suppressTable(seed, { rule: r })
        .cells.flat()
        .filter((c) => c === 'c').length;
    const today = hidden(DEFAULT_DISCLOSURE_RULE);
    const two = hidden({ threshold: 2, rounding: 'none', secondary: true });
    assert.ok(two < today, `${two} hidden with threshold 2, ${today} with 5`);
    assert.equal(hidden({ threshold: 2, rounding: 'none', secondary: false }), seed.flat().filter((n) => n === 1 || n === 2).length);
    assert.equal(suppressTable(seed, { rule: { threshold: 2, rounding: 'none', secondary: false } }).grandTotal, 181);
  });

  test('the triage report follows the rule it is given', () => {
    const rows = [
      ...Array.from({ length: 3 }, () => ({ outcome: 'high' as const, category: 'cse' as const, referrerSector: 'police' })),
      ...Array.from({ length: 8 }, () => ({ outcome: 'medium' as const, category: 'ce' as const, referrerSector: 'education' })),
    ];
    const report = buildTriageReport(rows, { from: '2024-06-01', to: '2024-06-30' });
    assert.equal(publishTriageReport(report).byOutcomeAndCategory.high.cse, 'c');
    const low = publishTriageReport(report, { threshold: 2, rounding: 'none', secondary: true });
    assert.equal(low.byOutcomeAndCategory.high.cse, 3);
    assert.equal(low.total, 11);
    const rounded = publishTriageReport(report, { threshold: 2, rounding: 'nearest_5', secondary: false });
    assert.deepEqual([rounded.byOutcomeAndCategory.high.cse, rounded.byOutcomeAndCategory.medium.ce, rounded.total], [5, 10, 10]);
    assert.deepEqual([rounded.byReferrerSector.police, rounded.byReferrerSector.education], [5, 10]);
  });

  test('a rule that is not valid names its field; the rule reads in words', () => {
    assert.deepEqual(disclosureRuleErrors(DEFAULT_DISCLOSURE_RULE), []);
    assert.deepEqual(
      disclosureRuleErrors({ threshold: 1, rounding: 'nearest_5', secondary: true }).map((e) => e.field),
      ['threshold'],
    );
    assert.deepEqual(
      disclosureRuleErrors({ threshold: 3, rounding: 'nearest_10', secondary: true }).map((e) => e.field),
      ['threshold'],
    );
    assert.deepEqual(disclosureRuleErrors({ threshold: 0, rounding: 'none', secondary: false }), []);
    assert.equal(describeDisclosureRule({ threshold: 1, rounding: 'none', secondary: false }), 'counts of 1 are shown as c');
    assert.deepEqual(
      disclosureRuleErrors({ threshold: 11, rounding: 'none', secondary: true }).map((e) => e.field),
      ['threshold'],
    );
    assert.equal(
      describeDisclosureRule(DEFAULT_DISCLOSURE_RULE),
      'counts from 1 to 5 are shown as c, and other counts are hidden where they would reveal them',
    );
    assert.equal(describeDisclosureRule({ threshold: 0, rounding: 'none', secondary: true }), 'no counts are hidden');
    assert.equal(
      describeDisclosureRule({ threshold: 2, rounding: 'nearest_5', secondary: false }),
      'counts from 1 to 2 are shown as c; figures are rounded to the nearest 5, each on its own, so totals may not add up',
    );
  });

  test('the regional pool’s counts follow the rule the region gives; a rule that is not valid is refused before any file is read', () => {
    const rows = [
      ...Array.from({ length: 3 }, (_, i) => ({ partnership: 'North', regionalChild: i + 1 })),
      ...Array.from({ length: 8 }, (_, i) => ({ partnership: 'South', regionalChild: i + 10 })),
    ];
    const p = { threshold: 0.8, partnerships: ['North', 'South'], rows, links: [], children: 11, knownToMoreThanOne: 0, shared: [] } as unknown as Pool;
    assert.deepEqual(
      summarise(p).partnerships.map((x) => x.children),
      ['c', 8],
    );
    assert.deepEqual(
      summarise(p, { threshold: 2, rounding: 'nearest_5', secondary: false }).partnerships.map((x) => x.children),
      [5, 10],
    );
    assert.throws(
      () => regionalImportCommand(['no-such-file.csv', '--disclosure-threshold', '1', '--rounding', 'nearest_5'], () => {}),
      (e: { errors?: { field: string }[] }) => e.errors?.[0]?.field === 'disclosure-threshold',
    );
    assert.throws(
      () => regionalImportCommand(['no-such-file.csv', '--rounding', 'nearest_3'], () => {}),
      (e: { errors?: { field: string }[] }) => e.errors?.[0]?.field === 'rounding',
    );
  });

  test('the committee’s missing figures: threshold 0 shows the exact figures; rounding rounds every figure (property)', () => {
    const cubeRow: fc.Arbitrary<CubeRow> = fc.record({
      care: fc.constantFrom(...CARE_GROUPS),
      classification: fc.constantFrom(...CLASSIFICATIONS),
      outcome: fc.constantFrom(...OUTCOMES, 'not_returned' as const),
      found24: fc.boolean(),
      count: fc.integer({ min: 1, max: 30 }),
    });
    const period = { from: '2024-04-01', to: '2024-06-30' };
    const numbers = (f: ReturnType<typeof committeeFigures>) => [
      f.episodes,
      f.children,
      f.notReturned,
      ...Object.values(f.total),
      ...f.splits.flatMap((s) => s.groups.flatMap((g) => Object.values(g.counts))),
    ];
    fc.assert(
      fc.property(fc.array(cubeRow, { maxLength: 12 }), fc.integer({ min: 0, max: 40 }), (rows, children) => {
        const cube = { rows, children };
        const exact = committeeFigures(cube, period, false);
        const open = committeeFigures(cube, period, { threshold: 0, rounding: 'none', secondary: false });
        assert.deepEqual({ ...open, published: false }, exact);
        const r: DisclosureRule = { threshold: 4, rounding: 'nearest_10', secondary: true };
        for (const v of numbers(committeeFigures(cube, period, r))) assert.ok(v === 'c' || v % 10 === 0, `${v} is rounded to the nearest 10`);
        const primaryOnly = numbers(committeeFigures(cube, period, { threshold: 5, rounding: 'none', secondary: false }));
        const withSecondary = numbers(committeeFigures(cube, period, { threshold: 5, rounding: 'none', secondary: true }));
        const hidden = (xs: Cell[]) => xs.filter((x) => x === 'c').length;
        assert.ok(hidden(primaryOnly) <= hidden(withSecondary), 'secondary suppression only ever hides more');
      }),
      { numRuns: 150 },
    );
  });
});
