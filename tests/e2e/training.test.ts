// In a real browser: an administrator imports a completions spreadsheet with two bad rows, sees them by row
// number, fixes the file, imports it again and confirms, and sees the cohort's compliance change; axe-clean.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCohort, createCourse } from '../../src/modules/training/use-cases/courses.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { addDays, ukDate } from '../../src/platform/time.ts';
import { api } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, signInAs, startE2E } from './browser.ts';

let e2e: E2E;
const today = ukDate(new Date());
before(async () => {
  e2e = await startE2E();
  const admin = systemActor(e2e.w.partnershipId);
  const course = await e2e.w.svc.run(createCourse, admin, { name: 'CSE awareness for licensed drivers', validityMonths: 36 });
  const cohort = await e2e.w.svc.run(createCohort, admin, { name: 'Licensed drivers', courseId: course.id, rule: 'from_joining', months: 1 });
  // Four drivers, two trained: 50%.
  for (const [ref, done] of [
    ['TX-1', true],
    ['TX-2', true],
    ['TX-3', false],
    ['TX-4', false],
  ] as const) {
    await api(e2e.w, 'partnership_admin', 'POST', '/api/v1/training/completions', {
      cohortId: cohort.id,
      reference: ref,
      name: `Driver ${ref} (fictional)`,
      completedOn: done ? addDays(today, -10) : addDays(today, -2000),
    });
  }
});
after(async () => {
  await e2e?.close();
});

const sheet = (rows: string[][]) => ({ name: 'drivers.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.map((r) => r.join(',')).join('\n')) });

test('import with two bad rows, fix, confirm: compliance goes up; axe-clean throughout', async () => {
  const { page } = await e2e.newPage();
  await signInAs(page, e2e, 'partnership_admin');
  await page.goto(e2e.url('/training'));
  assert.match(await page.locator('[data-qa="percent-Licensed drivers"]').innerText(), /^50%$/);
  await expectAccessible(page, 'the training page');

  const upload = async (rows: string[][]) => {
    await page.goto(e2e.url('/training/imports/new'));
    await page.getByLabel('Cohort').selectOption({ label: 'Licensed drivers (CSE awareness for licensed drivers)' });
    await page.getByLabel('Spreadsheet').setInputFiles(sheet(rows));
    await andWait(page, () => page.getByRole('button', { name: 'Upload' }).click());
    assert.match(await page.locator('h1').innerText(), /Choose the columns/);
    await andWait(page, () => page.getByRole('button', { name: 'Read the file' }).click());
    await page.waitForSelector('text=Check the import', { timeout: 20_000 });
  };

  await page.goto(e2e.url('/training/imports/new'));
  await expectAccessible(page, 'the import form');
  const bad = [
    ['Licence', 'Name', 'Completed'],
    ['TX-3', 'Driver TX-3 (fictional)', addDays(today, -1)],
    ['TX-4', 'Driver TX-4 (fictional)', '31/02/2026'],
    ['', 'Driver with no licence (fictional)', addDays(today, -1)],
  ];
  await upload(bad);
  assert.equal(await page.locator('[data-qa=valid-rows]').innerText(), '1');
  assert.equal(await page.locator('[data-qa=error-rows]').innerText(), '2');
  const errors = await page.locator('[data-qa=row-errors]').innerText();
  assert.match(errors, /3\s+Completed\s+“31\/02\/2026” is not a date/);
  assert.match(errors, /4\s+Licence\s+Enter the reference/);
  await expectAccessible(page, 'the import check with errors');
  await andWait(page, () => page.getByRole('button', { name: 'Cancel the import' }).click());

  // Fixed in the spreadsheet and imported again: no errors; confirm.
  await upload([
    bad[0],
    bad[1],
    ['TX-4', 'Driver TX-4 (fictional)', '2/1/2026'.replace('2026', today.slice(0, 4))],
    ['TX-5', 'Driver TX-5 (fictional)', addDays(today, -1)],
  ]);
  assert.equal(await page.locator('[data-qa=error-rows]').innerText(), '0');
  await andWait(page, () => page.locator('[data-qa=confirm]').click());
  assert.match(await page.locator('[data-qa=compliant]').innerText(), /^5 \(100%\)$/);
  await expectAccessible(page, 'the cohort after the import');
  await page.goto(e2e.url('/training'));
  assert.match(await page.locator('[data-qa="percent-Licensed drivers"]').innerText(), /^100%$/);
});
