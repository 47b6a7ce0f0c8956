// The audit trail on a real database: written in the change's transaction, chained, verified.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../db/connect.ts';
import { testDatabase } from '../db/testing.ts';
import { personAccessLog, recordAudit, verifyAudit } from './store.ts';

let database: Database;
const pid = randomUUID();
const actor = { id: null, label: 'test' };
before(async () => {
  database = await testDatabase();
  await database.db.insertInto('partnership').values({ id: pid, name: 'Audit test (fictional)' }).execute();
});
after(() => database?.close());

test('events written at the same time still form one unbroken chain', async () => {
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      database.db.transaction().execute((tx) => recordAudit(tx, pid, actor, { action: 'person.viewed', resourceType: 'person', resourceId: String(i) })),
    ),
  );
  const result = await verifyAudit(database.db, pid);
  assert.equal(result.break, null);
  assert.equal(result.checked, 20);
});

test('an event belongs to its transaction: a rolled-back change leaves no event', async () => {
  await assert.rejects(
    database.db.transaction().execute(async (tx) => {
      await recordAudit(tx, pid, actor, { action: 'referral.created', resourceType: 'referral' });
      throw new Error('the change failed');
    }),
  );
  const events = await database.db.selectFrom('audit_event').select('action').where('partnership_id', '=', pid).where('action', '=', 'referral.created').execute();
  assert.equal(events.length, 0);
  assert.equal((await verifyAudit(database.db, pid)).break, null);
});

test('verification names the first altered event, and notices the newest being deleted', async () => {
  const personId = randomUUID();
  await database.db.transaction().execute((tx) => recordAudit(tx, pid, actor, { action: 'person.viewed', resourceType: 'person', personId, details: { purpose: 'triage' } }));
  assert.equal((await personAccessLog(database.db, pid, personId)).length, 1);
  await sql`update audit_event set details = '{"purpose":"curiosity"}' where partnership_id = ${pid} and seq = 21`.execute(database.db);
  assert.deepEqual((await verifyAudit(database.db, pid)).break, { seq: 21, reason: 'event 21 was altered (its contents no longer match its hash)' });
  await sql`delete from audit_event where partnership_id = ${pid} and seq = 21`.execute(database.db);
  assert.match((await verifyAudit(database.db, pid)).break?.reason ?? '', /events 21 to 21 are missing/);
});
