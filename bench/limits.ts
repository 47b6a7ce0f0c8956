// Jigsaw against the machine's limit (issue 17.2, 17.3). A bare Fastify + `pg` server that reads one `person` row by
// primary key (and inserts one), and Jigsaw (buildApp on PostgreSQL, its sealer running), each in its own process on
// one fresh database with generated people and referrals; autocannon (this process) at 1, 8, 32 and 64 connections:
// - GET /api/v1/persons/{id} with an API token (authenticated, access-checked, audited) vs the bare primary-key read;
// - POST /api/v1/referrals (for a person the hub already holds, so no person is created) vs a bare one-row insert;
// - the person page and the referral list with a session cookie: server time p95 from Server-Timing.
// Prints requests/s of each, the ratio, and SQL statements per request (counted in Jigsaw's process).
// Run: npx tsx bench/limits.ts [--seconds 5] [--people 20000] [--profile DIR]   (database jigsaw_bench_limits, dropped afterwards)
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { dropDatabase, recreateDatabase } from './lib.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    people: { type: 'string', default: '20000' },
    serve: { type: 'string' },
    url: { type: 'string' },
    explain: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const PID = '5ea00000-0000-4000-8000-000000000017';
const AUDIT_KEY = 'b'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// ---- the two servers, each run as a child of this script (so autocannon does not share their event loop) ----

/** Counts every statement sent by this process, for "statements per request". */
function countStatements(): () => number {
  let n = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    n++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return () => n;
}

