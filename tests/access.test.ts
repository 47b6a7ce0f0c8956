// Default deny, route by route: anonymous callers are refused everywhere but the public routes, and each
// route refuses a role that has no business there. New routes are picked up from the route inventory.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Role } from '../src/platform/access/policy.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let ids: Record<string, string>;
before(async () => {
  w = await world();
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  ids = { id: r.id, personId: r.personId, token: 'not-a-real-invitation' };
});
after(() => w?.close());

const PUBLIC = new Set([
  'GET /health',
  'GET /ready',
  'GET /metrics',
  'GET /api/openapi.json',
  'GET /sign-in',
  'POST /sign-in',
  'GET /invitation/:token',
  'POST /invitation/:token',
]);
const isStatic = (url: string) => /^\/(assets|stylesheets|javascripts)\//.test(url);

function concrete(url: string): string {
  return url
    .replace(':day', '2026-01-05')
    .replace(':token', ids.token)
    .replace(/\/(people|persons|governance\/people)\/:id/, `/$1/${ids.personId}`)
    .replace(':id', ids.id);
}

function appRoutes() {
  return w.app.routeInventory.filter((r) => !isStatic(r.url));
}

test('the inventory covers the routes this test expects to guard', () => {
  const keys = appRoutes().map((r) => `${r.method} ${r.url}`);
  for (const k of ['POST /api/v1/referrals', 'GET /people/:id', 'GET /governance/people/:id', 'POST /admin/users']) assert.ok(keys.includes(k), k);
});

