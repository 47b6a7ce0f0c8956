// In a real browser: the partnership administrator opens Disclosure control from Admin, types a threshold that is
// not a number (the error summary links to the field), then sets threshold 2 with rounding to the nearest 5 and
// secondary suppression off; the page states the new rule. A scrutiny member's triage report then says so. Every
// page axe clean at 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ requireMfa: false });
});
after(async () => {
  await e2e?.close();
});

test('the administrator sets the partnership’s disclosure rule; the published triage report follows it', async () => {
  const admin = await e2e.pageAs('partnership_admin');
  await admin.goto(e2e.url('/admin'));
  await andWait(admin, () => admin.locator('[data-qa=admin-pages]').getByRole('link', { name: 'Disclosure control' }).click());
  assert.match(await admin.locator('[data-qa=current-rule]').innerText(), /counts from 1 to 5 are shown as c/);
  await expectAccessible(admin, 'the disclosure control page');

  await admin.getByLabel('Largest count shown as c').fill('two');
  await andWait(admin, () => admin.getByRole('button', { name: 'Save the rule' }).click());
  const summary = admin.locator('.govuk-error-summary');
  assert.match(await summary.innerText(), /The threshold must be a whole number from 0 to 10/);
  assert.equal(await summary.locator('a[href="#threshold"]').count(), 1, 'the error links to its field');
  await expectAccessible(admin, 'the disclosure control page with an error');

  await admin.getByLabel('Largest count shown as c').fill('2');
  await admin.getByLabel('Round to the nearest 5').check();
  await admin.getByLabel('Off: hide only the small counts themselves').check();
  await andWait(admin, () => admin.getByRole('button', { name: 'Save the rule' }).click());
  assert.match(await admin.locator('[data-qa=current-rule]').innerText(), /counts from 1 to 2 are shown as c; figures are rounded to the nearest 5/);
  await expectAccessible(admin, 'the disclosure control page after saving');

  const scrutiny = await e2e.pageAs('scrutiny_member');
  await scrutiny.goto(e2e.url('/reports/triage'));
  assert.match(await scrutiny.locator('[data-qa=disclosure-note]').innerText(), /counts from 1 to 2 are shown as c; figures are rounded to the nearest 5/);
  await expectAccessible(scrutiny, 'the published triage report under the partnership’s rule');
  const rule = await api(e2e.w, 'scrutiny_member', 'GET', '/api/v1/disclosure-rule');
  const { threshold, rounding, secondary } = rule.json() as { threshold: number; rounding: string; secondary: boolean };
  assert.deepEqual({ threshold, rounding, secondary }, { threshold: 2, rounding: 'nearest_5', secondary: false });
});
