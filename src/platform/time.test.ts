import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, daysBetween, formatDate, formatUkDateTime, isIsoDate, ukDate, ukDateTime, ukDayStart, ukLocalToInstant } from './time.ts';

describe('ukDate', () => {
  test('in summer (BST) a time after 23:00 UTC is already the next day in England', () => {
    assert.equal(ukDate(new Date('2024-06-30T23:30:00Z')), '2024-07-01');
    assert.equal(ukDate(new Date('2024-06-30T22:59:00Z')), '2024-06-30');
  });

  test('in winter (GMT) the UK date is the UTC date', () => {
    assert.equal(ukDate(new Date('2024-01-31T23:30:00Z')), '2024-01-31');
  });

  test('either side of the spring and autumn clock changes', () => {
    // Clocks go forward 01:00 UTC on Sun 31 March 2024 and back 01:00 UTC on Sun 27 October 2024.
    assert.equal(ukDate(new Date('2024-03-30T23:30:00Z')), '2024-03-30');
    assert.equal(ukDate(new Date('2024-03-31T23:30:00Z')), '2024-04-01');
    assert.equal(ukDate(new Date('2024-10-26T23:30:00Z')), '2024-10-27');
    assert.equal(ukDate(new Date('2024-10-27T23:30:00Z')), '2024-10-27');
  });

  test('rejects an invalid Date', () => {
    assert.throws(() => ukDate(new Date('nonsense')), RangeError);
  });
});

describe('ukLocalToInstant', () => {
  test('winter and summer wall-clock times', () => {
    assert.equal(ukLocalToInstant('2024-01-15T10:00')?.toISOString(), '2024-01-15T10:00:00.000Z');
    assert.equal(ukLocalToInstant('2024-07-15T10:00')?.toISOString(), '2024-07-15T09:00:00.000Z');
  });

  test('the skipped hour in March does not exist; the repeated hour in October resolves to BST', () => {
    assert.equal(ukLocalToInstant('2024-03-31T01:30'), null);
    assert.equal(ukLocalToInstant('2024-03-31T02:00')?.toISOString(), '2024-03-31T01:00:00.000Z');
    assert.equal(ukLocalToInstant('2024-10-27T01:30')?.toISOString(), '2024-10-27T00:30:00.000Z');
  });

  test('malformed input gives null', () => {
    assert.equal(ukLocalToInstant('27/10/2024 01:30'), null);
    assert.equal(ukLocalToInstant('2024-02-30T10:00'), null);
  });

  test('round-trips with ukDateTime for every minute-precision instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 365 * 24 * 60 }), (minutes) => {
        const instant = new Date(Date.UTC(2015, 0, 1) + minutes * 60_000);
        const back = ukLocalToInstant(ukDateTime(instant));
        assert.ok(back);
        // Equal, or one hour earlier inside October's repeated hour.
        assert.ok([0, 3_600_000].includes(instant.getTime() - back.getTime()));
      }),
    );
  });
});

describe('calendar helpers', () => {
  test('isIsoDate accepts real dates only', () => {
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2023-02-29'), false);
    assert.equal(isIsoDate('2024-2-1'), false);
    assert.equal(isIsoDate(20240201), false);
  });

  test('addDays and daysBetween cross month, year and clock-change boundaries', () => {
    assert.equal(addDays('2024-12-30', 3), '2025-01-02');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(daysBetween('2024-03-30', '2024-04-01'), 2);
    assert.equal(daysBetween('2024-04-01', '2024-03-30'), -2);
  });
});

test('a UK day starts at local midnight', () => {
  assert.equal(ukDayStart('2025-07-01').toISOString(), '2025-06-30T23:00:00.000Z');
  assert.equal(ukDayStart('2025-01-15').toISOString(), '2025-01-15T00:00:00.000Z');
  assert.equal(ukDayStart('2025-03-30').toISOString(), '2025-03-30T00:00:00.000Z'); // clocks change at 01:00 that day
});

test('dates read "1 December 2026" and date-times "1 December 2026 at 2:25pm", in UK time', () => {
  assert.equal(formatDate('2026-12-01'), '1 December 2026');
  assert.equal(formatUkDateTime('2026-12-01T14:25:00Z'), '1 December 2026 at 2:25pm');
  assert.equal(formatUkDateTime('2026-07-01T13:05:00Z'), '1 July 2026 at 2:05pm', 'BST');
  assert.equal(formatUkDateTime('2026-12-01T09:00:00Z'), '1 December 2026 at 9am');
  assert.equal(formatUkDateTime('2026-12-01T12:00:00Z'), '1 December 2026 at 12pm');
  assert.equal(formatUkDateTime('2026-12-01T00:30:00Z'), '1 December 2026 at 12:30am');
  assert.equal(formatUkDateTime('2026-06-30T23:30:00Z'), '1 July 2026 at 12:30am', 'the UK day, not the UTC one');
});
