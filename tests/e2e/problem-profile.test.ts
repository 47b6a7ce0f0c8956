// In a real browser: the problem profile for a period chosen with the GOV.UK date inputs, a date that is not real
// refused with the error summary, the profile's sections and the Word download link; axe-clean at 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { lastWholeQuarter } from '../../src/modules/reports/domain.ts';
import { ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
  await api(e2e.w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Profilechild', familyName: 'Fictional' } }));
});
after(async () => {
  await e2e?.close();
});

test('choose a period, see every section, a refused date in the error summary; axe-clean', async () => {
  const page = await e2e.pageAs('hub_coordinator');
  await page.goto(e2e.url('/reports/problem-profile'));
  const q = lastWholeQuarter(ukDate(new Date()));
  assert.equal(await page.locator('#from-day').inputValue(), String(Number(q.from.slice(8))), 'the last whole quarter by default');
  await expectAccessible(page, 'the problem profile');

  const today = ukDate(new Date());
  await page.locator('#from-day').fill('1');
  await page.locator('#from-month').fill(String(Number(today.slice(5, 7))));
  await page.locator('#from-year').fill(today.slice(0, 4));
  await page.locator('#to-day').fill(String(Number(today.slice(8))));
  await page.locator('#to-month').fill(String(Number(today.slice(5, 7))));
  await page.locator('#to-year').fill(today.slice(0, 4));
  await andWait(page, () => page.getByRole('button', { name: 'Show the profile' }).click());
  for (const heading of [
    'Demand',
    'Victims’ profile',
    'Persons of concern',
    'Locations and hotspots',
    'Themes',
    'Disruption',
    'Missing',
    'Support and outcomes',
  ]) {
    assert.equal(await page.getByRole('heading', { level: 2, name: heading }).count(), 1, heading);
  }
  assert.equal(
    await page
      .locator('[data-qa=table-referrals-by-quarter] [data-qa=total-row]')
      .innerText()
      .then((t) => t.trim().split(/\s+/).pop()),
    '1',
    'this month’s referral',
  );
  assert.match((await page.locator('[data-qa=profile-docx]').getAttribute('href')) ?? '', /problem-profile\.docx\?from=/);
  await expectAccessible(page, 'the problem profile for this month');

  await page.locator('#to-day').fill('31');
  await page.locator('#to-month').fill('2');
  await andWait(page, () => page.getByRole('button', { name: 'Show the profile' }).click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /end date|To|real date|date/i);
  await expectAccessible(page, 'the problem profile with a refused date');
});
