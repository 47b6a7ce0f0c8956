import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_REPEAT_MISSING_RULE, episodeDuration, formatDuration, isRepeatMissing, repeatMissingTriggered, validateEpisode } from './domain.ts';

const at = (s: string) => new Date(s);
const valid = {
  classification: 'missing',
  riskGrade: 'medium',
  lastSeenAt: at('2024-05-01T18:00:00Z'),
  reportedAt: at('2024-05-01T21:00:00Z'),
  returnedAt: at('2024-05-02T09:30:00Z'),
};

describe('validateEpisode', () => {
  test('a complete episode, and one with no return yet, are valid', () => {
    assert.deepEqual(validateEpisode(valid), []);
    assert.deepEqual(validateEpisode({ ...valid, returnedAt: null }), []);
  });

  test('unknown classification and risk grade, missing report time', () => {
    const errors = validateEpisode({ classification: 'absent', riskGrade: 'severe' });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['classification', 'riskGrade', 'reportedAt'],
    );
  });

  test('returned before reported, and last seen after reported, are refused', () => {
    const errors = validateEpisode({
      ...valid,
      lastSeenAt: at('2024-05-01T22:00:00Z'),
      returnedAt: at('2024-05-01T20:00:00Z'),
    });
    assert.deepEqual(
      errors.map((e) => [e.field, e.message]),
      [
        ['lastSeenAt', 'Time last seen must be before the time reported missing'],
        ['returnedAt', 'Time returned must be after the time reported missing'],
      ],
    );
  });

  test('invalid and future times', () => {
    const errors = validateEpisode({ ...valid, lastSeenAt: new Date('nonsense'), returnedAt: at('2024-05-03T00:00:00Z') }, at('2024-05-02T12:00:00Z'));
    assert.deepEqual(
      errors.map((e) => e.field),
      ['lastSeenAt', 'returnedAt'],
    );
    assert.match(errors[1].message, /future/);
  });
});

describe('episodeDuration', () => {
  test('across the spring clock change: 22:00 Sat to 10:00 BST Sun is 11 hours, not 12 on the wall clock', () => {
    // Sat 30 March 2024 22:00 GMT; Sun 31 March 10:00 BST = 09:00 UTC.
    const d = episodeDuration(at('2024-03-30T22:00:00Z'), at('2024-03-31T09:00:00Z'));
    assert.deepEqual(d, { totalMinutes: 660, hours: 11, minutes: 0 });
  });

  test('across the autumn clock change: 22:00 BST Sat to 08:15 GMT Sun is 11 h 15 m', () => {
    // Sat 26 Oct 2024 22:00 BST = 21:00 UTC; Sun 27 Oct 08:15 GMT = 08:15 UTC.
    const d = episodeDuration(at('2024-10-26T21:00:00Z'), at('2024-10-27T08:15:00Z'));
    assert.deepEqual(d, { totalMinutes: 675, hours: 11, minutes: 15 });
    assert.equal(formatDuration(d), '11 hours 15 minutes');
  });

  test('formats days and singulars; refuses a return before the report', () => {
    assert.equal(formatDuration(episodeDuration(at('2024-01-01T00:00Z'), at('2024-01-02T01:01Z'))), '1 day 1 hour 1 minute');
    assert.equal(formatDuration({ totalMinutes: 0, hours: 0, minutes: 0 }), 'less than a minute');
    assert.throws(() => episodeDuration(at('2024-01-02T00:00Z'), at('2024-01-01T00:00Z')), RangeError);
  });
});

describe('repeat missing', () => {
  const rule = DEFAULT_REPEAT_MISSING_RULE;
  const d1 = at('2024-04-01T12:00:00Z');
  const d2 = at('2024-04-15T12:00:00Z');
  const d3 = at('2024-05-01T12:00:00Z'); // exactly 30 days after d1
  const d3late = at('2024-05-01T12:00:01Z');

  test('3 episodes within 30 days meets the default rule; the window includes its start', () => {
    assert.deepEqual(rule, { episodes: 3, withinDays: 30 });
    assert.equal(isRepeatMissing([d1, d2, d3], rule, d3), true);
    assert.equal(isRepeatMissing([d1, d2, d3late], rule, d3late), false);
    assert.equal(isRepeatMissing([d1, d2], rule, d2), false);
  });

  test('the episode that makes the count triggers; the next one in the same run does not', () => {
    assert.equal(repeatMissingTriggered([d1, d2], d3, rule), true);
    const run = [at('2024-04-05T12:00:00Z'), d2, d3];
    assert.equal(repeatMissingTriggered(run, at('2024-05-02T12:00:00Z'), rule), false);
    // Once the window has slid past the oldest episode the rule is unmet again, so a new episode re-triggers.
    assert.equal(repeatMissingTriggered([d1, d2, d3], at('2024-05-02T12:00:00Z'), rule), true);
    assert.equal(repeatMissingTriggered([d1], d2, rule), false);
  });

  test('the rule is configurable', () => {
    assert.equal(repeatMissingTriggered([d1], d2, { episodes: 2, withinDays: 14 }), true);
    assert.equal(repeatMissingTriggered([d1], d2, { episodes: 2, withinDays: 13 }), false);
  });

  test('episodes recorded later but reported after the new one are ignored', () => {
    assert.equal(repeatMissingTriggered([d1, at('2024-06-01T00:00:00Z')], d2, { episodes: 2, withinDays: 30 }), true);
  });
});
