// Information requests (issue 11.6): the hub asks named agencies what they hold about a referral's person; each agency
// answers on a page or through the API, seeing only the request; answers join the chronology's events; the triage
// queue shows what is outstanding, and the hub sees what is overdue.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const today = () => ukDate(new Date());
const QUESTION = 'What does your agency hold about this child: attendance, exclusions, known associates?';

async function referral(who: 'practitioner' | 'otherPractitioner' | 'hub_coordinator' = 'hub_coordinator') {
  return (await api(w, who, 'POST', '/api/v1/referrals', referralBody())).json() as { id: string; reference: string; personId: string };
}

async function ask(referralId: string, agencies: string[], dueDate = addDays(today(), 3), headers: Record<string, string> = {}) {
  return api(w, 'hub_coordinator', 'POST', '/api/v1/information-requests', { referralId, agencyIds: agencies, question: QUESTION, dueDate }, headers);
}

describe('through the API', () => {
  test('the hub asks two agencies; each sees only its own request (name, date of birth, question) and answers it', async () => {
    const r = await referral();
    const sent = await ask(r.id, [w.agencies.school, w.agencies.health]);
    assert.equal(sent.statusCode, 201, sent.body);
    const [toSchool, toHealth] = sent.json().items;
    assert.equal(toSchool.agencyId, w.agencies.school);
    assert.equal(toSchool.status, 'outstanding');
    assert.deepEqual(toSchool.person, { name: 'Testchild Fictional', dateOfBirth: '2012-05-17' });
    assert.ok(!('personId' in toSchool), 'the answering agency is not given a way into the case');

    const schoolList = (await api(w, 'practitioner', 'GET', '/api/v1/information-requests')).json();
    assert.deepEqual(
      schoolList.items.filter((i: { referralId: string }) => i.referralId === r.id).map((i: { id: string }) => i.id),
      [toSchool.id],
    );
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/information-requests/${toHealth.id}`)).statusCode, 403, 'not another agency’s');
    assert.equal((await api(w, 'practitioner', 'POST', `/api/v1/information-requests/${toHealth.id}/answer`, { answer: 'x' })).statusCode, 403);

    const answered = await api(w, 'practitioner', 'POST', `/api/v1/information-requests/${toSchool.id}/answer`, { answer: 'Attendance 62% this term.' });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(answered.json().status, 'answered');
    assert.equal(answered.json().answeredBy, 'Test practitioner');

    // Being asked opens nothing else: not the child's record, not the referral.
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/persons/${r.personId}`)).statusCode, 403);
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/referrals/${r.id}`)).statusCode, 403);
  });

  test('only the hub asks; a practitioner, a manager or scrutiny may not', async () => {
    const r = await referral();
    for (const who of ['practitioner', 'manager', 'scrutiny_member', 'police_intelligence'] as const) {
      const res = await api(w, who, 'POST', '/api/v1/information-requests', {
        referralId: r.id,
        agencyIds: [w.agencies.school],
        question: QUESTION,
        dueDate: today(),
      });
      assert.equal(res.statusCode, 403, who);
    }
    assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/information-requests')).statusCode, 403);
    assert.equal((await ask(r.id, [w.agencies.school])).statusCode, 201, 'the hub may');
  });

  test('bad input is a 422 naming the field, and nothing is saved', async () => {
    const r = await referral();
    const cases: [Record<string, unknown>, string][] = [
      [{ agencyIds: [] }, 'agencyIds'],
      [{ agencyIds: ['00000000-0000-4000-8000-000000000000'] }, 'agencyIds'],
      [{ question: '   ' }, 'question'],
      [{ dueDate: addDays(today(), -1) }, 'dueDate'],
      [{ dueDate: '2026-02-30' }, 'dueDate'],
    ];
    for (const [override, field] of cases) {
      const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/information-requests', {
        referralId: r.id,
        agencyIds: [w.agencies.school],
        question: QUESTION,
        dueDate: today(),
        ...override,
      });
      assert.equal(res.statusCode, 422, JSON.stringify(override));
      assert.equal(res.json().errors[0].field, field, JSON.stringify(override));
    }
    const saved = await w.database.db.selectFrom('information_request').select('id').where('referral_id', '=', r.id).execute();
    assert.equal(saved.length, 0);
    const sent = (await ask(r.id, [w.agencies.school])).json().items[0];
    const empty = await api(w, 'practitioner', 'POST', `/api/v1/information-requests/${sent.id}/answer`, { answer: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json().errors[0].field, 'answer');
  });

  test('a retried send makes no second request; a double answer is no second answer; a different one is refused', async () => {
    const r = await referral();
    const key = { 'idempotency-key': `ir-${r.id}` };
    const first = await ask(r.id, [w.agencies.school, w.agencies.police], undefined, key);
    const again = await ask(r.id, [w.agencies.school, w.agencies.police], undefined, key);
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(
      again
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
      first
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    );
    const rows = await w.database.db.selectFrom('information_request').select('id').where('referral_id', '=', r.id).execute();
    assert.equal(rows.length, 2);

    const id = first.json().items.find((i: { agencyId: string }) => i.agencyId === w.agencies.school).id;
    const answer = { answer: 'Two fixed-term exclusions this year.' };
    const [a, b] = await Promise.all([
      api(w, 'practitioner', 'POST', `/api/v1/information-requests/${id}/answer`, answer),
      api(w, 'manager', 'POST', `/api/v1/information-requests/${id}/answer`, answer),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode], [200, 200]);
    const other = await api(w, 'manager', 'POST', `/api/v1/information-requests/${id}/answer`, { answer: 'Something else' });
    assert.equal(other.statusCode, 409);
    const events = await w.database.db
      .selectFrom('domain_event')
      .select('name')
      .where('subject_id', '=', id)
      .where('name', '=', 'information_request.answered')
      .execute();
    assert.equal(events.length, 1, 'one answer, one event');
  });
});

describe('events, notifications and the hub', () => {
  test('sending and answering are domain events about the person, with readable changes; the agency and the asker are told', async () => {
    const r = await referral();
    const sent = (await ask(r.id, [w.agencies.school])).json().items[0];
    await api(w, 'practitioner', 'POST', `/api/v1/information-requests/${sent.id}/answer`, { answer: 'Nothing held beyond attendance.' });
    const events = await w.database.db
      .selectFrom('domain_event')
      .select(['name', 'person_id', 'changes'])
      .where('subject_id', '=', sent.id)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      events.map((e) => e.name),
      ['information_request.sent', 'information_request.answered'],
    );
    assert.ok(events.every((e) => e.person_id === r.personId));
    const changes = events.map((e) => (typeof e.changes === 'string' ? JSON.parse(e.changes) : e.changes));
    assert.equal(changes[0].agency, 'Testshire School');
    assert.equal(changes[0].question, QUESTION);
    assert.equal(changes[1].answer, 'Nothing held beyond attendance.');

    // They join the child's chronology for the hub.
    const chronology = (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${r.personId}/chronology`)).json();
    const lines = chronology.items.filter((i: { event: string }) => i.event.startsWith('information_request.'));
    assert.deepEqual(lines.map((i: { event: string }) => i.event).sort(), ['information_request.answered', 'information_request.sent']);
    assert.ok(
      lines.every((i: { text: string }) => i.text.includes('Testshire School')),
      JSON.stringify(lines),
    );

    const toSchool = await w.database.db.selectFrom('notification').selectAll().where('link', '=', `/information-requests/${sent.id}`).execute();
    const recipients = new Set(toSchool.map((n) => n.user_id));
    assert.ok(recipients.has(w.users.practitioner.id), 'the school’s practitioner is told');
    assert.ok(recipients.has(w.users.manager.id), 'and its manager');
    assert.ok(!recipients.has(w.otherPractitioner.id), 'not another agency');
    assert.ok(recipients.has(w.users.hub_coordinator.id), 'the asker hears the answer');
    assert.ok(toSchool.some((n) => n.user_id === w.users.hub_coordinator.id && n.title === 'Testshire School answered: Testchild Fictional'));
  });

  test('the triage queue shows outstanding and overdue requests per referral; the hub sees overdue requests', async () => {
    const r = await referral();
    await ask(r.id, [w.agencies.school, w.agencies.police]);
    // One overdue: its due date moved back, as if days had passed.
    const [one] = await w.database.db
      .selectFrom('information_request')
      .select('id')
      .where('referral_id', '=', r.id)
      .where('agency_id', '=', w.agencies.police)
      .execute();
    await w.database.db
      .updateTable('information_request')
      .set({ due_date: addDays(today(), -2) })
      .where('id', '=', one.id)
      .execute();
    const hub = await signedIn(w, 'hub_coordinator');
    const meeting = await hub.get(`/triage/${today()}?limit=200`);
    const item = meeting.body.split('data-qa="queue-item"').find((s) => s.includes(r.reference)) ?? '';
    assert.match(item, /data-qa="outstanding-requests">2 outstanding, 1 overdue</);
    const dashboard = await hub.get('/hub');
    assert.match(dashboard.body, /data-qa="hub-overdue-requests">\d+ information requests? (is|are) past/);
    const overdue = await hub.get('/information-requests?show=overdue');
    assert.equal(overdue.statusCode, 200);
    assert.match(overdue.body, /Overdue/);
    assert.match(overdue.body, /Testshire Police/);
    const api1 = (await api(w, 'hub_member', 'GET', '/api/v1/information-requests?overdue=true')).json();
    assert.ok(api1.items.some((i: { id: string; overdue: boolean }) => i.id === one.id && i.overdue));
  });
});

