import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addMonths, improvement, memberState, type Requirement, rag, readDate, readRow, safeCell, statesOn, trend } from './domain.ts';

const annual: Requirement = { rule: 'recurring', months: 12, startDate: null, validityMonths: 12, dueSoonDays: 30 };
const drivers: Requirement = { rule: 'by_date', months: 18, startDate: '2026-01-01', validityMonths: 36, dueSoonDays: 30 };

test('addMonths keeps the day, or the month’s last day', () => {
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
  assert.equal(addMonths('2026-11-15', 3), '2027-02-15');
  assert.equal(addMonths('2026-03-15', -3), '2025-12-15');
});

test('a member is compliant, due soon, overdue or not yet due', () => {
  assert.equal(memberState(annual, '2025-01-01', ['2026-06-01'], '2026-12-01').status, 'compliant');
  const soon = memberState(annual, '2025-01-01', ['2025-12-20'], '2026-12-01');
  assert.deepEqual([soon.status, soon.compliant, soon.dueOn], ['due_soon', true, '2026-12-20']);
  const lapsed = memberState(annual, '2025-01-01', ['2025-06-01'], '2026-12-01');
  assert.deepEqual([lapsed.status, lapsed.compliant, lapsed.neverTrained], ['overdue', false, false]);
  assert.equal(memberState(drivers, '2020-01-01', [], '2026-12-01').status, 'not_yet_due');
  assert.equal(memberState(drivers, '2020-01-01', [], '2027-06-15').status, 'due_soon');
  assert.equal(memberState(drivers, '2020-01-01', [], '2027-07-02').status, 'overdue');
  assert.equal(memberState(annual, '2025-01-01', ['2027-01-01'], '2026-12-01').neverTrained, true, 'a future date does not count');
});

test('RAG by the partnership’s thresholds', () => {
  assert.equal(rag(90, 10, 90, 75), 'green');
  assert.equal(rag(80, 10, 90, 75), 'amber');
  assert.equal(rag(50, 10, 90, 75), 'red');
  assert.equal(rag(0, 0, 90, 75), 'green');
});

test('the trend agrees with memberState on every day', () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 900 }), { maxLength: 3 }), { maxLength: 20 }), fc.integer({ min: 0, max: 900 }), (members, d) => {
      const base = '2024-01-01';
      const day = addMonths(base, Math.floor(d / 30));
      const ms = members.map((cs) => ({ joinedOn: base, completions: cs.map((c) => addMonths(base, Math.floor(c / 30))) }));
      const [point] = trend(annual, ms, [day]);
      assert.equal(point.compliant, ms.filter((m) => memberState(annual, m.joinedOn, m.completions, day).compliant).length);
    }),
  );
});

test('statesOn (remembered dates) agrees with memberState', () => {
  const base = '2024-01-01';
  const days = [0, 3, 11, 12, 13, 17, 18, 19, 30].map((m) => addMonths(base, m));
  for (const req of [annual, drivers])
    for (const day of days) {
      const stateOf = statesOn(req, day);
      for (const joined of days)
        for (const completions of [[], [days[1]], [days[2], days[4]], [days[6]]]) {
          const a = stateOf(joined, completions);
          const b = memberState(req, joined, completions, day);
          assert.deepEqual(a, b, `${req.rule} on ${day}, joined ${joined}, completed ${completions.join(' ')}`);
        }
    }
});

test('imported rows: dates in UK or ISO form, errors by line and field', () => {
  assert.equal(readDate('1/3/2026'), '2026-03-01');
  assert.equal(readDate('2026-03-01'), '2026-03-01');
  assert.equal(readDate('31/02/2026'), null);
  const mapping = { reference: 'Ref', name: 'Name', completedOn: 'Date' };
  assert.deepEqual(readRow(7, { Ref: ' TX-1 ', Name: 'A', Date: '1/3/2026' }, mapping, '2026-12-01'), {
    line: 7,
    reference: 'TX-1',
    name: 'A',
    orgName: null,
    email: null,
    completedOn: '2026-03-01',
  });
  const errors = readRow(8, { Ref: '', Name: 'A', Date: '1/3/2099' }, mapping, '2026-12-01');
  assert.deepEqual(
    (errors as { line: number; field: string }[]).map((e) => [e.line, e.field]),
    [
      [8, 'reference'],
      [8, 'completedOn'],
    ],
  );
});

test('cells that a spreadsheet would run as formulas get a leading apostrophe', () => {
  for (const v of ['=1+1', '+44', '-2', '@SUM(A1)', '\tx']) assert.equal(safeCell(v), `'${v}`);
  assert.equal(safeCell('Driver'), 'Driver');
  assert.equal(safeCell(-2), -2);
});

test('% improved counts after above before, with the count it rests on', () => {
  assert.deepEqual(
    improvement([
      { before: 2, after: 4 },
      { before: 3, after: 3 },
      { before: 1, after: 5 },
      { before: 4, after: 5 },
    ]),
    {
      responses: 4,
      improved: 3,
      percentImproved: 75,
    },
  );
  assert.deepEqual(improvement([]), { responses: 0, improved: 0, percentImproved: 0 });
});
