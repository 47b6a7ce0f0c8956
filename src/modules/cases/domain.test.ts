// Case rules: review intervals, status changes, closing reasons, age bands.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ageBandBirthRange,
  closureErrors,
  DEFAULT_CLOSURE_REASONS,
  isAccepted,
  isReviewOverdue,
  reviewDue,
  reviewErrors,
  statusChangeErrors,
} from './domain.ts';

describe('reviews', () => {
  test('due after the interval for the risk level; a partnership may set its own', () => {
    assert.equal(reviewDue('2026-12-01', 'high'), '2026-12-29');
    assert.equal(reviewDue('2026-12-01', 'medium'), '2027-01-12');
    assert.equal(reviewDue('2026-12-01', 'low'), '2027-02-23');
    assert.equal(reviewDue('2026-12-01', 'high', { high: 2, medium: 6, low: 12, no_risk: 12 }), '2026-12-15');
  });
  test('overdue only after the day it was due, and never for a closed case', () => {
    assert.equal(isReviewOverdue('2026-12-01', 'open', '2026-12-01'), false);
    assert.equal(isReviewOverdue('2026-12-01', 'open', '2026-12-02'), true);
    assert.equal(isReviewOverdue('2026-12-01', 'closed', '2026-12-02'), false);
    assert.equal(isReviewOverdue(null, 'open', '2026-12-02'), false);
  });
  test('a review says what it found, and the next one is after today', () => {
    assert.deepEqual(
      reviewErrors(' ', undefined, '2026-12-01').map((e) => e.field),
      ['notes'],
    );
    assert.deepEqual(
      reviewErrors('Fine', '2026-12-01', '2026-12-01').map((e) => e.field),
      ['nextReviewDue'],
    );
    assert.deepEqual(reviewErrors('Fine', '2026-12-02', '2026-12-01'), []);
  });
});

describe('status and closing', () => {
  test('only graded outcomes open a case', () => {
    assert.deepEqual(['returned_not_discussed', 'no_risk', 'low', 'medium', 'high'].filter(isAccepted), ['low', 'medium', 'high']);
  });
  test('a status change needs a reason (except back to open); closing is its own step; a closed case reopens only by referral', () => {
    assert.deepEqual(statusChangeErrors('open', 'under_review', 'Panel'), []);
    assert.equal(statusChangeErrors('open', 'stepped_down', '')[0].field, 'reason');
    assert.deepEqual(statusChangeErrors('under_review', 'open', ''), []);
    assert.equal(statusChangeErrors('open', 'open', 'x')[0].field, 'status');
    assert.match(statusChangeErrors('open', 'closed', 'x')[0].message, /closing reason/);
    assert.match(statusChangeErrors('closed', 'open', 'x')[0].message, /new referral/);
  });
  test('closing needs a reason from the list, and "other" needs details', () => {
    assert.equal(closureErrors('open', DEFAULT_CLOSURE_REASONS, '', '')[0].field, 'reason');
    assert.equal(closureErrors('open', DEFAULT_CLOSURE_REASONS, 'bored', '')[0].field, 'reason');
    assert.equal(closureErrors('open', DEFAULT_CLOSURE_REASONS, 'other', ' ')[0].field, 'detail');
    assert.deepEqual(closureErrors('open', DEFAULT_CLOSURE_REASONS, 'other', 'Moved abroad'), []);
    assert.deepEqual(closureErrors('stepped_down', DEFAULT_CLOSURE_REASONS, 'turned_18', ''), []);
    assert.match(closureErrors('closed', DEFAULT_CLOSURE_REASONS, 'moved_away', '')[0].message, /already closed/);
  });
});

describe('age bands', () => {
  test('birth date ranges for ages on the day, birthdays included', () => {
    assert.deepEqual(ageBandBirthRange('14-15', '2026-12-01'), { bornOnOrBefore: '2012-12-01', bornAfter: '2010-12-01' });
    assert.deepEqual(ageBandBirthRange('25+', '2026-12-01'), { bornOnOrBefore: '2001-12-01', bornAfter: null });
    assert.deepEqual(ageBandBirthRange('0-9', '2028-02-29'), { bornOnOrBefore: '2028-02-28', bornAfter: '2018-02-28' });
  });
});
