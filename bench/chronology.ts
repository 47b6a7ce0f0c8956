// Benchmark: the child's chronology (use case, API page and the Chronology tab) and the child's overview on
// PostgreSQL with a fictional partnership of 1,000,000 referrals and their domain events (about 4 million: records
// created, referrals, screenings, triage decisions, missing episodes, intelligence of which a fifth is handling code
// C), for the hub (partnership scope), a manager (agency scope: joins to referrals) and police intelligence (sees C),
// and one child with 2,000 events paged deep. Run: npx tsx bench/chronology.ts [referrals]
// Uses its own database (jigsaw_bench_chronology) on JIGSAW_BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type RawBuilder, sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { personChronology } from '../src/modules/chronology/use-cases.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import type { Role } from '../src/platform/access/policy.ts';
import { hashPassword } from '../src/platform/auth/secrets.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { services } from '../src/services.ts';
import { Browser } from '../tests/fixtures.ts';
import { recreateDatabase, time } from './lib.ts';

const REFERRALS = Number(process.argv[2] ?? 1_000_000);
const NAME = 'jigsaw_bench_chronology';
const PID = 'c4e00000-0000-4000-8000-000000000001';
const agency = (i: number) => `c4e00000-0000-4000-8000-0000000000a${i}`;
const USERS: Record<'hub_coordinator' | 'manager' | 'police_intelligence', { id: string; agency: number }> = {
  hub_coordinator: { id: 'c4e00000-0000-4000-8000-0000000000b1', agency: 0 },
  manager: { id: 'c4e00000-0000-4000-8000-0000000000b2', agency: 1 },
  police_intelligence: { id: 'c4e00000-0000-4000-8000-0000000000b3', agency: 3 },
};
const SECTORS = ['childrens_social_care', 'education', 'voluntary', 'police', 'youth_justice', 'health', 'early_help', 'other'];

const url = await recreateDatabase(NAME);
const database = await openPostgres(url, 4);
const { db } = database;
await migrate(database);
const t0 = performance.now();
await db.insertInto('partnership').values({ id: PID, name: 'Benchshire (fictional)' }).execute();
await db
  .insertInto('agency')
  .values(SECTORS.map((sector, i) => ({ partnership_id: PID, id: agency(i), name: `Bench ${sector}`, sector, triage_core: i < 4 })))
  .execute();
const passwordHash = await hashPassword('bench-password-1');
for (const [role, u] of Object.entries(USERS))
  await db
    .insertInto('app_user')
    .values({
      partnership_id: PID,
      id: u.id,
      email: `${role}@bench.jigsaw.example`,
      name: `Bench ${role}`,
      agency_id: agency(u.agency),
      role,
      password_hash: passwordHash,
      mfa_secret: null,
      locked_until: null,
      invite_token_hash: null,
      invite_expires_at: null,
    })
    .execute();
const people = Math.max(1000, Math.round(REFERRALS / 5));
const hub = USERS.hub_coordinator.id;
await sql`
  insert into person (partnership_id, id, given_name, family_name, date_of_birth, created_at)
  select ${PID}::uuid, md5('bench-person-' || i)::uuid, 'Benchchild' || i, 'Fictional', date '2010-01-01' + (i % 3000), now() - interval '11 years'
  from generate_series(1, ${people}::int) i`.execute(db);
// Every agency works with every eighth child (agency scope's "involved").
await sql`
  insert into person_agency (partnership_id, person_id, agency_id)
  select ${PID}::uuid, md5('bench-person-' || i)::uuid, ${agency(1)}::uuid from generate_series(1, ${people}::int, 8) i`.execute(db);
await sql`
  insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns, consent, urgency, status, created_by)
  select ${PID}::uuid, md5('bench-ref-' || i)::uuid, 'REF-C-' || i, md5('bench-person-' || (1 + i % ${people}::int))::uuid,
         now() - ((i::bigint * 2654435761) % 315360000) * interval '1 second', ${agency(0)}::uuid, 'Bench Referrer', 'Fictional benchmark referral',
         'given', 'routine', 'triaged', ${hub}::uuid
  from generate_series(1, ${REFERRALS}::int) i`.execute(db);
// A third of the referrals are the involved agency's own.
await sql`update referral set referring_agency_id = ${agency(1)}::uuid where partnership_id = ${PID}::uuid and ('x' || substr(id::text, 1, 2))::bit(8)::int % 3 = 0`.execute(
  db,
);

const ev = (select: RawBuilder<unknown>) =>
  sql`insert into domain_event (partnership_id, id, name, subject_type, subject_id, person_id, actor_id, actor_label, at, changes, handling) ${select}`.execute(
    db,
  );
await ev(sql`select ${PID}::uuid, gen_random_uuid(), 'person.created', 'person', p.id::text, p.id, ${hub}::uuid, 'Bench', p.created_at, '{}'::jsonb, null::jsonb
  from person p where p.partnership_id = ${PID}::uuid`);
await ev(sql`select ${PID}::uuid, gen_random_uuid(), 'referral.created', 'referral', r.id::text, r.person_id, ${hub}::uuid, 'Bench', r.received_at,
  jsonb_build_object('reference', r.reference, 'urgency', r.urgency), null::jsonb from referral r where r.partnership_id = ${PID}::uuid`);
