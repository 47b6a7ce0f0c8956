// In a real browser with Chromium's virtual authenticator (WebAuthn over CDP): a user sets up a passkey instead of
// a TOTP code at two-factor set-up, signs out, and signs in again with the passkey at the two-factor step. The
// script is a file from this site under the nonce CSP (a CSP violation would be a console error, which fails).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { andWait, type E2E, expectAccessible, expectNoBrowserErrors, pathOf, startE2E, submitPassword } from './browser.ts';

let e2e: E2E;

before(async () => {
  e2e = await startE2E({ requireMfa: true });
});

after(async () => {
  await e2e?.close();
});

async function withVirtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

test('a hub member sets up a passkey as their second factor, then signs in with it', async () => {
  const { context, page } = await e2e.newPage();
  const { cdp, authenticatorId } = await withVirtualAuthenticator(context, page);
  const { email, id } = e2e.w.users.hub_member;

  await submitPassword(page, e2e, email);
  assert.equal(pathOf(page), '/sign-in/two-factor/setup');
  const enrol = page.locator('[data-qa=passkey-enrol]');
  await enrol.waitFor({ state: 'visible' });
  await expectAccessible(page, 'Two-factor set-up page with the passkey option');
  await andWait(page, () => enrol.click());
  assert.ok(!pathOf(page).startsWith('/sign-in'), `signed in after enrolling the passkey, not on ${pathOf(page)}`);
  assert.match(await page.locator('[data-qa=account-bar]').innerText(), /Signed in as Test hub_member/);
  const stored = await e2e.w.database.db.selectFrom('passkey_credential').select(['partnership_id', 'name']).where('user_id', '=', id).execute();
  assert.deepEqual(stored, [{ partnership_id: e2e.w.partnershipId, name: 'Passkey added at set-up' }]);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1, 'the virtual authenticator holds the new passkey');

  await page.goto(e2e.url('/account/security'));
  assert.match(await page.locator('[data-qa=passkey-list]').innerText(), /Passkey added at set-up/);
  await expectAccessible(page, 'Account security page');

  await andWait(page, () => page.locator('[data-qa=sign-out]').click());
  await page.goto(e2e.url('/referrals'));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
  await andWait(page, () => page.locator('[data-qa=sign-in]').click());
  assert.equal(pathOf(page), '/sign-in/two-factor');
  assert.equal(await page.getByLabel('Enter your security code').count(), 0, 'no TOTP was set up, so no code field');
  const use = page.locator('[data-qa=passkey-sign-in]');
  await use.waitFor({ state: 'visible' });
  await expectAccessible(page, 'Two-factor page with a passkey');
  await andWait(page, () => use.click());
  assert.equal(pathOf(page), '/referrals', 'the passkey passed two-factor, back to the page asked for');
  expectNoBrowserErrors(page);
  const audit = await e2e.w.database.db.selectFrom('audit_event').select('action').where('resource_id', '=', id).execute();
  assert.ok(audit.some((e) => e.action === 'sign_in.passkey'));
});

test('a passkey cannot be added with a password alone once two-factor is set up', async () => {
  const { page } = await e2e.newPage();
  await submitPassword(page, e2e, e2e.w.users.hub_member.email);
  assert.equal(pathOf(page), '/sign-in/two-factor');
  const status = await page.evaluate(async () => {
    const csrf = (document.querySelector('[data-passkey]') as HTMLElement).dataset.csrf;
    const res = await fetch('/sign-in/passkeys/registration/options', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ _csrf: csrf }),
    });
    return res.status;
  });
  assert.equal(status, 403);
});
