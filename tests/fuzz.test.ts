// Bad input never gives a server error: a property test (fast-check, fixed seeds) that drives every operation in
// /api/openapi.json and every form route with generated and mutated input (path ids, query values, JSON bodies from
// the operation's examples, form fields from the real pages), against the demo partnership. It asserts that no
// response is 5xx and that the app logs no error, and prints the request count.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/demo/data.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { issueToken } from '../src/modules/admin/use-cases.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import type { Role } from '../src/platform/access/policy.ts';
import { Browser, csrfFrom, type World, world } from './fixtures.ts';

// Runs per operation: about 1,000 requests in all, so the file stays well inside CI's time on two cores (it runs
// once on each database). JIGSAW_FUZZ_DEPTH=N runs N times as many, with the same seeds first: a deeper run by hand.
const DEPTH = Math.max(1, Number(process.env.JIGSAW_FUZZ_DEPTH) || 1);
const API_RUNS = 14 * DEPTH;
const FORM_RUNS = 9 * DEPTH;
const PAGE_RUNS = 3 * DEPTH;

let w: World;
const logLines: string[] = [];
const tokens: Partial<Record<Role, string>> = {};
const browsers: Partial<Record<Role | 'anonymous', Browser>> = {};
/** Ids of real records, by the kind of thing a path segment names. */
const pool: Record<string, string[]> = {};
let requests = 0;
let serverErrors = 0;
const failures: string[] = [];

before(async () => {
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  w = await world({ demo: true, logLevel: 'warn' }, logStream);
  const { partnershipId } = await seedDemo(w.database.db);
  const admin = systemActor(partnershipId);
  const db = w.database.db;
  for (const role of ['hub_coordinator', 'police_intelligence', 'partnership_admin', 'practitioner'] as const) {
    const user = DEMO_USERS.find((u) => u.role === role);
    assert.ok(user, role);
    tokens[role] = (await w.svc.run(issueToken, admin, { email: user.email })).token;
    const b = new Browser(w.app);
    const res = await b.signIn(user.email, DEMO_PASSWORD);
    assert.equal(res.statusCode, 302, `${role} signs in`);
    browsers[role] = b;
  }
  browsers.anonymous = new Browser(w.app);
  const ids = async (table: string, column = 'id') =>
    (
      await db
        .selectFrom(table as 'person')
        .select(`${column} as id` as 'id')
        .where('partnership_id', '=', partnershipId)
        .limit(4)
        .execute()
    ).map((r) => String(r.id));
  pool.referral = await ids('referral');
  pool.person = await ids('person');
  pool.episode = await ids('missing_episode');
  pool.intelligence = await ids('intel_item');
  pool.entity = await ids('intel_entity');
  pool.disruption = await ids('disruption_activity');
  pool.action = await ids('triage_action');
  pool.merge = await ids('person_merge');
  pool.alert = await ids('repeat_missing_alert');
  pool.notice = await ids('missing_notice');
  pool.agency = await ids('agency');
  pool.tactic = (await db.selectFrom('disruption_tactic').select('code').where('partnership_id', '=', partnershipId).limit(4).execute()).map((r) => r.code);
  const today = new Date().toISOString().slice(0, 10);
  pool.day = [today, '2026-01-05'];
});

after(async () => {
  console.log(`fuzz: ${requests} requests, ${serverErrors} server errors`);
  await w?.close();
});

/** Sends one request and records a 5xx or an error logged while it ran. */
async function send(what: string, request: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  const logged = logLines.length;
  const res = await request();
  requests++;
  const errors = logLines.slice(logged).filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
  if (res.statusCode >= 500) serverErrors++;
  if (res.statusCode >= 500 || errors.length > 0) {
    const detail = `${what} -> ${res.statusCode} ${res.body.slice(0, 300)}\n  ${errors.map((e) => e.slice(0, 600)).join('\n  ')}`;
    if (failures.length < 200) failures.push(detail);
  }
  return res;
}

// --- Values --------------------------------------------------------------------------------------------------------

