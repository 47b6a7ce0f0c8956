// Signing in: passwords, lock-out, two-factor enrolment and codes, sessions' idle and absolute limits,
// sign out, CSRF and security headers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { currentTotp } from '../src/platform/auth/totp.ts';
import { Browser, csrfFrom, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world({ requireMfa: true, lockoutThreshold: 3, sessionIdleMinutes: 30, sessionMaxHours: 12 });
});
after(() => w?.close());

async function enrol(b: Browser, email: string) {
  const first = await b.signIn(email);
  assert.equal(first.headers.location, '/sign-in/two-factor/setup');
  const setup = await b.get('/sign-in/two-factor/setup');
  assert.equal(setup.statusCode, 200);
  assert.match(setup.body, /<svg/, 'shows a QR code');
  const secret = /data-qa="totp-secret">([A-Z2-7]+)</.exec(setup.body)?.[1];
  assert.ok(secret, 'shows the key for manual entry');
  return secret;
}

describe('two-factor authentication', () => {
  test('a new user must enrol by QR code before seeing anything, then needs a code every time', async () => {
    const b = new Browser(w.app);
    const secret = await enrol(b, w.users.hub_member.email);
    assert.equal((await b.get('/referrals')).headers.location, '/sign-in/two-factor/setup', 'no pages before enrolment');
    const wrong = await b.submit('/sign-in/two-factor/setup', '/sign-in/two-factor/setup', { code: '000000' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /govuk-error-summary/);
    const ok = await b.submit('/sign-in/two-factor/setup', '/sign-in/two-factor/setup', { code: currentTotp(secret) });
    assert.equal(ok.statusCode, 302);
    assert.equal((await b.get('/referrals')).statusCode, 200);

    const again = new Browser(w.app);
    const pw = await again.signIn(w.users.hub_member.email);
    assert.equal(pw.headers.location, '/sign-in/two-factor');
    assert.equal((await again.get('/referrals')).headers.location, '/sign-in/two-factor');
    const bad = await again.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: '123' });
    assert.equal(bad.statusCode, 401);
    assert.match(bad.body, /There is a problem/);
    const replayed = await again.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(secret) });
    assert.equal(replayed.statusCode, 401, 'the code used at enrolment cannot be used again');
    const good = await again.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(secret, 1) });
    assert.equal(good.statusCode, 302);
    assert.equal((await again.get('/referrals')).statusCode, 200);
  });

  test('an administrator can reset a user’s two-factor so they enrol again', async () => {
    const user = new Browser(w.app);
    const secret = await enrol(user, w.users.manager.email);
    await user.submit('/sign-in/two-factor/setup', '/sign-in/two-factor/setup', { code: currentTotp(secret) });
    const admin = new Browser(w.app);
    const adminSecret = await enrol(admin, w.users.partnership_admin.email);
    await admin.submit('/sign-in/two-factor/setup', '/sign-in/two-factor/setup', { code: currentTotp(adminSecret) });
    const reset = await admin.submit(`/admin/users/${w.users.manager.id}`, `/admin/users/${w.users.manager.id}`, { action: 'reset-two-factor' });
    assert.equal(reset.statusCode, 303);
    assert.equal((await user.get('/referrals')).statusCode, 302, 'their sessions end');
    assert.equal((await new Browser(w.app).signIn(w.users.manager.email)).headers.location, '/sign-in/two-factor/setup');
  });
});

describe('passwords and lock-out', () => {
  test('a wrong password is refused with the GOV.UK error summary, saying nothing about which part was wrong', async () => {
    const b = new Browser(w.app);
    const res = await b.submit('/sign-in', '/sign-in', { email: w.users.practitioner.email, password: 'wrong-password-here' });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /The email address or password is not right/);
    const unknown = await b.submit('/sign-in', '/sign-in', { email: 'nobody@test.jigsaw.example', password: 'wrong-password-here' });
    assert.match(unknown.body, /The email address or password is not right/);
  });

  test('after repeated failures the account locks, even for the right password', async () => {
    const b = new Browser(w.app);
    for (let i = 0; i < 3; i++) await b.submit('/sign-in', '/sign-in', { email: w.users.police_intelligence.email, password: 'not-the-password' });
    const locked = await b.signIn(w.users.police_intelligence.email);
    assert.equal(locked.statusCode, 423);
    assert.match(locked.body, /locked/);
    const audit = await w.database.db.selectFrom('audit_event').select('action').where('resource_id', '=', w.users.police_intelligence.id).execute();
    assert.ok(audit.some((e) => e.action === 'sign_in.locked_out'));
  });

});

