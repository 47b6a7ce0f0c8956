// Default deny, route by route, for pages: anonymous callers are refused everywhere but the public routes, and each
// page refuses a role that has no business there. New routes are picked up from the route inventory; the API's
// refusals are tests/access-api.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Role } from '../src/platform/access/policy.ts';
import { accessWorld, appRoutes, concrete, OPEN_TO_ALL_SIGNED_IN, PUBLIC, REFUSED, routeIds, SCRUTINY_READS } from './access-routes.ts';
import { signedIn, type World } from './fixtures.ts';

let w: World;
before(async () => {
  w = await accessWorld();
});
after(() => w?.close());

test('the inventory covers the routes this test expects to guard', () => {
  const keys = appRoutes(w).map((r) => `${r.method} ${r.url}`);
  for (const k of ['POST /api/v1/referrals', 'GET /people/:id', 'GET /governance/people/:id', 'POST /admin/users']) assert.ok(keys.includes(k), k);
});

test('anonymous callers are refused on every non-public route', async () => {
  for (const r of appRoutes(w)) {
    const key = `${r.method} ${r.url}`;
    const res = await w.app.inject({
      method: r.method as 'GET',
      url: concrete(r.url),
      headers: { accept: 'text/html' },
      payload: r.method === 'GET' ? undefined : '',
    });
    if (PUBLIC.has(key)) {
      assert.ok(res.statusCode < 500, `${key} public but failed: ${res.statusCode}`);
      continue;
    }
    if (r.url.startsWith('/api/')) assert.equal(res.statusCode, 401, key);
    else if (r.method === 'GET') {
      assert.equal(res.statusCode, 302, key);
      assert.match(res.headers.location as string, /^\/sign-in/, key);
    } else assert.equal(res.statusCode, 401, key);
  }
});

test('each page route refuses a signed-in user whose role has no right to it', async () => {
  const browsers = new Map<Role, Awaited<ReturnType<typeof signedIn>>>();
  for (const r of appRoutes(w)) {
    const key = `${r.method} ${r.url}`;
    if (PUBLIC.has(key) || OPEN_TO_ALL_SIGNED_IN.has(key) || r.url.startsWith('/api/')) continue;
    const role = REFUSED[key] ?? (r.method === 'GET' && SCRUTINY_READS.test(r.url) ? 'practitioner' : 'scrutiny_member');
    let b = browsers.get(role);
    if (!b) {
      b = await signedIn(w, role);
      browsers.set(role, b);
    }
    const url = concrete(r.url);
    const res =
      r.method === 'GET' ? await b.get(url) : await b.submit('/sign-in', url, { action: 'role', role: 'hub_member', name: 'x', email: 'x@example.org' });
    assert.equal(res.statusCode, 403, `${key} as ${role}: ${res.statusCode}`);
  }
});

test('a practitioner cannot open another agency’s referral or person page', async () => {
  const b = await signedIn(w, 'otherPractitioner');
  assert.equal((await b.get(`/referrals/${routeIds.id}`)).statusCode, 403);
  assert.equal((await b.get(`/people/${routeIds.personId}`)).statusCode, 403);
  // The referrer sees their own referral; referring does not open the child's record to them.
  const own = await signedIn(w, 'practitioner');
  assert.equal((await own.get(`/referrals/${routeIds.id}`)).statusCode, 200);
  assert.equal((await own.get(`/people/${routeIds.personId}`)).statusCode, 403);
});

test('a mistyped id in a link is a 404 page, not an error', async () => {
  const b = await signedIn(w, 'hub_coordinator');
  for (const url of ['/referrals/not-an-id', '/people/12345']) assert.equal((await b.get(url)).statusCode, 404, url);
  const ig = await signedIn(w, 'information_governance');
  assert.equal((await ig.get('/governance/people/nope')).statusCode, 404);
});
