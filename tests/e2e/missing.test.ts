// In a real browser: a missing coordinator records an episode, then the return (the child joins the interviews-due
// list), then the interview (the child leaves it); each page is checked with axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ukDateTime } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, signInAs, startE2E } from './browser.ts';

let e2e: E2E;
let personId: string;
before(async () => {
  e2e = await startE2E();
  personId = (
    await api(
      e2e.w,
      'hub_coordinator',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Browserchild', familyName: 'Fictional', dateOfBirth: '2011-06-01' } }),
    )
  ).json().personId;
});
after(async () => {
  await e2e?.close();
});

/** Fills a date-and-time field (GOV.UK date input plus the time box) with a UK local time. */
async function fillDateTime(page: Page, name: string, at: Date) {
  const local = ukDateTime(at);
  await page.locator(`#${name}-day`).fill(String(Number(local.slice(8, 10))));
  await page.locator(`#${name}-month`).fill(String(Number(local.slice(5, 7))));
  await page.locator(`#${name}-year`).fill(local.slice(0, 4));
  await page.locator(`#${name}-time`).fill(local.slice(11));
}

const dueRows = (page: Page) => page.locator('[data-qa=due-item]', { hasText: 'Browserchild Fictional' });

test('record an episode, a return and an interview; the due list changes; every page axe-clean', async () => {
  const { page } = await e2e.newPage();
  await signInAs(page, e2e, 'missing_coordinator');
  const HOUR = 3_600_000;

  await page.goto(e2e.url('/missing'));
  await expectAccessible(page, 'the missing dashboard');
  assert.equal(await dueRows(page).count(), 0);

  await page.goto(e2e.url(`/missing/episodes/new?personId=${personId}`));
  await expectAccessible(page, 'the new episode form');
  // A return before the report is refused, with the GOV.UK error summary.
  await page.getByLabel('Missing', { exact: true }).check();
  await page.getByLabel('Medium').check();
  await fillDateTime(page, 'reportedAt', new Date(Date.now() - 70 * HOUR));
  await fillDateTime(page, 'returnedAt', new Date(Date.now() - 80 * HOUR));
  await andWait(page, () => page.locator('[data-qa=save-episode]').click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Time returned must be after the time reported missing/);
  await expectAccessible(page, 'the new episode form with errors');

  // Still missing: clear the return and save.
  for (const part of ['day', 'month', 'year']) await page.locator(`#returnedAt-${part}`).fill('');
  await page.locator('#returnedAt-time').fill('');
  await page.getByLabel('Where were they last seen? (optional)').fill('Fictional bus station');
  await andWait(page, () => page.locator('[data-qa=save-episode]').click());
  assert.match(await page.locator('[data-qa=created-banner]').innerText(), /Missing episode recorded/);
  await expectAccessible(page, 'the episode page');

  // The return starts the 72-hour clock: the child appears on the due list.
  await andWait(page, () => page.locator('[data-qa=record-return]').click());
  await expectAccessible(page, 'the return form');
  await fillDateTime(page, 'returnedAt', new Date(Date.now() - 60 * HOUR));
  await page.getByLabel('Where were they found? (optional)').fill('A friend’s address (fictional)');
  await andWait(page, () => page.locator('[data-qa=save-return]').click());
  assert.match(await page.locator('[data-qa=interview-status]').innerText(), /Due soon/);

  await page.goto(e2e.url('/missing'));
  assert.equal(await dueRows(page).count(), 1);
  assert.match(await dueRows(page).innerText(), /Due soon/);
  await expectAccessible(page, 'the dashboard with an interview due');

  // The interview: held, with what the child said.
  await andWait(page, () => dueRows(page).getByRole('link').click());
  await andWait(page, () => page.locator('[data-qa=record-interview]').click());
  await expectAccessible(page, 'the interview form');
  await fillDateTime(page, 'offeredAt', new Date(Date.now() - 58 * HOUR));
  await page.getByLabel('Interview held').check();
  await fillDateTime(page, 'completedAt', new Date(Date.now() - 20 * HOUR));
  await page.getByLabel('Where did the child go?').fill('A flat in the town centre (fictional)');
  await page.getByLabel('How did they travel?').fill('Taxi');
  await andWait(page, () => page.locator('[data-qa=save-interview]').click());
  assert.match(await page.locator('[data-qa=interview-status]').innerText(), /Completed within 72 hours/);
  assert.match(await page.locator('[data-qa=interview-summary]').innerText(), /Taxi/);
  await expectAccessible(page, 'the episode with its interview');

  await page.goto(e2e.url('/missing'));
  assert.equal(await dueRows(page).count(), 0, 'off the due list once the interview is held');
});
