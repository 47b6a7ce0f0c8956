// The audit trail on a real database: appended in the change's transaction without a lock, sealed a moment later
// (chain + HMAC), refused changes by the database, and forgeries named by `verifyAudit` (decision 0007).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../db/connect.ts';
import { testDatabase } from '../db/testing.ts';
import { eventHash, GENESIS_HASH } from './chain.ts';
import { adoptLegacy, takeCheckpoint } from './checkpoint.ts';
import { auditKeyOf } from './key.ts';
import { auditSealer, checkAuditKey, sealAll, sealBatch } from './sealer.ts';
import { personAccessLog, recordAudit, verifyAudit } from './store.ts';

let database: Database;
const pid = randomUUID();
const actor = { id: null, label: 'test' };
const onPostgres = !!process.env.JIGSAW_TEST_DATABASE_URL;
before(async () => {
  database = await testDatabase();
  await database.db.insertInto('partnership').values({ id: pid, name: 'Audit test (fictional)' }).execute();
});
after(() => database?.close());

const record = (resourceId: string, personId: string | null = null) =>
  database.db.transaction().execute((tx) => recordAudit(tx, pid, actor, { action: 'person.viewed', resourceType: 'person', resourceId, personId }));
const unsealed = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_event where seq is null`.execute(database.db)).rows[0].n);
/** What an attacker who owns the table can do: switch the guard off for a moment. */
const asTableOwner = async (statement: ReturnType<typeof sql>) => {
  await sql`alter table audit_event disable trigger audit_event_append_only`.execute(database.db);
  try {
    await statement.execute(database.db);
  } finally {
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(database.db);
  }
};

test('events are appended unsealed, shown in the access log at once, and sealed into one unbroken chain', async () => {
  const personId = randomUUID();
  await Promise.all(Array.from({ length: 20 }, (_, i) => record(String(i), i === 7 ? personId : null)));
  assert.equal(await unsealed(), 20);
  assert.equal((await personAccessLog(database.db, pid, personId)).length, 1, 'who viewed this person shows unsealed events');
  const before = await verifyAudit(database.db, pid);
  assert.deepEqual([before.break, before.checked, before.unsealed.count], [null, 0, 20]);
  assert.equal(await sealAll(database.db), 20);
  const result = await verifyAudit(database.db, pid);
  assert.deepEqual([result.break, result.checked, result.unsealed.count, result.head?.seq], [null, 20, 0, 20]);
  assert.equal((await personAccessLog(database.db, pid, personId)).length, 1);
});

test('an event belongs to its transaction: a rolled-back change leaves no event', async () => {
  await assert.rejects(
    database.db.transaction().execute(async (tx) => {
      await recordAudit(tx, pid, actor, { action: 'referral.created', resourceType: 'referral' });
      throw new Error('the change failed');
    }),
  );
  const events = await database.db
    .selectFrom('audit_event')
    .select('action')
    .where('partnership_id', '=', pid)
    .where('action', '=', 'referral.created')
    .execute();
  assert.equal(events.length, 0);
  assert.equal(await sealAll(database.db), 0);
  assert.equal((await verifyAudit(database.db, pid)).break, null);
});

test('the database refuses to change, delete or truncate audit events, sealed or not', async () => {
  await record('pending');
  const refused = /cannot be (changed|deleted|removed)|refused/;
  await assert.rejects(sql`update audit_event set details = '{"purpose":"curiosity"}' where partnership_id = ${pid} and seq = 3`.execute(database.db), refused);
  await assert.rejects(sql`update audit_event set actor_label = 'x' where seq is null`.execute(database.db), refused);
  await assert.rejects(sql`update audit_event set hmac = null where seq = 3`.execute(database.db), refused);
  await assert.rejects(sql`delete from audit_event where partnership_id = ${pid} and seq = 20`.execute(database.db), refused);
  await assert.rejects(sql`delete from audit_event where seq is null`.execute(database.db), refused);
  await assert.rejects(sql`truncate audit_event`.execute(database.db), refused);
  assert.equal(await sealAll(database.db), 1, 'the sealer’s own step is allowed');
  assert.equal((await verifyAudit(database.db, pid)).checked, 21);
});

test('an event forged with every later hash recomputed by the chain function is named by its HMAC', async () => {
  const rows = await database.db.selectFrom('audit_event').selectAll().where('partnership_id', '=', pid).orderBy('seq').execute();
  // The forger rewrites event 5 and re-links 6..21 with the project's own SHA-256 chain function: every hash checks.
  let prev = rows[3].hash as string;
  for (const r of rows.slice(4)) {
    const e = { ...r, seq: r.seq as number, at: new Date(r.at), prev_hash: prev, actor_label: r.seq === 5 ? 'someone else' : r.actor_label };
    const hash = eventHash(e);
    await asTableOwner(sql`update audit_event set actor_label = ${e.actor_label}, prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`);
    prev = hash;
  }
  const result = await verifyAudit(database.db, pid);
  assert.deepEqual(result.break, {
    seq: 5,
    reason: 'event 5 was forged: its HMAC does not match (rewritten without the audit key, or sealed with another key)',
  });
  await assert.rejects(checkAuditKey(database.db, randomBytes(32)), /not the key/);
  // Put it back (the attacker's change undone) for the next tests.
  prev = rows[3].hash as string;
  for (const r of rows.slice(4))
    await asTableOwner(sql`update audit_event set actor_label = ${r.actor_label}, prev_hash = ${r.prev_hash}, hash = ${r.hash} where id = ${r.id}`);
  assert.equal((await verifyAudit(database.db, pid)).break, null);
});

test('deleting the newest sealed events is noticed by the head counter, and by a checkpoint when that is rewritten too', async () => {
  const key = auditKeyOf(database.db) as Buffer;
  const cp = (await takeCheckpoint(database.db, key)).heads.find((h) => h.partnershipId === pid);
  assert.equal(cp?.seq, 21);
  await asTableOwner(sql`delete from audit_event where partnership_id = ${pid} and seq >= 20`);
  assert.match((await verifyAudit(database.db, pid)).break?.reason ?? '', /events 20 to 21 are missing/);
  await sql`update counter set value = 19 where partnership_id = ${pid} and name = 'audit_head'`.execute(database.db);
  assert.equal((await verifyAudit(database.db, pid)).break, null, 'without a checkpoint the shortened chain looks whole');
  assert.match(
    (await verifyAudit(database.db, pid, { checkpoint: cp })).break?.reason ?? '',
    /events 20 to 21 are missing: the checkpoint taken at .* recorded event 21/,
  );
});

test('the sealer runs on a timer, seals within its interval, and stops cleanly', async () => {
  const sealer = auditSealer(database.db, auditKeyOf(database.db) as Buffer, { intervalMs: 50 });
  await sealer.start();
  await record('timer');
  const t = Date.now();
  while ((await unsealed()) > 0 && Date.now() - t < 5000) await new Promise((r) => setTimeout(r, 20));
  await sealer.stop();
  assert.equal(await unsealed(), 0);
  assert.ok(Date.now() - t < 2000, `sealed after ${Date.now() - t} ms`);
  await sealer.stop();
});

test('an event that commits after a later-numbered one is sealed on the next turn, after it', { skip: !onPostgres && 'needs two connections' }, async () => {
  const key = auditKeyOf(database.db) as Buffer;
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  let inserted = () => {};
  const insertedP = new Promise<void>((r) => {
    inserted = r;
  });
  const slow = database.db.transaction().execute(async (tx) => {
    await recordAudit(tx, pid, actor, { action: 'slow', resourceType: 'person' });
    inserted();
    await held;
  });
  await insertedP;
  await record('fast');
  const first = await sealBatch(database.db, key);
  assert.equal(first.sealed, 1, 'only the committed event');
  release();
  await slow;
  assert.equal(await sealAll(database.db), 1);
  const rows = await database.db
    .selectFrom('audit_event')
    .select(['id', 'seq', 'action'])
    .where('partnership_id', '=', pid)
    .where('action', 'in', ['slow', 'person.viewed'])
    .orderBy('seq', 'desc')
    .limit(2)
    .execute();
  assert.equal(rows[0].action, 'slow');
  assert.ok(rows[0].id < rows[1].id, 'lower id, later seq: chain order is commit (seal) order');
  assert.equal((await verifyAudit(database.db, pid)).break, null);
});

test('two sealers at once (two processes) never seal an event twice', { skip: !onPostgres && 'needs two connections' }, async () => {
  const key = auditKeyOf(database.db) as Buffer;
  await Promise.all(Array.from({ length: 50 }, (_, i) => record(`pair-${i}`)));
  const turns = await Promise.all([
    sealBatch(database.db, key, { batch: 10 }),
    sealBatch(database.db, key, { batch: 10 }),
    sealBatch(database.db, key, { batch: 10 }),
  ]);
  assert.ok(turns.some((t) => t.locked));
  await Promise.all([sealAll(database.db), sealAll(database.db)]);
  assert.equal(await unsealed(), 0);
  assert.equal((await verifyAudit(database.db, pid)).break, null);
});

test('events sealed before migration 008 (hash chain, no HMAC) fail verify until adopted once; then the sealer chains on', async () => {
  const legacy = randomUUID();
  await database.db.insertInto('partnership').values({ id: legacy, name: 'Upgraded partnership (fictional)' }).execute();
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= 3; seq++) {
    const e = {
      partnership_id: legacy,
      seq,
      at: new Date(Date.UTC(2026, 0, seq)),
      actor_id: null,
      actor_label: 'before',
      action: 'person.viewed',
      resource_type: 'person',
      resource_id: null,
      person_id: null,
      details: { seq },
      prev_hash: prev,
    };
    const hash = eventHash(e);
    await sql`insert into audit_event (partnership_id, seq, at, actor_label, action, resource_type, details, prev_hash, hash)
              values (${legacy}, ${seq}, ${e.at}, ${e.actor_label}, ${e.action}, ${e.resource_type}, ${JSON.stringify(e.details)}, ${prev}, ${hash})`.execute(
      database.db,
    );
    prev = hash;
  }
  assert.match((await verifyAudit(database.db, legacy)).break?.reason ?? '', /event 1 has no HMAC/);
  const key = auditKeyOf(database.db) as Buffer;
  assert.equal(await adoptLegacy(database.db, key, legacy), 3);
  assert.equal(await adoptLegacy(database.db, key, legacy), 0, 'once');
  await database.db.transaction().execute((tx) => recordAudit(tx, legacy, actor, { action: 'after.upgrade', resourceType: 'person' }));
  await sealAll(database.db);
  assert.deepEqual(await verifyAudit(database.db, legacy).then((r) => [r.break, r.checked]), [null, 4]);
});