const LONG = 'x'.repeat(20_000);
const STRANGE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\n',
  'line\r\nbreak',
  '\t',
  '😀🧩',
  '\ud800',
  'Ünïcödé İ ß',
  'ﷺ‮reversed',
  "'; drop table person; --",
  '%00',
  '%',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{ 7*7 }}',
  '#{7*7}',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  LONG,
];
const STRANGE_NUMBERS = ['0', '-1', '1', '1.5', '1e400', '-0', 'NaN', 'Infinity', '99999999999999999999', '2147483648', '0x10', ' 1'];
const STRANGE_DATES = [
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '275760-09-13',
  '2026-1-1',
  '2026-01-31T25:00:00Z',
  '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z',
  '1900-01-01',
];
const NON_UUIDS = [
  'abc',
  '1',
  '0',
  '-1',
  'null',
  'undefined',
  ' ',
  '00000000-0000-0000-0000-00000000000g',
  '6F1C1D7E-0000-4000-8000-000000000001',
  '{6f1c1d7e-0000-4000-8000-000000000001}',
  'a'.repeat(5_000),
  '%00',
  '..',
  '😀',
  'a\u0000b',
];

const strangeText = fc.constantFrom(...STRANGE_TEXT, ...STRANGE_NUMBERS, ...STRANGE_DATES);
const anyText = fc.oneof(
  strangeText,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, 0.5));
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  anyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(anyText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), anyText, { maxKeys: 3 }),
);

/** URL-encoded as a browser would: a lone surrogate becomes U+FFFD. */
const enc = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

function deep(depth: number, array: boolean): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
}

function idsFor(segment: string): string[] {
  const map: Record<string, string> = {
    referrals: 'referral',
    persons: 'person',
    people: 'person',
    'missing-episodes': 'episode',
    episodes: 'episode',
    intelligence: 'intelligence',
    entities: 'entity',
    disruptions: 'disruption',
    disruption: 'disruption',
    actions: 'action',
    merges: 'merge',
    alerts: 'alert',
    notices: 'notice',
    'disruption-tactics': 'tactic',
    agencies: 'agency',
  };
  return pool[map[segment] ?? ''] ?? [];
}

/** A path parameter: a real id (when there is one for the segment before it), a random UUID, or not an id at all. */
function pathValue(name: string, segmentBefore: string): fc.Arbitrary<string> {
  const real = name === 'day' ? pool.day : idsFor(segmentBefore);
  return fc.oneof(
    { weight: 4, arbitrary: real.length > 0 ? fc.constantFrom(...real) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.constantFrom(...NON_UUIDS, ...STRANGE_DATES),
        anyText.filter((s) => s.length > 0),
      ),
    },
  );
}

/** Fills `{id}` or `:id` placeholders; `keep` leaves a parameter as the real value it is in `concrete`. */
function fillPath(template: string, values: Record<string, string>) {
  return template.replace(/\{(\w+)\}|:(\w+)/g, (_m, a, b) => enc(values[a ?? b]));
}

function paramsOf(template: string): { name: string; before: string }[] {
  const out: { name: string; before: string }[] = [];
  const parts = template.split('/');
  parts.forEach((p, i) => {
    const m = /^\{(\w+)\}$|^:(\w+)$/.exec(p);
    if (m) out.push({ name: m[1] ?? m[2], before: parts[i - 1] ?? '' });
  });
  return out;
}

function pathArb(template: string): fc.Arbitrary<Record<string, string>> {
  const params = paramsOf(template);
  return fc.record(Object.fromEntries(params.map((p) => [p.name, pathValue(p.name, p.before)])) as Record<string, fc.Arbitrary<string>>);
}

interface ParamSchema {
  type?: string;
  enum?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
}

/** A query value: a valid one for the schema, or text that is not. */
function queryValue(schema: ParamSchema, segment: string): fc.Arbitrary<string> {
  const valid: fc.Arbitrary<string>[] = [];
  if (schema.enum) valid.push(fc.constantFrom(...schema.enum));
  if (schema.format === 'date') valid.push(fc.constantFrom('2025-01-01', '2026-06-30', new Date().toISOString().slice(0, 10)));
  if (schema.format === 'uuid') valid.push(fc.constantFrom(...(idsFor(segment).length ? idsFor(segment) : pool.person), randomUUID()));
  if (schema.type === 'integer' || schema.type === 'number') valid.push(fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 1000 }).map(String));
  if (schema.type === 'boolean') valid.push(fc.constantFrom('true', 'false'));
  if (schema.type === 'string' && !schema.enum && !schema.format) valid.push(fc.constantFrom('a', 'Ann', pool.person[0]));
  return fc.oneof({ weight: 2, arbitrary: valid.length > 0 ? fc.oneof(...valid) : fc.constant('a') }, { weight: 3, arbitrary: anyText });
}

