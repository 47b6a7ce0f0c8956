// Audit figures on PostgreSQL (decision 0007): `audit verify` over 1,000,000 generated sealed events, the sealer's
// throughput, and a running server (`jigsaw serve --demo`, pool of 10) under 32 concurrent API connections: audited
// requests and audit events written per second, and the sealing delay (sealed_at - at) median, p99 and max.
// Run: npx tsx bench/audit.ts [--events 1000000] [--seconds 10] [--connections 32]
// Before/after: --load-only --server-dir DIR runs only the load against another checkout's `jigsaw serve`
// (e.g. `git archive <commit> | tar -x -C DIR`, with node_modules linked); delays are printed when it seals.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { type ChainedFields, eventHash, eventHmac, GENESIS_HASH } from '../src/platform/audit/chain.ts';
import { useAuditKey } from '../src/platform/audit/key.ts';
import { sealAll } from '../src/platform/audit/sealer.ts';
import { verifyAudit } from '../src/platform/audit/store.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { dropDatabase, recreateDatabase } from './lib.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    'load-only': { type: 'boolean' },
    'server-dir': { type: 'string', default: '.' },
  },
});
const serverDir = values['server-dir'] as string;
const N = Number(values.events);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const key = randomBytes(32);
const hexKey = key.toString('hex');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function verifyAndSeal() {
  // 1. One partnership with N sealed events, chained and HMAC'd as the sealer would.
  const url = await recreateDatabase('jigsaw_bench_audit');
  const database = await openPostgres(url, 4);
  await migrate(database);
  useAuditKey(database.db, key);
  const { db } = database;
  const pid = randomUUID();
  await db.insertInto('partnership').values({ id: pid, name: 'Benchshire (fictional)' }).execute();
  let t = performance.now();
  let prev = GENESIS_HASH;
  const start = Date.UTC(2025, 0, 1);
  for (let from = 1; from <= N; from += 10_000) {
    const rows: (ChainedFields & { hash: string; hmac: string })[] = [];
    for (let seq = from; seq < Math.min(from + 10_000, N + 1); seq++) {
      const e = {
        partnership_id: pid,
        seq,
        at: new Date(start + seq * 1000),
        actor_id: null,
        actor_label: `Bench user ${seq % 97} <bench${seq % 97}@bench.jigsaw.example> (API token)`,
        action: seq % 3 ? 'person.viewed' : 'referral.created',
        resource_type: 'person',
        resource_id: randomUUID(),
        person_id: randomUUID(),
        details: seq % 3 ? {} : { urgency: 'urgent', consent: 'given' },
        prev_hash: prev,
      };
      const hash = eventHash(e);
      rows.push({ ...e, hash, hmac: eventHmac(key, hash) });
      prev = hash;
    }
    const col = (k: keyof (typeof rows)[number]) => rows.map((r) => r[k]);
    await sql`insert into audit_event (partnership_id, seq, at, actor_label, action, resource_type, resource_id, person_id, details, prev_hash, hash, hmac, sealed_at)
    select ${pid}::uuid, u.seq, u.at, u.actor_label, u.action, u.resource_type, u.resource_id, u.person_id, u.details, u.prev_hash, u.hash, u.hmac, u.at
    from unnest(${col('seq')}::bigint[], ${col('at')}::timestamptz[], ${col('actor_label')}::text[], ${col('action')}::text[], ${col('resource_type')}::text[],
                ${col('resource_id')}::text[], ${col('person_id')}::uuid[], ${rows.map((r) => JSON.stringify(r.details))}::jsonb[], ${col('prev_hash')}::text[],
                ${col('hash')}::text[], ${col('hmac')}::text[]) as u(seq, at, actor_label, action, resource_type, resource_id, person_id, details, prev_hash, hash, hmac)`.execute(
      db,
    );
  }
  await db.insertInto('counter').values({ partnership_id: pid, name: 'audit_head', value: N }).execute();
  await sql`vacuum analyze audit_event`.execute(db);
  const size = (await sql<{ size: string }>`select pg_size_pretty(pg_total_relation_size('audit_event')) as size`.execute(db)).rows[0].size;
  console.log(`generated ${N.toLocaleString('en-GB')} sealed audit events in ${s(performance.now() - t)} (table with indexes: ${size})`);

  // 2. verify in-process, then the command as an administrator runs it.
  t = performance.now();
  const result = await verifyAudit(db, pid);
  const verifyMs = performance.now() - t;
  if (result.break || result.checked !== N) throw new Error(`verify: ${JSON.stringify(result)}`);
  console.log(`verifyAudit, ${N.toLocaleString('en-GB')} events: ${s(verifyMs)} (${Math.round(N / (verifyMs / 1000)).toLocaleString('en-GB')} events/s)`);
  t = performance.now();
  const cli = spawnSync(process.execPath, ['bin/jigsaw.js', 'audit', 'verify'], {
    env: { ...process.env, DATABASE_URL: url, JIGSAW_AUDIT_KEY: hexKey },
    encoding: 'utf8',
  });
  if (cli.status !== 0) throw new Error(cli.stderr);
  console.log(`jigsaw audit verify (whole command, start-up included): ${s(performance.now() - t)}: ${cli.stdout.trim()}`);

  // 3. The sealer's throughput: 200,000 unsealed events appended at once, sealed in batches of 5,000.
  const M = Math.min(200_000, N);
  await sql`insert into audit_event (partnership_id, at, actor_label, action, resource_type, resource_id, person_id)
  select ${pid}::uuid, now(), 'Bench', 'person.viewed', 'person', g::text, gen_random_uuid() from generate_series(1, ${M}) g`.execute(db);
  t = performance.now();
  const sealed = await sealAll(db, key);
  const sealMs = performance.now() - t;
  console.log(
    `sealer: ${sealed.toLocaleString('en-GB')} events sealed in ${s(sealMs)} (${Math.round(sealed / (sealMs / 1000)).toLocaleString('en-GB')} events/s)`,
  );
  await database.close();
  await dropDatabase('jigsaw_bench_audit');
}
if (!values['load-only']) await verifyAndSeal();

