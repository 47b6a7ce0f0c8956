// The action tracker and the multi-agency plan (issue 12.4): every action in one list with its source, owner, RAG
// and history; status, reassign, cancel with reason and undo; the daily sweep's events written once; the child's plan.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sweepActions } from '../src/modules/actions/sweep.ts';
import { addDays, ukDate, ukDateTime } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let personId: string;
let decisionActions: string[];
const today = ukDate(new Date());

before(async () => {
  w = await world();
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  personId = r.personId;
  const d = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: older associates.',
    actions: [
      { description: 'Fictional school safety plan', ownerAgencyId: w.agencies.school, dueDate: addDays(today, 10) },
      { description: 'Fictional police check', ownerAgencyId: w.agencies.police, dueDate: addDays(today, 3) },
    ],
  });
  assert.equal(d.statusCode, 201, d.body);
  // [the school's, the police's]: the decision lists them by due date.
  const acts = d.json().actions as { id: string; description: string }[];
  decisionActions = ['Fictional school safety plan', 'Fictional police check'].map((t) => acts.find((a) => a.description === t)?.id as string);
});
after(() => w?.close());

const events = async (name: string, id?: string) =>
  (await w.database.db.selectFrom('domain_event').select(['subject_id', 'changes', 'person_id']).where('name', '=', name).execute()).filter(
    (e) => !id || e.subject_id === id,
  );
const meetingAction = (who: 'hub_coordinator' | 'practitioner', body: Record<string, unknown> = {}) =>
  api(w, who, 'POST', '/api/v1/actions', {
    sourceKind: 'meeting',
    sourceId: '6f1c1d7e-0000-4000-8000-0000000000a1',
    personId,
    title: 'Fictional: share attendance',
    ownerAgencyId: w.agencies.school,
    ownerUserId: w.users.practitioner.id,
    dueOn: addDays(today, 5),
    ...body,
  });

test('a triage decision puts each of its actions in the tracker, with its source, child, history and action.assigned', async () => {
  assert.equal(decisionActions.length, 2);
  const got = (await api(w, 'hub_member', 'GET', `/api/v1/actions/${decisionActions[0]}`)).json();
  assert.equal(got.sourceKind, 'triage');
  assert.equal(got.personId, personId);
  assert.equal(got.rag, 'green');
  assert.deepEqual(
    got.history.map((h: { change: string }) => h.change),
    ['created'],
  );
  assert.equal((await events('action.assigned')).filter((e) => decisionActions.includes(String(e.subject_id))).length, 2);
});

