// Benchmark: the hub's list of cases (/cases) with two filters, the child's "Plan and actions" page and the case
// API, on PostgreSQL with a fictional partnership of 1,000,000 referrals, their decisions and actions, and a case for
// each child graded at triage. Run: npx tsx bench/cases.ts [referrals]
// Uses its own database (jigsaw_bench_cases) on JIGSAW_BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test;
// --reuse measures again on the database an earlier run generated.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { listCases } from '../src/modules/cases/use-cases/read.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { hashPassword } from '../src/platform/auth/secrets.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { services } from '../src/services.ts';
import { Browser } from '../tests/fixtures.ts';
import { BENCH_DATABASE_URL, recreateDatabase, time } from './lib.ts';

const REUSE = process.argv.includes('--reuse');
const REFERRALS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const NAME = 'jigsaw_bench_cases';
const PID = '7a1e0000-0000-4000-8000-000000000001';
const USER = '7a1e0000-0000-4000-8000-0000000000b1';
// A fixed key for this fictional bench database, so --reuse can open the trail an earlier run sealed.
const BENCH_AUDIT_KEY = 'b3'.repeat(32);
const AGENCY = (i: number | string) => `7a1e0000-0000-4000-8000-0000000000a${i}`;

const url = REUSE ? BENCH_DATABASE_URL.replace(/\/[^/]*$/, `/${NAME}`) : await recreateDatabase(NAME);
const database = await openPostgres(url, 4);
const { db } = database;
await migrate(database);
const t0 = performance.now();
if (!REUSE) await generate();
async function generate() {
  await db.insertInto('partnership').values({ id: PID, name: 'Benchshire (fictional)' }).execute();
  await db
    .insertInto('agency')
    .values(Array.from({ length: 8 }, (_, i) => ({ partnership_id: PID, id: AGENCY(i), name: `Bench agency ${i}`, sector: 'other' })))
    .execute();
  const hash = await hashPassword('bench-password-1');
  await db
    .insertInto('app_user')
    .values(
      Array.from({ length: 50 }, (_, i) => ({
        partnership_id: PID,
        id: i === 0 ? USER : `7a1e0000-0000-4000-8000-${String(1000 + i).padStart(12, '0')}`,
        email: i === 0 ? 'bench.hub@bench.jigsaw.example' : `bench.worker${i}@bench.jigsaw.example`,
        name: i === 0 ? 'Bench Coordinator' : `Bench Worker ${i}`,
        agency_id: AGENCY(i % 8),
        role: i === 0 ? 'hub_coordinator' : 'practitioner',
        password_hash: hash,
        mfa_secret: null,
        locked_until: null,
        invite_token_hash: null,
        invite_expires_at: null,
      })),
    )
    .execute();
  const people = Math.max(1000, Math.round(REFERRALS / 5));
  await sql`
  insert into person (partnership_id, id, given_name, family_name, date_of_birth, sex)
  select ${PID}::uuid, md5('bench-person-' || i)::uuid, 'Benchchild' || i, 'Fictional' || (i % 997), date '2001-01-01' + (i % 7300),
         (array['female','male','unknown'])[1 + i % 3]
  from generate_series(1, ${people}::int) i`.execute(db);
  await sql`
  insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns, consent, urgency, status, created_by)
  select ${PID}::uuid, md5('bench-ref-' || i)::uuid, 'REF-B-' || i, md5('bench-person-' || (1 + i % ${people}::int))::uuid,
         now() - ((i::bigint * 2654435761) % 315360000) * interval '1 second', ('7a1e0000-0000-4000-8000-0000000000a' || (i % 8))::uuid,
         'Bench Referrer', 'Fictional benchmark referral', 'given', 'routine', 'triaged', ${USER}::uuid
  from generate_series(1, ${REFERRALS}::int) i`.execute(db);
  await sql`
  insert into triage_meeting (partnership_id, id, meeting_date, created_by)
  values (${PID}::uuid, md5('bench-meeting')::uuid, current_date, ${USER}::uuid)`.execute(db);
  await sql`
  insert into triage_decision (partnership_id, id, referral_id, meeting_id, outcome, category, rationale, decided_at, decided_by)
  select r.partnership_id, md5('bench-decision-' || r.id)::uuid, r.id, md5('bench-meeting')::uuid,
         (array['no_risk','low','medium','high'])[1 + abs(hashtext(r.id::text)) % 4], (array['ce','cse','ce_and_cse','youth_violence','other'])[1 + abs(hashtext(r.reference)) % 5],
         'Fictional benchmark decision', r.received_at + interval '1 day', ${USER}::uuid
  from referral r where r.partnership_id = ${PID}::uuid`.execute(db);
  await sql`
  insert into triage_action (partnership_id, id, decision_id, referral_id, description, owner_agency_id, due_date, status, created_by)
  select d.partnership_id, md5('bench-action-' || d.id)::uuid, d.id, d.referral_id, 'Fictional action', ('7a1e0000-0000-4000-8000-0000000000a' || (abs(hashtext(d.id::text)) % 8))::uuid,
         current_date + (abs(hashtext(d.id::text)) % 60) - 30, case when abs(hashtext(d.id::text)) % 3 = 0 then 'open' else 'done' end, ${USER}::uuid
  from triage_decision d where d.outcome in ('medium','high')`.execute(db);
  // A case per child graded at triage, from their latest decision, at every status, with workers and wards.
  await sql`
  insert into exploitation_case (partnership_id, id, person_id, status, status_changed_at, risk_level, category, risk_decision_id, risk_decided_at,
                                 risk_decided_by, lead_agency_id, allocated_worker_id, ward, review_due, opened_at, closed_at, closure_reason)
  select ${PID}::uuid, md5('bench-case-' || l.person_id)::uuid, l.person_id, s.status, l.decided_at, l.outcome, l.category, l.id, l.decided_at, ${USER}::uuid,
         ('7a1e0000-0000-4000-8000-0000000000a' || (l.n % 8))::uuid,
         case when l.n % 5 = 0 then null else ('7a1e0000-0000-4000-8000-' || lpad((1000 + 1 + l.n % 49)::text, 12, '0'))::uuid end,
         'Ward ' || (l.n % 20), case when s.status = 'closed' then null else current_date + (l.n % 120) - 30 end, l.decided_at,
         case when s.status = 'closed' then now() end, case when s.status = 'closed' then 'risk_reduced' end
  from (select distinct on (r.person_id) r.person_id, d.id, d.outcome, d.category, d.decided_at, abs(hashtext(r.person_id::text)) as n
        from triage_decision d join referral r on r.partnership_id = d.partnership_id and r.id = d.referral_id
        where d.partnership_id = ${PID}::uuid order by r.person_id, d.decided_at desc) l,
       lateral (select (array['open','open','open','under_review','stepped_down','closed'])[1 + l.n % 6] as status) s
  where l.outcome <> 'no_risk'`.execute(db);
  await sql`vacuum analyze`.execute(db);
}
const counts = (
  await sql<{ referrals: number; cases: number; actions: number }>`
  select (select count(*) from referral)::int as referrals, (select count(*) from exploitation_case)::int as cases,
         (select count(*) from triage_action)::int as actions`.execute(db)
).rows[0];
console.log(`generated ${counts.referrals} referrals, ${counts.cases} cases, ${counts.actions} actions in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', databaseUrl: url, auditKey: BENCH_AUDIT_KEY });
const svc = services(database, config);
const actor: Actor = { userId: USER, partnershipId: PID, agencyId: AGENCY(0), role: 'hub_coordinator', name: 'Bench', email: 'bench', via: 'session' };
const filters = [
  { riskLevel: ['high'], status: ['open'] },
  { reviewOverdue: true, leadAgencyId: AGENCY(3) },
  { ageBand: ['14-15'], sex: ['female'] as string[] },
  { ward: 'Ward 7', allocatedWorkerId: 'none' },
  { category: ['cse'], sort: 'risk' },
];
await time('cases list, two filters (use case)', 50, (i) => svc.run(listCases, actor, filters[Math.abs(i) % filters.length]));
const first = await svc.run(listCases, actor, filters[0]);
console.log(`  high and open: ${first.total} cases; page 1 has ${first.items.length}`);

const app = await buildApp({ config, database, services: svc });
await app.ready();
const browser = new Browser(app);
await browser.signIn('bench.hub@bench.jigsaw.example', 'bench-password-1');
const serverTimes = async (label: string, runs: number, url: (i: number) => string) => {
  const ms: number[] = [];
  await time(label, runs, async (i) => {
    const res = await browser.get(url(i));
    if (res.statusCode !== 200) throw new Error(`${url(i)}: ${res.statusCode}`);
    if (i >= 0) ms.push(Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1]));
  });
  ms.sort((a, b) => a - b);
  console.log(`  server-timing: median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, p95 ${ms[Math.floor(ms.length * 0.95)].toFixed(1)} ms`);
};
const query = [
  'riskLevel=high&status=open',
  `reviewOverdue=true&leadAgencyId=${AGENCY(3)}`,
  'ageBand=14-15&sex=female',
  'ward=Ward%207&allocatedWorkerId=none',
  'category=cse&sort=risk',
];
await serverTimes('/cases with two filters (HTTP, in-process)', 50, (i) => `/cases?${query[Math.abs(i) % query.length]}`);
const personIds = (await db.selectFrom('exploitation_case').select('person_id').where('partnership_id', '=', PID).limit(60).execute()).map((r) => r.person_id);
await serverTimes('the child’s Plan and actions page (HTTP, in-process)', 50, (i) => `/people/${personIds[Math.abs(i) % personIds.length]}/actions`);
await serverTimes('the child’s overview page in its frame (HTTP, in-process)', 50, (i) => `/people/${personIds[Math.abs(i) % personIds.length]}`);
await app.close();
await database.close();