describe('pages', () => {
  test('the hub asks from the referral (errors in form order), the agency answers on its own list and page', async () => {
    const r = await referral();
    const hub = await signedIn(w, 'hub_coordinator');
    const url = `/referrals/${r.id}/information-requests`;
    const bad = await hub.submit(url, url, { question: '', 'dueDate-day': '31', 'dueDate-month': '2', 'dueDate-year': '2027' });
    assert.equal(bad.statusCode, 422);
    const summary = bad.body.slice(bad.body.indexOf('govuk-error-summary'), bad.body.indexOf('</ul>', bad.body.indexOf('govuk-error-summary')));
    const order = ['#agencyIds', '#question', '#dueDate-day'].map((h) => summary.indexOf(`href="${h}"`));
    assert.ok(
      order.every((i, n) => i > -1 && (n === 0 || i > order[n - 1])),
      `error summary in page order: ${order}`,
    );
    const ok = await hub.submit(url, url, {
      agencyIds: [w.agencies.school],
      question: QUESTION,
      'dueDate-day': '4',
      'dueDate-month': '12',
      'dueDate-year': String(Number(today().slice(0, 4)) + 1),
    });
    assert.equal(ok.statusCode, 303);
    const listed = await hub.get(url);
    assert.match(listed.body, /requests-sent/, 'a success banner');
    assert.match(listed.body, /Testshire School/);

    const school = await signedIn(w, 'practitioner');
    const mine = await school.get('/information-requests');
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /<h1 class="govuk-heading-l">Information requests<\/h1>/);
    assert.match(mine.body, /href="\/information-requests"[^>]*>[\s\S]{0,400}?Information requests/, 'in the practitioner’s navigation');
    const link = /href="\/information-requests\/([0-9a-f-]{36})">Testchild Fictional/.exec(mine.body);
    assert.ok(link, 'the request is on the school’s list');
    const page = await school.get(`/information-requests/${link[1]}`);
    assert.match(page.body, /17 May 2012/);
    assert.match(page.body, /What does your agency hold/);
    assert.doesNotMatch(page.body, /Fictional test concern/, 'not the referral’s concerns');
    assert.doesNotMatch(page.body, new RegExp(`/people/${r.personId}|/referrals/${r.id}`), 'no link into the case');
    const empty = await school.submit(`/information-requests/${link[1]}`, `/information-requests/${link[1]}/answer`, { answer: ' ' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /href="#answer"/);
    const sent = await school.submit(`/information-requests/${link[1]}`, `/information-requests/${link[1]}/answer`, { answer: 'Attendance 62%.' });
    assert.equal(sent.statusCode, 303);
    const after = await school.get(`/information-requests/${link[1]}`);
    assert.match(after.body, /answer-sent/);
    assert.match(after.body, /data-qa="answer"[\s\S]*Attendance 62%\./);
    assert.doesNotMatch(after.body, /send-answer/, 'answered once');

    const other = await signedIn(w, 'otherPractitioner');
    assert.equal((await other.get(`/information-requests/${link[1]}`)).statusCode, 403);
    assert.equal((await school.get(url)).statusCode, 403, 'the agency does not get the hub’s page for the referral');
  });
});
