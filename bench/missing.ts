// Benchmark: the return-interviews due list and the quarterly missing report on PostgreSQL with 1,000,000
// generated (fictional) missing episodes. Run: npx tsx bench/missing.ts [episodes]
// Uses its own database (jigsaw_bench_missing) on JIGSAW_BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { dueInterviews, missingReport } from '../src/modules/missing/use-cases/reports.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { useCaseRunner } from '../src/platform/usecase/run.ts';
import { dropDatabase, recreateDatabase, time } from './lib.ts';

const EPISODES = Number(process.argv[2] ?? 1_000_000);
const CHILDREN = Math.max(1000, Math.round(EPISODES / 10));
const NAME = 'jigsaw_bench_missing';
const PID = '6b1d0000-0000-4000-8000-000000000001';
const AGENCY = '6b1d0000-0000-4000-8000-0000000000a1';

async function main() {
  const url = await recreateDatabase(NAME);
  const database = await openPostgres(url, 4);
  const { db } = database;
  await migrate(database);
  const t0 = performance.now();
  await db.insertInto('partnership').values({ id: PID, name: 'Benchshire (fictional)' }).execute();
  await db.insertInto('agency').values({ partnership_id: PID, id: AGENCY, name: 'Bench Hub', sector: 'childrens_social_care' }).execute();
  // Deterministic fictional data: setseed makes random() repeatable.
  await sql`select setseed(0.42)`.execute(db);
  await sql`
    insert into person (partnership_id, id, given_name, family_name, date_of_birth)
    select ${PID}::uuid, md5('bench-person-' || i)::uuid, 'Benchchild' || i, 'Fictional', date '2008-01-01' + (i % 3650)
    from generate_series(1, ${CHILDREN}::int) i`.execute(db);
  await sql`
    insert into person_agency (partnership_id, person_id, agency_id)
    select ${PID}::uuid, md5('bench-person-' || i)::uuid, ${AGENCY}::uuid from generate_series(1, ${CHILDREN}::int) i where i % 4 = 0`.execute(db);
  // Five years of episodes, reported at any minute; most return within four days, the last few days' still open.
  await sql`
    insert into missing_episode (partnership_id, id, person_id, classification, reported_at, returned_at, risk_grade, looked_after, created_by)
    select ${PID}::uuid, md5('bench-episode-' || i)::uuid,
           md5('bench-person-' || (1 + floor(random() * ${CHILDREN}::int)::int))::uuid,
           case when i % 7 = 0 then 'away_without_authorisation' else 'missing' end,
           r.reported_at,
           case when r.reported_at > now() - interval '2 days' and random() < 0.5 then null
                else least(r.reported_at + make_interval(mins => (random() * 96 * 60)::int), now()) end,
           (array['no_apparent_risk','low','medium','high'])[1 + (i % 4)],
           i % 7 = 0,
           ${AGENCY}::uuid
    from generate_series(1, ${EPISODES}::int) i,
         lateral (select now() - make_interval(mins => (random() * 5 * 365 * 24 * 60)::int + (i * 0)) as reported_at) r`.execute(db);
  // Interviews: about 90% offered; of those 85% completed (most within 72 hours), 10% declined; 2% never offered.
  await sql`
    insert into return_interview (partnership_id, episode_id, status, offered_at, offered_by, completed_at, completed_by, declined_at, decline_reason, updated_by)
    select partnership_id, id,
           case when x < 0.85 then 'completed' when x < 0.95 then 'declined' else 'offered' end,
           returned_at + interval '2 hours', 'Bench officer',
           case when x < 0.85 then returned_at + make_interval(hours => 3 + (random() * 100)::int) end,
           case when x < 0.85 then 'Bench officer' end,
           case when x >= 0.85 and x < 0.95 then returned_at + interval '1 day' end,
           case when x >= 0.85 and x < 0.95 then (array['child_declined','parent_refused_consent','could_not_be_located','other'])[1 + (floor(x * 1000)::int % 4)] end,
           ${AGENCY}::uuid
    from (select partnership_id, id, returned_at, random() as x, random() as offered from missing_episode
          where partnership_id = ${PID}::uuid and returned_at is not null and returned_at < now() - interval '6 hours') e
    where e.offered < 0.98`.execute(db);
  await sql`
    update missing_episode e set interview_state = case when i.completed_at is not null then 'completed' when i.declined_at is not null then 'declined' else 'pending' end,
           rhi_offered = i.offered_at is not null or i.completed_at is not null,
           rhi_completed_at = i.completed_at,
           rhi_declined_reason = case when i.completed_at is null and i.declined_at is not null then coalesce(i.decline_reason, 'other') end
    from return_interview i where i.partnership_id = e.partnership_id and i.episode_id = e.id`.execute(db);
  await sql`vacuum analyze`.execute(db); // as autovacuum would: visibility map for index-only scans, fresh statistics
  const counts = await sql<{ episodes: number; pending: number; interviews: number }>`
    select (select count(*)::int from missing_episode) as episodes,
           (select count(*)::int from missing_episode where returned_at is not null and interview_state = 'pending') as pending,
           (select count(*)::int from return_interview) as interviews`.execute(db);
  console.log(
    `Generated ${counts.rows[0].episodes.toLocaleString()} episodes of ${CHILDREN.toLocaleString()} children, ${counts.rows[0].interviews.toLocaleString()} interviews, ${counts.rows[0].pending.toLocaleString()} interviews still due, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const run = useCaseRunner(db);
  const actor = (role: Actor['role']): Actor => ({
    userId: '6b1d0000-0000-4000-8000-0000000000b1',
    partnershipId: PID,
    agencyId: AGENCY,
    role,
    name: 'Bench user',
    email: 'bench@example.invalid',
    via: 'session',
  });
  const coordinator = actor('missing_coordinator');
  const practitioner = actor('practitioner');
  const manager = actor('manager');

  const RUNS = 15;
  console.log(`\nUse cases (each includes its audit event in the same transaction), ${RUNS} runs after a warm-up:`);
  const { result: due } = await time('due list, first page of 100 + RAG counts (coordinator)', RUNS, () => run(dueInterviews, coordinator, { pageSize: 100 }));
  console.log(`  -> ${due.counts.total} due: ${due.counts.overdue} overdue, ${due.counts.dueSoon} due soon, ${due.counts.due} due`);
  await time('due list, page 50 of 100 (coordinator)', RUNS, () => run(dueInterviews, coordinator, { pageSize: 100, page: 50 }));
  await time('due list, agency-scoped (practitioner)', RUNS, () => run(dueInterviews, practitioner, { pageSize: 100 }));
  const today = new Date();
  const y = today.getUTCFullYear() - 1;
  const { result: quarter } = await time(`quarterly report ${y}-01-01..${y}-03-31 (manager)`, RUNS, () =>
    run(missingReport, manager, { from: `${y}-01-01`, to: `${y}-03-31` }),
  );
  console.log(`  -> ${JSON.stringify(quarter.report)}`);
  await time(`annual report ${y}-04-01..${y + 1}-03-31 (manager)`, 5, () => run(missingReport, manager, { from: `${y}-04-01`, to: `${y + 1}-03-31` }));
  await database.close();
  if (!process.env.KEEP_BENCH_DB) {
    await dropDatabase(NAME);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
