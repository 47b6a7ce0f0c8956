import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { inputErrors } from '../../platform/http/input.ts';
import { isIsoDate } from '../../platform/time.ts';
import { ageOn, checkPerson, isValidNhsNumber, isValidUpn, normalisePostcode } from './domain.ts';
import { PersonDetails } from './schemas.ts';

describe('NHS number', () => {
  test('accepts numbers whose modulus 11 check digit is right, with or without spaces', () => {
    assert.equal(isValidNhsNumber('9990000018'), true);
    assert.equal(isValidNhsNumber('999 000 0018'), true);
    assert.equal(isValidNhsNumber('9434765919'), true);
  });
  test('refuses a wrong check digit, the wrong length, letters, and numbers whose check would be 10', () => {
    assert.equal(isValidNhsNumber('9990000019'), false);
    assert.equal(isValidNhsNumber('999000001'), false);
    assert.equal(isValidNhsNumber('99900000AB'), false);
    for (let d = 0; d <= 9; d++) assert.equal(isValidNhsNumber(`999000000${d}`), false); // check digit would be 10: never issued
  });
  test('changing any one digit of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digits = '9434765919'.split('').map(Number);
        digits[pos] = (digits[pos] + delta) % 10;
        return !isValidNhsNumber(digits.join(''));
      }),
    );
  });
});

test('unique pupil numbers need the right check letter', () => {
  assert.equal(isValidUpn('A801200000012'.replace(/^./, 'X')), isValidUpn('X801200000012'));
  // Compute a valid one from the rule, then spoil its letter.
  const body = '801200000012';
  const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
  const sum = body.split('').reduce((s, c, i) => s + Number(c) * (i + 2), 0);
  const good = letters[sum % 23] + body;
  assert.equal(isValidUpn(good), true);
  assert.equal(isValidUpn(good.toLowerCase()), true);
  assert.equal(isValidUpn((good[0] === 'A' ? 'B' : 'A') + body), false);
  assert.equal(isValidUpn('A80120000001'), false);
});

test('postcodes are normalised to upper case with one space; nonsense is refused', () => {
  assert.equal(normalisePostcode('nm14ab'), 'NM1 4AB');
  assert.equal(normalisePostcode(' NM1  4AB '), 'NM1 4AB');
  assert.equal(normalisePostcode('EC1A1BB'), 'EC1A 1BB');
  assert.equal(normalisePostcode('12345'), null);
  assert.equal(normalisePostcode('NM1 4A'), null);
});

test('ISO dates must be real calendar dates', () => {
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2023-02-29'), false);
  assert.equal(isIsoDate('2023-13-01'), false);
  assert.equal(isIsoDate('1/2/2023'), false);
});

test('age counts whole years, birthdays included', () => {
  assert.equal(ageOn('2010-06-15', '2026-06-14'), 15);
  assert.equal(ageOn('2010-06-15', '2026-06-15'), 16);
  assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
});

// Schema (shape) and rules (meaning) together, as the use case applies them.
function validatePerson(raw: Record<string, unknown>, today: string, prefix = '') {
  const shape = inputErrors(PersonDetails, { givenName: '', familyName: '', ...raw });
  if (shape.length) return { errors: shape.map((e) => ({ ...e, field: prefix + e.field })), value: undefined };
  return checkPerson({ givenName: '', familyName: '', ...raw } as PersonDetails, today, prefix);
}

describe('person details: schema and rules', () => {
  const today = '2026-11-23';
  test('needs first and last name; names each field with the given prefix', () => {
    const { errors } = validatePerson({}, today, 'subject.');
    assert.deepEqual(
      errors.map((e) => e.field),
      ['subject.givenName', 'subject.familyName'],
    );
  });
  test('a future or impossible date of birth is refused; today is allowed', () => {
    assert.equal(
      validatePerson({ givenName: 'A', familyName: 'B', dateOfBirth: '2026-11-24' }, today).errors[0].message,
      'Date of birth must be today or in the past',
    );
    assert.match(validatePerson({ givenName: 'A', familyName: 'B', dateOfBirth: '2026-02-30' }, today).errors[0].message, /real date/);
    assert.equal(validatePerson({ givenName: 'A', familyName: 'B', dateOfBirth: today }, today).errors.length, 0);
  });
  test('an unknown date of birth is recorded as unknown, an approximate one as approximate', () => {
    assert.equal(validatePerson({ givenName: 'A', familyName: 'B' }, today).value?.dobPrecision, 'unknown');
    assert.equal(
      validatePerson({ givenName: 'A', familyName: 'B', dateOfBirth: '2012-01-01', dobPrecision: 'approximate' }, today).value?.dobPrecision,
      'approximate',
    );
  });
  test('placed by another local authority needs the authority', () => {
    const { errors } = validatePerson({ givenName: 'A', familyName: 'B', placedByOtherLa: true }, today);
    assert.deepEqual(
      errors.map((e) => e.field),
      ['placingAuthority'],
    );
    const ok = validatePerson({ givenName: 'A', familyName: 'B', placedByOtherLa: true, placingAuthority: 'Eastvale Council (fictional)' }, today);
    assert.equal(ok.value?.placingAuthority, 'Eastvale Council (fictional)');
  });
  test('ethnicity must be an ONS category; aliases keep their names; text is trimmed and limited', () => {
    assert.equal(validatePerson({ givenName: 'A', familyName: 'B', ethnicity: 'martian' }, today).errors[0].field, 'ethnicity');
    const ok = validatePerson({ givenName: ' Kayleigh ', familyName: 'B', ethnicity: 'white_british', aliases: [{ givenName: 'Kay' }] }, today);
    assert.equal(ok.value?.givenName, 'Kayleigh');
    assert.deepEqual(ok.value?.aliases, [{ givenName: 'Kay', familyName: null }]);
    assert.equal(validatePerson({ givenName: 'x'.repeat(101), familyName: 'B' }, today).errors[0].message, 'First name must be 100 characters or fewer');
  });
  test('a number where text belongs is an error, not text', () => {
    assert.deepEqual(validatePerson({ givenName: 12345, familyName: 'B' }, today).errors, [{ field: 'givenName', message: 'First name must be text' }]);
  });
});

test('"Turns 18 on ..." shows from 17 years 6 months until the 18th birthday', async () => {
  const { turnsEighteen, transitionFrom, isAdultOn, birthdayAt } = await import('./domain.ts');
  assert.equal(transitionFrom('2009-09-12'), '2027-03-12');
  assert.equal(transitionFrom('2009-08-31'), '2027-02-28');
  assert.equal(turnsEighteen('2009-03-12', '2026-09-11'), null); // 17 years 5 months
  assert.equal(turnsEighteen('2009-03-12', '2026-09-12'), '2027-03-12'); // 17 years 6 months
  assert.equal(turnsEighteen('2009-03-12', '2027-03-11'), '2027-03-12');
  assert.equal(turnsEighteen('2009-03-12', '2027-03-12'), null); // 18 today: an adult
  assert.equal(turnsEighteen(null, '2027-03-12'), null);
  assert.equal(birthdayAt('2008-02-29', 18), '2026-03-01');
  assert.equal(isAdultOn('2008-12-01', '2026-12-01'), true);
  assert.equal(isAdultOn('2008-12-02', '2026-12-01'), false);
  assert.equal(isAdultOn(null, '2026-12-01'), false);
});
