// Benchmark: people search (GET /api/v1/persons?q=, issue 11.7) on PostgreSQL with 1,000,000 fictional people whose
// names follow a UK-like mix (common names are common), each with their search keys, a third of them known to one of
// eight agencies. Measures the search as the hub (everyone) and as a practitioner (their agency's people): common
// and rare names, a misspelling, a nickname, swapped names, a date of birth, a postcode, and combinations.
// Run: npx tsx bench/people-search.ts [people] [--reuse] (--reuse: search the database a previous run loaded)
// Uses its own database (jigsaw_bench_search) on JIGSAW_BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seededRandom } from '../src/demo/random.ts';
import { createAgency, createUser, issueToken } from '../src/modules/admin/use-cases.ts';
import { personSearchKeys } from '../src/modules/matching/search/domain.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { services } from '../src/services.ts';
import { BENCH_DATABASE_URL, recreateDatabase, time } from './lib.ts';
import { FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE } from './matching/uk-names.ts';

const REUSE = process.argv.includes('--reuse');
const PEOPLE = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const PID = '5ea00000-0000-4000-8000-000000000001';
const reuseUrl = new URL(BENCH_DATABASE_URL);
reuseUrl.pathname = '/jigsaw_bench_search';
const url = REUSE ? reuseUrl.toString() : await recreateDatabase('jigsaw_bench_search');
const database = await openPostgres(url, 4);
const { db } = database;
await migrate(database);
if (!REUSE) await db.insertInto('partnership').values({ id: PID, name: 'Searchshire (fictional)' }).execute();
const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', auditKey: '0'.repeat(64) });
const svc = services(database, config);
const admin = systemActor(PID);
const agencies: string[] = REUSE
  ? (await db.selectFrom('agency').select('id').where('partnership_id', '=', PID).orderBy('name').execute()).map((a) => a.id)
  : [];
if (!REUSE) for (let i = 0; i < 8; i++) agencies.push((await svc.run(createAgency, admin, { name: `Bench agency ${i} (fictional)`, sector: 'other' })).id);

