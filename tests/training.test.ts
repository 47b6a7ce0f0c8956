// Training: courses, cohorts, completions by API and import (CSV and XLSX, errors by line, confirm, no duplicates
// on re-import), compliance figures, reminders, exports safe against formula injection, reports with suppression.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { readImport } from '../src/modules/training/imports/job.ts';
import { createCohort, createCourse, sendReminders } from '../src/modules/training/use-cases/courses.ts';
import { confirmImport, getImport, startImport, uploadImport } from '../src/modules/training/use-cases/imports.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, csrfFrom, signedIn, type World, world } from './fixtures.ts';

let w: World;
let cohortId: string;
const today = ukDate(new Date());
const ago = (days: number) => addDays(today, -days);

before(async () => {
  w = await world();
  const admin = systemActor(w.partnershipId);
  const course = await w.svc.run(createCourse, admin, { name: 'CSE awareness for licensed drivers', level: 'Level 1', validityMonths: 36 });
  cohortId = (await w.svc.run(createCohort, admin, { name: 'Licensed drivers', courseId: course.id, rule: 'by_date', months: 18, startDate: ago(600) })).id;
});
after(() => w?.close());

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'));

async function importFile(file: Uint8Array, filename: string) {
  const admin = systemActor(w.partnershipId);
  const up = await w.svc.run(uploadImport, admin, { cohortId, filename, file });
  await w.svc.run(startImport, admin, { id: up.id, mapping: { reference: 'Licence', name: 'Name', organisation: 'Firm', completedOn: 'Completed' } });
  await readImport((uc, input) => w.svc.run(uc, admin, input), up.id);
  return w.svc.run(getImport, admin, { id: up.id });
}

test('an import shows errors by line, keeps nothing until confirmed, and importing the same file again adds nothing', async () => {
  const file = csv([
    ['Licence', 'Name', 'Firm', 'Completed'],
    ['TX-1', 'Alex Example', 'Example Cars', ago(10)],
    ['TX-2', 'Bo Example', 'Example Cars', 'not a date'],
    ['', 'No Reference', 'Example Cars', ago(5)],
    ['TX-3', 'Cy Example', '=HYPERLINK("x")', '1/2/2026'],
  ]);
  const i = await importFile(file, 'drivers.csv');
  assert.equal(i.status, 'ready');
  assert.equal(i.valid_rows, 2);
  assert.equal(i.error_rows, 2);
  assert.deepEqual(
    i.errors.map((e) => [e.line, e.field]),
    [
      [3, 'completedOn'],
      [4, 'reference'],
    ],
  );
  let cohorts = (await api(w, 'hub_coordinator', 'GET', '/api/v1/training/cohorts')).json();
  assert.equal(cohorts[0].members, 0, 'nothing kept before confirming');
  const done = await w.svc.run(confirmImport, systemActor(w.partnershipId), { id: i.id });
  assert.equal(done.addedCompletions, 2);
  cohorts = (await api(w, 'hub_coordinator', 'GET', '/api/v1/training/cohorts')).json();
  assert.deepEqual(Object.keys(cohorts[0]).slice(0, 7), ['id', 'name', 'course', 'members', 'compliant', 'percentCompliant', 'dueSoon']);
  assert.equal(cohorts[0].members, 2);
  assert.equal(cohorts[0].compliant, 2);
  assert.equal(cohorts[0].percentCompliant, 100);
  const again = await importFile(file, 'drivers.csv');
  const replay = await w.svc.run(confirmImport, systemActor(w.partnershipId), { id: again.id });
  assert.equal(replay.addedCompletions, 0, 'no duplicates');
  assert.equal(replay.addedMembers, 0);
});

test('an XLSX file imports the same way, dates as Excel dates', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Completions');
  ws.addRow(['Licence', 'Name', 'Firm', 'Completed']);
  ws.addRow(['TX-10', 'Dee Example', 'Other Cars', new Date(`${ago(3)}T00:00:00Z`)]);
  ws.addRow(['TX-11', 'Eve Example', 'Other Cars', 'tomorrow']);
  const i = await importFile(new Uint8Array(await wb.xlsx.writeBuffer()), 'drivers.xlsx');
  assert.equal(i.valid_rows, 1);
  assert.deepEqual(
    i.errors.map((e) => e.line),
    [3],
  );
});

