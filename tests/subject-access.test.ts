// Subject access (issue 20.2): everything held about a child across modules, in JSON and printable HTML; the
// referrer, an intelligence source, another person named in free text and restricted (C) intelligence marked in the
// review copy and redacted in the release copy; each release logged (when, by whom, to whom) and audited; only
// information governance may do it; the command's bad options name the option. The page does the same with the
// same export (GOV.UK error summary, downloads, the release log) and rectification keeps each corrected value's history.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { sarExportCommand } from '../src/modules/subject-access/cli.ts';
import { previewSubjectAccess } from '../src/modules/subject-access/use-cases.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import type { Problem } from '../src/platform/http/problems.ts';
import { cli } from './cli-setup.ts';
import { api, type Browser, csrfFrom, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let dir: string;
let childId: string;
before(async () => {
  w = await world();
  dir = mkdtempSync(join(tmpdir(), 'jigsaw-sar-'));
  const referral = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody());
  assert.equal(referral.statusCode, 201, referral.body);
  childId = referral.json().personId;
  const open = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
    summary: 'Fictional: the child was seen with Adult Wye outside the takeaway on Station Road.',
    category: 'cse',
    occurredOn: '2026-01-10',
    grading: '2BP',
    sourceRecord: 'TEST-SOURCE-0042',
    entities: [
      { ref: 'wye', kind: 'person', label: 'Adult Wye' },
      { ref: 'child', personId: childId },
    ],
    links: [{ from: 'child', to: 'wye', type: 'seen_with', fromRole: 'victim' }],
  });
  assert.equal(open.statusCode, 201, open.body);
  const restricted = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
    summary: 'Fictional: covert source says the child is taken to the Fictional Lodge at weekends.',
    category: 'cse',
    occurredOn: '2026-01-12',
    grading: '1AC',
    handlingConditions: 'Police intelligence only.',
    entities: [
      { ref: 'hotel', kind: 'location', label: 'Fictional Lodge', locationType: 'hotel', ward: 'Dunmere' },
      { ref: 'child', personId: childId },
    ],
    links: [{ from: 'child', to: 'hotel', type: 'seen_at', fromRole: 'victim' }],
  });
  assert.equal(restricted.statusCode, 201, restricted.body);
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await w?.close();
});

const admin = () => systemActor(w.partnershipId);
/** Posts a form with a CSRF token already read (each page load builds the whole review copy: slower). */
const post = (b: Browser, url: string, csrf: string, fields: Record<string, string>) => b.post(url, new URLSearchParams({ _csrf: csrf, ...fields }).toString());
type Exported = { copy: string; redactions: number; sections: { table: string; records: { name: string; value: unknown; redact?: string }[][] }[] };
const field = (e: Exported, table: string, name: string) =>
  e.sections.find((s) => s.table === table)?.records.flatMap((r) => r.filter((f) => f.name === name)) ?? [];

test('the release copy has every module’s records with third parties and restricted intelligence redacted, and is logged', async () => {
  const file = join(dir, 'release.json');
  const lines: string[] = [];
  assert.equal(await sarExportCommand(w.svc, admin(), { person: childId, out: file, to: 'The child’s mother, collected in person' }, (l) => lines.push(l)), 0);
  assert.match(lines[0], /^Release copy of \d+ records in \d+ sections written to .*release\.json \(\d+ redacted\)\.$/);
  const e = JSON.parse(readFileSync(file, 'utf8')) as Exported;
  assert.equal(e.copy, 'release');
  const tables = e.sections.map((s) => s.table);
  for (const t of ['person', 'referral', 'intel_entity', 'intel_link', 'intel_item']) assert.ok(tables.includes(t), `${t} exported (${tables})`);
  assert.equal(field(e, 'person', 'nhs_number')[0].value, '9990000018', "the person's own details are theirs");
  assert.deepEqual(field(e, 'referral', 'referrer_name')[0], { name: 'referrer_name', value: '[redacted]', redact: 'third party' });
  assert.equal(field(e, 'referral', 'referrer_contact')[0].value, '[redacted]');
  const summaries = field(e, 'intel_item', 'summary').map((f) => f.value);
  assert.ok(summaries.includes('Fictional: the child was seen with [third party] outside the takeaway on Station Road.'), String(summaries));
  assert.ok(summaries.includes('[redacted]'), 'the C item is withheld');
  assert.ok(!JSON.stringify(e).includes('Adult Wye') && !JSON.stringify(e).includes('TEST-SOURCE-0042') && !JSON.stringify(e).includes('covert source'));
  assert.ok(!JSON.stringify(e).includes('Test Referrer'));
  assert.ok(!JSON.stringify(e).includes('partnership_id'));

  const log = await sql<{ released_to: string; format: string; released_by_label: string }>`
    select released_to, format, released_by_label from subject_access_release where person_id = ${childId}`.execute(w.database.db);
  assert.deepEqual(log.rows, [{ released_to: 'The child’s mother, collected in person', format: 'json', released_by_label: 'jigsaw command line' }]);
  const audited = await sql<{ n: string }>`select count(*) as n from audit_event where action = 'subject_access.released' and person_id = ${childId}`.execute(
    w.database.db,
  );
  assert.equal(Number(audited.rows[0].n), 1);
});

