// The rule of published periods: whole UK calendar months that have ended, so two published periods never differ by
// a day (subtracting them would recover a count shown as `c`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, lastWholeQuarter, monthEnd, monthStart, publishedPeriodErrors } from './domain.ts';
import { periodControls } from './view.ts';

const today = '2026-12-01';

test('month starts and ends follow the calendar, leap years included', () => {
  assert.equal(monthStart('2025-04-17'), '2025-04-01');
  assert.equal(monthEnd('2025-04-17'), '2025-04-30');
  assert.equal(monthEnd('2024-02-10'), '2024-02-29');
  assert.equal(monthEnd('2025-02-10'), '2025-02-28');
  assert.equal(monthEnd('2025-12-05'), '2025-12-31');
  assert.equal(addMonths('2025-11-30', 2), '2026-01-01');
  assert.equal(addMonths('2025-01-31', -1), '2024-12-01');
});

test('the last whole quarter is the quarter before the one today is in', () => {
  assert.deepEqual(lastWholeQuarter('2026-12-01'), { from: '2026-07-01', to: '2026-09-30' });
  assert.deepEqual(lastWholeQuarter('2026-04-01'), { from: '2026-01-01', to: '2026-03-31' });
  assert.deepEqual(lastWholeQuarter('2026-02-15'), { from: '2025-10-01', to: '2025-12-31' });
});

test('whole months, quarters and years that have ended are accepted', () => {
  for (const p of [
    { from: '2025-01-01', to: '2025-03-31' },
    { from: '2025-02-01', to: '2025-02-28' },
    { from: '2024-02-01', to: '2024-02-29' },
    { from: '2025-01-01', to: '2025-12-31' },
    { from: '2026-11-01', to: '2026-11-30' },
  ])
    assert.deepEqual(publishedPeriodErrors(p, today), [], JSON.stringify(p));
});

test('the one-day shift is refused: the end must be the last day of a month, and the field says what to choose', () => {
  const [e] = publishedPeriodErrors({ from: '2025-01-01', to: '2025-04-01' }, today);
  assert.equal(e.field, 'to');
  assert.match(e.message, /last day of a month/);
  assert.match(e.message, /choose 31 March 2025 or 30 April 2025/);
  assert.deepEqual(
    publishedPeriodErrors({ from: '2025-01-02', to: '2025-03-31' }, today).map((x) => [
      x.field,
      x.message.includes('choose 1 January 2025 or 1 February 2025'),
    ]),
    [['from', true]],
  );
  assert.deepEqual(
    publishedPeriodErrors({ from: '2024-02-02', to: '2024-02-28' }, today).map((x) => x.field),
    ['from', 'to'],
    'not the 29th of a leap February',
  );
});

test('a month that has not ended is refused (tomorrow’s figures would difference today’s)', () => {
  const [e] = publishedPeriodErrors({ from: '2026-12-01', to: '2026-12-31' }, '2026-12-15');
  assert.equal(e.field, 'to');
  assert.match(e.message, /month that has ended.*choose 30 November 2026 or earlier/);
  assert.match(publishedPeriodErrors({ from: '2026-11-01', to: '2026-12-10' }, '2026-12-15')[0].message, /choose 30 November 2026$/);
});

test('the page offers ended months and the last eight quarters, and keeps a refused value to show it', () => {
  const c = periodControls({ from: '2025-01-01', to: '2025-04-01' }, today, true);
  assert.deepEqual(c.fromItems.slice(0, 2), [
    { value: '2026-11-01', text: 'November 2026', selected: false },
    { value: '2026-10-01', text: 'October 2026', selected: false },
  ]);
  assert.deepEqual(c.toItems[0], { value: '2025-04-01', text: '1 April 2025', selected: true });
  assert.deepEqual(c.toItems[1], { value: '2026-11-30', text: 'November 2026', selected: false });
  assert.ok(c.fromItems.find((i) => i.value === '2025-01-01')?.selected);
  assert.equal(c.quarters.length, 8);
  assert.deepEqual(c.quarters[0], { from: '2026-07-01', to: '2026-09-30', text: 'July to September 2026' });
  assert.deepEqual(c.quarters[7], { from: '2024-10-01', to: '2024-12-31', text: 'October to December 2024' });
});
