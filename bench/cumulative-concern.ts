// Benchmark: cumulative-concern evaluation per new event (issue 19.5, target under 20 ms) on PostgreSQL with a
// fictional partnership of 1,000,000 referrals, each a concern signal, over two years, about 200,000 children.
// Times the consumer (record the signal, check the rule with its one indexed query, raise or join an alert) inside the
// transaction of the change, as it runs in the app: a child with a little history, and a child whose third agency
// raises an alert (its domain event, audit event and the hub's notifications included).
// Run: npx tsx bench/cumulative-concern.ts [referrals]
// Uses its own database (jigsaw_bench_alerts) on JIGSAW_BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { evaluateConcern } from '../src/modules/alerts/consumer.ts';
import { notificationConsumer } from '../src/modules/notifications/consumer.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import type { DomainEvent } from '../src/platform/events/events.ts';
import { eventId } from '../src/platform/events/ids.ts';
import { recreateDatabase } from './lib.ts';

const REFERRALS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const RUNS = 300;
const PID = 'a1e70000-0000-4000-8000-000000000001';
const USER = 'a1e70000-0000-4000-8000-0000000000b1';
const AGENCY = (i: number) => `a1e70000-0000-4000-8000-0000000000a${i % 8}`;
const people = Math.max(1000, Math.round(REFERRALS / 5));

const url = await recreateDatabase('jigsaw_bench_alerts');
const database = await openPostgres(url, 4);
const { db } = database;
await migrate(database);
const t0 = performance.now();
await db.insertInto('partnership').values({ id: PID, name: 'Benchshire (fictional)' }).execute();
await db
  .insertInto('agency')
  .values(Array.from({ length: 8 }, (_, i) => ({ partnership_id: PID, id: AGENCY(i), name: `Bench agency ${i}`, sector: 'other' })))
  .execute();
await db
  .insertInto('app_user')
  .values(
    Array.from({ length: 6 }, (_, i) => ({
      partnership_id: PID,
      id: i === 0 ? USER : `a1e70000-0000-4000-8000-${String(1000 + i).padStart(12, '0')}`,
      email: `bench.hub${i}@bench.jigsaw.example`,
      name: `Bench Hub ${i}`,
      agency_id: AGENCY(0),
      role: i % 2 ? 'hub_member' : 'hub_coordinator',
      password_hash: null,
      mfa_secret: null,
      locked_until: null,
      invite_token_hash: null,
      invite_expires_at: null,
    })),
  )
  .execute();
await sql`
  insert into person (partnership_id, id, given_name, family_name, date_of_birth, sex)
  select ${PID}::uuid, md5('bench-person-' || i)::uuid, 'Benchchild' || i, 'Fictional' || (i % 997), date '2008-01-01' + (i % 3650), 'unknown'
  from generate_series(1, ${people}::int) i`.execute(db);
// Received over two years; each referral is the concern signal the consumer would have recorded for it.
await sql`
  insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns, consent, urgency, status, created_by)
  select ${PID}::uuid, md5('bench-ref-' || i)::uuid, 'REF-B-' || i, md5('bench-person-' || (1 + i % ${people}::int))::uuid,
         now() - ((i::bigint * 2654435761) % 63072000) * interval '1 second', ('a1e70000-0000-4000-8000-0000000000a' || (i % 8))::uuid,
         'Bench Referrer', 'Fictional benchmark referral', 'given', 'routine', 'triaged', ${USER}::uuid
  from generate_series(1, ${REFERRALS}::int) i`.execute(db);
await sql`
  insert into concern_signal (partnership_id, id, person_id, agency_id, kind, label, at)
  select partnership_id, id, person_id, referring_agency_id, 'referral', 'Referral ' || reference, received_at from referral`.execute(db);
await sql`vacuum analyze`.execute(db);
const counts = (
  await sql<{
    referrals: number;
    signals: number;
  }>`select (select count(*) from referral)::int as referrals, (select count(*) from concern_signal)::int as signals`.execute(db)
).rows[0];
console.log(`generated ${counts.referrals} referrals, ${counts.signals} concern signals in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

/** A new referral about child `n` from `agency`, committed, and the domain event the runner would pass the consumer. */
async function newReferral(n: number, agency: number, tag: string): Promise<DomainEvent> {
  const id = (await sql<{ id: string }>`select md5(${`bench-new-${tag}-${n}-${agency}`})::uuid as id`.execute(db)).rows[0].id;
  const personId = (await sql<{ id: string }>`select md5(${`bench-person-${n}`})::uuid as id`.execute(db)).rows[0].id;
  await db
    .insertInto('referral')
    .values({
      partnership_id: PID,
      id,
      reference: `REF-N-${tag}-${n}-${agency}`,
      person_id: personId,
      received_at: new Date(),
      referring_agency_id: AGENCY(agency),
      referrer_name: 'Bench Referrer',
      concerns: 'Fictional benchmark referral',
      exploitation_types: [],
      indicators: [],
      consent: 'given',
      urgency: 'routine',
      created_by: USER,
    })
    .execute();
  const at = new Date();
  return {
    id: eventId(at.getTime()),
    partnershipId: PID,
    name: 'referral.created',
    subject: { type: 'referral', id },
    personId,
    actor: { id: USER, label: 'Bench Hub 0' },
    at,
    changes: {},
    handling: null,
  };
}

/** The consumer's time alone, inside the change's transaction (as the runner calls it), for each event. */
async function measure(label: string, events: DomainEvent[]): Promise<number[]> {
  const ms: number[] = [];
  let raised = 0;
  for (const e of events) {
    await db.transaction().execute(async (tx) => {
      const t = performance.now();
      if (await evaluateConcern(tx, e, [notificationConsumer])) raised++;
      ms.push(performance.now() - t);
    });
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  console.log(
    `${label.padEnd(58)} median ${at(0.5).toFixed(2).padStart(7)} ms   p95 ${at(0.95).toFixed(2).padStart(7)} ms   max ${sorted[sorted.length - 1].toFixed(2).padStart(7)} ms   (${ms.length} events, ${raised} in an alert)`,
  );
  return ms;
}

// Warm up the connection and plans, then a new referral about children picked across the partnership.
await measure('warm-up', await Promise.all(Array.from({ length: 20 }, (_, i) => newReferral(1 + ((i * 7919) % people), i, 'warm'))));
const typical: DomainEvent[] = [];
for (let i = 0; i < RUNS; i++) typical.push(await newReferral(1 + ((i * 104729 + 17) % people), i + 3, 'typical'));
await measure('a new referral about a child (rule checked, no alert)', typical);
// Children whose two agencies raised concerns this week: the third agency's referral raises the alert.
const hot = Array.from({ length: RUNS }, (_, i) => 1 + ((i * 15485863 + 101) % people));
for (const [k, n] of hot.entries()) {
  for (const agency of [1, 2]) {
    const e = await newReferral(n, agency + k, 'hot');
    await db.transaction().execute((tx) => evaluateConcern(tx, e).then(() => undefined));
  }
}
const third: DomainEvent[] = [];
for (const [k, n] of hot.entries()) third.push(await newReferral(n, 3 + k, 'third'));
await measure('the third agency’s referral (alert raised, hub notified)', third);
const fourth: DomainEvent[] = [];
for (const [k, n] of hot.entries()) fourth.push(await newReferral(n, 4 + k, 'fourth'));
await measure('a fourth agency’s referral (joins the open alert)', fourth);
const alerts = (await sql<{ n: number }>`select count(*)::int as n from alert where dismissed_at is null`.execute(db)).rows[0].n;
console.log(`  open alerts: ${alerts}`);
await database.close();
