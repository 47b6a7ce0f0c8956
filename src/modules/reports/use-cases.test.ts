// The triage report use case: the one period rule, who sees exact counts, and the audit of who looked.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Actor } from '../../platform/access/actor.ts';
import type { Role } from '../../platform/access/policy.ts';
import type { Database } from '../../platform/db/connect.ts';
import { testDatabase } from '../../platform/db/testing.ts';
import { type Runner, useCaseRunner } from '../../platform/usecase/run.ts';
import { createReferral } from '../referrals/use-cases.ts';
import { triageReport } from './use-cases.ts';

let database: Database;
let run: Runner;
const pid = randomUUID();
const agencyId = randomUUID();
const actor = (role: Role): Actor => ({
  userId: randomUUID(),
  partnershipId: pid,
  agencyId,
  role,
  name: `Test ${role}`,
  email: `${role}@test.example`,
  via: 'session',
});
const january = { from: '2025-01-01', to: '2025-01-31' };

before(async () => {
  database = await testDatabase();
  run = useCaseRunner(database.db);
  await database.db.insertInto('partnership').values({ id: pid, name: 'Reports test partnership (fictional)' }).execute();
  await database.db.insertInto('agency').values({ partnership_id: pid, id: agencyId, name: 'Hub', sector: 'childrens_social_care' }).execute();
  for (const [day, givenName] of [
    ['10', 'Ava'],
    ['20', 'Ben'],
  ]) {
    await run(createReferral, actor('hub_coordinator'), {
      subject: { givenName, familyName: 'Fictional-Report' },
      receivedAt: `2025-01-${day}T10:00:00Z`,
      referrerName: 'Test Referrer',
      referrerContact: '01632 960000',
      concerns: 'Fictional test concern: seen with older adults in cars late at night on several occasions.',
      exploitationTypes: ['cse'],
      indicators: [],
      consent: 'given',
      urgency: 'routine',
    });
  }
});
after(() => database?.close());

test('the hub and missing coordinators see exact counts; scrutiny members, managers and publication exports see 1 to 5 as c', async () => {
  for (const role of ['hub_member', 'missing_coordinator'] as const) {
    const exact = await run(triageReport, actor(role), january);
    assert.equal(exact.published, false, role);
    assert.equal(exact.total, 2, role);
  }
  for (const role of ['scrutiny_member', 'manager'] as const) {
    const r = await run(triageReport, actor(role), january);
    assert.equal(r.published, true, role);
    assert.equal(r.total, 'c', role);
  }
  assert.equal((await run(triageReport, actor('hub_coordinator'), { ...january, publish: true })).total, 'c');
});

test('one period rule: real dates, the end not before the start; practitioners may not see reports', async () => {
  await assert.rejects(
    run(triageReport, actor('hub_member'), { from: '2025-02-01', to: '2025-01-01' }),
    (e: { status: number; errors: { field: string }[] }) => e.status === 422 && e.errors[0].field === 'to',
  );
  await assert.rejects(
    run(triageReport, actor('hub_member'), { from: '2025-02-30', to: '2025-03-01' }),
    (e: { status: number; errors: { field: string }[] }) => e.status === 422 && e.errors[0].field === 'from',
  );
  await assert.rejects(run(triageReport, actor('hub_member'), { to: '2025-03-01' }), { status: 422 });
  await assert.rejects(run(triageReport, actor('practitioner'), january), { status: 403 });
});

test('published figures are for whole months that have ended; exact counts for any period', async () => {
  const shifted = { from: '2025-01-01', to: '2025-02-01' };
  const refused = (field: string) => (e: { status: number; errors: { field: string; message: string }[] }) =>
    e.status === 422 && e.errors.length === 1 && e.errors[0].field === field && /choose/.test(e.errors[0].message);
  await assert.rejects(run(triageReport, actor('scrutiny_member'), shifted), refused('to'));
  await assert.rejects(run(triageReport, actor('manager'), { from: '2025-01-02', to: '2025-01-31' }), refused('from'));
  await assert.rejects(run(triageReport, actor('hub_coordinator'), { ...shifted, publish: true }), refused('to'));
  assert.equal((await run(triageReport, actor('hub_coordinator'), shifted)).total, 2);
  assert.equal((await run(triageReport, actor('scrutiny_member'), { from: '2024-10-01', to: '2025-03-31' })).published, true, 'two quarters');
  const thisMonth = { from: `${new Date().toISOString().slice(0, 7)}-01`, to: '2999-12-31' };
  await assert.rejects(run(triageReport, actor('scrutiny_member'), thisMonth), refused('to'));
});

test('who looked at which period is audited', async () => {
  const who = actor('scrutiny_member');
  await run(triageReport, who, january);
  const event = await database.db
    .selectFrom('audit_event')
    .selectAll()
    .where('partnership_id', '=', pid)
    .where('action', '=', 'triage_report.viewed')
    .where('actor_id', '=', who.userId)
    .executeTakeFirstOrThrow();
  const details = (typeof event.details === 'string' ? JSON.parse(event.details) : event.details) as Record<string, unknown>;
  assert.deepEqual(details, { ...january, published: true });
});
