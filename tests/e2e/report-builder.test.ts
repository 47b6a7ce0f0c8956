// In a real browser: the report builder's GET form (measure, breakdowns, GOV.UK date inputs) builds a trend with its
// chart and table, an unavailable breakdown is refused in the error summary, the report is saved and opened by its
// link by a scrutiny member (published figures); axe-clean at 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { lastWholeQuarter } from '../../src/modules/reports/domain.ts';
import { ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
const q = lastWholeQuarter(ukDate(new Date()));
const from = `${Number(q.to.slice(0, 4)) - 1}-01-01`;
before(async () => {
  e2e = await startE2E();
  for (const [i, at] of [`${from}T10:00:00Z`, `${q.to}T10:00:00Z`, `${q.from}T10:00:00Z`].entries()) {
    const r = await api(
      e2e.w,
      'hub_coordinator',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: `Builderchild${'abc'[i]}`, familyName: 'Fictional', sex: i === 0 ? 'male' : 'female' }, receivedAt: at }),
    );
    assert.equal(r.statusCode, 201, r.body);
  }
});
after(async () => {
  await e2e?.close();
});

const fillDate = async (page: Awaited<ReturnType<E2E['pageAs']>>, name: string, iso: string) => {
  await page.locator(`#${name}-day`).fill(String(Number(iso.slice(8))));
  await page.locator(`#${name}-month`).fill(String(Number(iso.slice(5, 7))));
  await page.locator(`#${name}-year`).fill(iso.slice(0, 4));
};

test('build a trend, refuse an unavailable breakdown, save it and open it by link as a scrutiny member; axe-clean', async () => {
  const page = await e2e.pageAs('hub_coordinator');
  await page.goto(e2e.url('/reports/builder'));
  await expectAccessible(page, 'the report builder form');

  await page.locator('#measure').selectOption('missing_episodes');
  await page.locator('#dimension1').selectOption('referrer_sector');
  await fillDate(page, 'from', from);
  await fillDate(page, 'to', q.to);
  await andWait(page, () => page.getByRole('button', { name: 'Show report' }).click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Missing episodes cannot be broken down by referrer \(sector\)/);
  await expectAccessible(page, 'the report builder with an error');

  await page.locator('#measure').selectOption('referrals');
  await page.locator('#dimension1').selectOption('quarter');
  await page.locator('#dimension2').selectOption('sex');
  await andWait(page, () => page.getByRole('button', { name: 'Show report' }).click());
  assert.match(await page.locator('[data-qa=report-counts]').innerText(), /counts referrals/);
  assert.equal(await page.locator('[data-qa=trend] svg[role=img]').count(), 1, 'the trend chart');
  assert.match((await page.locator('[data-qa=trend] svg title').first().textContent()) ?? '', /Referrals by quarter and sex/);
  const total = (await page.locator('[data-qa=report-table] [data-qa=total-row] td').last().innerText()).trim();
  assert.equal(total, '3');
  await expectAccessible(page, 'a trend of referrals by quarter and sex');

  await page.locator('#title').fill('Referrals by quarter and sex');
  await page.locator('#name').fill('referrals-quarter-sex');
  await andWait(page, () => page.getByRole('button', { name: 'Save report' }).click());
  assert.match(page.url(), /\/reports\/builder\/referrals-quarter-sex$/);
  assert.match(await page.locator('[data-qa=flash]').innerText(), /saved/);
  assert.equal(await page.locator('[data-qa=report-title]').innerText(), 'Referrals by quarter and sex');

  const scrutiny = await e2e.pageAs('scrutiny_member');
  await scrutiny.goto(e2e.url('/reports/builder/referrals-quarter-sex'));
  assert.match(await scrutiny.locator('[data-qa=suppression]').innerText(), /Published figures/);
  assert.equal((await scrutiny.locator('[data-qa=report-table] [data-qa=total-row] td').last().innerText()).trim(), 'c', '3 referrals shown as c');
  assert.equal(await scrutiny.locator('[data-qa=save-form]').count(), 0, 'scrutiny members do not save reports');
  await expectAccessible(scrutiny, 'a saved report opened by a scrutiny member');
});
