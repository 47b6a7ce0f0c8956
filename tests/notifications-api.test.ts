// Issue 12: notifications over the API and pages, and an urgent referral e-mailed to the hub through the queue to a
// real SMTP server. Each capability allowed and refused; bad input names the field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { notificationWorker } from '../src/modules/notifications/delivery.ts';
import { type TestSmtp, testSmtpServer } from '../src/platform/mail/testing.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let smtp: TestSmtp;

before(async () => {
  smtp = await testSmtpServer();
  w = await world({ mail: { transport: 'smtp', smtpUrl: smtp.url, from: 'Jigsaw <jigsaw@test.example>' }, publicUrl: 'https://jigsaw.test.example' });
});
after(async () => {
  await w?.close();
  await smtp?.close();
});

test('an urgent referral is e-mailed to each hub user (no child named), and listed and marked read over the API', async () => {
  const res = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ urgency: 'urgent' }));
  assert.equal(res.statusCode, 201, res.body);
  const worker = notificationWorker(w.database.db, w.config);
  assert.ok(worker);
  await worker.drain();
  await worker.stop();
  const to = smtp.messages.flatMap((m) => m.to).sort();
  assert.ok(to.includes(w.users.hub_coordinator.email) && to.includes(w.users.hub_member.email), to.join());
  assert.ok(!to.includes(w.users.practitioner.email), 'not the referrer');
  const { given_name } = await w.database.db.selectFrom('person').select('given_name').executeTakeFirstOrThrow();
  for (const m of smtp.messages) assert.ok(!m.raw.includes(given_name), 'no child named');

  const list = await api(w, 'hub_member', 'GET', '/api/v1/notifications');
  assert.equal(list.statusCode, 200);
  const body = list.json() as { items: { kind: string; read: boolean }[]; unread: number };
  assert.equal(body.items[0].kind, 'urgent_referral');
  assert.equal(body.unread, 1);
  assert.equal((await api(w, 'hub_member', 'POST', '/api/v1/notifications/read')).json().marked, 1);
  assert.equal((await api(w, 'hub_member', 'GET', '/api/v1/notifications')).json().unread, 0);
  assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/notifications')).json().items.length, 0, 'only one’s own');
  assert.equal((await api(w, null, 'GET', '/api/v1/notifications')).statusCode, 401);
});

test('e-mail triggers: administrators read and change them; others are refused; a bad value names the field', async () => {
  const got = await api(w, 'partnership_admin', 'GET', '/api/v1/notification-settings');
  assert.equal(got.statusCode, 200);
  assert.equal(got.json().transport, 'smtp');
  assert.equal(got.json().triggers.action_overdue, true, 'on by default');
  const put = await api(w, 'partnership_admin', 'PUT', '/api/v1/notification-settings', { triggers: { action_overdue: false } });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal(put.json().triggers.action_overdue, false);
  assert.equal(put.json().triggers.urgent_referral, true);
  assert.equal((await api(w, 'hub_coordinator', 'GET', '/api/v1/notification-settings')).statusCode, 403);
  assert.equal((await api(w, 'practitioner', 'PUT', '/api/v1/notification-settings', { triggers: { action_overdue: true } })).statusCode, 403);
  const bad = await api(w, 'partnership_admin', 'PUT', '/api/v1/notification-settings', { triggers: { action_overdue: 'sometimes' } });
  assert.ok(bad.statusCode === 400 || bad.statusCode === 422, bad.body);
  assert.match(bad.headers['content-type'] as string, /problem\+json/);
  assert.match(bad.body, /action_overdue/);

  const page = await (await signedIn(w, 'partnership_admin')).get('/admin/notifications');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Jigsaw e-mails people by SMTP/);
  const practitioner = await signedIn(w, 'practitioner');
  assert.equal((await practitioner.get('/admin/notifications')).statusCode, 403);
  const admin = await signedIn(w, 'partnership_admin');
  const saved = await admin.submit('/admin/notifications', '/admin/notifications', { triggers: ['urgent_referral', 'action_overdue'] });
  assert.equal(saved.statusCode, 303);
  const after = (await api(w, 'partnership_admin', 'GET', '/api/v1/notification-settings')).json().triggers;
  assert.equal(after.action_overdue, true);
  assert.equal(after.meeting_invitation, false, 'an unticked box turns the trigger off');
});

test('each user chooses a daily digest for themselves, by API and page; no choice shows the error summary', async () => {
  assert.deepEqual((await api(w, 'practitioner', 'GET', '/api/v1/notifications/preferences')).json(), { dailyDigest: false });
  const put = await api(w, 'practitioner', 'PUT', '/api/v1/notifications/preferences', { dailyDigest: true });
  assert.equal(put.statusCode, 200);
  assert.deepEqual((await api(w, 'practitioner', 'GET', '/api/v1/notifications/preferences')).json(), { dailyDigest: true });
  assert.deepEqual((await api(w, 'manager', 'GET', '/api/v1/notifications/preferences')).json(), { dailyDigest: false }, 'another user’s is theirs');
  const bad = await api(w, 'practitioner', 'PUT', '/api/v1/notifications/preferences', { dailyDigest: 'yes please' });
  assert.match(bad.body, /dailyDigest/);

  const b = await signedIn(w, 'manager');
  const none = await b.submit('/notifications/preferences', '/notifications/preferences', {});
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /govuk-error-summary/);
  assert.match(none.body, /Select how you want to get e-mails/);
  assert.equal((await b.submit('/notifications/preferences', '/notifications/preferences', { delivery: 'digest' })).statusCode, 303);
  assert.deepEqual((await api(w, 'manager', 'GET', '/api/v1/notifications/preferences')).json(), { dailyDigest: true });
  assert.match((await b.get('/notifications')).body, /one e-mail a day/);
});
