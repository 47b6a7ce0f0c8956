// Benchmark: the report builder on PostgreSQL with a fictional partnership of 1,000,000 referrals over ten years
// (200,000 people with sex, date of birth, ethnicity; a third with a case and a ward; 150,000 missing episodes).
// Measures (issue 15): a 5-dimension report for one year and a 10-year trend, target p95 under 1 s.
// Run: npx tsx bench/report-builder.ts [referrals]. Own database (jigsaw_bench_builder) on JIGSAW_BENCH_DATABASE_URL
// or postgres://postgres@127.0.0.1:5432/test.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { buildReport } from '../src/modules/report-builder/use-cases.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { services } from '../src/services.ts';
import { BENCH_DATABASE_URL, recreateDatabase, time } from './lib.ts';

const REFERRALS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const NAME = 'jigsaw_bench_builder';
const PID = '7b1d0000-0000-4000-8000-000000000001';
const USER = '7b1d0000-0000-4000-8000-0000000000b1';
const SECTORS = ['childrens_social_care', 'education', 'voluntary', 'police', 'youth_justice', 'health', 'early_help', 'other'];
const ETHNICITIES = [
  'white_british',
  'white_other',
  'black_african',
  'black_caribbean',
  'asian_pakistani',
  'asian_indian',
  'mixed_white_black_caribbean',
  'other_arab',
  'not_stated',
];

