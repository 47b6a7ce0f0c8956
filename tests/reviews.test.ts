// Reviews and recommendations (issue 13): the executive response parser (seed 003's shape), the import by API, page
// and command line, progress updates and sign-off, actions in the tracker, the exports (Word parsed back), and who
// may do what.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import { nextUpdateOn } from '../src/modules/reviews/domain.ts';
import { openingDate, parseExecutiveResponse, readComment, readLead } from '../src/modules/reviews/executive-response.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { cli as commandLine } from './cli-setup.ts';
import { api, csrfFrom, signedIn, type World, world } from './fixtures.ts';

const SEED = readFileSync(join(import.meta.dirname, '../../shared/seeds/003_13dd3b83a230b917.txt'), 'utf8');
const today = ukDate(new Date());

describe('reading an executive response (pure)', () => {
  test('seed 003: 24 recommendations, 20 completed, 2 in progress (accepted), 2 outstanding, as the document says', () => {
    const r = parseExecutiveResponse(SEED);
    assert.ok(r.ok);
    assert.equal(r.title, 'Appendix 1 Executive response: Scrutiny Review of Child Sexual Exploitation');
    assert.deepEqual(
      r.recommendations.map((x) => x.number),
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
    const by = (s: string) => r.recommendations.filter((x) => x.status === s).map((x) => x.number);
    assert.deepEqual(by('outstanding'), [12, 17]);
    assert.deepEqual(by('in_progress'), [6, 8]);
    assert.equal(by('completed').length, 20);
    assert.ok(r.recommendations.every((x) => x.response === 'accepted'));
    const one = r.recommendations[0];
    assert.equal(one.leadOfficer, 'Dawn Williams, Head of Safeguarding');
    assert.equal(one.leadOrganisation, 'City of Wolverhampton Council');
    assert.equal(one.addressee, 'The Head of Safeguarding');
    assert.equal(r.recommendations[21].leadOrganisation, 'West Midlands Police');
    // Recommendation 4's second paragraph comes before its table.
    assert.match(r.recommendations[3].text, /reported six monthly/);
    // Recommendation 12's row goes on after a page break: "This has yet to be received."
    assert.match(r.recommendations[11].progress.at(-1)?.text ?? '', /This has yet to be received\.$/);
    // Dated progress: recommendation 16 from "Jan 2016 - ..." on.
    assert.deepEqual(
      r.recommendations[15].progress.map((p) => p.datedOn),
      [null, '2016-01-01', '2016-04-01', '2016-06-01', '2016-06-01'],
    );
    assert.deepEqual(
      r.unread.map((u) => u.line),
      [101, 103, 105],
      'the closing notes are not recommendations',
    );
    // "At the start of December 2016 the Head of Safeguarding ... wrote to BCPFT for an update. This has yet to be received."
    assert.deepEqual(
      r.recommendations.filter((x) => x.awaiting.length).map((x) => [x.number, x.awaiting]),
      [
        [12, [{ requestedOf: 'BCPFT', requestedOn: '2016-12-01' }]],
        [17, [{ requestedOf: 'CCG and BCPFT', requestedOn: '2016-12-01' }]],
      ],
    );
  });

  test('comments, dates and leads', () => {
    assert.deepEqual(readComment('<p>Accepted – completed</p>'), { response: 'accepted', status: 'completed', comment: 'Accepted - completed' });
    assert.equal(readComment('Accepted - Completed')?.status, 'completed');
    assert.equal(readComment('<p>Accepted</p>')?.status, 'in_progress');
    assert.equal(readComment('Partly accepted - outstanding')?.response, 'partly_accepted');
    assert.equal(readComment('Not accepted')?.status, 'not_started');
    assert.equal(readComment('Maybe later'), null);
    assert.equal(openingDate('September 2016 – revised reporting timescale'), '2016-09-01');
    assert.equal(openingDate('Update 1.11.16'), '2016-11-01');
    assert.equal(openingDate('Sept 2016 update'), '2016-09-01');
    assert.equal(openingDate('The first newsletter will be published in September 2016'), null);
    assert.deepEqual(readLead('Alan Coe, Chair of WSCB'), { leadOfficer: 'Alan Coe, Chair of WSCB', leadOrganisation: null });
    assert.deepEqual(readLead('Alan Coe, Chair, WSCB'), { leadOfficer: 'Alan Coe, Chair', leadOrganisation: 'WSCB' });
  });

  test('a file not in that shape is refused, with the reason', () => {
    const r = parseExecutiveResponse('Name,Date\nA fictional person,2026-01-01\n');
    assert.equal(r.ok, false);
    assert.match(r.unread[0].message, /not an executive response/);
    const noTable = parseExecutiveResponse('Recommendation 1. Someone to do something.\nRecommendation 2. Another thing.\n');
    assert.equal(noTable.ok, false);
  });

  test('an unknown comment and a repeated number are reported by line', () => {
    const text = [
      'Recommendation 1. The fictional lead to do a thing.',
      'Comment\tTimescale/progress so far\tLead Officer/Organisation',
      'Perhaps\tNothing yet.\tA Officer, Northmoor Council',
      'Recommendation 1. Again.',
    ].join('\n');
    const r = parseExecutiveResponse(text);
    assert.ok(r.ok);
    assert.equal(r.recommendations.length, 1);
    assert.equal(r.recommendations[0].status, 'not_started');
    assert.deepEqual(
      r.unread.map((u) => u.line),
      [3, 4],
    );
  });
});

describe('reviews in the partnership', () => {
  let w: World;
  let reviewId: string;
  before(async () => {
    w = await world();
  });
  after(() => w?.close());

  const audits = (action: string) =>
    w.database.db
      .selectFrom('audit_event')
      .select(['resource_id', 'person_id', 'actor_id'])
      .where('partnership_id', '=', w.partnershipId)
      .where('action', '=', action)
      .execute();

  test('a file not in the shape writes nothing (422 naming the file)', async () => {
    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/reviews/import', { name: 'Not a response (fictional)', text: 'just,a,csv\n1,2,3\n' });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().errors[0].field, 'file');
    assert.deepEqual((await api(w, 'hub_coordinator', 'GET', '/api/v1/reviews')).json(), []);
  });

  test('the hub imports seed 003; scrutiny members read it; others may not', async () => {
    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/reviews/import', { name: 'Scrutiny Review of CSE (seed 003)', text: SEED });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.recommendations, 24);
    assert.deepEqual(
      body.unread.map((u: { line: number }) => u.line),
      [101, 103, 105],
    );
    reviewId = body.id;
    assert.equal((await audits('review.imported')).length, 1);

    const list = await api(w, 'scrutiny_member', 'GET', '/api/v1/reviews');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().map((r: { id: string; name: string }) => [r.id, r.name]),
      [[reviewId, 'Scrutiny Review of CSE (seed 003)']],
    );
    const recs = await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}/recommendations`);
    assert.equal(recs.statusCode, 200);
    const items = recs.json() as { number: number; status: string; leadOfficer: string; response: string; progress: { text: string }[] }[];
    assert.equal(items.length, 24);
    assert.deepEqual(
      items.filter((r) => r.status === 'outstanding').map((r) => r.number),
      [12, 17],
    );
    assert.equal(items[0].leadOfficer, 'Dawn Williams, Head of Safeguarding');
    assert.equal(items[0].response, 'accepted');
    assert.match(items[0].progress[0].text, /first newsletter/);

    assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/reviews')).statusCode, 403);
    const paths = Object.keys((await api(w, null, 'GET', '/api/openapi.json')).json().paths);
    for (const p of ['/api/v1/reviews', '/api/v1/reviews/{id}/recommendations', '/api/v1/reviews/{id}/export', '/api/v1/reviews/import'])
      assert.ok(paths.includes(p), p);
    assert.equal((await api(w, 'scrutiny_member', 'POST', '/api/v1/reviews', { name: 'X', kind: 'audit' })).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'POST', `/api/v1/reviews/${reviewId}/recommendations/1/progress`, { text: 'Fictional' })).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${crypto.randomUUID()}/recommendations`)).statusCode, 404);
    const dup = await api(w, 'hub_coordinator', 'POST', '/api/v1/reviews/import', { name: 'Scrutiny Review of CSE (seed 003)', text: SEED });
    assert.equal(dup.statusCode, 422);
    assert.equal(dup.json().errors[0].field, 'name');
  });

  test('a progress update with its author and date; completion only by sign-off, in a named role', async () => {
    const add = await api(w, 'hub_coordinator', 'POST', `/api/v1/reviews/${reviewId}/recommendations/12/progress`, {
      text: 'Fictional: the trust replied with its CAMHS review.',
      status: 'in_progress',
      rag: 'amber',
    });
    assert.equal(add.statusCode, 201, add.body);
    const r = add.json();
    assert.equal(r.status, 'in_progress');
    assert.equal(r.rag, 'amber');
    assert.deepEqual(r.progress.at(-1).datedOn, today);
    assert.equal(r.progress.at(-1).author, 'Test hub_coordinator');
    assert.equal((await audits('recommendation.progress_added'))[0].actor_id, w.users.hub_coordinator.id);

    const early = await api(w, 'hub_coordinator', 'POST', `/api/v1/reviews/${reviewId}/recommendations/12/progress`, { text: 'Done', status: 'completed' });
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().errors[0].field, 'status');
    const empty = await api(w, 'hub_coordinator', 'POST', `/api/v1/reviews/${reviewId}/recommendations/12/progress`, { text: '' });
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json().errors[0].field, 'text');
    assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/reviews/${reviewId}/recommendations/99/progress`, { text: 'X' })).statusCode, 404);

    const signed = await api(w, 'hub_coordinator', 'POST', `/api/v1/reviews/${reviewId}/recommendations/12/sign-off`);
    assert.equal(signed.statusCode, 200, signed.body);
    assert.equal(signed.json().status, 'completed');
    assert.deepEqual([signed.json().signedOff.by, signed.json().signedOff.role], ['Test hub_coordinator', 'Hub coordinator']);
    assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/reviews/${reviewId}/recommendations/12/sign-off`)).statusCode, 409);
    assert.equal((await audits('recommendation.signed_off')).length, 1);
  });

  test('a request for an update to another organisation shows yet to be received until a progress update answers it', async () => {
    const base = `/api/v1/reviews/${reviewId}/recommendations/17`;
    const asked = await api(w, 'hub_coordinator', 'POST', `${base}/update-requests`, { requestedOf: 'Fictional CCG', requestedOn: addDays(today, -3) });
    assert.equal(asked.statusCode, 201, asked.body);
    const request = asked.json().requests.find((q: { requestedOf: string }) => q.requestedOf === 'Fictional CCG');
    assert.deepEqual([request.requestedOf, request.receivedOn], ['Fictional CCG', null]);
    assert.equal((await api(w, 'scrutiny_member', 'POST', `${base}/update-requests`, { requestedOf: 'X' })).statusCode, 403);
    let review = (await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}`)).json();
    // The import's two (seed 003: BCPFT, and the CCG and BCPFT, written to in December 2016) and this one.
    assert.deepEqual(review.chasing, [
      { number: 12, updateOverdue: false, nextUpdateDue: null, awaiting: ['BCPFT'] },
      { number: 17, updateOverdue: false, nextUpdateDue: null, awaiting: ['CCG and BCPFT', 'Fictional CCG'] },
    ]);
    const page = await (await signedIn(w, 'scrutiny_member')).get(`/reviews/${reviewId}`);
    assert.match(page.body, /asked CCG and BCPFT, Fictional CCG for an update, yet to be received/);

    const past = await api(w, 'hub_coordinator', 'POST', `${base}/progress`, { text: 'Fictional', nextUpdateDue: today });
    assert.equal(past.statusCode, 422);
    assert.equal(past.json().errors[0].field, 'nextUpdateDue');
    const answered = await api(w, 'hub_coordinator', 'POST', `${base}/progress`, {
      text: 'Fictional: the CCG sent its review of support services.',
      requestId: request.id,
      nextUpdateDue: addDays(today, 90),
    });
    assert.equal(answered.statusCode, 201, answered.body);
    assert.equal(answered.json().requests.find((q: { id: string }) => q.id === request.id).receivedOn, today);
    assert.equal(answered.json().nextUpdateDue, addDays(today, 90));
    const again = await api(w, 'hub_coordinator', 'POST', `${base}/progress`, { text: 'Fictional', requestId: request.id });
    assert.equal(again.statusCode, 422, 'a request is answered once');
    review = (await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}`)).json();
    assert.deepEqual(
      review.chasing.map((c: { awaiting: string[] }) => c.awaiting),
      [['BCPFT'], ['CCG and BCPFT']],
    );
    const events = await audits('recommendation.update_requested');
    assert.equal(events.length, 1);
  });

  test('a recommendation spawns an action in the one tracker', async () => {
    const res = await api(w, 'hub_coordinator', 'POST', `/api/v1/reviews/${reviewId}/recommendations/17/actions`, {
      title: 'Fictional: chase the CCG for its update',
      ownerAgencyId: w.agencies.health,
      dueOn: addDays(today, 14),
    });
    assert.equal(res.statusCode, 201, res.body);
    const action = await api(w, 'hub_coordinator', 'GET', `/api/v1/actions/${res.json().actionId}`);
    assert.equal(action.json().sourceKind, 'recommendation');
    assert.equal((await audits('action.assigned')).length, 1);
    const recs = (await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}/recommendations`)).json();
    assert.equal(recs[16].actions[0].title, 'Fictional: chase the CCG for its update');
  });

  test('updates due on a cadence: setting it schedules the next update for each not completed; each update moves it on', async () => {
    assert.deepEqual(
      [
        nextUpdateOn('2027-01-31', 'monthly'),
        nextUpdateOn('2028-01-31', 'monthly'),
        nextUpdateOn('2026-11-30', 'quarterly'),
        nextUpdateOn('2026-10-15', 'monthly'),
      ],
      ['2027-02-28', '2028-02-29', '2027-02-28', '2026-11-15'],
    );
    const set = await api(w, 'hub_coordinator', 'PATCH', `/api/v1/reviews/${reviewId}`, { updateCadence: 'quarterly' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().updateCadence, 'quarterly');
    const quarter = nextUpdateOn(today, 'quarterly');
    const recs = set.json().recommendations as { number: number; status: string; nextUpdateDue: string | null }[];
    assert.deepEqual(
      recs.filter((r) => r.nextUpdateDue === quarter).map((r) => r.number),
      recs.filter((r) => r.status !== 'completed').map((r) => r.number),
      'every recommendation not completed is due an update in a quarter',
    );
    await w.database.db.updateTable('recommendation').set({ next_update_due: null }).where('review_id', '=', reviewId).where('number', '=', 8).execute();
    const upd = await api(w, 'hub_coordinator', 'POST', `/api/v1/reviews/${reviewId}/recommendations/8/progress`, { text: 'Fictional: on track.' });
    assert.equal(upd.json().nextUpdateDue, quarter, 'an update without a date of its own moves the next on by the cadence');
    assert.equal((await api(w, 'scrutiny_member', 'PATCH', `/api/v1/reviews/${reviewId}`, { updateCadence: 'monthly' })).statusCode, 403);
    assert.equal(
      (await api(w, 'hub_coordinator', 'PATCH', `/api/v1/reviews/${reviewId}`, { updateCadence: 'weekly' })).json().errors[0].field,
      'updateCadence',
    );
    const hub = await signedIn(w, 'hub_coordinator');
    const saved = await hub.submit(`/reviews/${reviewId}`, `/reviews/${reviewId}/cadence`, { updateCadence: '' });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/reviews/${reviewId}`)).json().updateCadence, null);
    assert.match((await (await signedIn(w, 'scrutiny_member')).get(`/reviews/${reviewId}`)).body, /Updates due: when an update names the date/);
    assert.equal((await audits('review.cadence_set')).length, 2);
  });

  test('the lead is reminded a week before an update is due and when it is missed, then their manager; once each', async () => {
    const db = w.database.db;
    await db.updateTable('app_user').set({ manager_user_id: w.users.manager.id }).where('id', '=', w.users.practitioner.id).execute();
    await db.updateTable('partnership').set({ action_escalation_days: 3 }).where('id', '=', w.partnershipId).execute();
    const base = `/api/v1/reviews/${reviewId}/recommendations`;
    const lead = await api(w, 'hub_coordinator', 'PATCH', `${base}/6`, { leadUserId: w.users.practitioner.id });
    assert.equal(lead.statusCode, 200, lead.body);
    assert.deepEqual(lead.json().leadUser, { id: w.users.practitioner.id, name: 'Test practitioner' });
    assert.match(lead.json().leadOfficer, /^Stephen Dodd/, 'the lead as worded stays');
    await api(w, 'hub_coordinator', 'PATCH', `${base}/8`, { leadUserId: w.users.practitioner.id });
    await api(w, 'hub_coordinator', 'PATCH', `${base}/17`, { leadUserId: w.users.practitioner.id });
    const bad = await api(w, 'hub_coordinator', 'PATCH', `${base}/6`, { leadUserId: crypto.randomUUID() });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, 'leadUserId');
    assert.equal((await api(w, 'scrutiny_member', 'PATCH', `${base}/6`, { leadOfficer: 'X' })).statusCode, 403);
    // 6: due in five days (due soon); 8: missed yesterday (overdue, not yet escalated); 17: four days late (escalated).
    const due = (n: number, on: string) =>
      db.updateTable('recommendation').set({ next_update_due: on }).where('review_id', '=', reviewId).where('number', '=', n).execute();
    await due(6, addDays(today, 5));
    await due(8, addDays(today, -1));
    await due(17, addDays(today, -4));
    const { sweepRecommendations } = await import('../src/modules/reviews/reminders.ts');
    assert.equal(await sweepRecommendations(w.svc, w.partnershipId), 4);
    assert.equal(await sweepRecommendations(w.svc, w.partnershipId), 0, 'a second sweep the same day reminds no one');
    const told = (userId: string) =>
      db
        .selectFrom('notification')
        .select(['kind', 'title', 'link'])
        .where('user_id', '=', userId)
        .where('kind', 'like', 'recommendation_%')
        .orderBy('title')
        .execute();
    const toLead = await told(w.users.practitioner.id);
    assert.deepEqual(toLead.map((n) => `${n.kind} ${n.link}`).sort(), [
      `recommendation_update_due_soon /reviews/${reviewId}/recommendations/6`,
      `recommendation_update_overdue /reviews/${reviewId}/recommendations/17`,
      `recommendation_update_overdue /reviews/${reviewId}/recommendations/8`,
    ]);
    assert.match(toLead[0].title, /recommendation 6 of Scrutiny Review of CSE \(seed 003\)/);
    const toManager = await told(w.users.manager.id);
    assert.deepEqual(
      toManager.map((n) => [n.kind, n.link]),
      [['recommendation_update_escalated', `/reviews/${reviewId}/recommendations/17`]],
    );
    assert.equal((await audits('recommendation.update_escalated')).length, 1);
  });

  test('evidence: Jigsaw’s figures for a period (a link to the live report) and a document (downloaded as sent)', async () => {
    const base = `/api/v1/reviews/${reviewId}/recommendations/8/evidence`;
    const figures = await api(w, 'hub_coordinator', 'POST', base, {
      title: 'Fictional: return home interviews, last quarter',
      report: { kind: 'missing', from: addDays(today, -90), to: today },
    });
    assert.equal(figures.statusCode, 201, figures.body);
    const [e] = figures.json().evidence;
    assert.equal(e.href, `/missing/report?from=${addDays(today, -90)}&to=${today}`);
    assert.equal(e.report.kindLabel, 'Missing children and return home interviews');
    const pdf = Buffer.from('%PDF-1.4 fictional evidence\n');
    const doc = await api(w, 'hub_coordinator', 'POST', base, {
      title: 'Fictional: the trust’s letter',
      document: { fileName: 'letter.pdf', contentBase64: pdf.toString('base64') },
    });
    assert.equal(doc.statusCode, 201, doc.body);
    const d = doc.json().evidence[1];
    assert.deepEqual([d.document.fileName, d.document.contentType, d.document.bytes], ['letter.pdf', 'application/pdf', pdf.length]);
    const got = await api(w, 'scrutiny_member', 'GET', `${base}/${d.id}`);
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], 'application/pdf');
    assert.deepEqual(got.rawPayload, pdf);
    // What to fix, by field; nothing saved.
    const cases: [object, string][] = [
      [{ title: 'x' }, 'report'],
      [{ title: 'x', report: { kind: 'missing', from: today, to: addDays(today, -1) } }, 'report.to'],
      [{ title: 'x', document: { fileName: 'run.exe', contentBase64: 'AAAA' } }, 'document'],
      [{ title: '', report: { kind: 'triage', from: today, to: today } }, 'title'],
    ];
    for (const [body, field] of cases) {
      const r = await api(w, 'hub_coordinator', 'POST', base, body);
      assert.equal(r.statusCode, 422, r.body);
      assert.equal(r.json().errors[0].field, field);
    }
    assert.equal((await api(w, 'scrutiny_member', 'POST', base, { title: 'x', report: { kind: 'triage', from: today, to: today } })).statusCode, 403);
    const recs = (await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}/recommendations`)).json();
    assert.equal(recs[7].evidence.length, 2);

    // The pages: figures by date inputs (errors in the summary), a document by upload.
    const hub = await signedIn(w, 'hub_coordinator');
    const page = `/reviews/${reviewId}/recommendations/8/evidence`;
    const wrong = await hub.submit(page, `${page}/report`, { title: '', 'from-day': '31', 'from-month': '2', 'from-year': '2026' });
    assert.equal(wrong.statusCode, 422);
    const summary = wrong.body.slice(wrong.body.indexOf('govuk-error-summary'), wrong.body.indexOf('</ul>', wrong.body.indexOf('govuk-error-summary')));
    assert.deepEqual(
      [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]),
      ['title', 'reportKind', 'from', 'to'],
    );
    const form = await hub.get(page);
    const boundary = '----jigsawevidence';
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
    const up = await w.app.inject({
      method: 'POST',
      url: `${page}/document`,
      headers: { cookie: hub.jar.header, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' },
      payload: `${part('_csrf', csrfFrom(form.body))}${part('docTitle', 'Fictional: audit figures')}${part('file', 'a,b\n1,2\n', 'figures.csv')}--${boundary}--\r\n`,
    });
    assert.equal(up.statusCode, 303, up.body);
    const shown = await hub.get(`/reviews/${reviewId}/recommendations/8`);
    assert.match(shown.body, /Fictional: audit figures<\/a>: figures\.csv/);
    assert.match(shown.body, /href="\/missing\/report\?from=/);
    assert.match(shown.body, /data-qa="lead-user">Test practitioner/);
  });

  test('exports: Word (its table read back), HTML and CSV, each with the date and totals by status', async (t) => {
    const docx = await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}/export?format=docx`);
    assert.equal(docx.statusCode, 200, docx.body);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    assert.ok(xml);
    const rows = xml
      .split('<w:tr>')
      .slice(1)
      .map((r) => [...r.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|'));
    // The totals table (header, 4 statuses, total) and the recommendations table (header and 24 rows).
    assert.equal(rows.length, 6 + 25);
    assert.ok(
      rows.some((r) => r.startsWith('Completed|21')),
      'totals: 20 completed and the one signed off',
    );
    assert.ok(rows.some((r) => r.startsWith('Number|Recommendation|Comment')));
    assert.ok(rows.some((r) => r.startsWith('12|Lesley Writtle') && r.includes('Completed')));
    assert.match(
      xml,
      new RegExp(
        `Exported on ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date())}`,
      ),
    );

    // Opened by LibreOffice (where it is installed; once, on the embedded database's pass): the tables survive.
    const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
    if (soffice && !process.env.JIGSAW_TEST_DATABASE_URL) {
      const dir = mkdtempSync(join(tmpdir(), 'jigsaw-docx-'));
      writeFileSync(join(dir, 'review.docx'), docx.rawPayload);
      execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'html', '--outdir', dir, join(dir, 'review.docx')], {
        timeout: 120_000,
        stdio: 'ignore',
      });
      const opened = readFileSync(join(dir, 'review.html'), 'utf8');
      assert.equal(opened.match(/<tr\b/gi)?.length, 6 + 25, 'LibreOffice reads both tables, every row');
      assert.match(opened, /Lesley Writtle/);
    } else t.diagnostic('LibreOffice is not installed here: the Word file is read back by its XML only');

    const html = await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}/export?format=html`);
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /<html lang="en-GB">/);
    assert.match(html.body, /<caption>Totals by status<\/caption>/);
    assert.equal(html.body.match(/<th scope="row">\d+<\/th>/g)?.length, 24);

    const csv = await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}/export?format=csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, new RegExp(`^Scrutiny Review of CSE \\(seed 003\\)\\r\\nExported,${today}\\r\\n`));
    assert.match(csv.body, /\r\nOutstanding,1\r\n/);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/reviews/${reviewId}/export?format=pdf`)).statusCode, 400);
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/reviews/${reviewId}/export?format=csv`)).statusCode, 403);
  });

  test('pages: the list, the review with status tags, a progress update with the error summary, the upload', async () => {
    const scrutiny = await signedIn(w, 'scrutiny_member');
    // Reached from Reports (the navigation stays as it is), and from the hub's dashboard.
    assert.match((await scrutiny.get('/reports/triage')).body, /href="\/reviews" data-qa="reviews-link"/);
    const list = await scrutiny.get('/reviews');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Scrutiny Review of CSE \(seed 003\)/);
    assert.doesNotMatch(list.body, /Import an executive response/);
    const page = await scrutiny.get(`/reviews/${reviewId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /govuk-tag--red">\s*Outstanding/);
    assert.match(page.body, /export\?format=docx/);
    const rec = await scrutiny.get(`/reviews/${reviewId}/recommendations/6`);
    assert.equal(rec.statusCode, 200);
    assert.doesNotMatch(rec.body, /Add a progress update/);

    const hub = await signedIn(w, 'hub_coordinator');
    assert.match((await hub.get('/hub')).body, /href="\/reviews" data-qa="hub-reviews"/);
    const recPage = `/reviews/${reviewId}/recommendations/6`;
    const bad = await hub.submit(recPage, `${recPage}/progress`, {
      text: '',
      status: 'in_progress',
      rag: 'green',
      'datedOn-day': '',
      'datedOn-month': '',
      'datedOn-year': '',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /Enter the progress made/);
    const ok = await hub.submit(recPage, `${recPage}/progress`, {
      text: 'Fictional: posters printed in six community languages.',
      status: 'in_progress',
      rag: 'green',
      'datedOn-day': '1',
      'datedOn-month': '11',
      'datedOn-year': '2026',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const after = await hub.get(recPage);
    assert.match(after.body, /1 November 2026, by Test hub_coordinator/);
    assert.match(after.body, /posters printed in six community languages/);

    // The upload form: multipart with the CSRF token.
    const form = await hub.get('/reviews/import');
    const boundary = '----jigsawtest';
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/plain` : ''}\r\n\r\n${value}\r\n`;
    const upload = (name: string, text: string) =>
      w.app.inject({
        method: 'POST',
        url: '/reviews/import',
        headers: { cookie: hub.jar.header, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' },
        payload: `${part('_csrf', csrfFrom(form.body))}${part('name', name)}${part('kind', 'scrutiny_review')}${part('file', text, 'response.txt')}--${boundary}--\r\n`,
      });
    const refused = await upload('Fictional upload', 'not a response\n');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /not an executive response/);
    const done = await upload('Fictional upload', SEED);
    assert.equal(done.statusCode, 303, done.body);
    const shown = await hub.get(String(done.headers.location));
    assert.match(shown.body, /24 recommendations imported/);
    assert.match(shown.body, /line 101/);
  });
});

// A file not in the shape writes nothing: the API test above; here the command's report of what it read.
test('jigsaw recommendations import reads seed 003 and says what it read and could not read', async () => {
  const cli = await commandLine('reviews');
  try {
    const dir = mkdtempSync(join(tmpdir(), 'jigsaw-reviews-'));
    const seed = join(dir, 'seed-003.txt');
    writeFileSync(seed, SEED);
    const ok = await cli.jigsaw(['recommendations', 'import', '--file', seed, '--review', 'Scrutiny Review of CSE']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /24 recommendations\./);
    assert.match(ok.stdout, /By status: not_started 0, in_progress 2, completed 20, outstanding 2/);
    assert.match(ok.stdout, /6 × Dawn Williams, Head of Safeguarding/);
    assert.match(ok.stdout, /line 101: Not part of a recommendation/);
  } finally {
    await cli.cleanup();
  }
});