function queryArb(params: { name: string; schema: ParamSchema }[], segment: string): fc.Arbitrary<string> {
  const one = fc.record(
    Object.fromEntries(
      params.map((p) => [
        p.name,
        fc.option(
          fc.oneof(
            { weight: 4, arbitrary: queryValue(p.schema, segment).map((v) => [v]) },
            { weight: 1, arbitrary: fc.array(queryValue(p.schema, segment), { minLength: 2, maxLength: 3 }) },
          ),
          { nil: undefined },
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string[] | undefined>>;
  const extra = fc.option(fc.tuple(fc.constantFrom('extra', 'limit', '__proto__', 'a[b]', ''), anyText), { nil: undefined, freq: 4 });
  return fc.tuple(one, extra).map(([values, more]) => {
    const pairs: [string, string][] = [];
    for (const [k, vs] of Object.entries(values)) for (const v of vs ?? []) pairs.push([k, v]);
    if (more) pairs.push(more);
    return pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '';
  });
}

// --- Mutating JSON bodies ------------------------------------------------------------------------------------------

type Json = unknown;
type Mutation = { kind: string; at: number; value: Json; key: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('drop', 'drop', 'wrongType', 'null', 'nul', 'nul', 'long', 'array', 'extra', 'deep', 'text', 'number', 'emptyObject'),
  at: fc.nat(),
  value: anyJson,
  key: fc.constantFrom('extra', '__proto__', 'constructor', '', 'a.b', 'id', 'partnershipId'),
});

/** Every [parent, key] in a value (the root is [null, null]). */
function slots(v: Json, out: [Record<string, Json> | Json[] | null, string | number | null][] = [[null, null]], depth = 0) {
  if (v && typeof v === 'object' && depth < 20) {
    for (const [k, child] of Object.entries(v)) {
      out.push([v as Record<string, Json>, Array.isArray(v) ? Number(k) : k]);
      slots(child, out, depth + 1);
    }
  }
  return out;
}

function applyMutation(body: Json, m: Mutation): Json {
  const all = slots(body);
  const [parent, key] = all[m.at % all.length];
  const current = parent === null ? body : (parent as Record<string, Json>)[key as string];
  let next: Json;
  switch (m.kind) {
    case 'drop':
      if (parent === null) return {};
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key as string];
      return body;
    case 'wrongType':
      next =
        typeof current === 'string'
          ? 12345
          : typeof current === 'number'
            ? String(current)
            : typeof current === 'boolean'
              ? 'true'
              : Array.isArray(current)
                ? {}
                : m.value;
      break;
    case 'null':
      next = null;
      break;
    case 'nul':
      next = typeof current === 'string' ? `${current.slice(0, 3)}\u0000${current.slice(3)}` : '\u0000';
      break;
    case 'long':
      next = typeof current === 'string' ? current + LONG : Array.isArray(current) ? Array.from({ length: 2_000 }, () => current[0] ?? 'x') : LONG;
      break;
    case 'array':
      next = [current];
      break;
    case 'extra':
      if (current && typeof current === 'object' && !Array.isArray(current)) {
        Object.defineProperty(current, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
        return body;
      }
      next = m.value;
      break;
    case 'deep':
      next = deep(m.at % 2 ? 1_000 : 50, m.at % 3 === 0);
      break;
    case 'text':
      next = m.value;
      break;
    case 'number':
      next = typeof m.value === 'number' ? m.value : 1e308;
      break;
    default:
      next = {};
  }
  if (parent === null) return next;
  (parent as Record<string, Json>)[key as string] = next;
  return body;
}

function bodyArb(example: Json): fc.Arbitrary<Json> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.array(mutationArb, { minLength: 0, maxLength: 3 }).map((ms) => ms.reduce<Json>((b, m) => applyMutation(b, m), structuredClone(example))),
    },
    { weight: 1, arbitrary: anyJson },
  );
}

// --- The API -------------------------------------------------------------------------------------------------------

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query: { name: string; schema: ParamSchema }[];
  idempotent: boolean;
  example?: Json;
}