describe('sessions', () => {
  async function signedInWithMfa(email: string) {
    const b = new Browser(w.app);
    const secret = await enrol(b, email);
    await b.submit('/sign-in/two-factor/setup', '/sign-in/two-factor/setup', { code: currentTotp(secret) });
    return b;
  }

  test('cookies are HTTP-only and secure; pages send a nonce-based CSP and other security headers', async () => {
    const b = new Browser(w.app);
    const page = await b.get('/sign-in');
    const csp = page.headers['content-security-policy'] as string;
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(page.body, new RegExp(`<script nonce="${nonce}">`));
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.match(csp, /frame-ancestors 'none'/);
    const res = await b.submit('/sign-in', '/sign-in', { email: w.users.hub_coordinator.email, password: 'correct-horse-battery' });
    const cookie = res.cookies.find((c) => c.name === 'jigsaw_session');
    assert.ok(cookie?.httpOnly && cookie.secure, 'session cookie is HttpOnly and Secure');
  });

  test('a form posted without its CSRF token is refused', async () => {
    const b = await signedInWithMfa(w.users.information_governance.email);
    const res = await b.post('/sign-out', '');
    assert.equal(res.statusCode, 403);
    assert.equal((await b.get('/governance')).statusCode, 200, 'still signed in');
  });

  test('an idle session expires, and so does an old one', async () => {
    const b = await signedInWithMfa(w.users.hub_coordinator.email);
    assert.equal((await b.get('/referrals')).statusCode, 200);
    await w.database.db.updateTable('user_session').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('user_id', '=', w.users.hub_coordinator.id).execute();
    assert.equal((await b.get('/referrals')).headers.location, '/sign-in?returnTo=%2Freferrals');

    const c = new Browser(w.app);
    await c.signIn(w.users.hub_coordinator.email);
    const code = await w.database.db.selectFrom('app_user').select('mfa_secret').where('id', '=', w.users.hub_coordinator.id).executeTakeFirstOrThrow();
    await c.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(code.mfa_secret as string, 1) });
    assert.equal((await c.get('/referrals')).statusCode, 200);
    await w.database.db.updateTable('user_session').set({ created_at: new Date(Date.now() - 13 * 3_600_000) }).where('user_id', '=', w.users.hub_coordinator.id).execute();
    assert.equal((await c.get('/referrals')).statusCode, 302, 'past the absolute lifetime though active');
  });

  test('signing out ends the session on the server', async () => {
    const b = await signedInWithMfa(w.users.scrutiny_member.email);
    const before = await w.database.db.selectFrom('user_session').select('token_hash').where('user_id', '=', w.users.scrutiny_member.id).execute();
    assert.equal(before.length, 1);
    const out = await b.submit('/sign-in', '/sign-out', {});
    assert.equal(out.statusCode, 302);
    const after = await w.database.db.selectFrom('user_session').select('token_hash').where('user_id', '=', w.users.scrutiny_member.id).execute();
    assert.equal(after.length, 0);
  });

  test('returnTo only sends people to pages of this site', async () => {
    const b = new Browser(w.app);
    const page = await b.get('/sign-in?returnTo=//evil.example/');
    assert.match(page.body, /name="returnTo" value="\/"/);
  });
});

// Last: it uses up this address's sign-in allowance for the minute.
test('sign-in is rate limited per address', async () => {
  const b = new Browser(w.app);
  const page = await b.get('/sign-in');
  const body = `_csrf=${encodeURIComponent(csrfFrom(page.body))}&email=x%40example.org&password=y`;
  let last = 0;
  for (let i = 0; i < 25; i++) last = (await b.post('/sign-in', body)).statusCode;
  assert.equal(last, 429);
});