test('a meeting creates an action through the API; only the hub may; bad input names the field', async () => {
  const res = await meetingAction('hub_coordinator');
  assert.equal(res.statusCode, 201, res.body);
  const a = res.json();
  assert.equal(a.sourceKind, 'meeting');
  assert.equal(a.ownerUserId, w.users.practitioner.id);
  const [ev] = await events('action.assigned', a.id);
  assert.deepEqual(
    { ...(ev.changes as Record<string, unknown>), ownerAgencyId: undefined, sourceKind: undefined },
    {
      actionId: a.id,
      ownerUserId: w.users.practitioner.id,
      title: 'Fictional: share attendance',
      dueOn: addDays(today, 5),
      ownerAgencyId: undefined,
      sourceKind: undefined,
    },
  );
  assert.equal((await meetingAction('practitioner')).statusCode, 403);
  const bad = await meetingAction('hub_coordinator', { ownerAgencyId: 'nope' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.headers['content-type'] as string, /problem\+json/);
  assert.match(bad.body, /ownerAgencyId/);
  const wrongPerson = await meetingAction('hub_coordinator', { ownerUserId: w.users.police_intelligence.id });
  assert.equal(wrongPerson.statusCode, 422);
  assert.match(wrongPerson.body, /ownerUserId/);
});

test('the list filters: mine, my agency, overdue and by status; another agency sees only its own', async () => {
  const mine = (await api(w, 'practitioner', 'GET', '/api/v1/actions?show=mine')).json();
  assert.ok(mine.items.length >= 1 && mine.items.every((a: { ownerUserId: string }) => a.ownerUserId === w.users.practitioner.id));
  const school = (await api(w, 'practitioner', 'GET', '/api/v1/actions')).json();
  assert.ok(school.items.every((a: { ownerAgencyId: string }) => a.ownerAgencyId === w.agencies.school));
  const hubAll = (await api(w, 'hub_member', 'GET', '/api/v1/actions')).json();
  assert.ok(hubAll.total > school.total);
  await w.database.db
    .updateTable('triage_action')
    .set({ due_date: addDays(today, -2) })
    .where('id', '=', decisionActions[1])
    .execute();
  const overdue = (await api(w, 'hub_member', 'GET', '/api/v1/actions?show=overdue')).json();
  assert.deepEqual(
    overdue.items.map((a: { id: string; rag: string }) => [a.id, a.rag]),
    [[decisionActions[1], 'red']],
  );
  assert.equal((await api(w, 'hub_member', 'GET', '/api/v1/actions?status=done')).json().total, 0);
  const bad = await api(w, 'hub_member', 'GET', '/api/v1/actions?status=nonsense');
  assert.ok(bad.statusCode === 400 || bad.statusCode === 422, bad.body);
  assert.match(bad.body, /status/);
});

test('status, reassign, cancel with a reason and undo: each change in the history, none repeated by a second click', async () => {
  const id = (await meetingAction('hub_coordinator')).json().id;
  const s = (body: unknown, who: 'practitioner' | 'otherPractitioner' = 'practitioner') => api(w, who, 'POST', `/api/v1/actions/${id}/status`, body);
  assert.equal((await s({ status: 'in_progress' })).json().status, 'in_progress');
  assert.equal((await s({ status: 'in_progress' })).statusCode, 200);
  assert.equal((await events('action.status_changed', id)).length, 1, 'the same status again is no change');
  assert.equal((await s({ status: 'in_progress' }, 'otherPractitioner')).statusCode, 404, 'another agency cannot see it');
  assert.equal((await s({ status: 'finished' })).statusCode, 422);

  const re = await api(w, 'hub_coordinator', 'POST', `/api/v1/actions/${id}/reassign`, {
    ownerAgencyId: w.agencies.police,
    ownerUserId: w.users.police_intelligence.id,
  });
  assert.equal(re.statusCode, 200, re.body);
  const assigned = await events('action.assigned', id);
  assert.equal(assigned.length, 2);
  assert.equal((assigned[1].changes as { ownerUserId: string }).ownerUserId, w.users.police_intelligence.id);
  assert.equal((await s({ status: 'done' })).statusCode, 404, 'the school no longer owns it');

  const noReason = await api(w, 'hub_coordinator', 'POST', `/api/v1/actions/${id}/cancel`, { reason: '  ' });
  assert.equal(noReason.statusCode, 422);
  assert.match(noReason.body, /reason/);
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/actions/${id}/cancel`, { reason: 'Fictional: moved away' })).json().status, 'cancelled');
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/actions/${id}/cancel`, { reason: 'Fictional: moved away' })).statusCode, 200);
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/actions/${id}/status`, { status: 'done' })).statusCode, 409);
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/actions/${id}/undo`)).json().status, 'open');
  const got = (await api(w, 'hub_coordinator', 'GET', `/api/v1/actions/${id}`)).json();
  assert.deepEqual(
    got.history.map((h: { change: string }) => h.change),
    ['created', 'status', 'reassigned', 'cancelled', 'reinstated'],
  );
  assert.equal((await events('action.cancelled', id)).length, 1);
});

