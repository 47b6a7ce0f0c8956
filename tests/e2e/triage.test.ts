// In a real browser: the hub runs today's triage meeting with two referrals: chair and attendance, a decision on
// each (one with an action), the queue emptying, the dashboard and the report; each page checked with axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, signInAs, startE2E } from './browser.ts';

let e2e: E2E;
const ids: string[] = [];
before(async () => {
  e2e = await startE2E();
  await e2e.w.database.db.updateTable('agency').set({ triage_core: true }).where('id', 'in', [e2e.w.agencies.hub, e2e.w.agencies.police]).execute();
  for (const [name, urgency] of [
    ['Triagechild', 'routine'],
    ['Urgentchild', 'urgent'],
  ] as const) {
    ids.push(
      (
        await api(
          e2e.w,
          'practitioner',
          'POST',
          '/api/v1/referrals',
          referralBody({ urgency, subject: { givenName: name, familyName: 'Fictional', dateOfBirth: '2011-02-03' } }),
        )
      ).json().id,
    );
  }
});
after(async () => {
  await e2e?.close();
});

test('a triage meeting: attendance, two decisions, an action; the queue empties; axe-clean throughout', async () => {
  const { page } = await e2e.newPage();
  await signInAs(page, e2e, 'hub_coordinator');
  const today = ukDate(new Date());

  await page.goto(e2e.url('/hub'));
  await expectAccessible(page, 'the hub dashboard');
  assert.match(await page.locator('[data-qa=hub-queue]').innerText(), /Urgentchild Fictional[\s\S]*Triagechild Fictional/, 'urgent first');
  await andWait(page, () => page.locator('[data-qa=open-triage]').click());
  assert.match(page.url(), new RegExp(`/triage/${today}$`));
  await expectAccessible(page, 'the triage meeting');

  // Chair and attendance.
  await page.getByLabel('Chair’s name').fill('Fictional Sergeant');
  await page.getByLabel('Testshire Police', { exact: true }).check();
  await page.getByLabel('Who attended for Testshire Police').fill('Fictional Sergeant');
  await page.getByLabel('Testshire School', { exact: true }).check();
  await andWait(page, () => page.locator('[data-qa=save-attendance]').click());
  assert.match(await page.locator('[data-qa=attendance-summary]').innerText(), /Fictional Sergeant[\s\S]*Testshire Police[\s\S]*Testshire School/);
  await expectAccessible(page, 'the meeting with attendance');

  // The first referral in the queue is the urgent one: a decision with a missing rationale first.
  const first = page.locator('[data-qa=queue-item]').first();
  assert.match(await first.innerText(), /Urgentchild/);
  await first.getByLabel('High').check();
  await first.getByLabel('CSE (Child Sexual Exploitation)').check();
  await andWait(page, () => first.locator('[data-qa=record-decision]').click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the reason for the decision/);
  await expectAccessible(page, 'the meeting with a decision error');
  await page.locator('.govuk-error-summary a', { hasText: 'Enter the reason' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), `ref-${ids[1]}-rationale`, 'the summary link moves focus to the field');
  await page.keyboard.type('Fictional: seen getting into cars with older males; screening significant.');
  const item = page.locator('[data-qa=queue-item]').first();
  // The first of the decision's action slots (a decision can set up to three).
  const action = item.getByRole('group', { name: 'Action (optional)', exact: true });
  await action.getByLabel('What needs to be done').fill('Strategy meeting within 48 hours');
  await action.getByLabel('Owner agency').selectOption({ label: 'Testshire Hub' });
  const [dueYear, dueMonth, dueDay] = addDays(today, 2).split('-');
  const due = action.getByRole('group', { name: 'Due date' });
  await due.getByLabel('Day').fill(String(Number(dueDay)));
  await due.getByLabel('Month').fill(String(Number(dueMonth)));
  await due.getByLabel('Year').fill(dueYear);
  await andWait(page, () => item.locator('[data-qa=record-decision]').click());
  assert.match(await page.locator('[data-qa=decision-recorded]').innerText(), /Decision recorded/);

  // The second referral.
  const second = page.locator('[data-qa=queue-item]').first();
  assert.match(await second.innerText(), /Triagechild/);
  await second.getByLabel('Low').check();
  await second.getByLabel('CE (Criminal Exploitation)').check();
  await second.getByLabel('Rationale').fill('Fictional: concerns historical; early help engaged.');
  await andWait(page, () => second.locator('[data-qa=record-decision]').click());
  assert.equal(await page.locator('[data-qa=queue-empty]').count(), 1, 'the queue is empty');
  await expectAccessible(page, 'the meeting after decisions');

  // The referral shows its decision and action; the dashboard its recent decisions.
  await page.goto(e2e.url(`/referrals/${ids[1]}`));
  assert.match(await page.locator('[data-qa=decision]').innerText(), /High: CSE[\s\S]*Strategy meeting within 48 hours/);
  await expectAccessible(page, 'the referral with its decision');
  await page.goto(e2e.url('/hub'));
  assert.match(await page.locator('[data-qa=hub-recent]').innerText(), /Urgentchild Fictional[\s\S]*High/);
  await page.goto(e2e.url('/actions'));
  assert.match(await page.locator('[data-qa=actions]').innerText(), /Strategy meeting within 48 hours/);
  await expectAccessible(page, 'the actions list');

  await page.goto(e2e.url(`/reports/triage?from=${today}&to=${today}`));
  assert.match(await page.locator('[data-qa=report-total]').innerText(), /2/);
  await expectAccessible(page, 'the triage report');
});

test('a practitioner screens a referral in the browser and sees the suggested level', async () => {
  const { page } = await e2e.newPage();
  await signInAs(page, e2e, 'practitioner');
  await page.goto(e2e.url(`/referrals/${ids[0]}`));
  await andWait(page, () => page.locator('[data-qa=start-screening]').click());
  await expectAccessible(page, 'the screening toolkit');
  await page.getByRole('group', { name: 'Repeatedly missing, or missing overnight' }).getByLabel('Current').check();
  await page.getByRole('group', { name: 'Getting into cars with unknown adults' }).getByLabel('In the last 6 months').check();
  // The running score follows the answers (JavaScript), in the toolkit's words and triage's.
  assert.match(await page.locator('[data-qa=running-score]').innerText(), /Score so far: 6[\s\S]*Mild \(Low at triage\)/);
  await page.getByLabel('Answer every question I have left blank “Not known”').check();
  await andWait(page, () => page.locator('[data-qa=save-screening]').click());
  assert.match(await page.locator('[data-qa=screening]').first().innerText(), /Mild \(Low at triage\) \(score 6\)/);
  await expectAccessible(page, 'the referral with its screening');
});
