// Benchmark: the triage report for 5 months and for 10 years, and the triage queue page, on PostgreSQL with a
// fictional partnership of 1,000,000 referrals and their decisions. Run: npx tsx bench/triage.ts [referrals]
// Uses its own database (jigsaw_bench_triage) on JIGSAW_BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { triageReport } from '../src/modules/reports/use-cases.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { hashPassword } from '../src/platform/auth/secrets.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { services } from '../src/services.ts';
import { Browser } from '../tests/fixtures.ts';
import { recreateDatabase, time } from './lib.ts';

const REFERRALS = Number(process.argv[2] ?? 1_000_000);
const NAME = 'jigsaw_bench_triage';
const PID = '7a1d0000-0000-4000-8000-000000000001';
const USER = '7a1d0000-0000-4000-8000-0000000000b1';
const SECTORS = ['childrens_social_care', 'education', 'voluntary', 'police', 'youth_justice', 'health', 'early_help', 'other'];

const url = await recreateDatabase(NAME);
const database = await openPostgres(url, 4);
const { db } = database;
await migrate(database);
const today = ukDate(new Date());
const t0 = performance.now();
await db.insertInto('partnership').values({ id: PID, name: 'Benchshire (fictional)' }).execute();
await db
  .insertInto('agency')
  .values(
    SECTORS.map((sector, i) => ({ partnership_id: PID, id: `7a1d0000-0000-4000-8000-0000000000a${i}`, name: `Bench ${sector}`, sector, triage_core: i < 4 })),
  )
  .execute();
await db
  .insertInto('app_user')
  .values({
    partnership_id: PID,
    id: USER,
    email: 'bench.hub@bench.jigsaw.example',
    name: 'Bench Coordinator',
    agency_id: '7a1d0000-0000-4000-8000-0000000000a0',
    role: 'hub_coordinator',
    password_hash: await hashPassword('bench-password-1'),
    mfa_secret: null,
    locked_until: null,
    invite_token_hash: null,
    invite_expires_at: null,
  })
  .execute();
const people = Math.max(1000, Math.round(REFERRALS / 5));
await sql`
  insert into person (partnership_id, id, given_name, family_name, date_of_birth)
  select ${PID}::uuid, md5('bench-person-' || i)::uuid, 'Benchchild' || i, 'Fictional', date '2008-01-01' + (i % 3650)
  from generate_series(1, ${people}::int) i`.execute(db);
// Referrals spread over ten years up to now; those received before the last three days have a decision.
await sql`
  insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns, consent, urgency, status,
                        created_by, triage_outcome, triage_category, triaged_at)
  select ${PID}::uuid, md5('bench-ref-' || i)::uuid, 'REF-B-' || i, md5('bench-person-' || (1 + i % ${people}::int))::uuid,
         r.at, ('7a1d0000-0000-4000-8000-0000000000a' || (i % 8))::uuid, 'Bench Referrer', 'Fictional benchmark referral', 'given',
         (array['routine','routine','routine','urgent','immediate'])[1 + i % 5], case when r.decided then 'triaged' else 'new' end,
         ${USER}::uuid,
         case when r.decided then (array['returned_not_discussed','no_risk','low','medium','high'])[1 + (i * 7) % 5] end,
         case when r.decided then (array['ce','ce_and_violence','cse','ce_and_cse','youth_violence','adults','other'])[1 + (i * 13) % 7] end,
         case when r.decided then r.at + interval '1 day' end
  from generate_series(1, ${REFERRALS}::int) i,
       lateral (select now() - ((i::bigint * 2654435761) % 315360000) * interval '1 second' as at) a,
       lateral (select a.at as at, a.at < now() - interval '3 days' as decided) r`.execute(db);
// One meeting a day, and the decision behind each referral's standing outcome.
await sql`
  insert into triage_meeting (partnership_id, id, meeting_date, chair_agency_id, chair_name, created_by)
  select ${PID}::uuid, md5('bench-meeting-' || d::date)::uuid, d::date, ('7a1d0000-0000-4000-8000-0000000000a' || (extract(doy from d)::int % 4))::uuid, 'Bench Chair', ${USER}::uuid
  from generate_series(current_date - 3653, current_date + 1, interval '1 day') d`.execute(db);
await sql`
  insert into triage_decision (partnership_id, id, referral_id, meeting_id, outcome, category, rationale, decided_at, decided_by)
  select r.partnership_id, md5('bench-decision-' || r.id)::uuid, r.id, md5('bench-meeting-' || (r.triaged_at at time zone 'Europe/London')::date)::uuid,
         r.triage_outcome, r.triage_category, 'Fictional benchmark decision', r.triaged_at, ${USER}::uuid
  from referral r where r.partnership_id = ${PID}::uuid and r.triage_outcome is not null`.execute(db);
await sql`vacuum analyze`.execute(db);
const counts = (
  await sql<{ referrals: number; decisions: number; waiting: number }>`
  select (select count(*) from referral)::int as referrals, (select count(*) from triage_decision)::int as decisions,
         (select count(*) from referral where status = 'new')::int as waiting`.execute(db)
).rows[0];
console.log(
  `generated ${counts.referrals} referrals, ${counts.decisions} decisions, ${counts.waiting} awaiting triage in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

// A fresh key for this run: the bench's database is new, so no trail was sealed with another.
const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', databaseUrl: url, auditKey: randomBytes(32).toString('hex') });
const svc = services(database, config);
const actor: Actor = {
  userId: USER,
  partnershipId: PID,
  agencyId: '7a1d0000-0000-4000-8000-0000000000a0',
  role: 'hub_coordinator',
  name: 'Bench',
  email: 'bench',
  via: 'session',
};
const fiveMonths = { from: addDays(today, -152), to: today };
await time('triage report, 5 months (use case)', 30, () => svc.run(triageReport, actor, fiveMonths));
await time('triage report, 10 years (use case)', 10, () => svc.run(triageReport, actor, { from: addDays(today, -3652), to: today }));
const report = await svc.run(triageReport, actor, fiveMonths);
console.log(`  5-month report: ${report.total} referrals, ${report.awaitingTriage} awaiting triage`);

const app = await buildApp({ config, database, services: svc });
await app.ready();
const browser = new Browser(app);
await browser.signIn('bench.hub@bench.jigsaw.example', 'bench-password-1');
const serverMs: number[] = [];
await time(`triage meeting page with its queue (HTTP, in-process)`, 50, async () => {
  const res = await browser.get(`/triage/${today}`);
  if (res.statusCode !== 200) throw new Error(`queue page ${res.statusCode}`);
  serverMs.push(Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1]));
});
serverMs.sort((a, b) => a - b);
console.log(
  `  server-timing of the queue page: median ${serverMs[Math.floor(serverMs.length / 2)].toFixed(1)} ms, p95 ${serverMs[Math.floor(serverMs.length * 0.95)].toFixed(1)} ms`,
);
await time('hub dashboard (HTTP, in-process)', 30, () => browser.get('/hub'));
await app.close();
await database.close();
