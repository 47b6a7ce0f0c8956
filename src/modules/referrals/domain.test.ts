import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { missingEssentials, validateReferral } from './domain.ts';

const now = new Date('2026-11-23T10:00:00Z');
const good = { referrerName: 'R', concerns: 'Something worrying', consent: 'given' };

describe('validateReferral', () => {
  test('the least a referral needs: a referrer, concerns and the consent position', () => {
    assert.deepEqual(validateReferral({}, now).errors.map((e) => e.field), ['referrerName', 'concerns', 'consent']);
    const { value } = validateReferral(good, now);
    assert.equal(value?.urgency, 'routine');
    assert.equal(value?.receivedAt, null);
  });
  test('sharing without consent needs a lawful basis; with consent any reason is dropped', () => {
    assert.deepEqual(validateReferral({ ...good, consent: 'not_sought' }, now).errors.map((e) => e.field), ['lawfulBasisReason']);
    assert.equal(validateReferral({ ...good, lawfulBasisReason: 'x' }, now).value?.lawfulBasisReason, null);
  });
  test('received-at must be a date-time not in the future', () => {
    assert.equal(validateReferral({ ...good, receivedAt: 'yesterday' }, now).errors[0].field, 'receivedAt');
    assert.equal(validateReferral({ ...good, receivedAt: '2026-11-24T10:00:00Z' }, now).errors[0].message, 'Received date and time must not be in the future');
    assert.equal(validateReferral({ ...good, receivedAt: '2026-11-01T09:00:00Z' }, now).value?.receivedAt?.toISOString(), '2026-11-01T09:00:00.000Z');
  });
  test('unknown codes are named by position; duplicates are folded', () => {
    const { errors } = validateReferral({ ...good, indicators: ['repeat_missing', 'bogus'] }, now);
    assert.deepEqual(errors.map((e) => e.field), ['indicators[1]']);
    assert.deepEqual(validateReferral({ ...good, exploitationTypes: ['cse', 'cse'] }, now).value?.exploitationTypes, ['cse']);
  });
  test('a single ticked box from a form (a string) counts as a list of one', () => {
    assert.deepEqual(validateReferral({ ...good, indicators: 'weapons' }, now).value?.indicators, ['weapons']);
  });
});

test('missing essentials list what the hub would have to chase, and nothing when complete', () => {
  const complete = {
    referrerContact: '01632 960000',
    exploitationTypes: ['cse'],
    indicators: ['repeat_missing'],
    concerns: 'A full account of what was seen, when, where and by whom.',
    person: { dateOfBirth: '2012-01-01', address: null, postcode: 'NM1 1AA', ethnicity: 'white_british', nhsNumber: null, schoolUpn: 'A801200000012' },
  };
  assert.deepEqual(missingEssentials(complete), []);
  assert.deepEqual(missingEssentials({ ...complete, referrerContact: null, person: { ...complete.person, dateOfBirth: null } }), ['Date of birth', 'Referrer contact details']);
  assert.ok(missingEssentials({ ...complete, concerns: 'Worried.' }).some((m) => m.startsWith('A description')));
});