/** The example with the fictional ids in it swapped for real ones, so mutations reach past "not found". */
function realIds(example: Json): Json {
  const text = JSON.stringify(example)
    .replaceAll('6f1c1d7e-0000-4000-8000-000000000001', pool.person[0])
    .replaceAll('6f1c1d7e-0000-4000-8000-000000000002', pool.entity[0])
    .replaceAll('6f1c1d7e-0000-4000-8000-000000000003', pool.agency[0])
    .replaceAll('6f1c1d7e-0000-4000-8000-000000000004', pool.person[1])
    .replaceAll('6f1c1d7e-0000-4000-8000-000000000005', pool.person[2]);
  return JSON.parse(text);
}

function roleFor(op: Operation): Role {
  if (/intelligence|entities|network|commonalities|hotspots|reports\/panel|disruptions/.test(op.path)) return 'police_intelligence';
  return 'hub_coordinator';
}

test('every API operation: bad input never gives a server error', async () => {
  const spec = JSON.parse((await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
  const operations: Operation[] = [];
  for (const [path, ops] of Object.entries<
    Record<
      string,
      { parameters?: { in: string; name: string; schema: ParamSchema }[]; requestBody?: { content: Record<string, { schema: { examples?: Json[] } }> } }
    >
  >(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content['application/json']?.schema;
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        idempotent: (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key'),
        example: schema ? realIds(schema.examples?.[0] ?? {}) : undefined,
      });
    }
  }
  assert.ok(operations.length >= 30, 'the spec lists the operations');
  for (const [i, op] of operations.entries()) {
    const segment =
      op.path
        .split('/')
        .filter((p) => !p.startsWith('{'))
        .at(-1) ?? '';
    const input = fc.record({
      params: pathArb(op.path),
      query: queryArb(op.query, segment),
      body: op.example === undefined ? fc.constant(undefined) : bodyArb(op.example),
      key: fc.option(fc.oneof(fc.uuid(), anyText), { nil: undefined }),
      raw: fc.option(fc.constantFrom('{', '"\u0000"', '[1,2', 'null', '', '\u0000'), { nil: undefined, freq: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ params, query, body, key, raw }) => {
        const url = `/api/v1${fillPath(op.path.replace(/^\/api\/v1/, ''), params)}${query}`;
        const headers: Record<string, string> = { authorization: `Bearer ${tokens[roleFor(op)]}` };
        if (op.idempotent && key !== undefined) headers['idempotency-key'] = enc(key);
        const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
        if (payload !== undefined) headers['content-type'] = 'application/json';
        await send(`${op.method} ${url.slice(0, 300)} ${String(payload).slice(0, 300)}`, () => w.app.inject({ method: op.method, url, headers, payload }));
      }),
      { numRuns: API_RUNS, seed: 8_000 + i },
    );
  }
});

// --- Forms ---------------------------------------------------------------------------------------------------------

interface FormSample {
  action: string;
  fields: [string, string][];
}

function browserFor(url: string): Role | 'anonymous' {
  if (/^\/(sign-in|sign-out|invitation)/.test(url)) return 'anonymous';
  if (url.startsWith('/admin')) return 'partnership_admin';
  if (/^\/(intelligence|disruption)/.test(url)) return 'police_intelligence';
  return 'hub_coordinator';
}

/** The forms on a page: their actions and the fields they would send as they stand. */
function formsOn(html: string): FormSample[] {
  const out: FormSample[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/i.test(m[1])) continue;
    const action = /action="([^"]*)"/.exec(m[1])?.[1]?.replaceAll('&amp;', '&');
    if (!action?.startsWith('/')) continue;
    const fields: [string, string][] = [];
    for (const f of m[2].matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(f[2])?.[1];
      if (!name || name === '_csrf') continue;
      const type = /type="([^"]*)"/.exec(f[2])?.[1];
      if ((type === 'checkbox' || type === 'radio') && !/checked/.test(f[2])) {
        // An unchecked choice: send its value anyway some of the time (it is a valid value).
        if (!fields.some(([n]) => n === name)) fields.push([name, /value="([^"]*)"/.exec(f[2])?.[1] ?? '']);
        continue;
      }
      fields.push([name, (/value="([^"]*)"/.exec(f[2])?.[1] ?? '').replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"')]);
    }
    out.push({ action, fields });
  }
  return out;
}

function routeRegex(url: string) {
  return new RegExp(`^${url.replace(/:\w+/g, '[^/?]+')}(\\?.*)?$`);
}

