import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, ukDate, ukDayStart, ukLocalToInstant } from './time.ts';

test('the UK calendar date follows British Summer Time', () => {
  assert.equal(ukDate(new Date('2025-03-31T23:30:00Z')), '2025-04-01'); // 00:30 BST
  assert.equal(ukDate(new Date('2025-12-31T23:30:00Z')), '2025-12-31'); // 23:30 GMT
});

test('a UK day starts at local midnight', () => {
  assert.equal(ukDayStart('2025-07-01').toISOString(), '2025-06-30T23:00:00.000Z');
  assert.equal(ukDayStart('2025-01-15').toISOString(), '2025-01-15T00:00:00.000Z');
  assert.equal(ukDayStart('2025-03-30').toISOString(), '2025-03-30T00:00:00.000Z'); // clocks change at 01:00 that day
});

test('wall-clock UK times convert to instants on both sides of the clock change', () => {
  assert.equal(ukLocalToInstant('2025-03-30', '00:30')?.toISOString(), '2025-03-30T00:30:00.000Z');
  assert.equal(ukLocalToInstant('2025-03-30', '02:30')?.toISOString(), '2025-03-30T01:30:00.000Z');
  assert.equal(ukLocalToInstant('2025-03-30', '01:30'), null, 'does not exist: clocks jump from 01:00 to 02:00');
  assert.equal(ukLocalToInstant('2025-06-01', '9:05')?.toISOString(), '2025-06-01T08:05:00.000Z');
  assert.equal(ukLocalToInstant('2025-06-01', '25:00'), null);
});

test('adding days crosses months and leap days', () => {
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
});
