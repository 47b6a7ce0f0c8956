// In a real browser: single sign-on with OpenID Connect against a real provider (oidc-provider on 127.0.0.1, a
// random port) with a test client and fictional accounts. Jigsaw matches the provider's verified e-mail to an
// existing account, skips its own two-factor only when the provider asserts MFA (amr), and refuses unknown people.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
// @ts-expect-error oidc-provider publishes no types
import Provider from 'oidc-provider';
import { andWait, type E2E, expectAccessible, freePort, pathOf, startE2E } from './browser.ts';

let e2e: E2E;
let idp: Server;

/** Who the provider says signs in next, and how. Tests set it before clicking the button. */
const next = { accountId: 'hub-coordinator', amr: ['pwd', 'mfa'] as string[] };
const accounts: Record<string, { email: string; email_verified: boolean }> = {};

before(async () => {
  const idpPort = await freePort();
  const issuer = `http://127.0.0.1:${idpPort}`;
  e2e = await startE2E({ requireMfa: true, oidc: { issuer, clientId: 'jigsaw-test', clientSecret: 'a-test-client-secret-of-some-length' } });
  accounts['hub-coordinator'] = { email: e2e.w.users.hub_coordinator.email, email_verified: true };
  accounts['hub-member'] = { email: e2e.w.users.hub_member.email.toUpperCase(), email_verified: true };
  accounts.stranger = { email: 'florian.nobody@council.example', email_verified: true };
  accounts.unverified = { email: e2e.w.users.manager.email, email_verified: false };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'jigsaw-test',
        client_secret: 'a-test-client-secret-of-some-length',
        redirect_uris: [e2e.url('/sign-in/oidc/callback')],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // The ID token carries amr (as Entra ID's does), so Jigsaw can see whether the provider checked more than a password.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['a-test-cookie-key'] },
  });
  const handle = provider.callback();
  // The provider's login and consent pages: this test provider signs in whoever `next` names, at once.
  idp = createServer(async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        return await provider.interactionFinished(req, res, { login: { accountId: next.accountId, amr: next.amr } }, { mergeWithLastSubmission: false });
      }
      const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      return await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => idp.listen(idpPort, '127.0.0.1', resolve));
});

after(async () => {
  await e2e?.close();
  await new Promise((resolve) => (idp ? idp.close(resolve) : resolve(undefined)));
});

async function signInWithOrganisation(from = '/sign-in') {
  const { page } = await e2e.newPage();
  await page.goto(e2e.url(from));
  const button = page.getByRole('button', { name: "Sign in with your organisation's account" });
  assert.ok(await button.isVisible(), 'the sign-in page offers single sign-on');
  await andWait(page, () => button.click());
  await page.waitForLoadState('load');
  return page;
}

test('with MFA asserted by the provider, a hub coordinator signs in with their organisation’s account and goes straight to the page asked for', async () => {
  next.accountId = 'hub-coordinator';
  next.amr = ['pwd', 'mfa'];
  const { page: first } = await e2e.newPage();
  await first.goto(e2e.url('/sign-in'));
  await expectAccessible(first, 'Sign-in page with single sign-on');

  const page = await signInWithOrganisation('/referrals');
  assert.equal(pathOf(page), '/referrals', 'back to the page asked for, with no local two-factor');
  assert.match(await page.locator('[data-qa=account-bar]').innerText(), /Signed in as Test hub_coordinator/);
  const audit = await e2e.w.database.db.selectFrom('audit_event').select('action').where('resource_id', '=', e2e.w.users.hub_coordinator.id).execute();
  assert.ok(audit.some((e) => e.action === 'sign_in.single_sign_on'));
});

test('without MFA in amr, the user continues to Jigsaw’s own two-factor (the e-mail matched case-insensitively)', async () => {
  next.accountId = 'hub-member';
  next.amr = ['pwd'];
  const page = await signInWithOrganisation();
  assert.equal(pathOf(page), '/sign-in/two-factor/setup');
  await page.goto(e2e.url('/referrals'));
  assert.equal(pathOf(page), '/sign-in/two-factor/setup', 'no records before the second factor');
});

test('someone with no Jigsaw account is refused with a page saying what to do: no self-registration', async () => {
  next.accountId = 'stranger';
  next.amr = ['pwd', 'mfa'];
  const page = await signInWithOrganisation();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'You cannot sign in to Jigsaw with this account');
  assert.match(await page.locator('main').innerText(), /no Jigsaw account for your email address/);
  await expectAccessible(page, 'Single sign-on refusal page');
  const made = await e2e.w.database.db.selectFrom('app_user').select('id').where('email', '=', 'florian.nobody@council.example').execute();
  assert.equal(made.length, 0, 'no account was made');
  assert.equal(await page.locator('[data-qa=account-bar]').count(), 0);
});

test('an e-mail the provider has not verified is not trusted to name an account', async () => {
  next.accountId = 'unverified';
  next.amr = ['pwd', 'mfa'];
  const page = await signInWithOrganisation();
  assert.match(await page.locator('main').innerText(), /did not confirm your email address/);
  await page.goto(e2e.url('/referrals'));
  assert.match(pathOf(page), /^\/sign-in\?returnTo=/);
});

test('a callback that this browser did not start is refused', async () => {
  const { page } = await e2e.newPage();
  const res = await page.goto(e2e.url('/sign-in/oidc/callback?code=forged&state=forged'));
  assert.equal(res?.status(), 400);
  assert.match(await page.locator('main').innerText(), /did not complete/);
});
