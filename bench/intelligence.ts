// Benchmark: two-step network expansion and commonalities through the intelligence use cases on PostgreSQL with
// 1,000,000 generated (fictional) links among 100,000 entities, a fifth of them handling code C.
// Run: npx tsx bench/intelligence.ts [links]
// Uses its own database (jigsaw_bench_intelligence) on JIGSAW_BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { getCommonalities, getNetwork } from '../src/modules/intelligence/use-cases/networks.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { useCaseRunner } from '../src/platform/usecase/run.ts';

const LINKS = Number(process.argv[2] ?? 1_000_000);
const ENTITIES = Math.max(1000, Math.round(LINKS / 10));
const PEOPLE = Math.round(ENTITIES / 5);
const base = process.env.JIGSAW_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NAME = 'jigsaw_bench_intelligence';
const PID = '1e7e0000-0000-4000-8000-000000000001';
const HUB = '1e7e0000-0000-4000-8000-0000000000a1';
const POLICE = '1e7e0000-0000-4000-8000-0000000000a2';

async function recreate() {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.query(`create database ${NAME}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${NAME}`;
  return url.toString();
}

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  await fn(0); // warm-up
  const ms: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))].toFixed(1).padStart(7);
  console.log(`${label.padEnd(62)} p50 ${p(0.5)} ms   p95 ${p(0.95)} ms   max ${p(1)} ms`);
}

async function main() {
  const url = await recreate();
  const database = await openPostgres(url, 4);
  const { db } = database;
  await migrate(database);
  const t0 = performance.now();
  await db.insertInto('partnership').values({ id: PID, name: 'Benchshire (fictional)' }).execute();
  await db
    .insertInto('agency')
    .values([
      { partnership_id: PID, id: HUB, name: 'Bench Hub', sector: 'childrens_social_care' },
      { partnership_id: PID, id: POLICE, name: 'Bench Police', sector: 'police' },
    ])
    .execute();
  await sql`select setseed(0.42)`.execute(db);
  await sql`insert into person (partnership_id, id, given_name, family_name, date_of_birth, sex)
    select ${PID}::uuid, md5('bench-person-' || i)::uuid, 'Benchchild' || i, 'Fictional', date '2008-01-01' + (i % 3650), case when i % 3 = 0 then 'male' else 'female' end
    from generate_series(1, ${PEOPLE}::int) i`.execute(db);
  // Entities 1..PEOPLE are the people (id = person id); the rest are places, vehicles, phones, accounts, adults.
  await sql`insert into intel_entity (partnership_id, id, kind, label, person_id, location_type, ward, registration, created_by)
    select ${PID}::uuid, md5('bench-person-' || i)::uuid, 'person', 'Benchchild' || i || ' Fictional', md5('bench-person-' || i)::uuid, null, null, null, ${HUB}::uuid
    from generate_series(1, ${PEOPLE}::int) i`.execute(db);
  await sql`insert into intel_entity (partnership_id, id, kind, label, location_type, ward, registration, created_by)
    select ${PID}::uuid, md5('bench-entity-' || i)::uuid, k.kind, k.kind || ' ' || i,
      case when k.kind = 'location' then (array['hotel','takeaway','park','hmo','transport_hub','school','address','other'])[1 + i % 8] end,
      case when k.kind = 'location' then (array['Abbeyfield','Brookside','Castlegate','Dunmere','Eastholme','Fernhill'])[1 + i % 6] end,
      case when k.kind = 'vehicle' then 'ZB' || lpad((i % 100)::text, 2, '0') || 'Z' || i end,
      ${HUB}::uuid
    from generate_series(${PEOPLE + 1}::int, ${ENTITIES}::int) i
    cross join lateral (select (array['location','vehicle','phone','online_account','person'])[1 + i % 5] as kind) k`.execute(db);
  console.log(`${PEOPLE} people and ${ENTITIES} entities in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Links: from a person to a random entity, a fifth of them police-only (C).
  const t1 = performance.now();
  await sql`drop index intel_link_from_idx`.execute(db);
  await sql`drop index intel_link_to_idx`.execute(db);
  await sql`insert into intel_link (partnership_id, id, from_entity, to_entity, link_type, from_role, category, occurred_on, source_grade, intel_grade, handling, handling_conditions, agency_id, created_by)
    select ${PID}::uuid, gen_random_uuid(), a.id, b.id, 'seen_with', 'victim', (array['cse','ce','county_lines','online'])[1 + n % 4], date '2025-01-01' + (n % 365),
      1 + n % 3, (array['A','B','C','D','E'])[1 + n % 5], case when n % 5 = 0 then 'C' else 'P' end, case when n % 5 = 0 then 'Police only' end,
      case when n % 5 = 0 then ${POLICE}::uuid else ${HUB}::uuid end, ${HUB}::uuid
    from (select n, 1 + floor(random() * ${PEOPLE})::int as pa, ${PEOPLE} + 1 + floor(random() * ${ENTITIES - PEOPLE})::int as eb from generate_series(1, ${LINKS}::int) n) g
    cross join lateral (select md5('bench-person-' || g.pa)::uuid as id) a
    cross join lateral (select case when g.eb > ${ENTITIES} then md5('bench-person-' || 1)::uuid else md5('bench-entity-' || g.eb)::uuid end as id) b`.execute(
    db,
  );
  await sql`create index intel_link_from_idx on intel_link (partnership_id, from_entity) include (to_entity, handling, agency_id, release_roles, release_agency_ids)`.execute(
    db,
  );
  await sql`create index intel_link_to_idx on intel_link (partnership_id, to_entity) include (from_entity, handling, agency_id, release_roles, release_agency_ids)`.execute(
    db,
  );
  await sql`analyze`.execute(db);
  const n = await sql<{ n: number }>`select count(*)::int as n from intel_link`.execute(db);
  console.log(`${n.rows[0].n} links in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const run = useCaseRunner(db);
  const network = (who: Actor, id: string) => run(getNetwork, who, { id, depth: 2 });
  const commonalities = (who: Actor, personIds: string[]) => run(getCommonalities, who, { personIds });
  const actor = (role: 'police_intelligence' | 'hub_member', agencyId: string): Actor => ({
    userId: '1e7e0000-0000-4000-8000-0000000000f1',
    partnershipId: PID,
    agencyId,
    role,
    name: 'Bench',
    email: 'bench@example.org',
    via: 'system',
  });
  const police = actor('police_intelligence', POLICE);
  const hub = actor('hub_member', HUB);
  const ids = (await sql<{ id: string }>`select md5('bench-person-' || i)::uuid::text as id from generate_series(1, 300) i`.execute(db)).rows.map((r) => r.id);
  let sample = await network(police, ids[5]);
  console.log(`sample 2-step network (police): ${sample.nodes.length} nodes, ${sample.links.length} links, truncated ${sample.truncated}`);
  sample = await network(hub, ids[5]);
  console.log(`sample 2-step network (hub member, C filtered): ${sample.nodes.length} nodes, ${sample.links.length} links, truncated ${sample.truncated}`);
  await time('2-step network, police intelligence (sees C)', 200, (i) => network(police, ids[i % 300]));
  await time('2-step network, hub member (C filtered in SQL)', 200, (i) => network(hub, ids[i % 300]));
  await time('commonalities of 3 people, hub member', 200, (i) => commonalities(hub, [ids[i % 300], ids[(i + 1) % 300], ids[(i + 2) % 300]]));
  await time('commonalities of 10 people, police intelligence', 100, (i) =>
    commonalities(
      police,
      Array.from({ length: 10 }, (_, k) => ids[(i + k) % 300]),
    ),
  );
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