test('the daily sweep: due tomorrow, overdue, and escalated to the manager after the set days, each once', async () => {
  const db = w.database.db;
  await db.updateTable('app_user').set({ manager_user_id: w.users.manager.id }).where('id', '=', w.users.practitioner.id).execute();
  await db.updateTable('partnership').set({ action_escalation_days: 2 }).where('id', '=', w.partnershipId).execute();
  const tomorrow = (await meetingAction('hub_coordinator', { title: 'Fictional: due tomorrow', dueOn: addDays(today, 1) })).json().id;
  const late = (await meetingAction('hub_coordinator', { title: 'Fictional: a day late' })).json().id;
  const later = (await meetingAction('hub_coordinator', { title: 'Fictional: three days late' })).json().id;
  await db
    .updateTable('triage_action')
    .set({ due_date: addDays(today, -1) })
    .where('id', '=', late)
    .execute();
  await db
    .updateTable('triage_action')
    .set({ due_date: addDays(today, -3) })
    .where('id', '=', later)
    .execute();
  await sweepActions(w.svc, w.partnershipId);
  const again = await sweepActions(w.svc, w.partnershipId);
  assert.equal(again, 0, 'a second sweep the same day writes nothing');
  assert.equal((await events('action.due_tomorrow', tomorrow)).length, 1);
  assert.equal((await events('action.overdue', late)).length, 1);
  assert.equal((await events('action.escalated', late)).length, 0, 'one day late is not yet escalated');
  const [esc] = await events('action.escalated', later);
  assert.deepEqual(
    [(esc.changes as { managerUserId: string }).managerUserId, (esc.changes as { ownerUserId: string }).ownerUserId],
    [w.users.manager.id, w.users.practitioner.id],
  );
  assert.equal(esc.person_id, personId);
});

test('the multi-agency plan: goals, actions linked to it, a review at a meeting; shown on the Plan and actions tab', async () => {
  const goal = await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${personId}/plan/goals`, {
    id: '6f1c1d7e-0000-4000-8000-0000000000b1',
    description: 'Fictional: attends school every day',
    targetDate: addDays(today, 60),
  });
  assert.equal(goal.statusCode, 201, goal.body);
  // The same goal sent twice (a double submission) is one goal.
  await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${personId}/plan/goals`, {
    id: '6f1c1d7e-0000-4000-8000-0000000000b1',
    description: 'Fictional: attends school every day',
  });
  const act = await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${personId}/plan/actions`, {
    title: 'Fictional: weekly youth work session',
    ownerAgencyId: w.agencies.school,
    dueOn: addDays(today, 7),
  });
  assert.equal(act.statusCode, 201, act.body);
  assert.equal(act.json().sourceKind, 'plan');
  const review = await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${personId}/plan/reviews`, {
    reviewedOn: today,
    summary: 'Fictional: attendance improving',
  });
  assert.equal(review.statusCode, 201, review.body);
  const plan = (await api(w, 'hub_member', 'GET', `/api/v1/persons/${personId}/plan`)).json();
  assert.equal(plan.goals.length, 1);
  assert.equal(plan.reviews.length, 1);
  assert.equal(plan.actions[0].planId, plan.planId, 'the plan’s own actions first');
  assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${personId}/plan`)).statusCode, 403, 'another agency not on the case');
  assert.equal((await api(w, 'scrutiny_member', 'POST', `/api/v1/persons/${personId}/plan/goals`, { description: 'x' })).statusCode, 403);

  const hub = await signedIn(w, 'hub_member');
  const tab = await hub.get(`/people/${personId}/actions`);
  assert.equal(tab.statusCode, 200);
  assert.match(tab.body, /Fictional: attends school every day/);
  assert.match(tab.body, /Fictional: weekly youth work session/);
  assert.match(tab.body, /In the plan/);
  assert.match(tab.body, /Fictional school safety plan/);
});

test('pages: the tracker with filters and paging, an action with its history, reassign errors in the summary', async () => {
  const school = await signedIn(w, 'practitioner');
  const list = await school.get('/actions?show=mine');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /aria-current="page">Mine/);
  assert.doesNotMatch(list.body, /Fictional police check/);
  const id = decisionActions[0];
  const page = await school.get(`/actions/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /data-qa="action-history"/);
  const moved = await school.submit(`/actions/${id}`, `/actions/${id}`, { status: 'in_progress', from: 'action' });
  assert.equal(moved.statusCode, 303);
  assert.equal(moved.headers.location, `/actions/${id}`);
  assert.match((await school.get(`/actions/${id}`)).body, /Status changed/);
  const bad = await school.submit(`/actions/${id}`, `/actions/${id}/reassign`, {
    ownerAgencyId: w.agencies.school,
    'dueOn-day': '31',
    'dueOn-month': '2',
    'dueOn-year': '2030',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
  assert.equal((await (await signedIn(w, 'otherPractitioner')).get(`/actions/${id}`)).statusCode, 404);
});

