// The hub's day on the pages: dashboard, the meeting (chair, attendance, decisions), screening, actions, the report.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { monthStart } from '../src/modules/reports/domain.ts';
import { recordAttendance } from '../src/modules/triage/use-cases.ts';
import { addDays, formatDate, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
  await w.database.db.updateTable('agency').set({ triage_core: true }).where('id', 'in', [w.agencies.hub, w.agencies.police]).execute();
});
after(() => w?.close());

const today = () => ukDate(new Date());
/** The triage form's due date as a person types it into the day, month and year boxes. */
const dueDate = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { 'action.dueDate-day': String(Number(day)), 'action.dueDate-month': String(Number(month)), 'action.dueDate-year': year };
};
const lastMonth = { from: monthStart(addDays(monthStart(today()), -1)), to: addDays(monthStart(today()), -1) };

test('a practitioner completes the screening toolkit and sees the suggested level and what drove it', async () => {
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  const b = await signedIn(w, 'practitioner');
  const form = await b.get(`/referrals/${r.id}/screening`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Significant incidents/);
  const bad = await b.submit(`/referrals/${r.id}/screening`, `/referrals/${r.id}/screening`, {
    'answers.repeat_missing': 'current',
    overrideLevel: 'significant',
    restNotKnown: 'yes',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /href="#overrideReason"/);
  assert.match(bad.body, /value="current" checked/, 'answers kept');
  const ok = await b.submit(`/referrals/${r.id}/screening`, `/referrals/${r.id}/screening`, {
    'answers.repeat_missing': 'current',
    'answers.found_out_of_area': 'past_6_months',
    'answers.cars_unknown_adults': 'current',
    'answers.isolated': 'current',
    'answers.send': '6_to_12_months',
    restNotKnown: 'yes',
  });
  assert.equal(ok.statusCode, 303);
  const page = await b.get(ok.headers.location as string);
  assert.match(page.body, /Screening saved/);
  assert.match(page.body, /Moderate \(Medium at triage\) \(score 12\)/);
  assert.match(page.body, /Repeatedly missing, or missing overnight \(current\): \+5/);
  assert.doesNotMatch(page.body, /Triage decisions/, 'practitioners do not see the hub’s decisions');
});

test('the hub runs a meeting: the chair rotates, attendance is recorded, each referral gets a decision and an action', async () => {
  const a = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ urgency: 'routine' }))).json();
  const b2 = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ urgency: 'immediate' }))).json();
  // Yesterday the hub chaired, so today it is the police's turn.
  await w.svc.run(
    recordAttendance,
    {
      userId: w.users.hub_coordinator.id,
      partnershipId: w.partnershipId,
      agencyId: w.agencies.hub,
      role: 'hub_coordinator',
      name: 'x',
      email: 'x',
      via: 'session',
    },
    { day: addDays(today(), -1), chairAgencyId: w.agencies.hub, chairName: 'Fictional Chair', attendees: [{ agencyId: w.agencies.hub, name: '' }] },
  );
  const hub = await signedIn(w, 'hub_coordinator');
  const dash = await hub.get('/hub');
  assert.equal(dash.statusCode, 200);
  assert.match(dash.body, /data-qa="hub-queue"/);
  const meeting = await hub.get(`/triage/${today()}`);
  assert.equal(meeting.statusCode, 200);
  assert.match(meeting.body, new RegExp(`<option value="${w.agencies.police}" selected>`), 'the next core agency is suggested as chair');
  const order = [...meeting.body.matchAll(/data-qa="queue-item"[\s\S]*?href="\/referrals\/([0-9a-f-]+)"/g)].map((m) => m[1]);
  assert.ok(order.indexOf(b2.id) < order.indexOf(a.id), 'immediate before routine');

  const attendance = await hub.submit(`/triage/${today()}`, `/triage/${today()}`, {
    chairAgencyId: w.agencies.police,
    chairName: 'Fictional Sergeant',
    attending: [w.agencies.police, w.agencies.school],
    [`attendee-${w.agencies.police}`]: 'Fictional Sergeant',
  });
  assert.equal(attendance.statusCode, 303);

  const missing = await hub.submit(`/triage/${today()}`, `/triage/${today()}/referrals/${a.id}`, {
    outcome: 'medium',
    rationale: '',
    'action.description': 'Visit',
  });
  assert.equal(missing.statusCode, 422);
  for (const f of ['category', 'rationale', 'action-ownerAgencyId', 'action-dueDate']) assert.match(missing.body, new RegExp(`href="#ref-${a.id}-${f}`), f);
  assert.match(missing.body, new RegExp(`id="ref-${a.id}-outcome(-\\d)?" name="outcome" type="radio" value="medium" checked`), 'the chosen level is kept');

  const decided = await hub.submit(`/triage/${today()}`, `/triage/${today()}/referrals/${a.id}`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: older associates; screening moderate.',
    'action.description': 'Strategy discussion with social care',
    'action.ownerAgencyId': w.agencies.school,
    ...dueDate(addDays(today(), 2)),
  });
  assert.equal(decided.statusCode, 303);
  const after = await hub.get(decided.headers.location as string);
  assert.match(after.body, /Decision recorded/);
  assert.match(after.body, /Fictional Sergeant/);
  assert.doesNotMatch(after.body, new RegExp(`href="/referrals/${a.id}">`), 'no longer in the queue');

  const referral = await hub.get(`/referrals/${a.id}`);
  assert.match(referral.body, /Medium: CSE/);
  assert.match(referral.body, /Strategy discussion with social care/);

  // The owner agency sees its action; the hub sees it too.
  const school = await signedIn(w, 'practitioner');
  const actions = await school.get('/actions');
  assert.match(actions.body, /Strategy discussion with social care/);
  const other = await signedIn(w, 'otherPractitioner');
  assert.doesNotMatch((await other.get('/actions')).body, /Strategy discussion/);
});