test('anonymous callers are refused on every non-public route', async () => {
  for (const r of appRoutes()) {
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

// For each route, a role that must be refused. Routes not listed fall back to the scrutiny member, who may
// see aggregate figures only.
const REFUSED: Record<string, Role> = {
  'GET /admin/agencies': 'hub_coordinator',
  'POST /admin/agencies': 'hub_coordinator',
  'GET /admin/users': 'hub_coordinator',
  'GET /admin/users/new': 'practitioner',
  'POST /admin/users': 'hub_coordinator',
  'GET /admin/users/:id': 'manager',
  'POST /admin/users/:id': 'hub_member',
  'GET /admin/tokens': 'practitioner',
  'POST /admin/tokens': 'practitioner',
  'POST /admin/tokens/:id/revoke': 'manager',
  'GET /governance': 'hub_coordinator',
  'GET /governance/people/:id': 'practitioner',
  'GET /governance/audit.csv': 'hub_coordinator',
  'GET /admin': 'practitioner',
  'POST /referrals': 'manager',
  'GET /referrals/new': 'information_governance',
  'GET /reports/triage': 'practitioner',
  'GET /reports/triage.csv': 'practitioner',
  'GET /triage/:day': 'practitioner',
  'POST /triage/:day/referrals/:id': 'manager',
  'GET /referrals/:id/screening': 'manager',
};
// Missing children: the quarterly figures are aggregate, so the scrutiny role may see them; practitioners may not.
Object.assign(REFUSED, { 'GET /missing/report': 'practitioner' });
// So are the committee's missing figures (issue 15.3): page, CSV and API.
Object.assign(REFUSED, { 'GET /missing/report/committee': 'practitioner', 'GET /missing/report/committee.csv': 'practitioner' });
// Training reports are aggregate (scrutiny members see them); practitioners have no training rights at all.
for (const url of [
  '/training/reports',
  '/training/reports.csv',
  '/training/reports.xlsx',
  '/training/reports/councillors',
  '/training/reports/councillors.csv',
  '/training/reports/councillors.xlsx',
])
  REFUSED[`GET ${url}`] = 'practitioner';
// Reviews and recommendations hold no child's data: scrutiny members read them; practitioners have no review rights.
for (const url of [
  '/reviews',
  '/reviews/:id',
  '/reviews/:id/export',
  '/reviews/:id/recommendations/:number',
  '/reviews/:id/recommendations/:number/evidence/:evidenceId',
])
  REFUSED[`GET ${url}`] = 'practitioner';
// Requests that pass schema validation, so the refusal tested is the permission's.
const API_BODIES: Record<string, unknown> = {
  'POST /api/v1/referrals/:id/screenings': { answers: {} },
  'POST /api/v1/referrals/:id/triage-decision': { outcome: 'low', category: 'cse', rationale: 'x' },
  'POST /api/v1/persons/merges': { mergedPersonId: '00000000-0000-4000-8000-000000000001', survivingPersonId: '00000000-0000-4000-8000-000000000002' },
  'POST /api/v1/persons/not-same': { personA: '00000000-0000-4000-8000-000000000001', personB: '00000000-0000-4000-8000-000000000002' },
};
const API_QUERIES: Record<string, string> = { 'GET /api/v1/reports/triage': '?from=2025-01-01&to=2025-01-31' };
// Holding the partnership to account (issue 13) holds no child's data: scrutiny members read it (a round of case
// audits only as its report, refused below by practitioners, who have none of it).
const SCRUTINY_READS = /^\/(committees|committee-meetings|committee-resolutions|standards|standards-frameworks|delivery-plans|case-audits)(\/|$)/;
const API_REFUSED: Record<string, Role> = { 'GET /api/v1/reports/triage': 'practitioner', 'GET /api/v1/reports/missing': 'practitioner' };
API_REFUSED['GET /api/v1/reports/missing/committee-figures'] = 'practitioner';
// Contexts by kind and ward are counts: scrutiny members read them (published); practitioners may not.
API_REFUSED['GET /api/v1/contexts/report'] = 'practitioner';
REFUSED['GET /contexts/report'] = 'practitioner';
// So are support referrals and waiting times by service.
API_REFUSED['GET /api/v1/support/report'] = 'practitioner';
REFUSED['GET /support/report'] = 'practitioner';
// And programme caseloads and indicators by programme (published figures, no child named).
API_REFUSED['GET /api/v1/programmes/report'] = 'practitioner';
REFUSED['GET /programmes/report'] = 'practitioner';
API_REFUSED['GET /api/v1/training/reports/committee'] = 'practitioner';
// The regional dataset leaves the partnership: the administrator and information governance only.
API_REFUSED['GET /api/v1/regional/export'] = 'practitioner';
API_QUERIES['GET /api/v1/regional/export'] = '?from=2025-01-01&to=2025-01-31';
for (const url of [
  '/reviews',
  '/reviews/:id',
  '/reviews/:id/recommendations',
  '/reviews/:id/export',
  '/reviews/:id/recommendations/:number/evidence/:evidenceId',
])
  API_REFUSED[`GET /api/v1${url}`] = 'practitioner';
const OPEN_TO_ALL_SIGNED_IN = new Set([
  'GET /account/security',
  // Where an API-only account (flag look-up) lands: a fixed page saying so.
  'GET /account/api-only',
  'POST /sign-in/passkeys/registration/options',
  'POST /sign-in/passkeys/registration',
  'POST /sign-in/passkeys/authentication/options',
  'POST /sign-in/passkeys/authentication',
  'GET /notifications',
  'POST /notifications/read',
  'GET /notifications/preferences',
  'POST /notifications/preferences',
  'GET /',
  'POST /sign-out',
  'GET /sign-in/two-factor',
  'POST /sign-in/two-factor',
  'GET /sign-in/two-factor/setup',
  'POST /sign-in/two-factor/setup',
]);

test('each page route refuses a signed-in user whose role has no right to it', async () => {
  const browsers = new Map<Role, Awaited<ReturnType<typeof signedIn>>>();
  for (const r of appRoutes()) {
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

// A user's own notifications and their digest choice: every signed-in user has them (policy: notification 'own').
const API_OPEN_TO_ALL_SIGNED_IN = new Set([
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/read',
  'GET /api/v1/notifications/preferences',
  'PUT /api/v1/notifications/preferences',
]);

test('each API route refuses a role without the right (403 problem+json)', async () => {
  for (const r of appRoutes()) {
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

test('a practitioner cannot open another agency’s referral or person page', async () => {
  const b = await signedIn(w, 'otherPractitioner');
  assert.equal((await b.get(`/referrals/${ids.id}`)).statusCode, 403);
  assert.equal((await b.get(`/people/${ids.personId}`)).statusCode, 403);
  // The referrer sees their own referral; referring does not open the child's record to them.
  const own = await signedIn(w, 'practitioner');
  assert.equal((await own.get(`/referrals/${ids.id}`)).statusCode, 200);
  assert.equal((await own.get(`/people/${ids.personId}`)).statusCode, 403);
});

test('a mistyped id in a link is a 404 page, not an error', async () => {
  const b = await signedIn(w, 'hub_coordinator');
  for (const url of ['/referrals/not-an-id', '/people/12345']) assert.equal((await b.get(url)).statusCode, 404, url);
  const ig = await signedIn(w, 'information_governance');
  assert.equal((await ig.get('/governance/people/nope')).statusCode, 404);
});

// A partner system's flag look-up account (issue 19.6) looks flags up and can do nothing else, API or page.
test('the flag look-up account is refused on every route but the look-up', async () => {
  for (const r of appRoutes()) {
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
  for (const r of appRoutes()) {
    const key = `${r.method} ${r.url}`;
    if (r.method !== 'GET' || r.url.startsWith('/api/') || PUBLIC.has(key) || OPEN_TO_ALL_SIGNED_IN.has(key)) continue;
    assert.equal((await b.get(concrete(r.url))).statusCode, 403, `${key} as flag_lookup`);
  }
  assert.equal((await api(w, 'flag_lookup', 'GET', '/api/v1/flags?nhsNumber=9990000018')).statusCode, 200);
});