// --reuse: time the reports again on the database a previous run generated (generating takes minutes).
const reuse = process.argv.includes('--reuse');
const url = reuse ? Object.assign(new URL(BENCH_DATABASE_URL), { pathname: `/${NAME}` }).toString() : await recreateDatabase(NAME);
const database = await openPostgres(url, 4);
const { db } = database;
await migrate(database);
const today = ukDate(new Date());
const t0 = performance.now();
const people = Math.max(1000, Math.round(REFERRALS / 5));
if (!reuse) {
  await sql`insert into partnership (id, name) values (${PID}, 'Benchshire (fictional)')`.execute(db);
  for (const [i, sector] of SECTORS.entries()) {
    await sql`insert into agency (partnership_id, id, name, sector) values (${PID}, ${`7b1d0000-0000-4000-8000-0000000000a${i}`}, ${`Bench ${sector}`}, ${sector})`.execute(
      db,
    );
  }
  await sql`insert into app_user (partnership_id, id, email, name, agency_id, role) values (${PID}, ${USER}, 'bench.builder@bench.jigsaw.example', 'Bench', '7b1d0000-0000-4000-8000-0000000000a0', 'hub_coordinator')`.execute(
    db,
  );
  await sql`insert into referrer_group (partnership_id, id, name) values (${PID}, '7b1d0000-0000-4000-8000-0000000000c1', 'Street Teams')`.execute(db);
  await sql`insert into referrer_group_agency (partnership_id, agency_id, group_id) values (${PID}, '7b1d0000-0000-4000-8000-0000000000a2', '7b1d0000-0000-4000-8000-0000000000c1')`.execute(
    db,
  );
  await sql`
  insert into person (partnership_id, id, given_name, family_name, date_of_birth, sex, ethnicity, placed_by_other_la)
  select ${PID}::uuid, md5('bench-person-' || i)::uuid, 'Benchchild' || i, 'Fictional', date '1998-01-01' + (i % 7300),
         (array['female','male','male','unknown'])[1 + i % 4], (${ETHNICITIES}::text[])[1 + i % ${ETHNICITIES.length}::int], i % 17 = 0
  from generate_series(1, ${people}::int) i`.execute(db);
  await sql`
  insert into exploitation_case (partnership_id, id, person_id, status, status_changed_at, risk_level, category, risk_decided_at, ward, opened_at)
  select ${PID}::uuid, md5('bench-case-' || i)::uuid, md5('bench-person-' || i)::uuid, 'open', now(), 'medium', 'cse', now(),
         'Ward ' || (i % 24), now()
  from generate_series(1, ${people}::int, 3) i`.execute(db);
  await sql`
  insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns, consent, urgency, status,
                        created_by, triage_outcome, triage_category, triaged_at)
  select ${PID}::uuid, md5('bench-ref-' || i)::uuid, 'REF-B-' || i, md5('bench-person-' || (1 + i % ${people}::int))::uuid,
         a.at, ('7b1d0000-0000-4000-8000-0000000000a' || (i % 8))::uuid, 'Bench Referrer', 'Fictional benchmark referral', 'given', 'routine',
         'triaged', ${USER}::uuid,
         (array['returned_not_discussed','no_risk','low','medium','high'])[1 + (i * 7) % 5],
         (array['ce','ce_and_violence','cse','ce_and_cse','youth_violence','adults','other'])[1 + (i * 13) % 7], a.at + interval '1 day'
  from generate_series(1, ${REFERRALS}::int) i,
       lateral (select now() - ((i::bigint * 2654435761) % 315360000) * interval '1 second' as at) a`.execute(db);
  await sql`
  insert into missing_episode (partnership_id, id, person_id, classification, reported_at, returned_at, risk_grade, looked_after, placed_by_other_la,
                               rhi_offered, rhi_completed_at, interview_state, created_by)
  select ${PID}::uuid, md5('bench-episode-' || i)::uuid, md5('bench-person-' || (1 + (i * 7) % ${people}::int))::uuid,
         case when i % 5 = 0 then 'away_without_authorisation' else 'missing' end, a.at, a.at + interval '20 hours', 'medium',
         i % 3 = 0, i % 11 = 0, true, case when i % 2 = 0 then a.at + interval '2 days' end, case when i % 2 = 0 then 'completed' else 'pending' end, ${USER}::uuid
  from generate_series(1, ${Math.round(REFERRALS * 0.15)}::int) i,
       lateral (select now() - ((i::bigint * 2654435761) % 315360000) * interval '1 second' as at) a`.execute(db);
  await sql`vacuum analyze`.execute(db);
}
console.log(
  `${reuse ? 'reused' : 'generated'} ${REFERRALS} referrals, ${people} people, ${Math.round(REFERRALS * 0.15)} missing episodes in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', databaseUrl: url });
const svc = services(database, config);
const actor: Actor = {
  userId: USER,
  partnershipId: PID,
  agencyId: '7b1d0000-0000-4000-8000-0000000000a0',
  role: 'hub_coordinator',
  name: 'Bench',
  email: 'bench',
  via: 'session',
};
const year = { from: addDays(today, -364), to: today };
const tenYears = { from: addDays(today, -3652), to: today };
const run = (spec: Record<string, unknown>) => () => svc.run(buildReport, actor, { spec: spec as never });

const five = ['quarter', 'risk_level', 'category', 'sex', 'age_band'];
await time('referrals, 5 dimensions, one year', 20, run({ measure: 'referrals', dimensions: five, ...year }));
await time('children (distinct), 5 dimensions, one year', 20, run({ measure: 'children', dimensions: five, ...year }));
await time(
  'referrals by referrer group, ethnicity, ward, sex, age, one year',
  20,
  run({ measure: 'referrals', dimensions: ['referrer_group', 'ethnicity_group', 'ward', 'sex', 'age_band'], ...year }),
);
await time('referrals by month, 10-year trend', 20, run({ measure: 'referrals', dimensions: ['month'], ...tenYears }));
await time('children by quarter and sex, 10-year trend', 20, run({ measure: 'children', dimensions: ['quarter', 'sex'], ...tenYears }));
await time(
  'missing episodes by quarter and looked after, 10 years',
  20,
  run({ measure: 'missing_episodes', dimensions: ['quarter', 'looked_after'], ...tenYears }),
);
const r = await svc.run(buildReport, actor, { spec: { measure: 'referrals', dimensions: five, ...year } });
console.log(`  5-dimension year: ${r.cells.length} non-empty cells, total ${r.total}`);
await database.close();
