import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inputErrors } from '../../platform/http/input.ts';
import { checkReferral, missingEssentials, type ReferralFields } from './domain.ts';
import { ReferralBody } from './schemas.ts';

const now = new Date('2026-11-23T10:00:00Z');
const good = { referrerName: 'R', concerns: 'Something worrying', consent: 'given' };

// Schema (shape) and rules (meaning) together, as the use case applies them.
function validateReferral(raw: Record<string, unknown>, now: Date) {
  const body = { subject: { personId: '6f1c1d7e-0000-4000-8000-000000000000' }, ...raw };
  const shape = inputErrors(ReferralBody, body);
  if (shape.length) return { errors: shape, value: undefined };
  return checkReferral(body as unknown as ReferralFields, now);
}

describe('referral: schema and rules', () => {
  test('the least a referral needs: a referrer, concerns and the consent position', () => {
    assert.deepEqual(
      validateReferral({}, now).errors.map((e) => e.field),
      ['referrerName', 'concerns', 'consent'],
    );
    const { value } = validateReferral(good, now);
    assert.equal(value?.urgency, 'routine');
    assert.equal(value?.receivedAt, null);
  });
  test('sharing without consent needs a lawful basis; with consent any reason is dropped', () => {
    assert.deepEqual(
      validateReferral({ ...good, consent: 'not_sought' }, now).errors.map((e) => e.field),
      ['lawfulBasisReason'],
    );
    assert.equal(validateReferral({ ...good, lawfulBasisReason: 'x' }, now).value?.lawfulBasisReason, null);
  });
  test('received-at must be a date-time not in the future', () => {
    assert.equal(validateReferral({ ...good, receivedAt: 'yesterday' }, now).errors[0].field, 'receivedAt');
    assert.equal(validateReferral({ ...good, receivedAt: '2026-11-24T10:00:00Z' }, now).errors[0].message, 'Received date and time must not be in the future');
    assert.equal(validateReferral({ ...good, receivedAt: '2026-11-01T09:00:00Z' }, now).value?.receivedAt?.toISOString(), '2026-11-01T09:00:00.000Z');
  });
  test('unknown codes are named by position, with the allowed values; duplicates are folded', () => {
    const { errors } = validateReferral({ ...good, indicators: ['repeat_missing', 'bogus'] }, now);
    assert.deepEqual(
      errors.map((e) => e.field),
      ['indicators[1]'],
    );
    assert.match(errors[0].message, /^indicators\[1\] must be one of: repeat_missing, older_associates/);
    assert.deepEqual(validateReferral({ ...good, exploitationTypes: ['cse', 'cse'] }, now).value?.exploitationTypes, ['cse']);
  });
  test('no type coercion: a number for text is an error naming the field', () => {
    assert.deepEqual(validateReferral({ ...good, concerns: 12345 }, now).errors, [{ field: 'concerns', message: 'Concerns must be text' }]);
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
  assert.deepEqual(missingEssentials({ ...complete, referrerContact: null, person: { ...complete.person, dateOfBirth: null } }), [
    'Date of birth',
    'Referrer contact details',
  ]);
  assert.ok(missingEssentials({ ...complete, concerns: 'Worried.' }).some((m) => m.startsWith('A description')));
});
