// In a real browser: signing in with two-factor authentication (set-up, then the code on each sign-in), signing
// out, and the sign-in page with only a keyboard. The world requires two-factor, as production does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, focused, pathOf, startE2E, submitPassword } from './browser.ts';

let e2e: E2E;

before(async () => {
  e2e = await startE2E({ requireMfa: true });
});

after(async () => {
  await e2e?.close();
});

/** A 6-digit code that the secret does not produce now, nor in the periods either side (the accepted window). */
function wrongCode(secret: string): string {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  const now = Date.now();
  const valid = new Set([-30_000, 0, 30_000].map((offset) => totp.generate({ timestamp: now + offset })));
  for (let n = 123_456; ; n = (n + 111_111) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

async function expectErrorSummary(page: Page, message: string, fieldId: string) {
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.getByRole('heading').innerText(), 'There is a problem');
  const link = summary.getByRole('link', { name: message });
  assert.equal(await link.getAttribute('href'), `#${fieldId}`);
  assert.match(await page.title(), /^Error: /, 'the page title starts with "Error:" so screen reader users hear it first');
  assert.match(await page.locator(`#${fieldId}-error`).innerText(), new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match((await page.locator(`#${fieldId}`).getAttribute('aria-describedby')) ?? '', new RegExp(`${fieldId}-error`));
  // GOV.UK Frontend moves focus to the summary on load, and a summary link moves focus to its field.
  assert.ok((await focused(page)).className.includes('govuk-error-summary'), 'focus starts on the error summary');
  await link.click();
  assert.equal((await focused(page)).id, fieldId, 'the error summary link moves focus to the field');
}

test('a hub coordinator sets up two-factor, signs out, and must give a right code to sign in again', async () => {
  const { page } = await e2e.newPage();
  const { email } = e2e.w.users.hub_coordinator;

  await page.goto(e2e.url('/sign-in'));
  assert.equal(await page.title(), 'Sign in – Jigsaw');
  await expectAccessible(page, 'Sign-in page');

  // Password first: with two-factor required and not yet set up, the user is taken to set it up.
  await submitPassword(page, e2e, email);
  assert.equal(pathOf(page), '/sign-in/two-factor/setup');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Set up two-factor authentication');
  assert.ok(await page.getByRole('img', { name: 'QR code for your authenticator app' }).locator('svg').isVisible(), 'the QR code is shown');
  const secret = (await page.locator('[data-qa=totp-secret]').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/, 'the key to type in instead of scanning is shown');
  await expectAccessible(page, 'Two-factor set-up page');
  assert.equal(await page.getByRole('link', { name: 'Referrals' }).count(), 0, 'no navigation to records before the second step');

  // A wrong code does not switch two-factor on.
  await page.getByLabel('Security code').fill(wrongCode(secret));
  await andWait(page, () => page.locator('[data-qa=two-factor-confirm]').click());
  assert.equal(pathOf(page), '/sign-in/two-factor/setup');
  await expectErrorSummary(page, 'The security code is not right: scan the QR code again and enter the current 6-digit code', 'code');
  assert.equal((await page.locator('[data-qa=totp-secret]').innerText()).trim(), secret, 'the same key is shown again');
  await expectAccessible(page, 'Two-factor set-up page with an error');

  await page.getByLabel('Security code').fill(currentTotp(secret));
  await andWait(page, () => page.locator('[data-qa=two-factor-confirm]').click());
  const home = pathOf(page);
  assert.ok(!home.startsWith('/sign-in'), `signed in and on the home page, not ${home}`);
  assert.match(await page.locator('[data-qa=account-bar]').innerText(), /Signed in as Test hub_coordinator \(Hub coordinator, Testshire Hub\)/);
  assert.ok(await page.getByRole('navigation').getByRole('link', { name: 'Referrals' }).isVisible(), 'the service navigation is there now');
  await expectAccessible(page, 'Home page after signing in');

  // Once set up, the key is never shown again.
  await page.goto(e2e.url('/sign-in/two-factor/setup'));
  assert.equal(pathOf(page), home);
  assert.equal(await page.locator('[data-qa=totp-secret]').count(), 0);

  await andWait(page, () => page.locator('[data-qa=sign-out]').click());
  assert.equal(pathOf(page), '/sign-in?signedOut=1');
  assert.equal(await page.locator('[data-qa=account-bar]').count(), 0);
  await page.goto(e2e.url('/referrals'));
  assert.equal(pathOf(page), '/sign-in?returnTo=%2Freferrals', 'signed out: the referrals page needs signing in again');

  // Signing in again asks for the code, not the set-up, and then returns to the page asked for.
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
  await andWait(page, () => page.locator('[data-qa=sign-in]').click());
  assert.equal(pathOf(page), '/sign-in/two-factor');
  assert.equal(await page.title(), 'Enter your security code – Jigsaw');
  await expectAccessible(page, 'Two-factor code page');

  await page.getByLabel('Enter your security code').fill(wrongCode(secret));
  await andWait(page, () => page.locator('[data-qa=two-factor-continue]').click());
  assert.equal(pathOf(page), '/sign-in/two-factor');
  await expectErrorSummary(page, 'The security code is not right or has expired: enter the current 6-digit code', 'code');
  await expectAccessible(page, 'Two-factor code page with an error');
  await page.goto(e2e.url('/referrals'));
  assert.equal(pathOf(page), '/sign-in/two-factor', 'a wrong code does not sign in');

  await page.getByLabel('Enter your security code').fill(currentTotp(secret, 1)); // the enrolment code cannot be used twice
  await andWait(page, () => page.locator('[data-qa=two-factor-continue]').click());
  assert.equal(pathOf(page), '/referrals', 'back to the page asked for before signing in');
  assert.match(await page.locator('[data-qa=account-bar]').innerText(), /Signed in as Test hub_coordinator/);
});

test('with only a keyboard: Tab reaches the skip link first, and Enter in the form signs in', async () => {
  const { page } = await e2e.newPage();
  await page.goto(e2e.url('/sign-in'));

  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.deepEqual([first.tag, first.text], ['a', 'Skip to main content']);
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'main-content', 'the skip link moves focus to the main content');

  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'email', 'after the skip link, the next stop is the email address');
  await page.keyboard.type(e2e.w.users.hub_member.email);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'password');
  await page.keyboard.type('correct-horse-battery');
  await andWait(page, () => page.keyboard.press('Enter'));
  assert.equal(pathOf(page), '/sign-in/two-factor/setup', 'Enter submitted the form and the password was accepted');
});

test('after signing out, Back does not show the pages seen while signed in', async () => {
  const made = await api(e2e.w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Sorrel', familyName: 'Backbutton-Test' } }));
  assert.equal(made.statusCode, 201, made.body);
  const { page } = await e2e.newPage();
  // The hub coordinator set up two-factor in the first test; this test needs its own user.
  await submitPassword(page, e2e, e2e.w.users.hub_member.email);
  const secret = (await page.locator('[data-qa=totp-secret]').innerText()).trim();
  await page.getByLabel('Security code').fill(currentTotp(secret));
  await andWait(page, () => page.locator('[data-qa=two-factor-confirm]').click());
  await page.goto(e2e.url('/referrals'));
  assert.match(await page.locator('[data-qa=referral-list]').innerText(), /Sorrel Backbutton-Test/);

  await andWait(page, () => page.locator('[data-qa=sign-out]').click());
  await page.goBack();
  const shown = await page.locator('body').innerText();
  assert.ok(
    !shown.includes('Sorrel Backbutton-Test'),
    `a child's name must not come back from the browser's cache after signing out (Back showed ${pathOf(page)})`,
  );
});
