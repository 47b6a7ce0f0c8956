import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AGENCY_SECTORS, TRIAGE_CATEGORIES, TRIAGE_OUTCOMES } from '../triage/vocab.ts';
import { buildTriageReport, publishTriageReport, type TriageReportRow, triageMatrix } from './domain.ts';

const period = { from: '2022-10-01', to: '2023-02-28' };

function repeat(n: number, row: TriageReportRow): TriageReportRow[] {
  return Array.from({ length: n }, () => ({ ...row }));
}

describe('buildTriageReport', () => {
  test('every level x category and every sector is present, zeros included', () => {
    const r = buildTriageReport([], period);
    assert.equal(r.total, 0);
    assert.deepEqual(Object.keys(r.byOutcomeAndCategory), [...TRIAGE_OUTCOMES]);
    for (const o of TRIAGE_OUTCOMES) assert.deepEqual(Object.keys(r.byOutcomeAndCategory[o]), [...TRIAGE_CATEGORIES]);
    assert.deepEqual(Object.keys(r.byReferrerSector), [...AGENCY_SECTORS]);
    assert.ok(Object.values(r.byReferrerSector).every((n) => n === 0));
    assert.deepEqual({ from: r.from, to: r.to }, period);
  });

  test('counts decisions by level and category, referrers by sector; undecided only in awaiting and total', () => {
    const rows: TriageReportRow[] = [
      ...repeat(3, { outcome: 'high', category: 'cse', referrerSector: 'police' }),
      { outcome: 'low', category: 'ce', referrerSector: 'education' },
      { outcome: null, category: null, referrerSector: 'health' },
      { outcome: null, category: null, referrerSector: 'a-new-sector' },
    ];
    const r = buildTriageReport(rows, period);
    assert.equal(r.total, 6);
    assert.equal(r.awaitingTriage, 2);
    assert.equal(r.byOutcomeAndCategory.high.cse, 3);
    assert.equal(r.byOutcomeAndCategory.low.ce, 1);
    assert.equal(r.outcomeTotals.high, 3);
    assert.equal(r.categoryTotals.cse, 3);
    assert.equal(
      triageMatrix(r)
        .flat()
        .reduce((a, b) => a + b, 0),
      4,
    );
    assert.deepEqual(
      { police: r.byReferrerSector.police, health: r.byReferrerSector.health, other: r.byReferrerSector.other },
      { police: 3, health: 1, other: 1 },
    );
  });

  test('a decision with no category is counted by level but kept out of the category table', () => {
    const r = buildTriageReport([{ outcome: 'medium', category: null, referrerSector: 'police' }], period);
    assert.equal(r.outcomeTotals.medium, 1);
    assert.equal(r.decidedWithoutCategory, 1);
    assert.ok(Object.values(r.categoryTotals).every((n) => n === 0));
  });
});

describe('publishTriageReport', () => {
  // The seed's published table (181 referrals), rebuilt from synthetic rows.
  const seed: Record<string, number[]> = {
    returned_not_discussed: [6, 1, 2, 2, 2, 4, 12],
    no_risk: [9, 0, 5, 1, 3, 2, 0],
    low: [29, 0, 22, 3, 3, 7, 0],
    medium: [20, 1, 14, 5, 0, 7, 0],
    high: [3, 0, 10, 2, 0, 6, 0],
  };
  const sectors = [74, 34, 11, 14, 3, 9, 16, 20];
  const rows: TriageReportRow[] = [];
  for (const o of TRIAGE_OUTCOMES) {
    seed[o].forEach((n, j) => {
      rows.push(...repeat(n, { outcome: o, category: TRIAGE_CATEGORIES[j], referrerSector: '' }));
    });
  }
  let k = 0;
  sectors.forEach((n, s) => {
    for (let i = 0; i < n; i++) rows[k++].referrerSector = AGENCY_SECTORS[s];
  });

  test('reproduces the seed totals and hides its small counts', () => {
    const r = buildTriageReport(rows, period);
    assert.equal(r.total, 181);
    assert.deepEqual(
      TRIAGE_CATEGORIES.map((c) => r.categoryTotals[c]),
      [67, 2, 53, 13, 8, 26, 12],
    );
    const p = publishTriageReport(r);
    assert.equal(p.total, 181);
    assert.equal(p.byOutcomeAndCategory.low.ce, 29);
    assert.equal(p.byOutcomeAndCategory.high.ce, 'c');
    assert.equal(p.byOutcomeAndCategory.high.ce_and_violence, 0);
    assert.equal(p.categoryTotals.ce_and_violence, 'c');
    assert.equal(p.awaitingTriage, 0);
    assert.equal(p.byReferrerSector.youth_justice, 'c');
    assert.equal(p.byReferrerSector.childrens_social_care, 74);
  });

  test('a small awaiting-triage count cannot be worked out from the total', () => {
    const r = buildTriageReport(
      [...repeat(20, { outcome: 'low', category: 'ce', referrerSector: 'police' }), ...repeat(2, { outcome: null, category: null, referrerSector: 'police' })],
      period,
    );
    const p = publishTriageReport(r);
    assert.equal(p.awaitingTriage, 'c');
    // Total 22 and the decided figure 20 must not both be shown.
    assert.ok(p.total === 'c' || p.categoryTotals.ce === 'c');
    assert.ok(p.total === 'c' || p.byReferrerSector.police === 'c');
  });

  test('a small overall total is hidden in both tables', () => {
    const p = publishTriageReport(buildTriageReport([{ outcome: 'high', category: 'cse', referrerSector: 'health' }], period));
    assert.equal(p.total, 'c');
    assert.equal(p.byReferrerSector.health, 'c');
    assert.equal(p.byReferrerSector.police, 0);
  });
});

test('aggregated rows count as many referrals as they stand for', () => {
  const r = buildTriageReport(
    [
      { outcome: 'high', category: 'cse', referrerSector: 'police', count: 7 },
      { outcome: null, category: null, referrerSector: 'education', count: 3 },
      { outcome: 'high', category: 'cse', referrerSector: 'police' },
    ],
    { from: '2025-01-01', to: '2025-01-31' },
  );
  assert.equal(r.total, 11);
  assert.equal(r.byOutcomeAndCategory.high.cse, 8);
  assert.equal(r.byReferrerSector.police, 8);
  assert.equal(r.awaitingTriage, 3);
});
