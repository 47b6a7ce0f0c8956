// The route table as the access tests see it (tests/access.test.ts for pages, tests/access-api.test.ts for the API):
// the public routes, the role each route must refuse, and a concrete URL for each pattern. Shared so the two files,
// which run side by side, walk the same inventory.
import type { Role } from '../src/platform/access/policy.ts';
import { api, referralBody, type World, world } from './fixtures.ts';

export let routeIds: Record<string, string>;

/** The test world with one referral, whose ids fill the route patterns. */
export async function accessWorld(): Promise<World> {
  const w = await world();
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  routeIds = { id: r.id, personId: r.personId, token: 'not-a-real-invitation' };
  return w;
}

export const PUBLIC = new Set([
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

export function concrete(url: string): string {
  const ids = routeIds;
  return url
    .replace(':day', '2026-01-05')
    .replace(':token', ids.token)
    .replace(/\/(people|persons|governance\/people)\/:id/, `/$1/${ids.personId}`)
    .replace(':id', ids.id);
}

export function appRoutes(w: World) {
  return w.app.routeInventory.filter((r) => !isStatic(r.url));
}

// For each route, a role that must be refused. Routes not listed fall back to the scrutiny member, who may
// see aggregate figures only.
export const REFUSED: Record<string, Role> = {
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
// The problem profile (issue 15.5) is counts only: scrutiny members read it with suppressed figures; practitioners may not.
Object.assign(REFUSED, { 'GET /reports/problem-profile': 'practitioner', 'GET /reports/problem-profile.docx': 'practitioner' });
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
export const API_BODIES: Record<string, unknown> = {
  'POST /api/v1/referrals/:id/screenings': { answers: {} },
  'POST /api/v1/referrals/:id/triage-decision': { outcome: 'low', category: 'cse', rationale: 'x' },
  'POST /api/v1/persons/merges': { mergedPersonId: '00000000-0000-4000-8000-000000000001', survivingPersonId: '00000000-0000-4000-8000-000000000002' },
  'POST /api/v1/persons/not-same': { personA: '00000000-0000-4000-8000-000000000001', personB: '00000000-0000-4000-8000-000000000002' },
};
export const API_QUERIES: Record<string, string> = { 'GET /api/v1/reports/triage': '?from=2025-01-01&to=2025-01-31' };
// Holding the partnership to account (issue 13) holds no child's data: scrutiny members read it (a round of case
// audits only as its report, refused below by practitioners, who have none of it).
export const SCRUTINY_READS = /^\/(committees|committee-meetings|committee-resolutions|standards|standards-frameworks|delivery-plans|case-audits)(\/|$)/;
export const API_REFUSED: Record<string, Role> = { 'GET /api/v1/reports/triage': 'practitioner', 'GET /api/v1/reports/missing': 'practitioner' };
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
// The report builder (issue 15.1): counts, so scrutiny members read them (published); practitioners may not.
API_REFUSED['GET /api/v1/reports'] = 'practitioner';
API_QUERIES['GET /api/v1/reports'] = '?measure=referrals&from=2025-01-01&to=2025-01-31';
API_REFUSED['GET /api/v1/reports/:name'] = 'practitioner';
API_REFUSED['GET /api/v1/saved-reports'] = 'practitioner';
REFUSED['GET /reports/builder'] = 'practitioner';
REFUSED['GET /reports/builder/:name'] = 'practitioner';
// The disclosure rule (issue 15.4): whoever reads reports reads it (scrutiny members too); only the administrator sets it.
API_REFUSED['GET /api/v1/disclosure-rule'] = 'practitioner';
API_BODIES['PUT /api/v1/disclosure-rule'] = { threshold: 5, rounding: 'none', secondary: true };
for (const url of [
  '/reviews',
  '/reviews/:id',
  '/reviews/:id/recommendations',
  '/reviews/:id/export',
  '/reviews/:id/recommendations/:number/evidence/:evidenceId',
])
  API_REFUSED[`GET /api/v1${url}`] = 'practitioner';
export const OPEN_TO_ALL_SIGNED_IN = new Set([
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

// A user's own notifications and their digest choice: every signed-in user has them (policy: notification 'own').
export const API_OPEN_TO_ALL_SIGNED_IN = new Set([
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/read',
  'GET /api/v1/notifications/preferences',
  'PUT /api/v1/notifications/preferences',
]);
