// Programmes and outcome measures (issue 19.2, 19.3): the pure rules so far: the cap and eligibility refused with
// the field named, the indicators (count, percentage, before/after change) and "improved or sustained" reproducible
// from the records counted, and what a comparison can and cannot show.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ageOn,
  allocationErrors,
  change,
  comparisonStatement,
  type IndicatorSpec,
  indicator,
  recordValue,
  type Scale,
} from '../src/modules/programmes/domain.ts';

const pilot = { riskLevels: ['medium'], ageFrom: 10, ageTo: 17, cap: 20 };
const child = { riskLevel: 'medium', dateOfBirth: '2012-03-04', status: 'open', current: 3, inAProgramme: null };

describe('allocation (pure)', () => {
  test('an eligible child joins; the cap, the risk level, the age and another programme are refused on personId', () => {
    assert.deepEqual(allocationErrors(pilot, child, '2026-12-02'), []);
    const full = allocationErrors(pilot, { ...child, current: 20 }, '2026-12-02');
    assert.equal(full[0].field, 'personId');
    assert.match(full[0].message, /full \(20 of 20\)/);
    assert.match(allocationErrors(pilot, { ...child, riskLevel: 'high' }, '2026-12-02')[0].message, /risk level is high: the programme takes medium risk/);
    assert.match(allocationErrors(pilot, { ...child, dateOfBirth: '2006-01-01' }, '2026-12-02')[0].message, /is 20: the programme takes ages 10 to 17/);
    assert.match(allocationErrors(pilot, { ...child, dateOfBirth: null }, '2026-12-02')[0].message, /date of birth is not known/);
    assert.match(allocationErrors(pilot, { ...child, inAProgramme: 'Demo Other' }, '2026-12-02')[0].message, /already in a programme \(Demo Other\)/);
    assert.equal(ageOn('2012-12-03', '2026-12-02'), 13);
    assert.equal(ageOn('2012-12-02', '2026-12-02'), 14);
  });
});

describe('outcome records and indicators (pure)', () => {
  const star: Scale = { id: 's', name: 'Demo Star', kind: 'star', areas: ['Safety', 'Friends'], min: 1, max: 10 };
  test('a star’s areas are each 1 to 10 and its value is their total; errors name the area’s field', () => {
    assert.deepEqual(recordValue(star, { Safety: 4, Friends: 6 }), { value: 10, errors: [] });
    const bad = recordValue(star, { Safety: 11 });
    assert.deepEqual(
      bad.errors.map((e) => e.field),
      ['scores[0]', 'scores[1]'],
    );
  });

  test('"improved or sustained": first against latest per child, only children with two records, each listed', () => {
    const p = (id: string, recordedOn: string, value: number) => ({ id, recordedOn, value });
    const cohort = [
      { personId: 'a', reviewDue: '2026-12-10', records: { s: [p('a2', '2026-11-01', 12), p('a1', '2026-09-01', 10)] } },
      { personId: 'b', reviewDue: '2026-11-01', records: { s: [p('b1', '2026-09-01', 10), p('b2', '2026-11-01', 10)] } },
      { personId: 'c', reviewDue: null, records: { s: [p('c1', '2026-09-01', 10), p('c2', '2026-11-01', 8)] } },
      { personId: 'd', reviewDue: null, records: { s: [p('d1', '2026-09-01', 5)] } },
    ];
    const spec = (kind: IndicatorSpec['kind'], measure: IndicatorSpec['measure']): IndicatorSpec => ({ kind, measure, scaleId: 's', label: measure });
    assert.equal(indicator(spec('count', 'cases'), cohort, '2026-12-02').count, 4);
    const reviewed = indicator(spec('percentage', 'review_not_overdue'), cohort, '2026-12-02');
    assert.deepEqual([reviewed.count, reviewed.of, reviewed.percent], [3, 4, 75]);
    const changed = indicator(spec('change', 'improved_or_sustained'), cohort, '2026-12-02');
    assert.deepEqual([changed.count, changed.of, changed.percent], [2, 3, 67]);
    assert.deepEqual(
      changed.counted.map((c) => [c.personId, c.counts, c.firstId, c.latestId]),
      [
        ['a', true, 'a1', 'a2'],
        ['b', true, 'b1', 'b2'],
        ['c', false, 'c1', 'c2'],
      ],
    );
    assert.equal(change([p('x', '2026-01-01', 3)]), null);
  });

  test('the comparison says it is not randomised, the numbers are small, and it cannot show cause', () => {
    const s = comparisonStatement(12, 9).join(' ');
    assert.match(s, /9 against the programme’s 12/);
    assert.match(s, /not randomised/);
    assert.match(s, /numbers are small/);
    assert.match(s, /cannot show that the programme made the difference/);
  });
});
