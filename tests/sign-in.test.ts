// Signing in: passwords, lock-out, two-factor enrolment and codes, sessions' idle and absolute limits,
// sign out, CSRF and security headers.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Role } from '../src/platform/access/policy.ts';
import { endSessionsOf } from '../src/platform/auth/store.ts';
import { currentTotp } from '../src/platform/auth/totp.ts';
import { safeReturnTo } from '../src/platform/auth/web.ts';
import { testDatabase } from '../src/platform/db/testing.ts';
import { services } from '../src/services.ts';
import { Browser, csrfFrom, PASSWORD, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world({ requireMfa: true, lockoutThreshold: 3, sessionIdleMinutes: 30, sessionMaxHours: 12 });
});
after(() => w?.close());

/** A 6-digit code that the secret does not produce now, nor in the periods either side (the accepted window). */
function wrongCode(secret: string): string {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  const valid = new Set([-30_000, 0, 30_000, 60_000].map((offset) => totp.generate({ timestamp: Date.now() + offset })));
  for (let n = 123_456; ; n = (n + 111_111) % 1_000_000) if (!valid.has(String(n).padStart(6, '0'))) return String(n).padStart(6, '0');
}

const enrolIn = (b: Browser, email: string) => enrol(b, email);

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
    // The very code used here is replayed below: computed once, so a 30-second step ending mid-test changes nothing.
    const enrolmentCode = currentTotp(secret);
    const ok = await b.submit('/sign-in/two-factor/setup', '/sign-in/two-factor/setup', { code: enrolmentCode });
    assert.equal(ok.statusCode, 302);
    assert.equal((await b.get('/referrals')).statusCode, 200);

    const again = new Browser(w.app);
    const pw = await again.signIn(w.users.hub_member.email);
    assert.equal(pw.headers.location, '/sign-in/two-factor');
    assert.equal((await again.get('/referrals')).headers.location, '/sign-in/two-factor');
    const bad = await again.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: '123' });
    assert.equal(bad.statusCode, 401);
    assert.match(bad.body, /There is a problem/);
    const replayed = await again.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: enrolmentCode });
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
    await w.database.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', w.users.hub_coordinator.id)
      .execute();
    assert.equal((await b.get('/referrals')).headers.location, '/sign-in?returnTo=%2Freferrals');

    const c = new Browser(w.app);
    await c.signIn(w.users.hub_coordinator.email);
    const code = await w.database.db.selectFrom('app_user').select('mfa_secret').where('id', '=', w.users.hub_coordinator.id).executeTakeFirstOrThrow();
    await c.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(code.mfa_secret as string, 1) });
    assert.equal((await c.get('/referrals')).statusCode, 200);
    await w.database.db
      .updateTable('user_session')
      .set({ created_at: new Date(Date.now() - 13 * 3_600_000) })
      .where('user_id', '=', w.users.hub_coordinator.id)
      .execute();
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

