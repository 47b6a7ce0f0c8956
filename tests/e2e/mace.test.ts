// In a real browser (issue 12): a High triage decision asks for a MACE; the hub coordinator convenes it from
// /meetings, the agenda shows the child's chronology, the meeting starts, minutes and two actions are recorded, one
// is given to a practitioner who is e-mailed (a real SMTP server; the job queue drained as `jigsaw serve`'s worker
// would), and once it is overdue past the escalation days the daily sweep escalates it to their manager, who is
// e-mailed and sees it in Notifications. Every page visited is checked with axe at 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sweepActions } from '../../src/modules/actions/sweep.ts';
import { notificationWorker } from '../../src/modules/notifications/delivery.ts';
import { recordAttendance } from '../../src/modules/triage/use-cases.ts';
import { type TestSmtp, testSmtpServer } from '../../src/platform/mail/testing.ts';
import { addDays, ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
let smtp: TestSmtp;
let personId: string;
const today = ukDate(new Date());

before(async () => {
  smtp = await testSmtpServer();
  e2e = await startE2E({ mail: { transport: 'smtp', smtpUrl: smtp.url, from: 'Jigsaw <jigsaw@test.example>' } });
  const { w } = e2e;
  const db = w.database.db;
  await db.updateTable('app_user').set({ manager_user_id: w.users.manager.id }).where('id', '=', w.users.practitioner.id).execute();
  await db.updateTable('partnership').set({ action_escalation_days: 2 }).where('id', '=', w.partnershipId).execute();
  // Yesterday's triage meeting, where the referral was decided High (the triage pages have their own browser test).
  const hubActor = {
    userId: w.users.hub_coordinator.id,
    partnershipId: w.partnershipId,
    agencyId: w.agencies.hub,
    role: 'hub_coordinator' as const,
    name: 'Test hub coordinator',
    email: w.users.hub_coordinator.email,
    via: 'session' as const,
  };
  const { meetingId } = await w.svc.run(recordAttendance, hubActor, {
    day: addDays(today, -1),
    chairAgencyId: w.agencies.hub,
    chairName: 'Fictional Chair',
    attendees: [{ agencyId: w.agencies.hub, name: 'Fictional Hub Lead' }],
  });
  const r = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { ...referralBody().subject, givenName: 'Macechild' } }));
  assert.equal(r.statusCode, 201, r.body);
  personId = r.json().personId;
  const decided = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.json().id}/triage-decision`, {
    meetingId,
    outcome: 'high',
    category: 'cse',
    rationale: 'Fictional rationale: seen with older associates late at night.',
  });
  assert.equal(decided.statusCode, 201, decided.body);
});
after(async () => {
  await e2e?.close();
  await smtp?.close();
});

/** Sends what the job queue holds, as the worker in `jigsaw serve` would; the messages sent to `to`. */
async function mailTo(to: string) {
  const worker = notificationWorker(e2e.w.database.db, e2e.w.config);
  assert.ok(worker, 'SMTP is configured');
  await worker.drain();
  await worker.stop();
  return smtp.messages.filter((m) => m.to.includes(to));
}

test('a MACE from a High decision: convened, agenda with chronology, minutes, actions e-mailed, escalation; axe-clean', async () => {
  const { w } = e2e;
  const page = await e2e.pageAs('hub_coordinator');

  await page.goto(e2e.url('/meetings'));
  assert.match(await page.locator('[data-qa=maces-due]').innerText(), /Macechild/);
  await expectAccessible(page, 'the meetings list with a MACE due');
  await andWait(page, () => page.locator('[data-qa=convene-mace]').first().click());
  assert.equal(new URL(page.url()).pathname, '/meetings/new');
  await expectAccessible(page, 'convening a MACE');

  const day = addDays(today, 2);
  await page.getByLabel('Starts').fill(`${day}T10:00`);
  await page.getByLabel('Ends').fill(`${day}T11:00`);
  await page.getByLabel('Location').fill('Room 4, Fictional House');
  await page.getByLabel('Chair', { exact: true }).fill('Fictional Chair');
  await page.getByLabel('Testshire School', { exact: true }).check();
  await andWait(page, () => page.locator('[data-qa=convene-submit]').click());
  assert.match(new URL(page.url()).pathname, /^\/meetings\/[0-9a-f-]{36}$/);
  const meetingPath = new URL(page.url()).pathname;
  assert.match(await page.locator('[data-qa=meeting-title]').innerText(), /Macechild/);
  // The agenda is the child's chronology: the referral and the High decision.
  assert.match(await page.locator('[data-qa=agenda-chronology]').innerText(), /High/);
  await expectAccessible(page, 'the MACE with its live agenda');

  await andWait(page, () => page.locator('[data-qa=start]').click());
  assert.match(await page.locator('[data-qa=meeting-summary]').innerText(), /Started|In progress/i);
  const minutes = page.locator('[data-qa=minute-form]');
  await minutes.getByLabel('Minutes', { exact: true }).fill('Fictional: agencies shared what they know; risk remains high.');
  await minutes.getByLabel('Decision (optional)').fill('Fictional: a safety plan with the school.');
  await andWait(page, () => page.locator('[data-qa=record-minute]').click());
  assert.match(await page.locator('[data-qa=minute]').first().innerText(), /risk remains high/);
  assert.match(await page.locator('[data-qa=decisions]').innerText(), /safety plan/);

  for (const [title, agency] of [
    ['Fictional: school safety plan', 'Testshire School'],
    ['Fictional: police disruption visit', 'Testshire Hub'],
  ] as const) {
    const form = page.locator('[data-qa=action-form]');
    await form.getByLabel('Action').fill(title);
    await form.getByLabel('Owner agency').selectOption({ label: agency });
    await form.getByLabel('Due').fill(addDays(today, 7));
    await andWait(page, () => page.locator('[data-qa=record-action]').click());
  }
  assert.match(
    await page.locator('[data-qa=meeting-actions]').innerText(),
    /school safety plan[\s\S]*police disruption visit|police disruption visit[\s\S]*school safety plan/,
  );
  await expectAccessible(page, 'the started MACE with minutes and actions');

  // The school's action goes to the practitioner by name: they are e-mailed.
  await andWait(page, () => page.locator('[data-qa=meeting-actions] a', { hasText: 'school safety plan' }).click());
  const actionId = new URL(page.url()).pathname.split('/').at(-1) as string;
  const reassign = page.locator('[data-qa=reassign-form]');
  await reassign.getByLabel('Agency responsible').selectOption({ label: 'Testshire School' });
  await reassign.getByLabel('Person responsible (optional)').selectOption({ label: 'Test practitioner' });
  await andWait(page, () => reassign.getByRole('button', { name: 'Reassign' }).click());
  assert.match(await page.locator('[data-qa=action-summary]').innerText(), /Test practitioner/);
  await expectAccessible(page, 'the action given to a practitioner');
  // (The practitioner's school was invited, so they also have the meeting invitation.)
  const assigned = (await mailTo(w.users.practitioner.email)).filter((m) => /Subject: Jigsaw: An action has been assigned to you/.test(m.raw));
  assert.equal(assigned.length, 1, 'one e-mail to the owner');
  assert.ok(assigned[0].raw.replace(/=\r?\n/g, '').includes(`/actions/${actionId}`), 'a link to the action');
  assert.doesNotMatch(assigned[0].raw, /Macechild/, 'no child named in the e-mail');

  // Three days past due (the escalation is set at 2): the daily sweep marks it overdue and escalates it.
  await w.database.db
    .updateTable('triage_action')
    .set({ due_date: addDays(today, -3) })
    .where('id', '=', actionId)
    .execute();
  assert.ok((await sweepActions(w.svc, w.partnershipId)) >= 2);
  assert.equal(await sweepActions(w.svc, w.partnershipId), 0, 'a second sweep writes nothing');
  const toManager = (await mailTo(w.users.manager.email)).filter((m) => /Subject: Jigsaw: An action is overdue/.test(m.raw));
  assert.equal(toManager.length, 1, 'the manager is e-mailed once');
  assert.ok(toManager[0].raw.replace(/=\r?\n/g, '').includes(`/actions/${actionId}`));
  const sent = (await mailTo(w.users.practitioner.email)).map((m) => m.raw.match(/^Subject: .*/m)?.[0]);
  assert.ok(
    sent.some((s) => /overdue/i.test(s ?? '')),
    `the owner is told it is overdue: ${sent.join('; ')}`,
  );

  const manager = await e2e.pageAs('manager');
  await manager.goto(e2e.url('/notifications'));
  assert.match(await manager.locator('main').innerText(), /Overdue action in your team: Fictional: school safety plan/);
  await expectAccessible(manager, 'the manager’s notifications');

  await page.goto(e2e.url(meetingPath));
  assert.equal(await page.locator('[data-qa=start]').count(), 0, 'the meeting stays started');
  assert.ok(personId);
});