type FieldMutation = { kind: string; at: number; value: string; name: string };
const fieldMutationArb: fc.Arbitrary<FieldMutation> = fc.record({
  kind: fc.constantFrom('drop', 'value', 'value', 'nul', 'long', 'repeat', 'extra', 'empty'),
  at: fc.nat(),
  value: anyText,
  name: fc.constantFrom(
    'extra',
    '__proto__.polluted',
    'constructor.prototype.polluted',
    'a.b.c.d.e.f.g.h',
    'subject.givenName',
    'x'.repeat(300),
    '',
    '[]',
    'q',
  ),
});

function mutateFields(fields: [string, string][], ms: FieldMutation[]): [string, string][] {
  const out = fields.map(([k, v]) => [k, v] as [string, string]);
  for (const m of ms) {
    const i = out.length ? m.at % out.length : -1;
    if (m.kind === 'extra' || i < 0) out.push([m.name, m.value]);
    else if (m.kind === 'drop') out.splice(i, 1);
    else if (m.kind === 'value') out[i][1] = m.value;
    else if (m.kind === 'nul') out[i][1] = `${out[i][1].slice(0, 2)}\u0000${out[i][1].slice(2)}`;
    else if (m.kind === 'long') out[i][1] = out[i][1] + LONG;
    else if (m.kind === 'repeat') out.push([out[i][0], m.value]);
    else out[i][1] = '';
  }
  return out;
}

test('every form route: bad form input never gives a server error', async () => {
  const pages = w.app.routeInventory.filter(
    (r) => r.method === 'GET' && !/^\/(api|assets|stylesheets|javascripts)|\*|\.(csv|json)$|^\/health$|\/sign-out/.test(r.url),
  );
  const posts = w.app.routeInventory.filter((r) => r.method === 'POST' && !r.url.startsWith('/api'));
  assert.ok(posts.length >= 20, 'the inventory lists the form routes');
  // Collect the real forms (actions and fields as the pages render them) from every page, as the roles that use them.
  const samples = new Map<string, FormSample[]>();
  const tokenPages: Partial<Record<Role | 'anonymous', string>> = { anonymous: '/sign-in' };
  for (const page of pages) {
    const who = browserFor(page.url);
    const b = browsers[who] as Browser;
    const url = page.url.replace(/:(\w+)/g, (_m, name: string) =>
      name === 'day' ? pool.day[0] : (idsFor(page.url.split('/').at(page.url.split('/').indexOf(`:${name}`) - 1) ?? '')[0] ?? randomUUID()),
    );
    const res = await send(`GET ${url}`, () => b.get(url));
    if (res.statusCode === 200 && res.body.includes('name="_csrf"')) tokenPages[who] ??= url;
    for (const form of res.statusCode === 200 ? formsOn(res.body) : []) {
      const route = posts.find((p) => routeRegex(p.url).test(form.action));
      if (!route || route.url.includes('/revoke') || route.url === '/sign-out') continue;
      samples.set(route.url, [...(samples.get(route.url) ?? []), form]);
    }
  }
  for (const [i, route] of posts.entries()) {
    if (route.url === '/sign-out') continue;
    const who = browserFor(route.url);
    const b = browsers[who] as Browser;
    // Any page's token will do for the session's forms: one page load per route, not per request.
    const tokenPage = await b.get(tokenPages[who] ?? '/');
    const csrf = csrfFrom(tokenPage.body);
    const found = samples.get(route.url) ?? [];
    const input = fc.record({
      sample: found.length > 0 ? fc.constantFrom(...found) : fc.constant<FormSample>({ action: '', fields: [] }),
      params: pathArb(route.url),
      ownPath: fc.boolean(),
      mutations: fc.array(fieldMutationArb, { minLength: 0, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ sample, params, ownPath, mutations }) => {
        const action = sample.action && !ownPath ? sample.action : fillPath(route.url, params);
        const body = new URLSearchParams([['_csrf', csrf], ...mutateFields(sample.fields, mutations)]).toString();
        await send(`POST ${action.slice(0, 300)} ${body.slice(0, 400)}`, () => b.post(action, body));
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'form field names do not reach Object.prototype');
      }),
      { numRuns: FORM_RUNS, seed: 9_000 + i },
    );
  }
});