test('the API records a completion once; a bad date is 422 naming the field; roles without the right get 403', async () => {
  const body = { cohortId, reference: 'TX-20', name: 'Flo Example', completedOn: ago(1) };
  const first = await api(w, 'hub_coordinator', 'POST', '/api/v1/training/completions', body);
  assert.equal(first.statusCode, 201);
  const second = await api(w, 'hub_coordinator', 'POST', '/api/v1/training/completions', body);
  assert.equal(second.statusCode, 200);
  assert.equal(second.json().created, false);
  const bad = await api(w, 'hub_coordinator', 'POST', '/api/v1/training/completions', { ...body, completedOn: '2026-02-30' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /completedOn/);
  assert.equal((await api(w, 'practitioner', 'POST', '/api/v1/training/completions', body)).statusCode, 403);
  assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/training/cohorts')).statusCode, 403);
  assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/training/cohorts')).statusCode, 403);
});

test('exports are safe against formula injection', async () => {
  const b = await signedIn(w, 'hub_coordinator');
  const res = await b.get(`/training/cohorts/${cohortId}/members.csv`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /'=HYPERLINK/);
  assert.doesNotMatch(res.body, /,=HYPERLINK/);
});

test('a scrutiny member sees the committee report with small numbers suppressed, but not the cohorts', async () => {
  const b = await signedIn(w, 'scrutiny_member');
  const page = await b.get('/training/reports');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Licensed drivers/);
  assert.match(page.body, />c</);
  assert.equal((await b.get(`/training/cohorts/${cohortId}`)).statusCode, 403);
  const x = await b.get('/training/reports.xlsx');
  assert.equal(x.statusCode, 200);
  const c = await b.get('/training/reports.csv');
  assert.match(c.body, /Licensed drivers/);
});

test('reminders: in-app for a member with an account, queued for e-mail otherwise', async () => {
  await api(w, 'hub_coordinator', 'POST', '/api/v1/training/completions', {
    cohortId,
    reference: 'TX-30',
    name: 'Test hub_member',
    email: w.users.hub_member.email,
    completedOn: ago(36 * 31),
  });
  await api(w, 'hub_coordinator', 'POST', '/api/v1/training/completions', {
    cohortId,
    reference: 'TX-31',
    name: 'Gil Example',
    email: 'gil@example.com',
    completedOn: ago(36 * 31),
  });
  const r = await w.svc.run(sendReminders, systemActor(w.partnershipId), { cohortId });
  assert.equal(r.inApp.length, 1);
  assert.equal(r.queued, 1);
  const b = await signedIn(w, 'hub_member');
  const n = await b.get('/notifications');
  assert.match(n.body, /training/i);
});

test('pages: the cohort page shows the figures, the trend and the members; the import pages work without JavaScript', async () => {
  const b = await signedIn(w, 'partnership_admin');
  const page = await b.get(`/training/cohorts/${cohortId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Compliance over time/);
  const form = await b.get('/training/imports/new');
  assert.equal(form.statusCode, 200);
  const boundary = '----jigsawtest';
  const file = csv([
    ['Licence', 'Name', 'Firm', 'Completed'],
    ['TX-40', 'Hal Example', 'Example Cars', ago(2)],
  ]);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrfFrom(form.body)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="cohortId"\r\n\r\n${cohortId}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="d.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = b.jar.take(
    await w.app.inject({
      method: 'POST',
      url: '/training/imports',
      payload,
      headers: { cookie: b.jar.header, 'content-type': `multipart/form-data; boundary=${boundary}` },
    }),
  );
  assert.equal(up.statusCode, 303, up.body.slice(0, 500));
  const mapping = await b.get(up.headers.location as string);
  assert.match(mapping.body, /Choose the columns/);
  assert.match(mapping.body, /<option value="Licence" selected>/, 'the likely column is chosen');
  const start = await b.submit(up.headers.location as string, `${up.headers.location}/start`, {
    'mapping.reference': 'Licence',
    'mapping.name': 'Name',
    'mapping.completedOn': 'Completed',
  });
  assert.equal(start.statusCode, 303);
  let i = await b.get(up.headers.location as string);
  for (let n = 0; n < 50 && /Reading the file/.test(i.body); n++) {
    assert.match(i.body, /http-equiv="refresh"/);
    await new Promise((r) => setTimeout(r, 50));
    i = await b.get(up.headers.location as string);
  }
  assert.match(i.body, /Confirm and import 1 valid rows/);
  const confirmed = await b.submit(up.headers.location as string, `${up.headers.location}/confirm`, {});
  assert.equal(confirmed.statusCode, 303);
});

test('jigsaw training import: errors by row, nothing kept without --confirm, then kept', async () => {
  const { trainingImportCommand } = await import('../src/modules/training/cli.ts');
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'jigsaw-training-')), 'c.csv');
  writeFileSync(file, `Licence,Name,Completed\nTX-50,Ivy Example,${ago(4)}\nTX-51,,${ago(4)}\n`);
  const lines: string[] = [];
  const admin = systemActor(w.partnershipId);
  assert.equal(await trainingImportCommand(w.svc, admin, { cohort: 'licensed drivers', file }, (l) => lines.push(l)), 1);
  assert.match(lines.join('\n'), /row 3, Name: Enter the name/);
  assert.match(lines.join('\n'), /Nothing kept/);
  lines.length = 0;
  assert.equal(await trainingImportCommand(w.svc, admin, { cohort: 'Licensed drivers', file, confirm: true }, (l) => lines.push(l)), 0);
  assert.match(lines.join('\n'), /1 completions added/);
});
