// In a real browser: information governance filters the audit trail (action, GOV.UK dates), sees plain-English
// actions and follows the record an event touched; a date that is not real gets the error summary; the retention,
// subject access and data sharing agreement pages with their error summaries. Axe-clean.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { sweepRetention } from '../../src/modules/retention/sweep.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
let personId: string;
before(async () => {
  e2e = await startE2E();
  personId = (
    await api(e2e.w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Trailchild', familyName: 'Fictional' } }))
  ).json().personId;
});
after(async () => {
  await e2e?.close();
});

test('filter the audit trail, follow a record, and a bad date is shown with the error summary', async () => {
  const page = await e2e.pageAs('information_governance');
  await page.goto(e2e.url('/governance'));
  await expectAccessible(page, 'the information governance page');
  await page.getByLabel('Action').selectOption({ label: 'Created the referral' });
  const today = new Date();
  await page.locator('#from-day').fill(String(today.getDate()));
  await page.locator('#from-month').fill(String(today.getMonth() + 1));
  await page.locator('#from-year').fill(String(today.getFullYear()));
  await andWait(page, () => page.locator('[data-qa=filter-audit]').click());
  const rows = page.locator('[data-qa=audit-trail] tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.innerText(), /Created the referral/);
  assert.equal(await page.getByLabel('Action').inputValue(), 'referral.created', 'the filter stays chosen');
  await expectAccessible(page, 'the filtered audit trail');
  assert.match((await page.locator('[data-qa=audit-csv]').getAttribute('href')) ?? '', /action=referral\.created/);

  await page.locator('#to-day').fill('31');
  await page.locator('#to-month').fill('2');
  await page.locator('#to-year').fill('2026');
  await andWait(page, () => page.locator('[data-qa=filter-audit]').click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /To/);
  await expectAccessible(page, 'the audit trail with a refused date');

  await page.goto(e2e.url('/governance?action=referral.created'));
  await andWait(page, () => page.locator('[data-qa=audit-trail] tbody a').first().click());
  assert.ok(new URL(page.url()).pathname.startsWith('/referrals/') || new URL(page.url()).pathname === `/people/${personId}`, page.url());
});

test('retention: the queue with its decision form, a refused decision in the error summary, and the schedule form', async () => {
  const old = (
    await api(e2e.w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Oldchild', familyName: 'Fictional' } }))
  ).json();
  await sql`update referral set received_at = now() - interval '7 years' where id = ${old.id}`.execute(e2e.w.database.db);
  await sweepRetention(e2e.w.svc, e2e.w.partnershipId);
  const page = await e2e.pageAs('information_governance');
  await page.goto(e2e.url('/governance/retention'));
  assert.match(await page.locator('[data-qa=retention-queue]').innerText(), /Oldchild Fictional/);
  await expectAccessible(page, 'the retention page with its queue');
  await page.locator('[data-qa=queue-item]').first().getByLabel('Defer for 12 months').check();
  await andWait(page, () => page.locator('[data-qa=decide]').first().click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /reason/);
  await expectAccessible(page, 'the retention page with a refused decision');
  await page.goto(e2e.url('/governance/retention/schedule/closed_case'));
  await expectAccessible(page, 'a retention period form');
});

test('subject access: the review copy and a release refused without a recipient; sharing agreements and their form with every error at once', async () => {
  const page = await e2e.pageAs('information_governance');
  await page.goto(e2e.url(`/governance/people/${personId}/subject-access`));
  assert.match(await page.locator('h1').innerText(), /Subject access: Trailchild Fictional/);
  await expectAccessible(page, 'the subject access page');
  await andWait(page, () => page.getByRole('button', { name: 'Release the redacted copy' }).click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /receives/);
  await expectAccessible(page, 'the subject access page with a refused release');

  await page.goto(e2e.url('/admin/sharing-agreements'));
  await expectAccessible(page, 'the data sharing agreements');
  await page.goto(e2e.url('/admin/sharing-agreements/new'));
  await andWait(page, () => page.getByRole('button', { name: 'Record agreement' }).click());
  // Every error at once, in the page's order: the blank title first, the dates last.
  const listed = await page.locator('.govuk-error-summary li').allInnerTexts();
  assert.equal(listed[0], 'Enter the agreement’s title', listed.join(' | '));
  assert.equal(listed.at(-1), 'Enter the review date');
  await expectAccessible(page, 'the agreement form with its error summary');
});