test('every page: bad path ids and query values never give a server error', async () => {
  const pages = w.app.routeInventory.filter((r) => r.method === 'GET' && !/^\/(api|assets|stylesheets|javascripts)|\*|^\/health$|\/sign-out/.test(r.url));
  const names = ['q', 'returnTo', 'personId', 'kind', 'from', 'to', 'page', 'status', 'targetEntityId', 'personIds', 'publish', 'category', 'error'];
  for (const [i, page] of pages.entries()) {
    const b = browsers[browserFor(page.url)] as Browser;
    const input = fc.record({
      params: pathArb(page.url),
      query: fc.array(
        fc.tuple(
          fc.constantFrom(...names),
          fc.oneof(anyText, fc.constantFrom(pool.person[0], '2026-01-01', '/people?q=a', '//evil.example', '/\n/x', 'https://evil.example')),
        ),
        { maxLength: 3 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ params, query }) => {
        const qs = query.map(([k, v]) => `${k}=${enc(v)}`).join('&');
        const url = `${fillPath(page.url, params)}${qs ? `?${qs}` : ''}`;
        await send(`GET ${url.slice(0, 400)}`, () => b.get(url));
      }),
      { numRuns: PAGE_RUNS, seed: 10_000 + i },
    );
  }
});

test('a NUL character is refused with 422 naming the field; a path id that is not an id is 404', async () => {
  const hub = `Bearer ${tokens.hub_coordinator}`;
  const json = { authorization: hub, 'content-type': 'application/json' };
  const referral = await send('POST /api/v1/referrals NUL', () =>
    w.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: json,
      payload: JSON.stringify({ subject: { givenName: 'A\u0000nn', familyName: 'Example' }, referrerName: 'Sam', concerns: 'x', consent: 'given' }),
    }),
  );
  assert.equal(referral.statusCode, 422);
  assert.deepEqual(referral.json().errors, [{ field: 'subject.givenName', detail: 'subject.givenName must not contain a NUL character' }]);
  const query = await send('GET /api/v1/entities?q=NUL', () =>
    w.app.inject({ method: 'GET', url: '/api/v1/entities?q=a%00b', headers: { authorization: `Bearer ${tokens.police_intelligence}` } }),
  );
  assert.equal(query.statusCode, 422);
  assert.deepEqual(query.json().errors, [{ field: 'q', detail: 'q must not contain a NUL character' }]);
  const b = browsers.hub_coordinator as Browser;
  const csrf = csrfFrom((await b.get('/referrals/new')).body);
  const form = await send('POST /referrals NUL', () => b.post('/referrals', new URLSearchParams({ _csrf: csrf, 'subject.givenName': 'A\u0000nn' }).toString()));
  assert.equal(form.statusCode, 422);
  assert.match(form.body, /subject\.givenName must not contain a NUL character/);
  for (const url of ['/api/v1/referrals/not-an-id', '/api/v1/missing-episodes/1', `/api/v1/persons/${'a'.repeat(80)}`]) {
    assert.equal((await send(`GET ${url.slice(0, 60)}`, () => w.app.inject({ method: 'GET', url, headers: { authorization: hub } }))).statusCode, 404, url);
  }
  for (const url of ['/missing/episodes/not-an-id', '/people/1/missing', '/referrals/a%00b'])
    assert.equal((await send(`GET ${url}`, () => b.get(url))).statusCode, 404, url);
});

test('form field names cannot reach Object.prototype, and a name sent twice is a field error, not a crash', async () => {
  const b = browsers.hub_coordinator as Browser;
  const csrf = csrfFrom((await b.get('/referrals/new')).body);
  const body = `_csrf=${csrf}&__proto__.polluted=1&constructor.prototype.polluted=1&subject.givenName=Ann&subject.givenName=Ann&concerns=a&concerns.x=b`;
  const res = await send('POST /referrals pollution', () => b.post('/referrals', body));
  assert.equal(res.statusCode, 422);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const anon = new Browser(w.app);
  const signIn = csrfFrom((await anon.get('/sign-in')).body);
  // From an address of its own: the form fuzzing above has spent this one's sign-in allowance.
  const twice = await send('POST /sign-in twice', () =>
    w.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: '203.0.113.9',
      payload: `_csrf=${signIn}&email=a%40example.org&email=b&password=x&password=y`,
      headers: { cookie: anon.jar.header, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
  assert.equal(twice.statusCode, 401);
});

test('the fuzzed requests got no server error and logged no error', () => {
  assert.deepEqual(failures, []);
  assert.ok(requests >= 900 * DEPTH, `at least ${900 * DEPTH} requests (${requests})`);
});
