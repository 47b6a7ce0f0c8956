import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { interviewDeadline, interviewStatus, validateInterview } from './domain.ts';

const at = (s: string) => new Date(s);
const hours = (base: Date, h: number) => new Date(base.getTime() + h * 3_600_000);
const returnedAt = at('2024-06-10T14:00:00Z');

describe('interviewDeadline', () => {
  test('72 elapsed hours after return, even across the autumn clock change', () => {
    // Returned Fri 25 Oct 2024 18:00 BST (17:00 UTC); due Mon 28 Oct 17:00 UTC = 17:00 GMT on the wall clock.
    assert.equal(interviewDeadline(at('2024-10-25T17:00:00Z')).toISOString(), '2024-10-28T17:00:00.000Z');
  });
});

describe('interviewStatus', () => {
  test('no return yet: not due', () => {
    assert.equal(interviewStatus({ returnedAt: null, now: returnedAt }), 'not_due');
  });

  test('due, then due soon in the last 24 hours, then overdue after 72 hours', () => {
    assert.equal(interviewStatus({ returnedAt, now: hours(returnedAt, 47) }), 'due');
    assert.equal(interviewStatus({ returnedAt, now: hours(returnedAt, 48) }), 'due_soon');
    assert.equal(interviewStatus({ returnedAt, now: hours(returnedAt, 72) }), 'due_soon');
    assert.equal(interviewStatus({ returnedAt, now: hours(returnedAt, 72.01) }), 'overdue');
  });

  test('the amber window is configurable', () => {
    assert.equal(interviewStatus({ returnedAt, now: hours(returnedAt, 47), dueSoonHours: 48 }), 'due_soon');
  });

  test('completed in time (up to and including 72 hours) or late', () => {
    const now = hours(returnedAt, 200);
    assert.equal(interviewStatus({ returnedAt, completedAt: hours(returnedAt, 72), now }), 'completed_in_time');
    assert.equal(interviewStatus({ returnedAt, completedAt: hours(returnedAt, 73), now }), 'completed_late');
  });

  test('declined stops the clock, but a later completion counts as completed', () => {
    const now = hours(returnedAt, 200);
    assert.equal(interviewStatus({ returnedAt, declinedAt: hours(returnedAt, 5), now }), 'declined');
    assert.equal(interviewStatus({ returnedAt, declinedAt: hours(returnedAt, 5), completedAt: hours(returnedAt, 90), now }), 'completed_late');
  });
});

describe('validateInterview', () => {
  const offeredAt = hours(returnedAt, 2);

  test('a valid offer, completion and decline', () => {
    assert.deepEqual(validateInterview({ episodeReturnedAt: returnedAt, offeredAt, completedAt: hours(returnedAt, 30) }), []);
    assert.deepEqual(
      validateInterview({
        episodeReturnedAt: returnedAt,
        offeredAt,
        declinedAt: hours(returnedAt, 3),
        declineReason: 'parent_refused_consent',
      }),
      [],
    );
  });

  test('an interview on an episode with no return is refused', () => {
    const errors = validateInterview({ episodeReturnedAt: null, offeredAt });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['episode'],
    );
  });

  test('completed before offered, and offered before the return', () => {
    const errors = validateInterview({
      episodeReturnedAt: returnedAt,
      offeredAt: hours(returnedAt, -1),
      completedAt: hours(returnedAt, -2),
    });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['offeredAt', 'completedAt'],
    );
  });

  test('declined without a reason, with an unknown reason, or "other" without detail', () => {
    const base = { episodeReturnedAt: returnedAt, offeredAt, declinedAt: hours(returnedAt, 3) };
    assert.deepEqual(
      validateInterview(base).map((e) => e.field),
      ['declineReason'],
    );
    assert.deepEqual(
      validateInterview({ ...base, declineReason: 'busy' }).map((e) => e.field),
      ['declineReason'],
    );
    assert.deepEqual(
      validateInterview({ ...base, declineReason: 'other', declineReasonDetail: ' ' }).map((e) => e.field),
      ['declineReasonDetail'],
    );
    assert.deepEqual(validateInterview({ ...base, declineReason: 'other', declineReasonDetail: 'Moved away' }), []);
  });

  test('completion without an offer, a reason without a decline date, and future times', () => {
    assert.deepEqual(
      validateInterview({ episodeReturnedAt: returnedAt, completedAt: hours(returnedAt, 3) }).map((e) => e.field),
      ['offeredAt'],
    );
    assert.deepEqual(
      validateInterview({ episodeReturnedAt: returnedAt, offeredAt, declineReason: 'child_declined' }).map((e) => e.field),
      ['declinedAt'],
    );
    assert.deepEqual(
      validateInterview({ episodeReturnedAt: returnedAt, offeredAt: hours(returnedAt, 10) }, hours(returnedAt, 5)).map((e) => e.field),
      ['offeredAt'],
    );
  });
});