// Attacks found in review, each in a fresh world (its own rate-limit counters) with the production lock-out
// threshold of 5.
describe('sign-in that cannot be guessed', () => {
  let v: World;
  before(async () => {
    v = await world({ requireMfa: true, lockoutThreshold: 5, lockoutMinutes: 15 });
  });
  after(() => v?.close());

  const cookieOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'jigsaw_session')?.value;

  async function enrolled(role: Role) {
    const b = new Browser(v.app);
    const secret = await enrolIn(b, v.users[role].email);
    // The very code used here is replayed below: computed once, so a 30-second step ending mid-test changes nothing.
    const enrolmentCode = currentTotp(secret);
    const ok = await b.submit('/sign-in/two-factor/setup', '/sign-in/two-factor/setup', { code: enrolmentCode });
    assert.equal(ok.statusCode, 302);
    return secret;
  }

  test('after 5 wrong two-factor codes the account’s two-factor locks (even for the right code) and the user and admins are told', async () => {
    const secret = await enrolled('hub_member');
    const b = new Browser(v.app);
    assert.equal((await b.signIn(v.users.hub_member.email)).headers.location, '/sign-in/two-factor');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await b.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: wrongCode(secret) })).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 401, 423], 'the fifth wrong code locks');
    const right = await b.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(secret, 1) });
    assert.equal(right.statusCode, 423, 'the right code no longer works while locked');
    assert.match(right.body, /Too many wrong security codes/);
    assert.equal((await b.get('/referrals')).headers.location, '/sign-in/two-factor', 'still not signed in');

    // A new sign-in (new session, even a new address) does not start a new count: the limit is per account.
    const other = new Browser(v.app);
    await other.signIn(v.users.hub_member.email);
    assert.equal((await other.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(secret, 1) })).statusCode, 423);

    const told = await v.database.db.selectFrom('notification').select(['user_id', 'kind', 'body']).where('kind', '=', 'security.two_factor_locked').execute();
    assert.deepEqual(
      new Set(told.map((n) => n.user_id)),
      new Set([v.users.hub_member.id, v.users.partnership_admin.id]),
      'the user and the partnership administrator',
    );
    const audit = await v.database.db.selectFrom('audit_event').select('action').where('resource_id', '=', v.users.hub_member.id).execute();
    assert.ok(audit.some((e) => e.action === 'sign_in.two_factor_locked'));

    // After the lock-out period the right code works again.
    await v.database.db
      .updateTable('app_user')
      .set({ mfa_locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', v.users.hub_member.id)
      .execute();
    const after = await other.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(secret, 1) });
    assert.equal(after.statusCode, 302);
    assert.equal((await other.get('/referrals')).statusCode, 200);
  });

  test('20 concurrent wrong passwords: only 5 are checked, and the account locks at the threshold', async () => {
    const { email, id } = v.users.missing_coordinator;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => v.svc.auth.signIn(email, `wrong-password-${i}`)));
    const outcomes = results.map((r) => r.outcome);
    assert.equal(outcomes.filter((o) => o === 'invalid').length, 4, outcomes.join(' '));
    assert.equal(outcomes.filter((o) => o === 'locked').length, 16);
    const checked = await v.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', id)
      .where('action', 'in', ['sign_in.failed', 'sign_in.locked_out'])
      .execute();
    assert.equal(checked.length, 5, 'passwords actually checked');
    assert.equal((await v.svc.auth.signIn(email, PASSWORD)).outcome, 'locked', 'the right password waits for the lock-out to end');
  });

  test('the session id is renewed at the password, at two-factor and at enrolment; the old one stops working', async () => {
    const b = new Browser(v.app);
    const first = await b.signIn(v.users.manager.email);
    const atPassword = cookieOf(first);
    assert.ok(atPassword);
    const setup = await b.get('/sign-in/two-factor/setup');
    const secret = /data-qa="totp-secret">([A-Z2-7]+)</.exec(setup.body)?.[1] as string;
    const enrolledRes = await b.submit('/sign-in/two-factor/setup', '/sign-in/two-factor/setup', { code: currentTotp(secret) });
    const atEnrolment = cookieOf(enrolledRes);
    assert.ok(atEnrolment && atEnrolment !== atPassword, 'a new session cookie at enrolment');
    const old = await v.app.inject({
      method: 'GET',
      url: '/sign-in/two-factor/setup',
      headers: { cookie: `jigsaw_session=${atPassword}`, accept: 'text/html' },
    });
    assert.match(String(old.headers.location), /^\/sign-in\?/, 'the pre-enrolment session id is gone');

    const again = new Browser(v.app);
    const pw = cookieOf(await again.signIn(v.users.manager.email));
    const second = await again.signIn(v.users.manager.email);
    assert.notEqual(cookieOf(second), pw, 'signing in again gives a new id');
    const rows = await v.database.db.selectFrom('user_session').select('token_hash').where('user_id', '=', v.users.manager.id).execute();
    assert.equal(rows.length, 2, 'the earlier session of this browser was ended (enrolment session + the latest)');
    const passed = await again.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(secret, 1) });
    const atMfa = cookieOf(passed);
    assert.ok(atMfa && atMfa !== cookieOf(second), 'a new session cookie at two-factor');
    const stale = await v.app.inject({ method: 'GET', url: '/referrals', headers: { cookie: `jigsaw_session=${cookieOf(second)}`, accept: 'text/html' } });
    assert.match(String(stale.headers.location), /^\/sign-in\?/, 'the password-only session id no longer works');
    assert.equal((await again.get('/referrals')).statusCode, 200);
  });

  test('endSessionsOf ends every session of one user (for an administrator’s role change)', async () => {
    const b = new Browser(v.app);
    await b.signIn(v.users.scrutiny_member.email);
    await endSessionsOf(v.database.db, v.partnershipId, v.users.scrutiny_member.id);
    assert.equal((await v.database.db.selectFrom('user_session').select('token_hash').where('user_id', '=', v.users.scrutiny_member.id).execute()).length, 0);
  });

  test('returnTo goes only to a path on this site: schemes, //, backslashes and control characters go home', async () => {
    for (const bad of [
      '/%09/evil.example',
      '/\t/evil.example',
      '//evil.example',
      '/\\evil.example',
      '/%5Cevil.example',
      '/%2F/evil.example',
      '/%252F%252Fevil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/%0d%0aSet-Cookie:x=1',
      '/\n/evil',
      ' /x',
      '/%E0%A4%A',
    ])
      assert.equal(safeReturnTo(bad), '/', bad);
    for (const good of ['/', '/referrals', '/people?q=Jane%20Doe', '/referrals/5b0e0c4e-0d7a-4b5e-9a53-0b6b1f0f4a3e'])
      assert.equal(safeReturnTo(good), good, good);

    const b = new Browser(v.app);
    const page = await b.get('/sign-in?returnTo=/%09/evil.example');
    assert.match(page.body, /name="returnTo" value="\/"/);
    const newline = await b.get('/sign-in?returnTo=/%0d%0aLocation:%20https://evil.example');
    assert.equal(newline.statusCode, 200, 'a newline in returnTo is not a 500');
    const res = await b.submit('/sign-in', '/sign-in', { email: v.users.practitioner.email, password: PASSWORD, returnTo: '/\r\n/evil.example' });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/sign-in/two-factor/setup');
    assert.equal(res.cookies.find((c) => c.name === 'jigsaw_return')?.value, '/');
  });

  test('form posts must come from this site: Origin (or Sec-Fetch-Site) is checked as well as the CSRF token', async () => {
    const b = new Browser(v.app);
    const page = await b.get('/sign-in');
    const payload = `_csrf=${encodeURIComponent(csrfFrom(page.body))}&email=${encodeURIComponent(v.users.information_governance.email)}&password=wrong-password-here`;
    const post = (headers: Record<string, string>) =>
      v.app.inject({
        method: 'POST',
        url: '/sign-in',
        payload,
        headers: { cookie: b.jar.header, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    const site = new URL(v.config.publicUrl).origin;
    assert.equal((await post({ origin: 'https://evil.example' })).statusCode, 403, 'another origin, though the CSRF token is valid');
    assert.equal((await post({ origin: 'null' })).statusCode, 403);
    assert.equal((await post({ 'sec-fetch-site': 'cross-site' })).statusCode, 403);
    assert.equal((await post({ 'sec-fetch-site': 'same-site' })).statusCode, 403, 'a sibling subdomain is not this site');
    assert.equal((await post({ origin: site })).statusCode, 401, 'this site: on to the password check');
    assert.equal((await post({ 'sec-fetch-site': 'same-origin' })).statusCode, 401);
    assert.equal((await post({})).statusCode, 401, 'neither header: allowed with a valid CSRF token');
    const noToken = await v.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: 'email=a%40b.c&password=x',
      headers: { cookie: b.jar.header, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(noToken.statusCode, 403, 'neither header and no token');
    // API routes use bearer tokens, not cookies: no Origin needed.
    const apiRes = await v.app.inject({
      method: 'GET',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${v.tokens.hub_coordinator}`, origin: 'https://evil.example' },
    });
    assert.equal(apiRes.statusCode, 200);
  });

  test('the per-address limit keys on the socket address: a new X-Forwarded-For per request does not escape it', async () => {
    const b = new Browser(v.app);
    const page = await b.get('/sign-in');
    const body = `_csrf=${encodeURIComponent(csrfFrom(page.body))}&email=x%40example.org&password=y`;
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await v.app.inject({
        method: 'POST',
        url: '/sign-in',
        payload: body,
        headers: { cookie: b.jar.header, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(res.statusCode);
    }
    assert.equal(statuses.at(-1), 429, statuses.join(' '));
  });
});

test('behind a trusted proxy, the address it reports is the client: limited per reported address, not per proxy', async () => {
  const p = await world({ trustedProxies: ['127.0.0.1/32'] });
  try {
    const b = new Browser(p.app);
    const page = await b.get('/sign-in');
    const body = `_csrf=${encodeURIComponent(csrfFrom(page.body))}&email=x%40example.org&password=y`;
    const post = (xff: string) =>
      p.app.inject({
        method: 'POST',
        url: '/sign-in',
        payload: body,
        headers: { cookie: b.jar.header, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff },
      });
    const many = [];
    for (let i = 0; i < 21; i++) many.push((await post(`198.51.100.${i + 1}`)).statusCode);
    assert.ok(!many.includes(429), 'each client behind the proxy has its own allowance');
    let last = 0;
    // A client that prepends its own X-Forwarded-For is still known by the address the proxy appended.
    for (let i = 0; i < 21; i++) last = (await post(`10.9.9.${i}, 192.0.2.7`)).statusCode;
    assert.equal(last, 429);
  } finally {
    await p.close();
  }
});

test('logs hold no names, dates of birth or free text: not from a 500, a bad body or a query string', async () => {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const database = await testDatabase();
  try {
    const config = loadConfig({}, { logLevel: 'info', requireMfa: false });
    const app = await buildApp({ config, database, services: services(database, config), logStream });
    app.get('/test-only/boom', { config: { auth: 'public' } }, async () => {
      throw new Error('Could not save Philippa Quartermaine-Test (born 2011-04-05) of 12 Acacia Road: "seen with older males"');
    });
    await app.ready();
    const boom = await app.inject({ method: 'GET', url: '/test-only/boom?name=Philippa+Quartermaine-Test', headers: { accept: 'text/html' } });
    assert.equal(boom.statusCode, 500);
    const bad = await app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: '{"name": "Philippa Quartermaine-Test", "dob": "2011-04-05"',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(bad.statusCode, 400);
    await app.inject({ method: 'GET', url: '/sign-in?returnTo=%2Fpeople%3Fq%3DPhilippa%2520Quartermaine-Test' });
    await app.close();
    const out = lines.join('');
    for (const secret of ['Philippa', 'Quartermaine', '2011-04-05', 'Acacia', 'older males', 'returnTo'])
      assert.ok(!out.includes(secret), `the log contains "${secret}":\n${out}`);
    const error = lines.map((l) => JSON.parse(l)).find((l) => l.level === 50);
    assert.ok(error, `the 500 is logged:\n${out}`);
    assert.equal(error.err.type, 'Error');
    assert.ok(error.reqId, 'with the request id');
    assert.match(error.msg, /^Could not save …/);
  } finally {
    await database.close();
  }
});