// 4. A server under 32 concurrent API connections: person reads and new referrals, each audited.
const serverDb = await recreateDatabase('jigsaw_bench_audit_load');
const dataDir = mkdtempSync(join(tmpdir(), 'jigsaw-bench-audit-'));
const env = { ...process.env, DATABASE_URL: serverDb, JIGSAW_AUDIT_KEY: hexKey, JIGSAW_DATA_DIR: dataDir, LOG_LEVEL: 'error' };
const port = 3950 + Math.floor(Math.random() * 40);
const child: ChildProcess = spawn(process.execPath, [join(serverDir, 'bin/jigsaw.js'), 'serve', '--demo'], {
  env: { ...env, PORT: String(port) },
  cwd: serverDir,
});
child.stderr?.on('data', (d) => process.stderr.write(d));
await new Promise<void>((resolve, reject) => {
  child.stdout?.on('data', (d) => String(d).includes('running at') && resolve());
  child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const issued = spawnSync(process.execPath, [join(serverDir, 'bin/jigsaw.js'), 'tokens', 'issue', '--email', 'hub.coordinator@demo.jigsaw.example'], {
  env,
  encoding: 'utf8',
  cwd: serverDir,
});
const token = issued.stdout.trim().split('\n').at(-1) as string;
const load = await openPostgres(serverDb, 2);
const person = (await sql<{ id: string }>`select person_id as id from referral group by person_id order by count(*) desc limit 1`.execute(load.db)).rows[0].id;
const base = `http://127.0.0.1:${port}`;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const referral = JSON.stringify({
  subject: { givenName: 'Benchchild', familyName: 'Fictional', dateOfBirth: '2012-05-17', sex: 'female', postcode: 'NM1 4AB' },
  referrerName: 'Bench Referrer',
  referrerContact: '01632 960000',
  concerns: 'Fictional benchmark concern: seen getting into cars with unknown older adults after school on several evenings.',
  exploitationTypes: ['cse'],
  indicators: ['cars_unknown_adults'],
  consent: 'given',
  urgency: 'urgent',
});
const sealingColumns =
  (await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_name = 'audit_event' and column_name = 'id'`.execute(load.db))
    .rows[0].n > 0;
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function run(label: string, requests: autocannon.Request[]) {
  const newest = sql<{ id: number }>`select coalesce(max(${sql.raw(sealingColumns ? 'id' : 'seq')}), 0)::bigint as id from audit_event`;
  const first = Number((await newest.execute(load.db)).rows[0].id);
  // Sessions of the server waiting on a lock, sampled every 100 ms during the load.
  const waiting: number[] = [];
  const kinds = new Map<string, number>();
  let loading = true;
  const sampler = (async () => {
    while (loading) {
      const w = await sql<{ kind: string; n: number }>`select wait_event as kind, count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' group by 1`.execute(load.db);
      waiting.push(w.rows.reduce((a, r) => a + r.n, 0));
      for (const r of w.rows) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + r.n);
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  const r = await autocannon({ url: base, connections, duration: seconds, headers, requests });
  loading = false;
  await sampler;
  await new Promise((res) => setTimeout(res, 1500)); // the sealer's next turns
  const n = (await sql<{ n: number }>`select count(*)::int as n from audit_event where ${sql.raw(sealingColumns ? 'id' : 'seq')} > ${first}`.execute(load.db))
    .rows[0].n;
  const lockWaits = `sessions waiting on a lock: mean ${(waiting.reduce((a, b) => a + b, 0) / waiting.length).toFixed(1)}, max ${Math.max(...waiting)} (of the server's 10)${kinds.size ? ` on ${[...kinds].map(([k, v]) => `${k} ${((100 * v) / waiting.reduce((a, b) => a + b, 0)).toFixed(0)}%`).join(', ')}` : ''}`;
  let delays = 'no sealer (written sealed, under the lock)';
  if (sealingColumns) {
    const row = (
      await sql<{ unsealed: number; delays: number[] }>`
      select count(*) filter (where seq is null)::int as unsealed,
             array_agg(extract(epoch from sealed_at - at) * 1000 order by sealed_at - at) filter (where seq is not null) as delays
      from audit_event where id > ${first}`.execute(load.db)
    ).rows[0];
    const d = row.delays.map(Number);
    delays = `sealing delay median ${pct(d, 50).toFixed(0)} ms, p99 ${pct(d, 99).toFixed(0)} ms, max ${d[d.length - 1].toFixed(0)} ms; ${row.unsealed} unsealed 1.5 s after`;
  }
  console.log(
    `${label}, ${connections} connections, ${seconds} s: ${r.requests.average.toFixed(0)} requests/s (${r.requests.total} requests, ${r.non2xx} not 2xx, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms); ` +
      `${Math.round(n / seconds)} audit events written/s; ${lockWaits}; ${delays}`,
  );
}

await run('GET /api/v1/persons/:id', [{ method: 'GET', path: `/api/v1/persons/${person}` }]);
await run('GET person + POST referral, alternating', [
  { method: 'GET', path: `/api/v1/persons/${person}` },
  { method: 'POST', path: '/api/v1/referrals', body: referral },
]);
const verified = spawnSync(process.execPath, [join(serverDir, 'bin/jigsaw.js'), 'audit', 'verify'], { env, encoding: 'utf8', cwd: serverDir });
console.log(`after the load: audit verify exit ${verified.status}: ${verified.stdout.trim()} ${verified.stderr.trim()}`);
await load.close();
await new Promise((r) => {
  child.once('exit', r);
  child.kill('SIGTERM');
});
rmSync(dataDir, { recursive: true, force: true });
await dropDatabase('jigsaw_bench_audit_load');
