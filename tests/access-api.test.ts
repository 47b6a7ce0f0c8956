// Default deny, route by route, for the API: each /api/v1 route refuses a role without the right (403 problem+json),
// and the flag look-up account is refused everywhere but the look-up. Pages are tests/access.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  API_BODIES,
  API_OPEN_TO_ALL_SIGNED_IN,
  API_QUERIES,
  API_REFUSED,
  accessWorld,
  appRoutes,
  concrete,
  OPEN_TO_ALL_SIGNED_IN,
  PUBLIC,
  SCRUTINY_READS,
} from './access-routes.ts';
import { api, referralBody, signedIn, type World } from './fixtures.ts';

let w: World;
before(async () => {
  w = await accessWorld();
});
after(() => w?.close());

test('each API route refuses a role without the right (403 problem+json)', async () => {
  for (const r of appRoutes(w)) {
    if (!r.url.startsWith('/api/v1/') || API_OPEN_TO_ALL_SIGNED_IN.has(`${r.method} ${r.url}`)) continue;
    const role =
      API_REFUSED[`${r.method} ${r.url}`] ?? (r.method === 'GET' && SCRUTINY_READS.test(r.url.replace('/api/v1', '')) ? 'practitioner' : 'scrutiny_member');
    const key = `${r.method} ${r.url}`;
    const res = await api(
      w,
      role,
      r.method as 'GET',
      concrete(r.url) + (API_QUERIES[key] ?? ''),
      r.method === 'GET' ? undefined : (API_BODIES[key] ?? referralBody()),
    );
    assert.equal(res.statusCode, 403, `${r.method} ${r.url} as ${role}`);
    assert.match(res.headers['content-type'] as string, /problem\+json/);
  }
});

// A partner system's flag look-up account (issue 19.6) looks flags up and can do nothing else, API or page.
test('the flag look-up account is refused on every route but the look-up', async () => {
  for (const r of appRoutes(w)) {
    const key = `${r.method} ${r.url}`;
    if (!r.url.startsWith('/api/v1/') || key === 'GET /api/v1/flags') continue;
    const res = await api(
      w,
      'flag_lookup',
      r.method as 'GET',
      concrete(r.url) + (API_QUERIES[key] ?? ''),
      r.method === 'GET' ? undefined : (API_BODIES[key] ?? referralBody()),
    );
    assert.equal(res.statusCode, 403, `${key} as flag_lookup`);
  }
  const b = await signedIn(w, 'flag_lookup');
  for (const r of appRoutes(w)) {
    const key = `${r.method} ${r.url}`;
    if (r.method !== 'GET' || r.url.startsWith('/api/') || PUBLIC.has(key) || OPEN_TO_ALL_SIGNED_IN.has(key)) continue;
    assert.equal((await b.get(concrete(r.url))).statusCode, 403, `${key} as flag_lookup`);
  }
  assert.equal((await api(w, 'flag_lookup', 'GET', '/api/v1/flags?nhsNumber=9990000018')).statusCode, 200);
});
