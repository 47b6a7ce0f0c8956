// In a real browser, the partnership holding itself to account (issue 13): the hub imports an executive response
// file, adds a progress update and evidence, and exports the Word table (read back); the delivery plan, standards
// frameworks, committee business and multi-agency case audits, each page and each form's error summary axe-clean,
// for the hub and for a scrutiny member.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { seedCommitteeDemo } from '../../src/demo/committee.ts';
import { seedDeliveryPlanDemo } from '../../src/demo/delivery-plan.ts';
import { seedStandardsDemo } from '../../src/demo/standards.ts';
import { ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
  const { w } = e2e;
  const coordinator = { id: w.users.hub_coordinator.id, name: 'Test hub_coordinator' };
  const anchor = new Date();
  await w.database.db.transaction().execute(async (tx) => {
    await seedDeliveryPlanDemo(tx, w.partnershipId, coordinator, anchor);
    await seedStandardsDemo(tx, w.partnershipId, { ...w.agencies, csc: w.agencies.hub }, coordinator, anchor);
    await seedCommitteeDemo(tx, w.partnershipId, coordinator, anchor);
  });
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
async function walkArea(page: Page, index: string, limit = 8): Promise<string[]> {
  await page.goto(e2e.url(index));
  assert.equal(await page.locator('h1').count(), 1, `${index}: one heading`);
  await expectAccessible(page, index);
  const kinds = new Map<string, string>();
  for (const href of await page.locator(`main a[href^="${index}/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
    const kind = href
      .split('?')[0]
      .replace(/[0-9a-f-]{36}/g, ':id')
      .replace(/\/\d+(?=\/|$)/g, '/:n');
    if (!kinds.has(kind)) kinds.set(kind, href);
  }
  const opened = [index];
  for (const href of [...kinds.values()].slice(0, limit)) {
    const res = await page.goto(e2e.url(href));
    assert.equal(res?.status(), 200, href);
    assert.equal(await page.locator('h1').count(), 1, `${href}: one heading`);
    await expectAccessible(page, href);
    opened.push(href);
  }
  return opened;
}

/** Sends the page's first form (a POST) as it stands, empty: the error summary lists what to fix, axe-clean. */
async function refusedForm(page: Page, path: string, what: string) {
  await page.goto(e2e.url(path));
  await andWait(page, () => page.locator('main form[method=post] button[type=submit], main form[method=post] .govuk-button').first().click());
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.count(), 1, `${what}: the error summary`);
  assert.ok((await summary.locator('a').count()) >= 1, `${what}: each error links to its field`);
  await expectAccessible(page, `${what} with its errors`);
}

for (const [index, newForm, what] of [
  ['/delivery-plans', '/delivery-plans/new', 'the delivery plan'],
  ['/standards', '/standards/new', 'standards frameworks'],
  ['/committees', '/committees/meetings/new', 'committee business'],
] as const) {
  test(`${what}: every kind of page and a refused form for the hub; scrutiny reads it all with no form to change it`, async () => {
    const hub = await e2e.pageAs('hub_coordinator');
    const opened = await walkArea(hub, index);
    assert.ok(opened.length >= 3, opened.join(', '));
    await refusedForm(hub, newForm, `${what}: a new one`);
    const scrutiny = await e2e.pageAs('scrutiny_member');
    for (const path of await walkArea(scrutiny, index, 4)) {
      await scrutiny.goto(e2e.url(path));
      assert.equal(await scrutiny.locator('main form[method=post]').count(), 0, `${path}: no form for a scrutiny member`);
    }
  });
}

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
  const opened = await walkArea(hub, '/case-audits');
  assert.ok(
    opened.some((p) => p.includes('/rounds/')),
    opened.join(', '),
  );
  await refusedForm(hub, '/case-audits/templates/new', 'a new audit template');
  const id = round.json().id;
  await walkArea(hub, `/case-audits/rounds/${id}`);
  // Scrutiny reads the report, with no child named.
  const scrutiny = await e2e.pageAs('scrutiny_member');
  await scrutiny.goto(e2e.url(`/case-audits/rounds/${id}/report`));
  await expectAccessible(scrutiny, 'the case audit report for scrutiny');
  assert.doesNotMatch(await scrutiny.locator('main').innerText(), /Auditone|Audittwo/);
});
