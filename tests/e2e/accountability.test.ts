// In a real browser, the partnership holding itself to account (issue 13): the hub imports an executive response
// file, adds a progress update and evidence, and exports the Word table (read back); multi-agency case audits, each
// page and each form's error summary axe-clean, for the hub and for a scrutiny member. (The delivery plan, standards
// and committee business: accountability-areas.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import JSZip from 'jszip';
import { ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';
import { refusedForm, walkArea } from './walk.ts';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(async () => {
  await e2e?.close();
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

/**
 * Opens the area's index and one page of each kind it links to (ids and numbers alike count as one kind), checking
 * each with axe; returns the paths opened.
 */
test('multi-agency case audits: a round of two cases answered by an agency, its report; pages and a refused form axe-clean', async () => {
  const { w } = e2e;
  for (const givenName of ['Auditone', 'Audittwo']) {
    const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { ...referralBody().subject, givenName } }))).json();
    await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
      outcome: 'high',
      category: 'cse',
      rationale: 'Fictional rationale.',
    });
  }
  const template = await api(w, 'hub_coordinator', 'POST', '/api/v1/case-audits/templates', {
    name: 'Mock JTAI (fictional)',
    theme: 'Child exploitation',
    questions: ['Are assessments and plans dynamic and change in the light of emerging issues?', 'Is the child’s voice heard?'],
  });
  assert.equal(template.statusCode, 201, template.body);
  const today = ukDate(new Date());
  const round = await api(w, 'hub_coordinator', 'POST', '/api/v1/case-audits', {
    templateId: template.json().id,
    name: 'Round one (fictional)',
    from: today,
    to: today,
    sampleSize: 2,
    agencyIds: [w.agencies.hub, w.agencies.school],
  });
  assert.equal(round.statusCode, 201, round.body);
  const hub = await e2e.pageAs('hub_coordinator');
  const opened = await walkArea(e2e, hub, '/case-audits');
  assert.ok(
    opened.some((p) => p.includes('/rounds/')),
    opened.join(', '),
  );
  await refusedForm(e2e, hub, '/case-audits/templates/new', 'a new audit template');
  const id = round.json().id;
  await walkArea(e2e, hub, `/case-audits/rounds/${id}`);
  // Scrutiny reads the report, with no child named.
  const scrutiny = await e2e.pageAs('scrutiny_member');
  await scrutiny.goto(e2e.url(`/case-audits/rounds/${id}/report`));
  await expectAccessible(scrutiny, 'the case audit report for scrutiny');
  assert.doesNotMatch(await scrutiny.locator('main').innerText(), /Auditone|Audittwo/);
});
