// Flags that travel (issue 19.6): the partner systems' look-up GET /api/v1/flags under load. Jigsaw (buildApp on
// PostgreSQL, its sealer running) in a child process on a fresh database of generated people with NHS numbers, some
// flagged; autocannon (this process) with one flag_lookup token at 32 connections (and 1 and 8), for look-ups that
// find a flag (audited, a domain event, the hub notified), that find none (audited with digests), and by name and
// date of birth. Prints look-ups per second and p95 latency (client, and server time from Server-Timing). The rate
// limit is raised for the run (config.flagLookupsPerMinute) so the figures are the look-up's, counter included.
// Run: npx tsx bench/flag-lookup.ts [--seconds 5] [--people 10000] [--flagged 200]   (database jigsaw_bench_flags, dropped afterwards)
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { dropDatabase, recreateDatabase } from './lib.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    people: { type: 'string', default: '10000' },
    flagged: { type: 'string', default: '200' },
    serve: { type: 'string' },
  },
});
const PID = '5ea00000-0000-4000-8000-000000000196';
const AUDIT_KEY = 'c'.repeat(64);
const DB_NAME = 'jigsaw_bench_flags';

/** The n-th valid (fictional, 999-prefixed test range) NHS number: check digit per the modulus 11 rule. */
function nhsNumbers(count: number): string[] {
  const out: string[] = [];
  for (let n = 0; out.length < count; n++) {
    const nine = `999${String(n).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    out.push(`${nine}${check === 11 ? 0 : check}`);
  }
  return out;
}

async function serve(url: string) {
  const { buildApp } = await import('../src/app.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { openPostgres } = await import('../src/platform/db/connect.ts');
  // The limit raised for the run: the figures are the look-up's own, its counter included.
  const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', auditKey: AUDIT_KEY, databaseUrl: url, flagLookupsPerMinute: 100_000_000 });
  const app = await buildApp({ config, database: await openPostgres(url) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

function start(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--serve', url], {
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      const port = /listening (\d+)/.exec(String(d))?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function seed(url: string, people: number, flagged: number) {
  const { sql } = await import('kysely');
  const { loadConfig } = await import('../src/config.ts');
  const { openPostgres } = await import('../src/platform/db/connect.ts');
  const { migrate } = await import('../src/platform/db/migrate.ts');
  const { services } = await import('../src/services.ts');
  const { systemActor } = await import('../src/platform/access/actor.ts');
  const { createAgency, createUser, issueToken } = await import('../src/modules/admin/use-cases.ts');
  const database = await openPostgres(url, 4);
  const { db } = database;
  await migrate(database);
  await db.insertInto('partnership').values({ id: PID, name: 'Flagshire (fictional)' }).execute();
  const svc = services(database, loadConfig({}, { requireMfa: false, logLevel: 'silent', auditKey: AUDIT_KEY, databaseUrl: url }));
  const admin = systemActor(PID);
  const hubAgency = (await svc.run(createAgency, admin, { name: 'Flagshire Hub (fictional)', sector: 'childrens_social_care' })).id;
  const health = (await svc.run(createAgency, admin, { name: 'Flagshire Emergency Department (fictional)', sector: 'health' })).id;
  const password = 'correct-horse-battery';
  const hub = await svc.run(createUser, admin, { email: 'hub@flags.example', name: 'Bench Hub', role: 'hub_coordinator', agencyId: hubAgency, password });
  await svc.run(createUser, admin, { email: 'ed@flags.example', name: 'Bench ED system', role: 'flag_lookup', agencyId: health, password });
  const { token } = await svc.run(issueToken, admin, { email: 'ed@flags.example' });
  const nhs = nhsNumbers(people + 1000);
  const ids = Array.from({ length: people }, () => randomUUID());
  await sql`insert into person (partnership_id, id, given_name, family_name, date_of_birth, nhs_number)
    select ${PID}::uuid, id, 'Given' || n, 'Family' || (n % 997), date '2008-01-01' + (n % 3000)::int, (${nhs.slice(0, people)}::text[])[n]
    from unnest(${ids}::uuid[]) with ordinality as t(id, n)`.execute(db);
  // Every (people/flagged)-th child flagged, from a year ago, open-ended. No case: the hub hears of each look-up.
  const step = Math.max(1, Math.floor(people / flagged));
  const flaggedAt = Array.from({ length: flagged }, (_, i) => i * step);
  await sql`insert into person_flag (partnership_id, id, person_id, from_on, contact_name, contact_agency, set_by)
    select ${PID}::uuid, gen_random_uuid(), p, current_date - 365, 'Bench Duty Worker', 'Flagshire Hub (fictional)', ${hub.user.id}::uuid
    from unnest(${flaggedAt.map((i) => ids[i])}::uuid[]) as t(p)`.execute(db);
  await sql`analyze`.execute(db);
  await database.close();
  const flaggedSet = new Set(flaggedAt);
  return {
    token,
    flaggedNhs: flaggedAt.map((i) => nhs[i]),
    unflaggedNhs: nhs.slice(0, people).filter((_, i) => !flaggedSet.has(i)),
    unknownNhs: nhs.slice(people),
    names: flaggedAt.map((i) => ({ given: `Given${i + 1}`, family: `Family${(i + 1) % 997}`, dob: i })),
  };
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : Number.NaN);

async function load(base: string, token: string, path: (n: number) => string, connections: number, seconds: number) {
  const serverMs: number[] = [];
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, path: path(i++) }),
        onResponse: (_status, _body, _context, headers) => {
          const timing = headers?.['server-timing'];
          if (typeof timing === 'string') serverMs.push(Number(/dur=([\d.]+)/.exec(timing)?.[1]));
        },
      },
    ],
  });
  return {
    rps: result.requests.total / seconds,
    non2xx: result.non2xx,
    errors: result.errors,
    p95: result.latency.p97_5,
    p99: result.latency.p99,
    server95: pct(serverMs, 95),
  };
}

async function main() {
  const seconds = Number(values.seconds);
  const url = await recreateDatabase(DB_NAME);
  const data = await seed(url, Number(values.people), Number(values.flagged));
  const server = await start(url);
  const dob = (days: number) => new Date(Date.UTC(2008, 0, 1 + (days % 3000))).toISOString().slice(0, 10);
  const loads: [string, (n: number) => string][] = [
    ['flagged child by NHS number', (n) => `/api/v1/flags?nhsNumber=${data.flaggedNhs[n % data.flaggedNhs.length]}`],
    ['unflagged child by NHS number', (n) => `/api/v1/flags?nhsNumber=${data.unflaggedNhs[(n * 7919) % data.unflaggedNhs.length]}`],
    ['unknown NHS number', (n) => `/api/v1/flags?nhsNumber=${data.unknownNhs[n % data.unknownNhs.length]}`],
    [
      'flagged child by name and date of birth',
      (n) => {
        const p = data.names[n % data.names.length];
        return `/api/v1/flags?givenName=${p.given}&familyName=${p.family}&dateOfBirth=${dob(p.dob + 1)}`;
      },
    ],
  ];
  console.log(`${values.people} people, ${data.flaggedNhs.length} flagged; one flag_lookup token; ${seconds} s per figure`);
  console.log('look-up                                  conns   look-ups/s   p97.5 ms   p99 ms   server p95 ms');
  for (const [label, path] of loads)
    for (const c of [1, 8, 32]) {
      const r = await load(server.base, data.token, path, c, seconds);
      console.log(
        `${label.padEnd(40)} ${String(c).padStart(5)} ${r.rps.toFixed(0).padStart(12)} ${String(r.p95).padStart(10)} ${String(r.p99).padStart(8)} ${r.server95.toFixed(1).padStart(15)}${r.non2xx + r.errors ? `   (${r.non2xx} not 2xx, ${r.errors} errors)` : ''}`,
      );
    }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const audited = await admin.query<{ n: number; flagged: number }>(
    "select count(*)::int as n, count(person_id)::int as flagged from audit_event where action = 'flag.looked_up'",
  );
  const told = await admin.query<{ n: number }>("select count(*)::int as n from notification where kind = 'flag_lookup'");
  console.log(`\nlook-ups audited: ${audited.rows[0].n} (${audited.rows[0].flagged} naming a flagged child); hub notifications: ${told.rows[0].n}`);
  await admin.end();
  await new Promise((r) => {
    server.child.once('exit', r);
    server.child.kill('SIGTERM');
  });
  await dropDatabase(DB_NAME);
}

if (values.serve) {
  const app = await serve(values.serve);
  const address = app.server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
} else {
  await main();
}
