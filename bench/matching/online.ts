// Online matching speed on PostgreSQL: N generated fictional people (default 1,000,000) loaded with their
// blocking keys into a database of its own, then Q matches through the use case (access check, candidate
// lookup, scoring, audit event in one transaction), reporting p50/p95/p99.
//   npx tsx bench/matching/online.ts [N] [Q]     (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { preparedBlockingKeys } from '../../src/modules/matching/blocking.ts';
import { RecordPreparer } from '../../src/modules/matching/record.ts';
import { findMatches } from '../../src/modules/matching/use-cases.ts';
import type { Actor } from '../../src/platform/access/actor.ts';
import { openPostgres } from '../../src/platform/db/connect.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { isIsoDate } from '../../src/platform/time.ts';
import { useCaseRunner } from '../../src/platform/usecase/run.ts';
import { generatePeople } from './synthetic.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const queries = Number(process.argv[3] ?? 500);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = 'jigsaw_bench_online_match';

const uuidOf = (s: string) => {
  const h = createHash('sha1').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const seconds = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.query(`create database ${dbName}`);
await admin.end();
const url = new URL(base);
url.pathname = `/${dbName}`;
const database = await openPostgres(url.toString(), 4);
await migrate(database);
const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });

const pid = randomUUID();
const agencyId = randomUUID();
await pool.query(`insert into partnership (id, name) values ($1, 'Benchmark partnership (fictional)')`, [pid]);
await pool.query(`insert into agency (partnership_id, id, name, sector) values ($1, $2, 'Benchmark hub', 'childrens_social_care')`, [pid, agencyId]);

let t = performance.now();
const people = generatePeople(n);
console.log(`generated ${people.length} people in ${seconds(t)} s`);

// Load people and keys with the indexes dropped, then build the indexes once (as a bulk import would).
t = performance.now();
await pool.query('alter table person_match_key drop constraint person_match_key_pkey');
await pool.query('drop index person_match_key_person_idx');
// The name trigram index (people search) costs far more per insert than everything else together.
await pool.query('drop index person_name_trgm');
const preparer = new RecordPreparer({ lenientDates: true });
const chunk = 20_000;
let keyCount = 0;
for (let i = 0; i < people.length; i += chunk) {
  const slice = people.slice(i, i + chunk);
  const cols: unknown[][] = [[], [], [], [], [], [], [], []];
  const k: string[][] = [[], [], []];
  for (const p of slice) {
    const id = uuidOf(p.id);
    const dob = isIsoDate(p.dob) ? p.dob : null;
    const sex = p.sex === 'F' ? 'female' : p.sex === 'M' ? 'male' : null;
    const row = [id, p.given || '-', p.family || '-', dob, sex, p.postcode || null, p.address || null, p.identifier || null];
    row.forEach((v, c) => {
      cols[c].push(v);
    });
    const record = { id, givenName: p.given, familyName: p.family, dateOfBirth: dob, sex, postcode: p.postcode, address: p.address, identifier: p.identifier };
    for (const key of preparedBlockingKeys(preparer.prepare(record))) {
      k[0].push(key.rule);
      k[1].push(key.key);
      k[2].push(id);
    }
  }
  await pool.query(
    `insert into person (partnership_id, id, given_name, family_name, date_of_birth, sex, postcode, address, nhs_number)
     select $1, * from unnest($2::uuid[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[], $9::text[])`,
    [pid, ...cols],
  );
  await pool.query(`insert into person_match_key (partnership_id, rule, key, person_id) select $1, * from unnest($2::text[], $3::text[], $4::uuid[])`, [
    pid,
    ...k,
  ]);
  keyCount += k[0].length;
}
console.log(`loaded ${people.length} people and ${keyCount} blocking keys in ${seconds(t)} s`);
t = performance.now();
await pool.query('alter table person_match_key add primary key (partnership_id, rule, key, person_id)');
await pool.query('create index person_match_key_person_idx on person_match_key (partnership_id, person_id)');
await pool.query(`create index person_name_trgm on person using gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops)`);
await pool.query('analyze');
console.log(`indexed in ${seconds(t)} s`);

// Queries: records of the generated set, as a referrer would type them (some are corrupted duplicates).
const run = useCaseRunner(database.db);
const actor: Actor = { userId: randomUUID(), partnershipId: pid, agencyId, role: 'hub_coordinator', name: 'Bench', email: 'bench@example.org', via: 'session' };
const step = Math.max(1, Math.floor(people.length / (queries + 50)));
const times: number[] = [];
let found = 0;
let candidatesTotal = 0;
for (let q = 0; q < queries + 50; q++) {
  const p = people[(q * step + 7) % people.length];
  const query = {
    givenName: p.given || undefined,
    familyName: p.family || undefined,
    dateOfBirth: isIsoDate(p.dob) ? p.dob : undefined,
    postcode: p.postcode || undefined,
    nhsNumber: p.identifier || undefined,
  };
  const s = performance.now();
  let result: Awaited<ReturnType<typeof findMatches.run>>;
  try {
    result = await run(findMatches, actor, query);
  } catch {
    result = await run(findMatches, actor, { ...query, postcode: undefined, nhsNumber: undefined });
  }
  const ms = performance.now() - s;
  if (q >= 50) {
    times.push(ms);
    candidatesTotal += result.candidates.length;
    if (result.candidates.some((c) => c.personId === uuidOf(p.id))) found++;
  }
}
times.sort((a, b) => a - b);
const pct = (x: number) => times[Math.min(times.length - 1, Math.floor((x / 100) * times.length))].toFixed(1);
console.log(
  `online match over ${people.length} people, ${times.length} queries: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${times[times.length - 1].toFixed(1)} ms`,
);
console.log(
  `the queried record itself was among the candidates ${found}/${times.length} times; ${(candidatesTotal / times.length).toFixed(1)} candidates per query`,
);
await pool.end();
await database.close();
if (!process.env.BENCH_KEEP) {
  const cleanup = new pg.Client({ connectionString: base });
  await cleanup.connect();
  await cleanup.query(`drop database if exists ${dbName} with (force)`);
  await cleanup.end();
}
process.exitCode = Number(pct(95)) < 50 ? 0 : 1;
