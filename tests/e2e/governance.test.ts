// In a real browser: information governance filters the audit trail (action, GOV.UK dates), sees plain-English
// actions and follows the record an event touched; a date that is not real gets the error summary; the retention,
// subject access and data sharing agreement pages with their error summaries; the hub imports an executive response
// file, adds a progress update and evidence, and exports the Word table (read back). Axe-clean.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import JSZip from 'jszip';
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

test('reviews: import an executive response file, add a progress update and evidence, export the Word table', async () => {
  const page = await e2e.pageAs('hub_coordinator');
  await page.goto(e2e.url('/reviews/import'));
  await expectAccessible(page, 'the executive response upload');
  await andWait(page, () => page.getByRole('button', { name: 'Import' }).click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /name of the review[\s\S]*file/i);
  await expectAccessible(page, 'the upload with its errors');
  await page.getByLabel('Name of the review').fill('Scrutiny review (seed 003, browser)');
  const seed = join(import.meta.dirname, '../../../shared/seeds/003_13dd3b83a230b917.txt');
  await page.getByLabel('Executive response file').setInputFiles({ name: 'response.txt', mimeType: 'text/plain', buffer: readFileSync(seed) });
  await andWait(page, () => page.getByRole('button', { name: 'Import' }).click());
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /24 recommendations imported/);
  await expectAccessible(page, 'the imported review');

  await andWait(page, () => page.locator('a[href$="/recommendations/6"]').first().click());
  await expectAccessible(page, 'a recommendation');
  await page.getByLabel('Progress made').fill('Fictional: the revised timescale was agreed by the board.');
  await page.getByLabel('RAG rating').selectOption('green');
  await andWait(page, () => page.getByRole('button', { name: 'Add update' }).click());
  assert.match(await page.locator('[data-qa=progress]').innerText(), /revised timescale was agreed/);

  await andWait(page, () => page.getByRole('link', { name: 'Add evidence' }).click());
  await expectAccessible(page, 'the evidence page');
  await page.getByLabel('What the figures show').fill('Fictional: referrals this month');
  await page.getByLabel('Referrals and triage decisions').check();
  const today = new Date();
  for (const id of ['from', 'to']) {
    await page.locator(`#${id}-day`).fill(String(today.getDate()));
    await page.locator(`#${id}-month`).fill(String(today.getMonth() + 1));
    await page.locator(`#${id}-year`).fill(String(today.getFullYear()));
  }
  await andWait(page, () => page.getByRole('button', { name: 'Add the figures' }).click());
  assert.match(await page.locator('[data-qa=evidence]').innerText(), /Fictional: referrals this month: Referrals and triage decisions/);

  await andWait(page, () => page.getByRole('link', { name: 'Scrutiny review (seed 003, browser)' }).click());
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Word document/ }).click()]);
  const saved = join(mkdtempSync(join(tmpdir(), 'jigsaw-export-')), download.suggestedFilename());
  await download.saveAs(saved);
  assert.match(saved, /\.docx$/);
  const zip = await JSZip.loadAsync(readFileSync(saved));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  assert.equal(xml.split('<w:tr>').length - 1, 6 + 25, 'the totals table and the 24 recommendations with their header');
  assert.match(xml, /revised timescale was agreed by the board/);
});