test('the review copy (HTML by extension) shows what is to be redacted and is not logged as a release', async () => {
  const file = join(dir, 'review.html');
  assert.equal(await sarExportCommand(w.svc, admin(), { person: childId, out: file, review: true }, () => {}), 0);
  const html = readFileSync(file, 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.ok(html.includes('Test Referrer') && html.includes('[to redact: third party]') && html.includes('[to redact: restricted intelligence]'));
  assert.ok(html.includes('Review copy, not for release'));
  const log = await sql<{ n: string }>`select count(*) as n from subject_access_release where person_id = ${childId}`.execute(w.database.db);
  assert.equal(Number(log.rows[0].n), 1, 'only the release is logged');
});

test('only information governance may: other roles are refused', async () => {
  for (const role of ['practitioner', 'hub_coordinator', 'partnership_admin'] as const) {
    const actor = { ...systemActor(w.partnershipId), role, userId: w.users[role].id, via: 'session' as const };
    await assert.rejects(w.svc.run(previewSubjectAccess, actor, { personId: childId }), (e: Problem) => e.status === 403, role);
  }
  const ig = { ...systemActor(w.partnershipId), role: 'information_governance' as const, userId: w.users.information_governance.id, via: 'session' as const };
  const preview = (await w.svc.run(previewSubjectAccess, ig, { personId: childId })) as { releases: unknown[] };
  assert.equal(preview.releases.length, 1);
});

test('bad options name the option', async () => {
  const refused = async (a: Parameters<typeof sarExportCommand>[2], option: string) =>
    assert.rejects(
      sarExportCommand(w.svc, admin(), a, () => {}),
      (e: Problem) => e.errors.some((f) => f.field === option),
      option,
    );
  await refused({ out: join(dir, 'x.json'), to: 'someone' }, 'person');
  await refused({ person: childId, to: 'someone' }, 'out');
  await refused({ person: childId, out: join(dir, 'x.pdf'), to: 'someone' }, 'format');
  await refused({ person: childId, out: join(dir, 'x.json'), format: 'pdf', to: 'someone' }, 'format');
  await refused({ person: childId, out: join(dir, 'x.json'), to: '  ' }, 'to');
  await assert.rejects(
    sarExportCommand(w.svc, admin(), { person: '7b0c4d9e-0000-4000-8000-000000000000', out: join(dir, 'x.json'), to: 'someone' }, () => {}),
    (e: Problem) => e.status === 404,
  );
  // Through the command itself: exit code 1 and the option named.
  const c = await cli('sar');
  try {
    const format = await c.jigsaw(['sar', 'export', '--person', childId, '--out', join(dir, 'x.pdf'), '--to', 'someone']);
    assert.equal(format.code, 1, format.stderr);
    assert.match(format.stderr, /--format: /);
  } finally {
    await c.cleanup();
  }
});

test('the subject access page: information governance reviews everything with redactions marked and the release log; others are refused', async () => {
  const ig = await signedIn(w, 'information_governance');
  const page = await ig.get(`/governance/people/${childId}/subject-access`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /Subject access: Testchild Fictional/);
  assert.match(page.body, /data-qa="section-referral"/);
  assert.match(page.body, /To redact: third party/);
  assert.match(page.body, /To redact: restricted intelligence/);
  assert.match(page.body, /The child’s mother, collected in person/, 'the command’s release is in the log');
  const previewed = await sql<{
    n: string;
  }>`select count(*) as n from audit_event where action = 'subject_access.previewed' and person_id = ${childId}`.execute(w.database.db);
  assert.ok(Number(previewed.rows[0].n) >= 1);
  const review = await ig.get(`/governance/people/${childId}/subject-access/review.html`);
  assert.equal(review.statusCode, 200);
  assert.match(String(review.headers['content-disposition']), /attachment; filename="subject-access-.*\.review\.html"/);
  assert.match(review.body, /Review copy, not for release/);
  for (const role of ['practitioner', 'hub_coordinator', 'partnership_admin'] as const) {
    const b = await signedIn(w, role);
    assert.equal((await b.get(`/governance/people/${childId}/subject-access`)).statusCode, 403, role);
  }
  assert.equal((await ig.get('/governance/people/7b0c4d9e-0000-4000-8000-000000000000/subject-access')).statusCode, 404);
});

test('releasing from the page: an error summary when the recipient is missing; the redacted JSON download, logged and listed', async () => {
  const ig = await signedIn(w, 'information_governance');
  const url = `/governance/people/${childId}/subject-access`;
  const csrf = csrfFrom((await ig.get(url)).body);
  const bad = await post(ig, url, csrf, { releasedTo: ' ', format: 'json' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /href="#releasedTo">Enter who receives the copy/);
  const released = await post(ig, url, csrf, { releasedTo: 'The child’s solicitor, by secure e-mail', format: 'json' });
  assert.equal(released.statusCode, 200, released.body);
  assert.match(String(released.headers['content-disposition']), /attachment; filename="subject-access-.*\.json"/);
  const e = JSON.parse(released.body) as Exported;
  assert.equal(e.copy, 'release');
  assert.ok(!released.body.includes('Test Referrer') && !released.body.includes('Adult Wye'), 'third parties redacted');
  const html = await post(ig, url, csrf, { releasedTo: 'The child, in person', format: 'html' });
  assert.match(html.body, /^<!doctype html>/);
  assert.match(html.body, /Release copy: \d+ items redacted/);
  const page = await ig.get(url);
  assert.match(page.body, /The child’s solicitor, by secure e-mail/);
  assert.match(page.body, /The child, in person/);
  const log = await sql<{ n: string }>`select count(*) as n from subject_access_release where person_id = ${childId}`.execute(w.database.db);
  assert.equal(Number(log.rows[0].n), 3);
  const other = await signedIn(w, 'hub_coordinator');
  assert.equal((await other.post(url, `_csrf=${csrfFrom(page.body)}&releasedTo=x&format=json`)).statusCode, 403);
});

test('rectification: a corrected detail keeps its old value, who, when and why, shown on the page and in the export', async () => {
  const ig = await signedIn(w, 'information_governance');
  const url = `/governance/people/${childId}/subject-access`;
  const action = `/governance/people/${childId}/rectifications`;
  const csrf = csrfFrom((await ig.get(url)).body);
  const noReason = await post(ig, action, csrf, { field: 'familyName', value: 'Fictionalson', reason: '' });
  assert.equal(noReason.statusCode, 422);
  assert.match(noReason.body, /href="#reason">Say why the detail was wrong/);
  assert.match(noReason.body, /value="Fictionalson"/, 'what was typed is kept');
  const future = await post(ig, action, csrf, {
    field: 'dateOfBirth',
    'dateOfBirth-day': '1',
    'dateOfBirth-month': '1',
    'dateOfBirth-year': '2999',
    reason: 'x',
  });
  assert.equal(future.statusCode, 422);
  assert.match(future.body, /href="#dateOfBirth-day">Date of birth must be in the past/);
  const blankName = await post(ig, action, csrf, { field: 'givenName', value: '', reason: 'x' });
  assert.match(blankName.body, /href="#value">Enter the correct given name/);

  const ok = await post(ig, action, csrf, {
    field: 'dateOfBirth',
    'dateOfBirth-day': '17',
    'dateOfBirth-month': '6',
    'dateOfBirth-year': '2012',
    reason: 'Birth certificate seen: the month was recorded wrongly.',
  });
  assert.equal(ok.statusCode, 303, ok.body);
  const person = await sql<{ date_of_birth: unknown }>`select date_of_birth::text as date_of_birth from person where id = ${childId}`.execute(w.database.db);
  assert.equal(person.rows[0].date_of_birth, '2012-06-17');
  const page = await ig.get(url);
  assert.match(page.body, /data-qa="rectifications"/);
  assert.match(page.body, /2012-05-17/);
  assert.match(page.body, /Birth certificate seen: the month was recorded wrongly\./);
  const { export: e } = (await w.svc.run(previewSubjectAccess, { ...admin(), role: 'information_governance' }, { personId: childId })) as { export: Exported };
  assert.deepEqual(
    field(e, 'person_rectification', 'old_value').map((f) => f.value),
    ['2012-05-17'],
  );
  const audit = await sql<{
    details: Record<string, unknown>;
  }>`select details from audit_event where action = 'person.rectified' and person_id = ${childId}`.execute(w.database.db);
  assert.equal(audit.rows.length, 1);
  assert.equal(audit.rows[0].details.field, 'dateOfBirth');
  assert.ok(!JSON.stringify(audit.rows[0].details).includes('2012'), 'no personal values in the audit trail');
  const chronology = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${childId}/chronology`);
  assert.match(chronology.body, /Date of birth corrected by information governance \(the earlier value is kept\)\./);
  assert.ok(!chronology.body.includes('2012-05-17'), 'the chronology names the detail, not its values');
  const hub = await signedIn(w, 'hub_coordinator');
  assert.equal((await hub.post(action, `_csrf=${csrfFrom(page.body)}&field=familyName&value=X&reason=y`)).statusCode, 403);
});