test('an overdue action shows red for the hub and its owner agency, and can be marked done', async () => {
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  const d = (
    await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
      outcome: 'low',
      category: 'ce',
      rationale: 'x',
      actions: [{ description: 'Fictional overdue check', ownerAgencyId: w.agencies.school, dueDate: today() }],
    })
  ).json();
  await w.database.db
    .updateTable('triage_action')
    .set({ due_date: addDays(today(), -2) })
    .where('id', '=', d.actions[0].id)
    .execute();
  const hub = await signedIn(w, 'hub_member');
  assert.match((await hub.get('/hub')).body, /Fictional overdue check[\s\S]*?govuk-tag--red/);
  const school = await signedIn(w, 'practitioner');
  const list = await school.get('/actions?overdue=1');
  assert.match(list.body, /Fictional overdue check/);
  const done = await school.submit('/actions', `/actions/${d.actions[0].id}`, { status: 'done' });
  assert.equal(done.statusCode, 303);
  assert.doesNotMatch((await school.get('/actions')).body, /Fictional overdue check/);
  const other = await signedIn(w, 'otherPractitioner');
  assert.equal((await other.submit('/actions', `/actions/${d.actions[0].id}`, { status: 'open' })).statusCode, 404, 'another agency cannot change it');
});

test('the triage report page has the seed’s tables with totals, and downloads as CSV; scrutiny sees c', async () => {
  const hub = await signedIn(w, 'hub_coordinator');
  const page = await hub.get(`/reports/triage?from=${addDays(today(), -7)}&to=${today()}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Referrals by level of risk and category/);
  assert.match(page.body, /CE \(Criminal Exploitation\)/);
  assert.match(page.body, /Returned not discussed/);
  assert.match(page.body, /Referrals by referrer/);
  const csv = await hub.get(`/reports/triage.csv?from=${addDays(today(), -7)}&to=${today()}`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.match(csv.body, /^Triage report,/);
  assert.match(csv.body, /Level of risk,CE \(Criminal Exploitation\),/);
  // Scrutiny: published figures, for whole months that have ended only (last month's referral is 1 to 5: c).
  await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ receivedAt: `${lastMonth.from}T12:00:00Z` }));
  const scrutiny = await signedIn(w, 'scrutiny_member');
  const published = await scrutiny.get(`/reports/triage?from=${lastMonth.from}&to=${lastMonth.to}`);
  assert.equal(published.statusCode, 200);
  assert.match(published.body, /counts from 1 to 5 are shown as c/);
  assert.match(published.body, /<strong>c<\/strong>/);
  const recent = await scrutiny.get(`/reports/triage?from=${addDays(today(), -7)}&to=${today()}`);
  assert.equal(recent.statusCode, 422, 'not whole months');
  assert.match(recent.body, /govuk-error-summary/);
  assert.match(recent.body, /published figures are for whole months/);
  assert.doesNotMatch(published.body, /Download for publication/, 'scrutiny figures are already published');
  assert.match(page.body, /Figures for publication are for whole months/, 'the hub is not offered a publication export of a part month');
  const hubMonth = await hub.get(`/reports/triage?from=${lastMonth.from}&to=${lastMonth.to}`);
  assert.match(hubMonth.body, /data-qa="report-csv-published"/);
  const bad = await hub.get('/reports/triage?from=2025-05-01&to=2025-01-01');
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
});

test('the actions page, the hub dashboard and the meeting’s queue show names, so each is an audited read', async () => {
  const audited = async (action: string, userId: string) =>
    (await w.database.db.selectFrom('audit_event').select('id').where('action', '=', action).where('actor_id', '=', userId).execute()).length;
  const school = await signedIn(w, 'practitioner');
  const before = await audited('triage_action.listed', w.users.practitioner.id);
  assert.equal((await school.get('/actions')).statusCode, 200);
  assert.equal(await audited('triage_action.listed', w.users.practitioner.id), before + 1);
  const hub = await signedIn(w, 'hub_member');
  const dashboards = await audited('hub_dashboard.viewed', w.users.hub_member.id);
  assert.equal((await hub.get('/hub')).statusCode, 200);
  assert.equal(await audited('hub_dashboard.viewed', w.users.hub_member.id), dashboards + 1);
  const queues = await audited('triage_queue.viewed', w.users.hub_member.id);
  assert.equal((await hub.get(`/triage/${today()}`)).statusCode, 200);
  assert.equal(await audited('triage_queue.viewed', w.users.hub_member.id), queues + 1);
});

test('the header names the signed-in user’s own agency, read with their own permissions', async () => {
  const school = await signedIn(w, 'practitioner');
  assert.match((await school.get('/actions')).body, /\(Practitioner, Testshire School\)/);
  // Scrutiny members may not read agencies (aggregate figures only): no agency is looked up as someone else.
  const scrutiny = await signedIn(w, 'scrutiny_member');
  assert.match((await scrutiny.get('/reports/triage')).body, /\(Scrutiny member\)/);
});

test('the action due date is a GOV.UK date input: day, month and year, with the Design System’s messages', async () => {
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  const hub = await signedIn(w, 'hub_coordinator');
  const meeting = await hub.get(`/triage/${today()}`);
  for (const box of ['day', 'month', 'year'])
    assert.match(meeting.body, new RegExp(`id="ref-${r.id}-action-dueDate-${box}" name="action.dueDate-${box}" type="text"`), box);
  assert.doesNotMatch(meeting.body, /type="date"/);
  assert.match(meeting.body, /Today or later\. For example, \d{1,2} \d{1,2} \d{4}/, 'the hint is written as the boxes are filled');
  const decide = (due: Record<string, string>) =>
    hub.submit(`/triage/${today()}`, `/triage/${today()}/referrals/${r.id}`, {
      outcome: 'low',
      category: 'ce',
      rationale: 'Fictional: the rationale.',
      'action.description': 'Fictional: a home visit',
      'action.ownerAgencyId': w.agencies.school,
      ...due,
    });
  const [year, month] = addDays(today(), 3).split('-');
  const cases: [Record<string, string>, RegExp][] = [
    [{ 'action.dueDate-day': '', 'action.dueDate-month': '', 'action.dueDate-year': '' }, /Enter a due date/],
    [{ 'action.dueDate-day': '3', 'action.dueDate-month': '', 'action.dueDate-year': year }, /The due date must include a month/],
    [{ 'action.dueDate-day': '', 'action.dueDate-month': '', 'action.dueDate-year': year }, /The due date must include a day and month/],
    [{ 'action.dueDate-day': '31', 'action.dueDate-month': '2', 'action.dueDate-year': year }, /The due date must be a real date/],
    [{ 'action.dueDate-day': 'x', 'action.dueDate-month': month, 'action.dueDate-year': year }, /The due date must be a real date/],
    [{ 'action.dueDate-day': '3', 'action.dueDate-month': month, 'action.dueDate-year': '26' }, /Year must include 4 numbers/],
    [dueDate(addDays(today(), -1)), /Due date must be today or in the future/],
  ];
  for (const [due, message] of cases) {
    const res = await decide(due);
    assert.equal(res.statusCode, 422, JSON.stringify(due));
    assert.match(res.body, message);
    assert.match(res.body, new RegExp(`href="#ref-${r.id}-action-dueDate-day"`), 'the error summary links to the day box');
    const typed = due['action.dueDate-day'];
    if (typed) assert.match(res.body, new RegExp(`name="action.dueDate-day" type="text" value="${typed}"`), 'what was typed is kept');
  }
  const partial = await decide({ 'action.dueDate-day': '3', 'action.dueDate-month': '', 'action.dueDate-year': year });
  assert.match(partial.body, /govuk-date-input__input govuk-input--width-2 govuk-input--error" id="[^"]+-month"/, 'only the missing box is marked');
  assert.doesNotMatch(partial.body, /govuk-input--error" id="[^"]+-action-dueDate-day"/);
  const ok = await decide(dueDate(addDays(today(), 3)));
  assert.equal(ok.statusCode, 303, /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(ok.body)?.[1]);
  const actions = await hub.get('/actions');
  assert.match(actions.body, new RegExp(formatDate(addDays(today(), 3))), 'shown as "1 December 2026"');
});
