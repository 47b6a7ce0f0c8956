// E-mail notifications through the job queue: real SMTP to a server the test starts, real HTTPS to a local
// GOV.UK Notify stand-in that checks the JWT and payload as Notify documents them; a rolled-back change sends
// nothing, the same event twice is one e-mail, a refusal is retried after a backoff, digests, triggers turned off.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import https from 'node:https';
import { after, before, test } from 'node:test';
import selfsigned from 'selfsigned';
import type { Actor } from '../../platform/access/actor.ts';
import type { Database } from '../../platform/db/connect.ts';
import { testDatabase } from '../../platform/db/testing.ts';
import type { DomainEvent } from '../../platform/events/events.ts';
import { eventId } from '../../platform/events/ids.ts';
import { queueCounts } from '../../platform/jobs/store.ts';
import { jobWorker } from '../../platform/jobs/worker.ts';
import { type TestSmtp, testSmtpServer } from '../../platform/mail/testing.ts';
import { notifyTransport, smtpTransport } from '../../platform/mail/transport.ts';
import { notificationConsumerWith } from './consumer.ts';
import { DIGEST_QUEUE, EMAIL_QUEUE, emailHandlers } from './email.ts';
import * as mailStore from './mail/store.ts';
import { RESTRICTED_NOTE } from './triggers.ts';

let database: Database;
let smtp: TestSmtp;
const pid = randomUUID();
const agencyId = randomUUID();
const hub: Actor = {
  userId: randomUUID(),
  partnershipId: pid,
  agencyId,
  role: 'hub_coordinator',
  name: 'Priya Fictional',
  email: 'priya@test.example',
  via: 'session',
};
const owner: Actor = { ...hub, userId: randomUUID(), role: 'practitioner', name: 'Sam Fictional', email: 'sam@test.example' };
const publicUrl = 'https://jigsaw.test.example';

/** Runs a consumer on an event in its own transaction, as the runner does. */
async function consume(event: DomainEvent, fail = false) {
  const consumer = notificationConsumerWith(true);
  await database.db
    .transaction()
    .execute(async (tx) => {
      await consumer(tx, event);
      if (fail) throw new Error('the change failed');
    })
    .catch((e) => {
      if (!fail) throw e;
    });
}

const event = (name: string, changes: Record<string, unknown>, subjectId: string | null = randomUUID()): DomainEvent => ({
  id: eventId(),
  partnershipId: pid,
  name,
  subject: { type: 'test', id: subjectId },
  personId: null,
  actor: { id: hub.userId, label: hub.name },
  at: new Date(),
  changes,
  handling: null,
});

const worker = (transport = smtpTransport(smtp.url, 'Jigsaw <jigsaw@test.example>'), backoffMs = 50) =>
  jobWorker(database.db, { handlers: emailHandlers(database.db, transport, publicUrl), backoffMs, leaseMs: 10_000 });

before(async () => {
  database = await testDatabase();
  smtp = await testSmtpServer();
  const { db } = database;
  await db.insertInto('partnership').values({ id: pid, name: 'E-mail test partnership (fictional)' }).execute();
  await db.insertInto('agency').values({ partnership_id: pid, id: agencyId, name: 'Hub', sector: 'childrens_social_care' }).execute();
  for (const a of [hub, owner])
    await db
      .insertInto('app_user')
      .values({ partnership_id: pid, id: a.userId, email: a.email, name: a.name, agency_id: agencyId, role: a.role, password_hash: null, active: true })
      .execute();
});
after(async () => {
  await smtp?.close();
  await database?.close();
});