await ev(sql`select ${PID}::uuid, gen_random_uuid(), 'screening.created', 'screening', gen_random_uuid()::text, r.person_id, ${hub}::uuid, 'Bench', r.received_at + interval '1 hour',
  jsonb_build_object('referralId', r.id, 'score', 7, 'level', 'moderate', 'suggested', 'moderate'), null::jsonb
  from referral r where r.partnership_id = ${PID}::uuid and ('x' || substr(r.id::text, 3, 2))::bit(8)::int % 5 < 3`);
await ev(sql`select ${PID}::uuid, gen_random_uuid(), 'triage_decision.recorded', 'triage_decision', gen_random_uuid()::text, r.person_id, ${hub}::uuid, 'Bench', r.received_at + interval '1 day',
  jsonb_build_object('referralId', r.id, 'outcome', 'medium', 'category', 'ce', 'actions', 1), null::jsonb from referral r where r.partnership_id = ${PID}::uuid`);
await ev(sql`select ${PID}::uuid, gen_random_uuid(), 'missing_episode.created', 'missing_episode', gen_random_uuid()::text, md5('bench-person-' || (1 + (i * 7) % ${people}::int))::uuid,
  ${hub}::uuid, 'Bench', now() - ((i::bigint * 40503) % 315360000) * interval '1 second', '{"classification":"missing","riskGrade":"medium","returned":true}'::jsonb, null::jsonb
  from generate_series(1, ${Math.round(REFERRALS * 0.3)}::int) i`);
await ev(sql`select ${PID}::uuid, gen_random_uuid(), 'intelligence_item.recorded', 'intelligence_item', gen_random_uuid()::text, md5('bench-person-' || (1 + (i * 11) % ${people}::int))::uuid,
  ${USERS.police_intelligence.id}::uuid, 'Bench police', now() - ((i::bigint * 69069) % 315360000) * interval '1 second', '{}'::jsonb,
  jsonb_build_object('code', case when i % 5 = 0 then 'C' else 'P' end, 'agencyId', ${agency(3)}::text, 'releaseRoles', '[]'::jsonb, 'releaseAgencyIds', '[]'::jsonb)
  from generate_series(1, ${Math.round(REFERRALS * 0.3)}::int) i`);
// One child with a long history: 2,000 events.
const busy = (await sql<{ id: string }>`select md5('bench-person-' || 8)::uuid as id`.execute(db)).rows[0].id;
await ev(sql`select ${PID}::uuid, gen_random_uuid(), 'missing_episode.updated', 'missing_episode', gen_random_uuid()::text, ${busy}::uuid, ${hub}::uuid, 'Bench',
  now() - i * interval '1 day', '{"changed":["returnedAt"],"returned":true}'::jsonb, null::jsonb from generate_series(1, 2000) i`);
await sql`vacuum analyze`.execute(db);
const counts = (
  await sql<{
    referrals: number;
    events: number;
  }>`select (select count(*) from referral)::int as referrals, (select count(*) from domain_event)::int as events`.execute(db)
).rows[0];
console.log(`generated ${counts.referrals} referrals and ${counts.events} domain events in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', databaseUrl: url, auditKey: randomBytes(32).toString('hex') });
const svc = services(database, config);
const actorOf = (role: keyof typeof USERS): Actor => ({
  userId: USERS[role].id,
  partnershipId: PID,
  agencyId: agency(USERS[role].agency),
  role: role as Role,
  name: 'Bench',
  email: 'bench',
  via: 'session',
});
// Children the manager's agency works with (every eighth), so the same children serve every viewer.
const child = (run: number) =>
  (
    sql<{ id: string }>`select md5('bench-person-' || ${1 + ((Math.max(0, run) * 8 * 37) % people)}::int)::uuid as id`.execute(db) as Promise<{
      rows: { id: string }[];
    }>
  ).then((r) => r.rows[0].id);
const today = ukDate(new Date());
for (const role of ['hub_coordinator', 'manager', 'police_intelligence'] as const)
  await time(`chronology page 1 (use case, ${role})`, 100, async (run) => svc.run(personChronology, actorOf(role), { id: await child(run) }));
await time('chronology, kinds and a year (use case, hub)', 100, async (run) =>
  svc.run(personChronology, actorOf('hub_coordinator'), { id: await child(run), kinds: ['referral', 'triage'], from: addDays(today, -365), to: today }),
);
const deep = await time('chronology, 2,000-event child, page 40 of 80 (use case, hub)', 50, () =>
  svc.run(personChronology, actorOf('hub_coordinator'), { id: busy, page: 40 }),
);
console.log(`  the busy child: ${deep.result.total} events, ${deep.result.pages} pages`);

const app = await buildApp({ config, database, services: svc });
await app.ready();
const browser = new Browser(app);
await browser.signIn('hub_coordinator@bench.jigsaw.example', 'bench-password-1');
for (const [label, path] of [
  ['Chronology tab (HTTP, in-process, hub)', (id: string) => `/people/${id}/chronology`],
  ['child’s overview with the latest events (HTTP, in-process, hub)', (id: string) => `/people/${id}`],
] as const) {
  const serverMs: number[] = [];
  await time(label, 100, async (run) => {
    const res = await browser.get(path(await child(run)));
    if (res.statusCode !== 200) throw new Error(`${path('x')} ${res.statusCode}`);
    serverMs.push(Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1]));
  });
  const sorted = serverMs.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length)
    console.log(`  server time: median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms`);
}
await app.close();
await database.close();