async function serveBare(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const app = Fastify();
  app.get<{ Params: { id: string } }>('/persons/:id', async (req, reply) => {
    const { rows } = await pool.query('select * from person where partnership_id = $1 and id = $2', [PID, req.params.id]);
    return rows[0] ?? reply.status(404).send({});
  });
  app.post('/persons', async (_req, reply) => {
    const { rows } = await pool.query("insert into person (partnership_id, id, given_name, family_name) values ($1, $2, 'Raw', 'Insert') returning id", [
      PID,
      randomUUID(),
    ]);
    return reply.status(201).send(rows[0]);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

async function serveJigsaw(url: string) {
  const statements = countStatements();
  const { buildApp } = await import('../src/app.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { openPostgres } = await import('../src/platform/db/connect.ts');
  const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', auditKey: AUDIT_KEY, databaseUrl: url });
  const database = await openPostgres(url);
  const app = await buildApp({ config, database });
  app.get('/bench/statements', { config: { auth: 'public', why: 'benchmark only' } }, async () => ({ n: statements() }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

function start(kind: 'bare' | 'jigsaw', url: string): Promise<{ child: ChildProcess; base: string }> {
  // --profile DIR: a CPU profile of Jigsaw's process (open it in Chrome's DevTools), written when it stops.
  const profile = kind === 'jigsaw' && values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', new URL(import.meta.url).pathname, '--serve', kind, '--url', url], {
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      const port = /listening (\d+)/.exec(String(d))?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });

// ---- data: a partnership, a hub coordinator with an API token and a session, people, referrals ----

async function seed(url: string, people: number) {
  const { sql } = await import('kysely');
  const { loadConfig } = await import('../src/config.ts');
  const { openPostgres } = await import('../src/platform/db/connect.ts');
  const { migrate } = await import('../src/platform/db/migrate.ts');
  const { services } = await import('../src/services.ts');
  const { systemActor } = await import('../src/platform/access/actor.ts');
  const { createAgency, createUser, issueToken } = await import('../src/modules/admin/use-cases.ts');
  const { createReferral } = await import('../src/modules/referrals/use-cases.ts');
  const { sealBeforeExit } = await import('../src/platform/audit/sealer.ts');
  const database = await openPostgres(url, 4);
  const { db } = database;
  await migrate(database);
  await db.insertInto('partnership').values({ id: PID, name: 'Limitshire (fictional)' }).execute();
  const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', auditKey: AUDIT_KEY, databaseUrl: url });
  const svc = services(database, config);
  const admin = systemActor(PID);
  const agencies: string[] = [];
  for (let i = 0; i < 8; i++) agencies.push((await svc.run(createAgency, admin, { name: `Limits agency ${i} (fictional)`, sector: 'other' })).id);
  const email = 'hub@limits.example';
  const { user } = await svc.run(createUser, admin, {
    email,
    name: 'Bench Hub',
    role: 'hub_coordinator',
    agencyId: agencies[0],
    password: 'correct-horse-battery',
  });
  const { token } = await svc.run(issueToken, admin, { email });
  const sessionToken = randomUUID();
  await db
    .insertInto('user_session')
    .values({ token_hash: sha256(sessionToken), partnership_id: PID, user_id: user.id, mfa_passed: true })
    .execute();
  const personIds: string[] = [];
  for (let start = 0; start < people; start += 10_000) {
    const ids = Array.from({ length: Math.min(10_000, people - start) }, () => randomUUID());
    personIds.push(...ids);
    await sql`insert into person (partnership_id, id, given_name, family_name, date_of_birth, postcode)
      select ${PID}::uuid, id, 'Given' || n, 'Family' || (n % 997), date '2008-01-01' + (n % 3000)::int, 'NM1 ' || (n % 9) || 'AA'
      from unnest(${ids}::uuid[]) with ordinality as t(id, n)`.execute(db);
    await sql`insert into person_agency (partnership_id, person_id, agency_id)
      select ${PID}::uuid, id, (${agencies}::uuid[])[1 + (n % 8)] from unnest(${ids}::uuid[]) with ordinality as t(id, n)`.execute(db);
  }
  const hub = { ...admin, userId: user.id, role: 'hub_coordinator' as const, agencyId: agencies[0], name: 'Bench Hub', email, via: 'token' as const };
  const referral = (personId: string) => ({
    subject: { personId },
    referrerName: 'Seed Referrer',
    referrerRole: 'Teacher',
    referrerContact: 'seed@school.example',
    concerns: 'Fictional seed referral.',
    exploitationTypes: ['ce'],
    indicators: [],
    consent: 'given',
    urgency: 'routine',
  });
  const busyPerson = personIds[0];
  for (let i = 0; i < 20; i++) await svc.run(createReferral, hub, referral(busyPerson));
  for (let i = 1; i <= 300; i++) await svc.run(createReferral, hub, referral(personIds[i * 13]));
  await sealBeforeExit(database, config);
  await sql`analyze`.execute(db);
  await database.close();
  return { token, sessionToken, personIds, busyPerson };
}

/** The plans of the hot statements (decision 0010 reviews them). */
async function explain(admin: pg.Pool, data: { token: string; sessionToken: string; busyPerson: string }) {
  const agency = (await admin.query('select agency_id from person_agency where person_id = $1', [data.busyPerson])).rows[0].agency_id;
  const hot: [string, string, unknown[]][] = [
    [
      'token and user',
      'select u.id, u.role from api_token t join app_user u on u.partnership_id = t.partnership_id and u.id = t.user_id where t.token_hash = $1 and t.revoked_at is null',
      [sha256(data.token)],
    ],
    [
      'session and user',
      'select u.id, s.mfa_passed from user_session s join app_user u on u.partnership_id = s.partnership_id and u.id = s.user_id where s.token_hash = $1',
      [sha256(data.sessionToken)],
    ],
    [
      'person with access facts, aliases, agencies',
      `select p.*, exists (select 1 from person_agency pi where pi.partnership_id = p.partnership_id and pi.person_id = p.id and pi.agency_id = $3) as agency_involved,
      (select coalesce(json_agg(al), '[]') from (select given_name, family_name from person_alias al where al.partnership_id = p.partnership_id and al.person_id = p.id) al) as aliases,
      (select coalesce(json_agg(a), '[]') from (select a.id, a.name, a.sector from person_agency pa join agency a on a.partnership_id = pa.partnership_id and a.id = pa.agency_id where pa.partnership_id = p.partnership_id and pa.person_id = p.id order by a.name) a) as agencies
      from person p where p.partnership_id = $1 and p.id = $2`,
      [PID, data.busyPerson, agency],
    ],
    ['referral list, partnership scope', 'select id, reference from referral where partnership_id = $1 order by received_at desc, id desc limit 51', [PID]],
    [
      'who viewed this person',
      'select at, action from audit_event where partnership_id = $1 and person_id = $2 order by at desc, id desc limit 500',
      [PID, data.busyPerson],
    ],
  ];
  for (const [label, query, params] of hot) {
    const { rows } = await admin.query(`explain (analyze, costs off, timing off) ${query}`, params);
    console.log(`-- ${label}\n${rows.map((r) => `   ${r['QUERY PLAN']}`).join('\n')}`);
  }
}

// ---- load ----

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : Number.NaN);

interface Load {
  path: string | ((i: number) => string);
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: (i: number) => string;
}

async function load(base: string, spec: Load, connections: number, seconds: number) {
  const serverMs: number[] = [];
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: spec.method ?? 'GET',
        headers: { ...(spec.body ? { 'content-type': 'application/json' } : {}), ...spec.headers },
        setupRequest: (req) => {
          const n = i++;
          return { ...req, path: typeof spec.path === 'string' ? spec.path : spec.path(n), ...(spec.body ? { body: spec.body(n) } : {}) };
        },
        onResponse: (_status, _body, _context, headers) => {
          const timing = headers?.['server-timing'];
          if (typeof timing === 'string') serverMs.push(Number(/dur=([\d.]+)/.exec(timing)?.[1]));
        },
      },
    ],
  });
  return {
    rps: result.requests.total / seconds,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    p95: pct(serverMs, 95),
    clientP95: result.latency.p97_5,
  };
}

async function statementsOf(base: string): Promise<number> {
  return ((await (await fetch(`${base}/bench/statements`)).json()) as { n: number }).n;
}

async function main() {
  const seconds = Number(values.seconds);
  const url = await recreateDatabase('jigsaw_bench_limits');
  const data = await seed(url, Number(values.people));
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  admin.on('error', () => {}); // an idle connection dropped under load is replaced on the next query
  const [bare, jigsaw] = await Promise.all([start('bare', url), start('jigsaw', url)]);
  const bearer = { authorization: `Bearer ${data.token}` };
  const cookie = { cookie: `jigsaw_session=${data.sessionToken}`, accept: 'text/html' };
  const person = (n: number) => data.personIds[(n * 7919) % data.personIds.length];
  const referralBody = (n: number) =>
    JSON.stringify({
      subject: { personId: person(n) },
      referrerName: 'Bench Referrer',
      referrerRole: 'Designated safeguarding lead',
      referrerContact: 'bench@school.example',
      concerns: 'Fictional benchmark referral: seen getting into cars with unknown adults.',
      exploitationTypes: ['cse'],
      indicators: ['cars_unknown_adults'],
      consent: 'given',
      urgency: 'routine',
    });
  if (values.explain) await explain(admin, data);
  console.log(`PostgreSQL ${(await admin.query('show server_version')).rows[0].server_version}; ${data.personIds.length} people; ${seconds} s per figure`);
  console.log('measure                                conns   Jigsaw req/s   limit req/s   ratio   Jigsaw p95 server ms   statements/request');

  const pairs: [string, Load, Load][] = [
    ['GET /api/v1/persons/{id}', { path: (n) => `/api/v1/persons/${person(n)}`, headers: bearer }, { path: (n) => `/persons/${person(n)}` }],
    [
      'POST /api/v1/referrals',
      { method: 'POST', path: '/api/v1/referrals', headers: bearer, body: referralBody },
      { method: 'POST', path: '/persons', body: () => '{}' },
    ],
  ];
  const summary: string[] = [];
  for (const [label, ours, limit] of pairs) {
    for (const c of [1, 8, 32, 64]) {
      const before = await statementsOf(jigsaw.base);
      const j = await load(jigsaw.base, ours, c, seconds);
      const perRequest = ((await statementsOf(jigsaw.base)) - before - 1) / Math.max(1, j.total);
      const b = await load(bare.base, limit, c, seconds);
      const ratio = j.rps / b.rps;
      const line = `${label.padEnd(38)} ${String(c).padStart(5)} ${j.rps.toFixed(0).padStart(14)} ${b.rps.toFixed(0).padStart(13)} ${ratio.toFixed(3).padStart(7)} ${j.p95.toFixed(1).padStart(22)} ${perRequest.toFixed(1).padStart(20)}${j.non2xx + j.errors ? `   (${j.non2xx} not 2xx, ${j.errors} errors)` : ''}`;
      console.log(line);
      if (c === 32) summary.push(`${label} at 32 connections: ${ratio.toFixed(3)} of the limit`);
    }
  }
  const pages: [string, Load][] = [
    ['person page /people/:id', { path: `/people/${data.busyPerson}`, headers: cookie }],
    ['referral list /referrals', { path: '/referrals', headers: cookie }],
  ];
  for (const [label, spec] of pages) {
    for (const c of [1, 8, 32, 64]) {
      const before = await statementsOf(jigsaw.base);
      const j = await load(jigsaw.base, spec, c, seconds);
      const perRequest = ((await statementsOf(jigsaw.base)) - before - 1) / Math.max(1, j.total);
      console.log(
        `${label.padEnd(38)} ${String(c).padStart(5)} ${j.rps.toFixed(0).padStart(14)} ${'-'.padStart(13)} ${'-'.padStart(7)} ${j.p95.toFixed(1).padStart(22)} ${perRequest.toFixed(1).padStart(20)}${j.non2xx + j.errors ? `   (${j.non2xx} not 2xx, ${j.errors} errors)` : ''}`,
      );
      if (c === 8) summary.push(`${label} at 8 connections: p95 ${j.p95.toFixed(1)} ms server time`);
    }
  }
  const audit = await admin.query<{ n: number; unsealed: number }>(
    'select count(*)::int as n, count(*) filter (where seq is null)::int as unsealed from audit_event',
  );
  const delay = await admin.query<{ p99: number }>(
    'select percentile_cont(0.99) within group (order by extract(epoch from sealed_at - at) * 1000) as p99 from audit_event where sealed_at is not null',
  );
  summary.push(
    `audit events written: ${audit.rows[0].n} (${audit.rows[0].unsealed} unsealed at the end); sealing delay p99 ${Number(delay.rows[0].p99).toFixed(0)} ms`,
  );
  console.log(`\n${summary.join('\n')}`);
  await admin.end();
  await Promise.all([stop(bare.child), stop(jigsaw.child)]);
  await dropDatabase('jigsaw_bench_limits');
}

// Last, so every declaration above is initialised.
if (values.serve) {
  const app = values.serve === 'bare' ? await serveBare(values.url as string) : await serveJigsaw(values.url as string);
  const address = app.server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
} else {
  await main();
}
