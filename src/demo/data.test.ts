import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidNhsNumber } from '../modules/people/domain.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_USERS, generateDemo } from './data.ts';

const anchor = new Date('2026-11-23T09:00:00Z');

test('the demo partnership is the same every time for the same day', () => {
  assert.deepEqual(generateDemo(anchor), generateDemo(anchor));
});

test('about 200 people with referrals over two years', () => {
  const { persons, referrals } = generateDemo(anchor);
  assert.equal(persons.length, 200);
  assert.ok(referrals.length >= 200 && referrals.length <= 500, `${referrals.length} referrals`);
  const oldest = Math.min(...referrals.map((r) => r.receivedAt.getTime()));
  assert.ok(anchor.getTime() - oldest > 700 * 86_400_000, 'reaches back about two years');
  assert.ok(referrals.every((r) => r.receivedAt <= anchor));
  assert.ok(new Set(referrals.map((r) => r.personIndex)).size === 200, 'everyone has a referral');
});

test('demo data is plainly fictional: test-range NHS numbers, a postcode area that does not exist, example e-mail addresses', () => {
  const { persons, referrals } = generateDemo(anchor);
  for (const p of persons) {
    if (p.nhsNumber) {
      assert.ok(p.nhsNumber.startsWith('999') && isValidNhsNumber(p.nhsNumber), p.nhsNumber);
    }
    if (p.postcode) assert.match(p.postcode, /^NM\d /);
  }
  assert.ok(referrals.every((r) => r.concerns.startsWith('Fictional demo referral')));
  assert.ok(DEMO_USERS.every((u) => u.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`) && DEMO_EMAIL_DOMAIN.endsWith('.example')));
});