test('an assigned action is e-mailed to its owner over SMTP: first name, a link, no detail; the same event twice is one e-mail', async () => {
  const actionId = randomUUID();
  const e = event('action.assigned', { actionId, ownerUserId: owner.userId, title: 'Visit Jordan Fictional at home', dueOn: '2026-12-10' }, actionId);
  await consume(e);
  await consume(e); // replayed
  assert.equal((await database.db.selectFrom('job').select('id').where('queue', '=', EMAIL_QUEUE).execute()).length, 1);
  assert.equal(await worker().drain(), 1);
  assert.equal(smtp.messages.length, 1);
  const m = smtp.messages[0];
  assert.deepEqual(m.to, ['sam@test.example']);
  assert.match(m.raw, /Subject: Jigsaw: An action has been assigned to you/);
  assert.match(m.raw, /Hello Sam,/);
  assert.ok(m.raw.includes(`${publicUrl}/actions/${actionId}`));
  assert.ok(m.raw.replace(/=\r?\n/g, '').includes(RESTRICTED_NOTE.slice(0, 40)));
  assert.doesNotMatch(m.raw, /Jordan|Fictional/, 'no name but the first name of the recipient');
  assert.equal(await worker().drain(), 0, 'nothing left');
  const n = await database.db.selectFrom('notification').select('emailed_at').where('user_id', '=', owner.userId).execute();
  assert.equal(n.length, 1);
  assert.ok(n[0].emailed_at);
});

test('a rolled-back change leaves no notification and no job', async () => {
  const before = await queueCounts(database.db);
  await consume(event('action.assigned', { actionId: randomUUID(), ownerUserId: owner.userId, title: 'x' }), true);
  assert.deepEqual(await queueCounts(database.db), before);
});

test('a refusal from the SMTP server is retried after a backoff, then delivered once', async () => {
  const sent = smtp.messages.length;
  smtp.refuseNext(1);
  await consume(event('referral.created', { reference: 'R-1', urgency: 'urgent' }));
  // The hub coordinator made the referral: the only other hub user is none, so make the owner a hub member.
  const jobs = await database.db.selectFrom('job').selectAll().where('done_at', 'is', null).execute();
  assert.equal(jobs.length, 0, 'the referrer is not told of their own referral');
  await consume({
    ...event('referral.created', { reference: 'R-2', urgency: 'urgent' }),
    actor: { id: owner.userId, label: owner.name },
  });
  const w = worker(undefined, 300);
  const started = Date.now();
  assert.equal(await w.drain(), 1);
  const [job] = await database.db.selectFrom('job').selectAll().where('done_at', 'is', null).execute();
  assert.equal(job.attempts, 1);
  assert.match(job.last_error ?? '', /Try again later/);
  assert.ok(job.run_at.getTime() >= started + 250, 'waits the backoff');
  assert.equal(await w.drain(), 0, 'not before the backoff');
  assert.equal(smtp.messages.length, sent);
  await new Promise((r) => setTimeout(r, 350));
  assert.equal(await w.drain(), 1);
  assert.equal(smtp.messages.length, sent + 1);
  assert.match(smtp.messages.at(-1)!.raw, /An urgent referral has reached the hub/);
  assert.deepEqual(smtp.messages.at(-1)!.to, ['priya@test.example']);
});

test('a meeting invitation carries an iCalendar attachment; a trigger turned off sends nothing (in-app still)', async () => {
  const meetingId = randomUUID();
  await consume(
    event('meeting.invited', {
      meetingId,
      title: 'MACE for a fictional child',
      startsAt: '2026-12-08T10:00:00Z',
      endsAt: '2026-12-08T11:00:00Z',
      location: 'Room 4, Northmoor House',
      inviteeUserIds: [owner.userId],
    }),
  );
  await worker().drain();
  const raw = smtp.messages.at(-1)!.raw;
  assert.match(raw, /text\/calendar/);
  assert.match(raw, /You are invited to a meeting/);
  assert.doesNotMatch(raw, /MACE for a fictional child/);

  await mailStore.saveTriggerSettings(database.db, pid, { minutes_ready: false }, hub.userId);
  const before = await queueCounts(database.db);
  await consume(event('meeting.minutes_ready', { meetingId, title: 'MACE', inviteeUserIds: [owner.userId] }));
  assert.deepEqual(await queueCounts(database.db), before);
  assert.ok(await database.db.selectFrom('notification').select('id').where('kind', '=', 'minutes_ready').executeTakeFirst(), 'in-app still');
  await mailStore.saveTriggerSettings(database.db, pid, { minutes_ready: true }, hub.userId);
});