test('escalation settings: the admin sets the days and each person’s manager; others may not', async () => {
  const set = await api(w, 'partnership_admin', 'POST', '/api/v1/action-settings', { escalationDays: 5 });
  assert.equal(set.statusCode, 200, set.body);
  assert.equal((await api(w, 'partnership_admin', 'GET', '/api/v1/action-settings')).json().escalationDays, 5);
  assert.equal((await api(w, 'partnership_admin', 'POST', '/api/v1/action-settings', { escalationDays: 0 })).statusCode, 422);
  assert.equal((await api(w, 'hub_member', 'POST', '/api/v1/action-settings', { escalationDays: 4 })).statusCode, 403);
  const m = await api(w, 'partnership_admin', 'POST', `/api/v1/users/${w.users.hub_member.id}/manager`, { managerUserId: w.users.hub_coordinator.id });
  assert.equal(m.statusCode, 200, m.body);
  const self = await api(w, 'partnership_admin', 'POST', `/api/v1/users/${w.users.hub_member.id}/manager`, { managerUserId: w.users.hub_member.id });
  assert.equal(self.statusCode, 422);
  assert.match(self.body, /managerUserId/);
  const admin = await signedIn(w, 'partnership_admin');
  const page = await admin.get('/admin/action-settings');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /value="5"/);
  const bad = await admin.submit('/admin/action-settings', '/admin/action-settings', { escalationDays: 'soon' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
});

test('the triage meeting form sets more than one action, each in the tracker', async () => {
  const r = (
    await api(
      w,
      'practitioner',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Twoactions', familyName: 'Fictional', dateOfBirth: '2011-02-03' } }),
    )
  ).json();
  const hub = await signedIn(w, 'hub_coordinator');
  const [y, m, d] = addDays(today, 5).split('-');
  const due = (slot: string) => ({ [`${slot}.dueDate-day`]: String(Number(d)), [`${slot}.dueDate-month`]: String(Number(m)), [`${slot}.dueDate-year`]: y });
  const page = `/triage/${today}`;
  const res = await hub.submit(page, `${page}/referrals/${r.id}`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: two actions agreed.',
    'action.description': 'Fictional first action',
    'action.ownerAgencyId': w.agencies.school,
    ...due('action'),
    'action2.description': 'Fictional second action',
    'action2.ownerAgencyId': w.agencies.police,
    ...due('action2'),
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
  const rows = await w.database.db
    .selectFrom('triage_action')
    .select(['description', 'source_kind'])
    .where('referral_id', '=', r.id)
    .orderBy('description')
    .execute();
  assert.deepEqual(rows, [
    { description: 'Fictional first action', source_kind: 'triage' },
    { description: 'Fictional second action', source_kind: 'triage' },
  ]);
  // A wrong date in the second slot is named on that slot's field.
  const r2 = (
    await api(
      w,
      'practitioner',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Baddate', familyName: 'Fictional', dateOfBirth: '2011-02-04' } }),
    )
  ).json();
  const bad = await hub.submit(page, `${page}/referrals/${r2.id}`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional.',
    'action2.description': 'Fictional second action',
    'action2.ownerAgencyId': w.agencies.police,
    'action2.dueDate-day': '31',
    'action2.dueDate-month': '2',
    'action2.dueDate-year': y,
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, new RegExp(`href="#ref-${r2.id}-action2-dueDate`));
});

test('another agency’s case worker opens each action of the child’s plan from the Plan tab; no access is still 404', async () => {
  const police = decisionActions[1];
  const worker = await signedIn(w, 'otherPractitioner');
  assert.equal((await worker.get(`/actions/${police}`)).statusCode, 404, 'not yet on the case');
  const theCase = (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}/case`)).json();
  const allocated = await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${theCase.id}/allocation`, {
    version: theCase.version,
    allocatedWorkerId: w.otherPractitioner.id,
  });
  assert.equal(allocated.statusCode, 200, allocated.body);
  const tab = await worker.get(`/people/${personId}/actions`);
  assert.equal(tab.statusCode, 200);
  assert.ok(tab.body.includes(`href="/actions/${police}"`), 'the Plan tab links the police’s action');
  const page = await worker.get(`/actions/${police}`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /Fictional police check/);
  assert.doesNotMatch(page.body, /data-qa="status-form"|data-qa="reassign-form"/, 'reading it is not changing it');
  assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/actions/${police}`)).statusCode, 200);
  assert.equal((await api(w, 'otherPractitioner', 'POST', `/api/v1/actions/${police}/status`, { status: 'done' })).statusCode, 404);
  const viewed = await w.database.db
    .selectFrom('audit_event')
    .select('person_id')
    .where('action', '=', 'triage_action.viewed')
    .where('actor_id', '=', w.otherPractitioner.id)
    .where('resource_id', '=', police)
    .execute();
  assert.equal(viewed.length, 2, 'each read audited');
  assert.equal(viewed[0].person_id, personId);
  // The police read the child's plan, but only their own actions in it: the school's is not theirs to open.
  assert.equal((await api(w, 'police_intelligence', 'GET', `/api/v1/actions/${decisionActions[0]}`)).statusCode, 404);
  assert.equal((await api(w, 'manager', 'GET', `/api/v1/actions/${police}`)).statusCode, 404);
});

test('a return home interview’s follow-up actions go to the one tracker: on /actions and the child’s Plan tab, each once', async () => {
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
  const ep = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
    personId,
    classification: 'missing',
    riskGrade: 'medium',
    reportedAt: hoursAgo(30),
    returnedAt: hoursAgo(20),
  });
  assert.equal(ep.statusCode, 201, ep.body);
  const url = `/api/v1/missing-episodes/${ep.json().id}/return-interview`;
  const interview = (actions: unknown[]) => ({ status: 'completed', offeredAt: hoursAgo(10), completedAt: hoursAgo(2), whereWent: 'Fictional park', actions });
  const followUps = [
    { title: 'Fictional: safety plan with the school', ownerAgencyId: w.agencies.school, ownerUserId: w.users.practitioner.id, dueOn: addDays(today, 4) },
    { title: 'Fictional: check the address given', ownerAgencyId: w.agencies.police, dueOn: addDays(today, 2) },
  ];
  const bad = await api(w, 'missing_coordinator', 'PUT', url, interview([{ ...followUps[0], ownerUserId: w.users.police_intelligence.id }, { title: '' }]));
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(
    bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
    ['actions[1].dueOn', 'actions[1].ownerAgencyId', 'actions[1].title'],
  );
  const bad2 = await api(w, 'missing_coordinator', 'PUT', url, interview([{ ...followUps[0], ownerUserId: w.users.police_intelligence.id }]));
  assert.deepEqual(
    bad2.json().errors.map((e: { field: string }) => e.field),
    ['actions[0].ownerUserId'],
    'the owner works for the agency named',
  );
  assert.equal((await api(w, 'practitioner', 'PUT', url, interview(followUps))).statusCode, 403, 'recording the interview is not the school’s');

  const ok = await api(w, 'missing_coordinator', 'PUT', url, interview(followUps));
  assert.equal(ok.statusCode, 200, ok.body);
  // The same form sent again makes no second action.
  assert.equal((await api(w, 'missing_coordinator', 'PUT', url, interview(followUps))).statusCode, 200);
  const list = (await api(w, 'hub_member', 'GET', `/api/v1/actions?personId=${personId}&status=live`)).json();
  const fromInterview = list.items.filter((a: { sourceKind: string }) => a.sourceKind === 'return_interview');
  assert.deepEqual(fromInterview.map((a: { title: string }) => a.title).sort(), followUps.map((a) => a.title).sort());
  const school = fromInterview.find((a: { ownerAgencyId: string }) => a.ownerAgencyId === w.agencies.school);
  assert.equal(school.ownerUserId, w.users.practitioner.id);
  assert.equal(school.dueOn, addDays(today, 4));
  assert.equal(school.sourceId, ep.json().id);
  const assigned = (await events('action.assigned')).filter((e) => fromInterview.some((a: { id: string }) => a.id === e.subject_id));
  assert.equal(assigned.length, 2, 'one action.assigned each, none for the repeat');
  assert.equal(assigned[0].person_id, personId);

  const plan = (await api(w, 'hub_member', 'GET', `/api/v1/persons/${personId}/plan`)).json();
  assert.ok(plan.actions.some((a: { title: string }) => a.title === 'Fictional: check the address given'));
  const hub = await signedIn(w, 'hub_member');
  assert.match((await hub.get('/actions')).body, /Fictional: check the address given[\s\S]*?Return home interview/);
  assert.match((await hub.get(`/people/${personId}/actions`)).body, /Fictional: safety plan with the school/);
  const mine = await (await signedIn(w, 'practitioner')).get('/actions?show=mine');
  assert.match(mine.body, /Fictional: safety plan with the school/, 'the owner sees it as theirs');

  // The interview page: a follow-up slot with no agency is refused in the error summary, what was typed kept.
  const ep2 = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
    personId,
    classification: 'missing',
    riskGrade: 'low',
    reportedAt: hoursAgo(12),
    returnedAt: hoursAgo(6),
  });
  const page = `/missing/episodes/${ep2.json().id}/interview`;
  const rhi = await signedIn(w, 'missing_coordinator');
  const [y, m, d] = addDays(today, 3).split('-');
  const offered = ukDateTime(new Date(Date.now() - 3600_000));
  const form = {
    status: 'offered',
    'offeredAt-day': offered.slice(8, 10),
    'offeredAt-month': offered.slice(5, 7),
    'offeredAt-year': offered.slice(0, 4),
    'offeredAt-time': offered.slice(11),
  };
  const slot = { followUp1Title: 'Fictional: youth worker visit', 'followUp1Due-day': d, 'followUp1Due-month': m, 'followUp1Due-year': y };
  const refused = await rhi.submit(page, page, { ...form, ...slot });
  assert.equal(refused.statusCode, 422, refused.body);
  assert.match(refused.body, /govuk-error-summary[\s\S]*href="#followUp1Agency"[^>]*>Select the agency responsible/);
  assert.match(refused.body, /value="Fictional: youth worker visit"/);
  const saved = await rhi.submit(page, page, { ...form, ...slot, followUp1Agency: w.agencies.health });
  assert.equal(saved.statusCode, 303, saved.body);
  const tracker = await (await signedIn(w, 'hub_member')).get('/actions');
  assert.match(tracker.body, /Fictional: youth worker visit[\s\S]*?Return home interview/);
});
