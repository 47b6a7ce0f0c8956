// Notifications: made from domain events in the change's transaction, read (audited) and marked read (an event).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Actor } from '../../platform/access/actor.ts';
import type { Role } from '../../platform/access/policy.ts';
import type { Database } from '../../platform/db/connect.ts';
import { testDatabase } from '../../platform/db/testing.ts';
import { type Runner, useCaseRunner } from '../../platform/usecase/run.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { createPerson } from '../people/use-cases.ts';
import { notificationConsumer } from './consumer.ts';
import { countUnread, listNotifications, markAllRead } from './use-cases.ts';

let database: Database;
let run: Runner;
const pid = randomUUID();
const agencyId = randomUUID();
const users: Partial<Record<Role | 'inactive', Actor>> = {};
let child: string;

const actorFor = (role: Role): Actor => ({
  userId: randomUUID(),
  partnershipId: pid,
  agencyId,
  role,
  name: `Test ${role}`,
  email: `${role}@test.example`,
  via: 'session',
});

/** A stand-in for the missing module's alert: a change whose event the consumer turns into notifications. */
const raiseAlert = useCase({
  name: 'test.alert',
  permission: ['missing', 'create'],
  input: undefined,
  async run(_ctx, _input) {
    return { id: randomUUID() };
  },
  audit: {
    change: 'repeat_missing.alerted',
    subject: (out) => ({ type: 'repeat_missing_alert', id: out.id, personId: child, details: { rule: { episodes: 3, withinDays: 30 } } }),
  },
});

before(async () => {
  database = await testDatabase();
  const { db } = database;
  run = useCaseRunner(db, [notificationConsumer]);
  await db.insertInto('partnership').values({ id: pid, name: 'Notifications test partnership (fictional)' }).execute();
  await db.insertInto('agency').values({ partnership_id: pid, id: agencyId, name: 'Hub', sector: 'childrens_social_care' }).execute();
  for (const role of ['hub_coordinator', 'hub_member', 'practitioner', 'missing_coordinator'] as const) users[role] = actorFor(role);
  users.inactive = actorFor('hub_member');
  await db
    .insertInto('app_user')
    .values(
      Object.entries(users).map(([key, a]) => ({
        partnership_id: pid,
        id: a!.userId,
        email: `${key}@test.example`,
        name: a!.name,
        agency_id: agencyId,
        role: a!.role,
        password_hash: null,
        mfa_secret: null,
        locked_until: null,
        invite_token_hash: null,
        invite_expires_at: null,
        active: key !== 'inactive',
      })),
    )
    .execute();
  child = await run(createPerson, users.hub_coordinator!, { givenName: 'Alfie', familyName: 'Fictional-Notify' });
});
after(() => database?.close());

test('a repeat-missing event notifies each active hub user, in the transaction of the change', async () => {
  await run(raiseAlert, users.missing_coordinator!, undefined);
  const rows = await database.db.selectFrom('notification').selectAll().where('partnership_id', '=', pid).execute();
  assert.deepEqual(rows.map((r) => r.user_id).sort(), [users.hub_coordinator!.userId, users.hub_member!.userId].sort());
  assert.equal(rows[0].title, 'Repeat missing: Alfie Fictional-Notify');
  assert.match(rows[0].body, /3 or more times within 30 days/);
  assert.equal(rows[0].link, `/people/${child}/missing`);
  assert.equal(rows[0].person_id, child);
});

test('other events make no notification', async () => {
  const before = await database.db.selectFrom('notification').select('id').where('partnership_id', '=', pid).execute();
  await run(createPerson, users.hub_coordinator!, { givenName: 'Other', familyName: 'Fictional-Notify' });
  const after = await database.db.selectFrom('notification').select('id').where('partnership_id', '=', pid).execute();
  assert.equal(after.length, before.length);
});

test('each user reads only their own notifications, audited; marking them read is one event, and none when nothing was unread', async () => {
  const hub = users.hub_member!;
  assert.equal(await run(countUnread, hub, undefined), 1);
  assert.equal((await run(listNotifications, users.practitioner!, undefined)).length, 0);
  const mine = await run(listNotifications, hub, undefined);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].read, false);
  const listed = await database.db
    .selectFrom('audit_event')
    .select('actor_id')
    .where('partnership_id', '=', pid)
    .where('action', '=', 'notification.listed')
    .execute();
  assert.ok(listed.some((e) => e.actor_id === hub.userId));
  const events = async () =>
    (await database.db.selectFrom('domain_event').select('id').where('partnership_id', '=', pid).where('name', '=', 'notification.marked_read').execute())
      .length;
  assert.equal(await run(markAllRead, hub, undefined), 1);
  assert.equal(await events(), 1);
  assert.equal(await run(markAllRead, hub, undefined), 0);
  assert.equal(await events(), 1, 'nothing changed, no event');
  assert.equal(await run(countUnread, hub, undefined), 0);
  assert.equal(await run(countUnread, users.hub_coordinator!, undefined), 1, 'another user’s are untouched');
});

test('every role, scrutiny included, has its own notifications', async () => {
  assert.deepEqual(await run(listNotifications, actorFor('scrutiny_member'), undefined), []);
});