test('a user who chose the daily digest gets one e-mail for the day, listing how many of each kind', async () => {
  await mailStore.setDigest(database.db, pid, owner.userId, true);
  for (const kind of ['action.due_tomorrow', 'action.overdue', 'action.overdue'])
    await consume(event(kind, { actionId: randomUUID(), ownerUserId: owner.userId, title: 't' }));
  const jobs = await database.db.selectFrom('job').selectAll().where('queue', '=', DIGEST_QUEUE).execute();
  assert.equal(jobs.length, 1, 'one digest job for the day');
  assert.equal(jobs[0].run_at.getUTCHours(), 7);
  await database.db
    .updateTable('job')
    .set({ run_at: new Date(Date.now() - 1000) })
    .where('queue', '=', DIGEST_QUEUE)
    .execute();
  const sent = smtp.messages.length;
  assert.equal(await worker().drain(), 1);
  assert.equal(smtp.messages.length, sent + 1);
  const raw = smtp.messages.at(-1)!.raw;
  assert.match(raw, /your daily summary \(3 new notifications\)/);
  assert.match(raw, /An action is overdue: 2/);
  await mailStore.setDigest(database.db, pid, owner.userId, false);
});

test('GOV.UK Notify: a real HTTPS request with a JWT signed with the key’s secret (iss = service id) and the documented payload', async () => {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const apiKey = `jigsaw_test-${serviceId}-${secret}`;
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const received: { auth: string; body: Record<string, unknown>; path: string }[] = [];
  const problems: string[] = [];
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const auth = req.headers.authorization ?? '';
      const [h, p, s] = auth.replace(/^Bearer /, '').split('.');
      const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
      const header = JSON.parse(Buffer.from(h ?? '', 'base64url').toString() || '{}');
      const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString() || '{}');
      const body = JSON.parse(data || '{}');
      if (s !== expected) problems.push('signature');
      if (header.alg !== 'HS256' || header.typ !== 'JWT') problems.push('header');
      if (claims.iss !== serviceId || Math.abs(claims.iat - Date.now() / 1000) > 30) problems.push('claims');
      if (req.method !== 'POST' || req.url !== '/v2/notifications/email') problems.push('path');
      if (typeof body.email_address !== 'string' || typeof body.template_id !== 'string' || typeof body.personalisation !== 'object') problems.push('payload');
      received.push({ auth, body, path: req.url ?? '' });
      if (problems.length) {
        res
          .writeHead(403, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status_code: 403, errors: [{ error: 'AuthError', message: problems.join(',') }] }));
        return;
      }
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: randomUUID(), reference: body.reference, content: {}, uri: '', template: { id: body.template_id, version: 1, uri: '' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  // The test's certificate is trusted as NODE_EXTRA_CA_CERTS would make it in a deployment.
  const ca = https.globalAgent.options.ca;
  https.globalAgent.options.ca = pems.cert;
  try {
    const templateId = randomUUID();
    const transport = notifyTransport({ transport: 'notify', apiKey, baseUrl: `https://127.0.0.1:${port}`, templateId, digestTemplateId: templateId });
    await consume(event('action.assigned', { actionId: randomUUID(), ownerUserId: owner.userId, title: 'Call the school' }));
    assert.equal(await worker(transport).drain(), 1);
    assert.deepEqual(problems, []);
    assert.equal(received.length, 1);
    const body = received[0].body as { email_address: string; template_id: string; reference: string; personalisation: Record<string, string> };
    assert.equal(body.email_address, 'sam@test.example');
    assert.equal(body.template_id, templateId);
    assert.match(body.reference, /^notification:/);
    assert.equal(body.personalisation.first_name, 'Sam');
    assert.match(body.personalisation.link, /^https:\/\/jigsaw\.test\.example\/actions\//);
    assert.equal((await queueCounts(database.db)).pending, 0);

    // A refusal (a wrong key) is a failed attempt, retried later, with Notify's message.
    const bad = notifyTransport({
      transport: 'notify',
      apiKey: `jigsaw_test-${serviceId}-${randomUUID()}`,
      baseUrl: `https://127.0.0.1:${port}`,
      templateId,
      digestTemplateId: templateId,
    });
    await consume(event('action.assigned', { actionId: randomUUID(), ownerUserId: owner.userId, title: 'Call again' }));
    await worker(bad, 60_000).drain();
    const [job] = await database.db.selectFrom('job').selectAll().where('done_at', 'is', null).execute();
    assert.match(job.last_error ?? '', /Notify refused the e-mail \(403\): signature/);
  } finally {
    https.globalAgent.options.ca = ca;
    await new Promise((r) => server.close(r));
  }
});
