// A small fictional partnership for tests: one agency per sector, one user per role, and helpers to sign in
// through the real pages (password, then two-factor where required) and to call the API with real tokens.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { createAgency, createUser, issueToken } from '../src/modules/admin/use-cases.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { ROLES, type Role } from '../src/platform/access/policy.ts';
import { currentTotp } from '../src/platform/auth/totp.ts';
import type { Database } from '../src/platform/db/connect.ts';
import { testDatabase } from '../src/platform/db/testing.ts';
import { type Services, services } from '../src/services.ts';

export const PASSWORD = 'correct-horse-battery';

export interface World {
  database: Database;
  config: Config;
  svc: Services;
  app: FastifyInstance;
  partnershipId: string;
  agencies: Record<string, string>;
  users: Record<Role, { id: string; email: string; agencyId: string }>;
  /** A second practitioner in another agency, for "another agency's record" checks. */
  otherPractitioner: { id: string; email: string; agencyId: string };
  tokens: Partial<Record<Role | 'otherPractitioner', string>>;
  close(): Promise<void>;
}

/** `logStream` receives the app's log lines (pass a `logLevel` override to get any). */
export async function world(overrides: Partial<Config> = {}, logStream?: NodeJS.WritableStream): Promise<World> {
  const database = await testDatabase();
  const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', ...overrides });
  const svc = services(database, config);
  const partnershipId = randomUUID();
  await database.db.insertInto('partnership').values({ id: partnershipId, name: 'Testshire Partnership (fictional)' }).execute();
  const admin = systemActor(partnershipId);
  const agencies: Record<string, string> = {};
  for (const [key, name, sector] of [
    ['hub', 'Testshire Hub', 'childrens_social_care'],
    ['school', 'Testshire School', 'education'],
    ['police', 'Testshire Police', 'police'],
    ['health', 'Testshire Health', 'health'],
  ] as const) {
    agencies[key] = (await svc.run(createAgency, admin, { name, sector })).id;
  }
  const agencyFor: Record<Role, string> = {
    partnership_admin: 'hub',
    hub_coordinator: 'hub',
    hub_member: 'hub',
    practitioner: 'school',
    missing_coordinator: 'hub',
    police_intelligence: 'police',
    manager: 'school',
    scrutiny_member: 'hub',
    information_governance: 'hub',
    // A partner system (an emergency department's) that looks up flags that travel.
    flag_lookup: 'health',
  };
  const users = {} as World['users'];
  for (const role of ROLES) {
    const email = `${role.replaceAll('_', '.')}@test.jigsaw.example`;
    const { user } = await svc.run(createUser, admin, { email, name: `Test ${role}`, role, agencyId: agencies[agencyFor[role]], password: PASSWORD });
    users[role] = { id: user.id, email, agencyId: agencies[agencyFor[role]] };
  }
  const other = await svc.run(createUser, admin, {
    email: 'other.practitioner@test.jigsaw.example',
    name: 'Test other practitioner',
    role: 'practitioner',
    agencyId: agencies.health,
    password: PASSWORD,
  });
  const otherPractitioner = { id: other.user.id, email: 'other.practitioner@test.jigsaw.example', agencyId: agencies.health };
  const tokens: World['tokens'] = {};
  for (const role of ROLES) tokens[role] = (await svc.run(issueToken, admin, { email: users[role].email })).token;
  tokens.otherPractitioner = (await svc.run(issueToken, admin, { email: otherPractitioner.email })).token;
  const app = await buildApp({ config, database, services: svc, logStream });
  await app.ready();
  return {
    database,
    config,
    svc,
    app,
    partnershipId,
    agencies,
    users,
    otherPractitioner,
    tokens,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Cookies from responses, kept like a browser would (name=value only). */
export class CookieJar {
  private jar = new Map<string, string>();
  take(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires) < new Date())) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }
  get header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name: string) {
    return this.jar.has(name);
  }
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('No CSRF token on the page');
  return m[1];
}

/** A browser-like session: GETs and form POSTs with cookies and the page's CSRF token. */
export class Browser {
  jar = new CookieJar();
  constructor(private app: FastifyInstance) {}

  async get(url: string) {
    return this.jar.take(await this.app.inject({ method: 'GET', url, headers: { cookie: this.jar.header, accept: 'text/html' } }));
  }

  /** Loads `formPage` for its CSRF token, then posts the form to `action`. */
  async submit(formPage: string, action: string, fields: Record<string, string | string[]>) {
    const page = await this.get(formPage);
    const body = new URLSearchParams();
    body.append('_csrf', csrfFrom(page.body));
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.post(action, body.toString());
  }

  async post(url: string, payload: string) {
    return this.jar.take(
      await this.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { cookie: this.jar.header, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  async signIn(email: string, password = PASSWORD, totpSecret?: string) {
    const res = await this.submit('/sign-in', '/sign-in', { email, password });
    if (totpSecret && res.headers.location === '/sign-in/two-factor') {
      return this.submit('/sign-in/two-factor', '/sign-in/two-factor', { code: currentTotp(totpSecret) });
    }
    return res;
  }
}

export async function signedIn(w: World, role: Role | 'otherPractitioner'): Promise<Browser> {
  const b = new Browser(w.app);
  const res = await b.signIn(role === 'otherPractitioner' ? w.otherPractitioner.email : w.users[role].email);
  if (res.statusCode !== 302) throw new Error(`Sign-in failed for ${role}: ${res.statusCode}`);
  return b;
}

export function api(
  w: World,
  who: Role | 'otherPractitioner' | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return w.app.inject({
    method,
    url,
    headers: {
      ...(who ? { authorization: `Bearer ${w.tokens[who]}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A valid new-person referral body for the API. */
export function referralBody(overrides: Record<string, unknown> = {}) {
  return {
    subject: { givenName: 'Testchild', familyName: 'Fictional', dateOfBirth: '2012-05-17', sex: 'female', postcode: 'NM1 4AB', nhsNumber: '9990000018' },
    referrerName: 'Test Referrer',
    referrerContact: '01632 960000',
    concerns: 'Fictional test concern: seen getting into cars with unknown older adults after school on several evenings.',
    exploitationTypes: ['cse'],
    indicators: ['cars_unknown_adults'],
    consent: 'given',
    urgency: 'urgent',
    ...overrides,
  };
}
