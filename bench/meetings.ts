// Benchmark: opening an Exploitation Panel agenda (issue 12: p95 under 300 ms) on PostgreSQL with a fictional
// partnership of N referrals (default 1,000,000), their decisions, actions and cases. Prints N and the timings.
// Run: npx tsx bench/meetings.ts [referrals]   (own database jigsaw_bench_meetings on JIGSAW_BENCH_DATABASE_URL)
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { listActions } from '../src/modules/actions/use-cases.ts';
import { listCases } from '../src/modules/cases/use-cases/read.ts';
import { getHotspots } from '../src/modules/intelligence/use-cases/hotspots.ts';
import { openAgenda } from '../src/modules/meetings/agenda/use-cases.ts';
import { createMeeting } from '../src/modules/meetings/convene.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { services } from '../src/services.ts';
import { dropDatabase, recreateDatabase, time } from './lib.ts';

const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const PID = '7a1e0000-0000-4000-8000-000000000002';
const USER = '7a1e0000-0000-4000-8000-0000000000c1';
const url = await recreateDatabase('jigsaw_bench_meetings');
const database = await openPostgres(url, 4);
const { db } = database;
await migrate(database);
const t0 = performance.now();
await db.insertInto('partnership').values({ id: PID, name: 'Panelshire (fictional)' }).execute();
await sql`insert into agency (partnership_id, id, name, sector) select ${PID}::uuid, ('7a1e0000-0000-4000-8000-0000000000a' || i)::uuid, 'Bench agency ' || i, 'other' from generate_series(0, 7) i`.execute(
  db,
);
await db
  .insertInto('app_user')
  .values({
    partnership_id: PID,
    id: USER,
    email: 'panel.hub@bench.jigsaw.example',
    name: 'Bench Coordinator',
    agency_id: '7a1e0000-0000-4000-8000-0000000000a0',
    role: 'hub_coordinator',
    password_hash: null,
    mfa_secret: null,
    locked_until: null,
    invite_token_hash: null,
    invite_expires_at: null,
  })
  .execute();
const people = Math.max(1000, Math.round(N / 5));
await sql`insert into person (partnership_id, id, given_name, family_name, date_of_birth, sex)
  select ${PID}::uuid, md5('p-' || i)::uuid, 'Benchchild' || i, 'Fictional', date '2008-01-01' + (i % 3000), (array['female','male','unknown'])[1 + i % 3]
  from generate_series(1, ${people}::int) i`.execute(db);
await sql`insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns, consent, urgency, status, created_by)
  select ${PID}::uuid, md5('r-' || i)::uuid, 'REF-P-' || i, md5('p-' || (1 + i % ${people}::int))::uuid, now() - ((i::bigint * 2654435761) % 157680000) * interval '1 second',
         ('7a1e0000-0000-4000-8000-0000000000a' || (i % 8))::uuid, 'Bench Referrer', 'Fictional benchmark referral', 'given', 'routine', 'triaged', ${USER}::uuid
  from generate_series(1, ${N}::int) i`.execute(db);
await sql`insert into triage_meeting (partnership_id, id, meeting_date, created_by) values (${PID}::uuid, md5('m')::uuid, current_date, ${USER}::uuid)`.execute(
  db,
);
await sql`insert into triage_decision (partnership_id, id, referral_id, meeting_id, outcome, category, rationale, decided_at, decided_by)
  select r.partnership_id, md5('d-' || r.id)::uuid, r.id, md5('m')::uuid, (array['no_risk','low','medium','high'])[1 + abs(hashtext(r.id::text)) % 4],
         (array['ce','cse','ce_and_cse','youth_violence','other'])[1 + abs(hashtext(r.reference)) % 5], 'Fictional', r.received_at + interval '1 day', ${USER}::uuid
  from referral r where r.partnership_id = ${PID}::uuid`.execute(db);
await sql`insert into triage_action (partnership_id, id, decision_id, referral_id, description, owner_agency_id, due_date, status, created_by)
  select d.partnership_id, md5('a-' || d.id)::uuid, d.id, d.referral_id, 'Fictional action', ('7a1e0000-0000-4000-8000-0000000000a' || (abs(hashtext(d.id::text)) % 8))::uuid,
         current_date + (abs(hashtext(d.id::text)) % 60) - 30, case when abs(hashtext(d.id::text)) % 3 = 0 then 'open' else 'done' end, ${USER}::uuid
  from triage_decision d where d.outcome in ('medium','high')`.execute(db);
await sql`insert into exploitation_case (partnership_id, id, person_id, status, status_changed_at, risk_level, category, risk_decision_id, risk_decided_at, risk_decided_by, review_due, opened_at)
  select ${PID}::uuid, md5('c-' || l.person_id)::uuid, l.person_id, 'open', l.decided_at, l.outcome, l.category, l.id, l.decided_at, ${USER}::uuid, current_date + 30, l.decided_at
  from (select distinct on (r.person_id) r.person_id, d.id, d.outcome, d.category, d.decided_at from triage_decision d
        join referral r on r.partnership_id = d.partnership_id and r.id = d.referral_id where d.partnership_id = ${PID}::uuid order by r.person_id, d.decided_at desc) l
  where l.outcome <> 'no_risk'`.execute(db);
await sql`vacuum analyze`.execute(db);
console.log(`N = ${N} referrals (${people} children) generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const config = loadConfig({}, { requireMfa: false, logLevel: 'silent', databaseUrl: url, auditKey: 'b4'.repeat(32) });
const svc = services(database, config);
const actor: Actor = {
  userId: USER,
  partnershipId: PID,
  agencyId: '7a1e0000-0000-4000-8000-0000000000a0',
  role: 'hub_coordinator',
  name: 'Bench',
  email: 'bench',
  via: 'session',
};
const starts = new Date(Date.now() + 86400_000);
const { meeting } = await svc.run(createMeeting, actor, {
  typeCode: 'panel',
  startsAt: starts.toISOString(),
  endsAt: new Date(starts.getTime() + 7200_000).toISOString(),
});
const r = await time('Panel agenda opened (live, use case)', 30, () => svc.run(openAgenda, actor, { id: meeting.id }));
console.log(`  p95 ${r.p95.toFixed(0)} ms (target under 300 ms); sections: ${r.result.sections.map((s) => `${s.key} ${s.rows.length}`).join(', ')}`);
// Where the time goes: the agenda's heaviest parts, each as its own module's use case (as the agenda calls them).
const today = new Date().toISOString().slice(0, 10);
await time('  part: new and high-risk children (cases.list)', 10, () =>
  svc.run(listCases, actor, { riskLevel: ['high'], status: ['open', 'under_review'], pageSize: 200 }),
);
await time('  part: overdue actions (actions.list)', 10, () => svc.run(listActions, actor, { show: 'overdue' }));
await time('  part: hotspots (intelligence.hotspots)', 10, () => svc.run(getHotspots, actor, { from: today, to: today }));
await database.close();
// The database is the benchmark's own: dropped after, so it does not sit on the shared server.
await dropDatabase('jigsaw_bench_meetings');