// Zipf-like picks: the first names in a list are the most common, as in the population.
const rand = seededRandom(7).next;
const zipf = <T>(list: readonly T[]) => list[Math.min(list.length - 1, Math.floor(list.length * rand() ** 2.5))];
const pad = (n: number) => String(n).padStart(2, '0');
const t0 = performance.now();
const BATCH = 20_000;
let keysTotal = 0;
for (let start = 0; !REUSE && start < PEOPLE; start += BATCH) {
  const ids: string[] = [];
  const given: string[] = [];
  const family: string[] = [];
  const dobs: string[] = [];
  const postcodes: string[] = [];
  const kp: string[] = [];
  const kk: string[] = [];
  const kv: string[] = [];
  const pa: string[] = [];
  const pag: string[] = [];
  for (let i = start; i < Math.min(PEOPLE, start + BATCH); i++) {
    const id = randomUUID();
    const g = zipf(rand() < 0.5 ? GIVEN_FEMALE : GIVEN_MALE);
    const f = zipf(FAMILY_NAMES);
    // Sometimes recorded by a variant spelling, as agencies do.
    const gn = g.variants.length && rand() < 0.2 ? g.variants[0] : g.name;
    const fn = f.variants.length && rand() < 0.2 ? f.variants[0] : f.name;
    const p = {
      givenName: gn[0].toUpperCase() + gn.slice(1),
      familyName: fn[0].toUpperCase() + fn.slice(1),
      aliases: [],
      dateOfBirth: `${1990 + Math.floor(rand() * 36)}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`,
      postcode: `NM${1 + Math.floor(rand() * 9)} ${Math.floor(rand() * 10)}${String.fromCharCode(65 + Math.floor(rand() * 26))}${String.fromCharCode(65 + Math.floor(rand() * 26))}`,
      nhsNumber: null,
    };
    ids.push(id);
    given.push(p.givenName);
    family.push(p.familyName);
    dobs.push(p.dateOfBirth);
    postcodes.push(p.postcode);
    for (const k of personSearchKeys(p)) {
      kp.push(id);
      kk.push(k.kind);
      kv.push(k.key);
    }
    if (i % 3 === 0) {
      pa.push(id);
      pag.push(agencies[i % 8]);
    }
  }
  await sql`insert into person (partnership_id, id, given_name, family_name, date_of_birth, postcode)
    select ${PID}::uuid, * from unnest(${ids}::uuid[], ${given}::text[], ${family}::text[], ${dobs}::date[], ${postcodes}::text[])`.execute(db);
  await sql`insert into person_search_key (partnership_id, person_id, kind, key)
    select ${PID}::uuid, * from unnest(${kp}::uuid[], ${kk}::text[], ${kv}::text[]) on conflict do nothing`.execute(db);
  await sql`insert into person_agency (partnership_id, person_id, agency_id)
    select ${PID}::uuid, * from unnest(${pa}::uuid[], ${pag}::uuid[])`.execute(db);
  keysTotal += kp.length;
}
if (!REUSE) await sql`analyze`.execute(db);
console.log(
  `${PEOPLE.toLocaleString('en-GB')} people, ${keysTotal.toLocaleString('en-GB')} search keys loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

// The hub (partnership scope) and a practitioner of agency 0 (their agency's people), through the API.
for (const [email, role, agencyId] of [
  ['hub@bench.example', 'hub_coordinator', agencies[0]],
  ['practitioner@bench.example', 'practitioner', agencies[0]],
] as const)
  if (!REUSE) await svc.run(createUser, admin, { email, name: `Bench ${role}`, role, agencyId, password: 'correct-horse-battery' });
const tokens = {
  hub: (await svc.run(issueToken, admin, { email: 'hub@bench.example' })).token,
  practitioner: (await svc.run(issueToken, admin, { email: 'practitioner@bench.example' })).token,
};
const app = await buildApp({ config, database, services: svc });
await app.ready();

// One of each kind of search, several times over; a person held is picked so each search has its answer.
const sample = (
  await sql<{ given_name: string; family_name: string; dob: string; postcode: string }>`
  select given_name, family_name, to_char(date_of_birth, 'DD/MM/YYYY') as dob, postcode from person tablesample system (1) limit 20`.execute(db)
).rows;
const QUERIES: [string, (i: number) => string][] = [
  ['common name (John Smith)', () => 'John Smith'],
  ['misspelt name (Jon Smyth)', () => 'Jon Smyth'],
  ['nickname (Bill Jones)', () => 'Bill Jones'],
  ['swapped names', (i) => `${sample[i % sample.length].family_name} ${sample[i % sample.length].given_name}`],
  ['given name alone (Mohammed)', () => 'Mohammed'],
  ['date of birth (12/3/2010)', () => '12/3/2010'],
  ['postcode without space', (i) => sample[i % sample.length].postcode.replace(' ', '')],
  ['name and date of birth', (i) => `${sample[i % sample.length].given_name} ${sample[i % sample.length].family_name} ${sample[i % sample.length].dob}`],
  [
    'name, date of birth and postcode',
    (i) =>
      `${sample[i % sample.length].given_name} ${sample[i % sample.length].family_name} ${sample[i % sample.length].dob} ${sample[i % sample.length].postcode}`,
  ],
];
// The machine's floor: an audited API read of one person by id, through the same app and tokens.
const someone = (await sql<{ id: string }>`select id from person where partnership_id = ${PID} limit 1`.execute(db)).rows[0].id;
const floor: number[] = [];
await time('baseline: GET /api/v1/persons/{id} (one audited read)', 20, async (i) => {
  const res = await app.inject({ method: 'GET', url: `/api/v1/persons/${someone}`, headers: { authorization: `Bearer ${tokens.hub}` } });
  if (res.statusCode !== 200) throw new Error(res.body);
  const dur = Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1]);
  if (i >= 0 && Number.isFinite(dur)) floor.push(dur);
});
floor.sort((a, b) => a - b);
console.log(`${''.padEnd(60)} server time median ${floor[floor.length >> 1].toFixed(1)} ms, p95 ${floor[Math.floor(floor.length * 0.95)].toFixed(1)} ms`);
const all: number[] = [];
for (const who of ['hub', 'practitioner'] as const) {
  for (const [label, q] of QUERIES) {
    let found = 0;
    const server: number[] = [];
    await time(`${who}: ${label}`, 20, async (i) => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/persons?${new URLSearchParams({ q: q(Math.max(0, i)) })}`,
        headers: { authorization: `Bearer ${tokens[who]}` },
      });
      if (res.statusCode !== 200) throw new Error(res.body);
      found = res.json().people.length;
      const dur = Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1]);
      if (i >= 0 && Number.isFinite(dur)) server.push(dur);
    });
    server.sort((a, b) => a - b);
    all.push(...server);
    if (server.length)
      console.log(
        `${''.padEnd(60)} server time median ${server[server.length >> 1].toFixed(1)} ms, p95 ${server[Math.floor(server.length * 0.95)].toFixed(1)} ms; ${found} found`,
      );
  }
}
all.sort((a, b) => a - b);
if (all.length)
  console.log(
    `all searches: server time median ${all[all.length >> 1].toFixed(1)} ms, p95 ${all[Math.floor(all.length * 0.95)].toFixed(1)} ms (${all.length} requests)`,
  );
await app.close();
await database.close();
