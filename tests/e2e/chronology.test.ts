// In a real browser: the hub opens a child's chronology from the overview, filters it by kind and date with the GOV.UK
// inputs, sees the Print button (shown by its script) and the print stylesheet hiding everything but the chronology;
// the page is axe clean and reflows at 320 px, with errors and with results.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, pathOf, startE2E } from './browser.ts';

let e2e: E2E;
let child: string;

before(async () => {
  e2e = await startE2E({ requireMfa: false });
  const w = e2e.w;
  const r = (
    await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Chronotest', familyName: 'Fictional' } }))
  ).json();
  child = r.personId;
  await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/screenings`, { answers: {} });
  await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: older associates.',
    actions: [{ description: 'Fictional: strategy discussion', ownerAgencyId: w.agencies.hub, dueDate: addDays(ukDate(new Date()), 3) }],
  });
});
after(() => e2e?.close());

test('the hub follows the overview to the chronology, filters it, and can print it', async () => {
  const page = await e2e.pageAs('hub_coordinator');
  await page.goto(e2e.url(`/people/${child}`));
  assert.match(await page.locator('[data-qa=timeline]').innerText(), /Triage decision: Medium risk/);
  await expectAccessible(page, 'the child’s overview with the latest events');
  await andWait(page, () => page.locator('[data-qa=full-chronology]').click());
  assert.equal(pathOf(page), `/people/${child}/chronology`);
  assert.ok(await page.locator('[data-qa=print]').isVisible(), 'the Print button is shown when its script runs');
  await expectAccessible(page, 'the chronology');

  await page.getByLabel('Screenings').check();
  await andWait(page, () => page.locator('[data-qa=apply-filters]').click());
  assert.match(await page.locator('[data-qa=chronology-count]').innerText(), /^1 event match these filters/);
  assert.match(await page.locator('[data-qa=chronology-items]').innerText(), /Screened/);

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('[data-qa=chronology-filters]').isVisible(), false, 'the filters are not printed');
  assert.equal(await page.locator('.moj-sub-navigation').isVisible(), false);
  assert.ok(await page.locator('[data-qa=chronology-items]').isVisible());
  await page.emulateMedia({ media: 'screen' });

  await page.locator('#from-day').fill('31');
  await page.locator('#from-month').fill('2');
  await page.locator('#from-year').fill('2026');
  await andWait(page, () => page.locator('[data-qa=apply-filters]').click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /The start date must be a real date/);
  await expectAccessible(page, 'the chronology with a date error');
});
