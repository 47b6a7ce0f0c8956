// The child's case: opened by triage, graded by the latest decision, allocated, reviewed, closed and reopened, with
// access for those who work it (allocated and key workers, the owner of an open action) and for no one else.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, csrfFrom, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const today = () => ukDate(new Date());
let n = 0;
/** A new child referred by the school (the practitioner's agency), so the health practitioner is not involved. */
async function referred(): Promise<{ referralId: string; personId: string }> {
  n += 1;
  const body = referralBody({ subject: { ...referralBody().subject, givenName: `Casechild${String.fromCharCode(96 + n)}`, nhsNumber: undefined } });
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', body)).json();
  return { referralId: r.id, personId: r.personId };
}
const decide = (referralId: string, outcome: string, extra: Record<string, unknown> = {}) =>
  api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${referralId}/triage-decision`, {
    outcome,
    category: 'cse',
    rationale: 'Fictional rationale.',
    ...extra,
  });
const caseOf = async (personId: string) => (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}/case`)).json();
const events = (personId: string) =>
  w.database.db
    .selectFrom('domain_event')
    .select(['name', 'changes'])
    .where('person_id', '=', personId)
    .where('name', 'like', 'case.%')
    .orderBy('at')
    .execute();

describe('a case from triage', () => {
  test('the first accepted referral opens the case with the decision’s level, category and a review date; "no risk" opens none', async () => {
    const none = await referred();
    assert.equal((await decide(none.referralId, 'no_risk')).statusCode, 201);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${none.personId}/case`)).statusCode, 404);

    const { referralId, personId } = await referred();
    assert.equal((await decide(referralId, 'high')).statusCode, 201);
    const c = await caseOf(personId);
    assert.equal(c.status, 'open');
    assert.equal(c.riskLevel, 'high');
    assert.equal(c.category, 'cse');
    assert.equal(c.reviewDue, addDays(today(), 28), 'High: every 4 weeks');
    assert.equal(c.riskDecidedBy, 'Test hub_coordinator');
    const e = await events(personId);
    assert.deepEqual(
      e.map((x) => x.name),
      ['case.opened'],
    );
    assert.equal((e[0].changes as { riskLevel: string }).riskLevel, 'high');
  });

  test('a later decision re-grades the case (case.risk_changed) and moves the review date to the new interval', async () => {
    const { referralId, personId } = await referred();
    await decide(referralId, 'high');
    await decide(referralId, 'low', { category: 'ce' });
    const c = await caseOf(personId);
    assert.equal(c.riskLevel, 'low');
    assert.equal(c.category, 'ce');
    assert.equal(c.reviewDue, addDays(today(), 84), 'Low: every 12 weeks');
    const changed = (await events(personId)).find((x) => x.name === 'case.risk_changed');
    assert.ok(changed);
    assert.deepEqual((changed.changes as { riskLevel: unknown }).riskLevel, { from: 'high', to: 'low', fromLabel: 'High', toLabel: 'Low' });
  });

  test('closing needs a reason (other needs details); a closed case reopens on a new accepted referral, keeping its history', async () => {
    const { referralId, personId } = await referred();
    await decide(referralId, 'medium');
    const c = await caseOf(personId);
    const noReason = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/closure`, { version: c.version, reason: 'bored' });
    assert.equal(noReason.statusCode, 422);
    assert.equal(noReason.json().errors[0].field, 'reason');
    const noDetail = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/closure`, { version: c.version, reason: 'other' });
    assert.equal(noDetail.statusCode, 422);
    assert.equal(noDetail.json().errors[0].field, 'detail');
    const closed = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/closure`, { version: c.version, reason: 'moved_away' });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    assert.equal(closed.json().closureReason, 'moved_away');

    const again = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { personId } }))).json();
    await decide(again.id, 'high');
    const reopened = await caseOf(personId);
    assert.equal(reopened.id, c.id, 'the same case');
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.closedAt, null);
    assert.deepEqual(
      (await events(personId)).map((x) => x.name),
      ['case.opened', 'case.closed', 'case.reopened'],
    );
    const history = await w.database.db.selectFrom('case_status_history').select('status').where('case_id', '=', c.id).orderBy('changed_at').execute();
    assert.deepEqual(
      history.map((h) => h.status),
      ['open', 'closed', 'open'],
    );
  });

  test('a change made against an old version is refused with 409 and loses nothing', async () => {
    const { referralId, personId } = await referred();
    await decide(referralId, 'medium');
    const c = await caseOf(personId);
    const first = await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${c.id}/allocation`, { version: c.version, ward: 'Northgate (fictional)' });
    assert.equal(first.statusCode, 200, first.body);
    const second = await api(w, 'hub_member', 'PATCH', `/api/v1/cases/${c.id}/allocation`, { version: c.version, ward: 'Southgate (fictional)' });
    assert.equal(second.statusCode, 409);
    assert.equal((await caseOf(personId)).ward, 'Northgate (fictional)');
    const status = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/status`, { version: c.version, status: 'under_review', reason: 'x' });
    assert.equal(status.statusCode, 409);
  });

  test('a review records what it found and sets the next review from the risk level', async () => {
    const { referralId, personId } = await referred();
    await decide(referralId, 'medium');
    const c = await caseOf(personId);
    const empty = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/reviews`, { version: c.version, notes: '' });
    assert.equal(empty.statusCode, 422);
    const r = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/reviews`, { version: c.version, notes: 'Fictional: attending school.' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().reviewDue, addDays(today(), 42), 'Medium: every 6 weeks');
    assert.ok(r.json().lastReviewedAt);
  });
});

describe('access for those who work the case', () => {
  test('the allocated worker reads the child while allocated and the case is open; not before, not after closing', async () => {
    const { referralId, personId } = await referred();
    await decide(referralId, 'high');
    const c = await caseOf(personId);
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${personId}`)).statusCode, 403, 'not involved');
    const sw = await signedIn(w, 'otherPractitioner');
    assert.equal((await sw.get(`/people/${personId}`)).statusCode, 403);
    const allocated = await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${c.id}/allocation`, {
      version: c.version,
      allocatedWorkerId: w.otherPractitioner.id,
    });
    assert.equal(allocated.statusCode, 200, allocated.body);
    assert.equal(allocated.json().allocatedWorker.name, 'Test other practitioner');
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${personId}`)).statusCode, 200);
    const page = await sw.get(`/people/${personId}/actions`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /data-qa="case-allocated-worker">Test other practitioner</);
    assert.match(page.body, /data-qa="case-review"/, 'the allocated worker may record a review');
    assert.equal((await sw.get(`/people/${personId}/missing`)).statusCode, 200, 'the Missing tab');
    assert.doesNotMatch(page.body, /data-qa="tab-intelligence"/, 'no intelligence');
    assert.equal((await sw.get(`/people/${personId}/network`)).statusCode, 403, 'not restricted intelligence, nor any');
    const review = await api(w, 'otherPractitioner', 'POST', `/api/v1/cases/${c.id}/reviews`, {
      version: allocated.json().version,
      notes: 'Fictional: seen at home.',
    });
    assert.equal(review.statusCode, 200, review.body);
    assert.doesNotMatch(page.body, /data-qa="case-close"/, 'closing is the hub’s');
    assert.equal(
      (await api(w, 'otherPractitioner', 'POST', `/api/v1/cases/${c.id}/closure`, { version: allocated.json().version, reason: 'moved_away' })).statusCode,
      403,
    );
    assert.equal((await api(w, 'otherPractitioner', 'GET', '/api/v1/cases')).statusCode, 404, 'the hub’s list is not theirs');
    const closed = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/closure`, { version: review.json().version, reason: 'risk_reduced' });
    assert.equal(closed.statusCode, 200);
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${personId}`)).statusCode, 403, 'access ends when the case closes');
  });

  test('ending the allocation ends the access; the key worker reads too', async () => {
    const { referralId, personId } = await referred();
    await decide(referralId, 'medium');
    let c = await caseOf(personId);
    c = (await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${c.id}/allocation`, { version: c.version, keyWorkerId: w.otherPractitioner.id })).json();
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${personId}`)).statusCode, 200);
    c = (await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${c.id}/allocation`, { version: c.version, keyWorkerId: '' })).json();
    assert.equal(c.keyWorker, null);
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${personId}`)).statusCode, 403);
  });

  test('the social worker whose agency owns an open triage action reads the child until the action is done', async () => {
    const { referralId, personId } = await referred();
    const d = (
      await decide(referralId, 'high', { actions: [{ description: 'Strategy discussion', ownerAgencyId: w.agencies.health, dueDate: addDays(today(), 7) }] })
    ).json();
    const sw = await signedIn(w, 'otherPractitioner');
    const page = await sw.get(`/people/${personId}`);
    assert.equal(page.statusCode, 200, 'was 403 before the case-work rule');
    const plan = await sw.get(`/people/${personId}/actions`);
    assert.match(plan.body, /Strategy discussion/);
    const actions = await sw.get('/actions');
    const res = await sw.post(`/actions/${d.actions[0].id}`, new URLSearchParams({ _csrf: csrfFrom(actions.body), status: 'done' }).toString());
    assert.equal(res.statusCode, 303);
    assert.equal((await sw.get(`/people/${personId}`)).statusCode, 403);
  });
});

describe('the hub’s list', () => {
  test('filters, counts and sorts; the API takes the same filters', async () => {
    const a = await referred();
    await decide(a.referralId, 'high');
    const b = await referred();
    await decide(b.referralId, 'low', { category: 'ce' });
    const high = (await api(w, 'hub_coordinator', 'GET', '/api/v1/cases?riskLevel=high&status=open,under_review&pageSize=200')).json();
    assert.ok(high.items.some((i: { personId: string }) => i.personId === a.personId));
    assert.ok(!high.items.some((i: { personId: string }) => i.personId === b.personId));
    assert.equal(high.total, high.byRiskLevel.high);
    const ce = (await api(w, 'hub_coordinator', 'GET', '/api/v1/cases?category=ce&ageBand=10-13,14-15&sex=female')).json();
    assert.ok(ce.items.every((i: { category: string }) => i.category === 'ce'));
    assert.ok(ce.items.some((i: { personId: string }) => i.personId === b.personId));
    const bad = await api(w, 'hub_coordinator', 'GET', '/api/v1/cases?riskLevel=extreme');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.json().errors[0].field, /riskLevel/);
    const byName = (await api(w, 'hub_coordinator', 'GET', '/api/v1/cases?sort=name&order=desc&pageSize=200')).json();
    const names = byName.items.map((i: { name: string }) => i.name.split(' ')[1] + i.name);
    assert.deepEqual(names, [...names].sort().reverse());
    const overdue = (await api(w, 'hub_coordinator', 'GET', '/api/v1/cases?reviewOverdue=true')).json();
    assert.equal(overdue.total, 0);

    const hub = await signedIn(w, 'hub_coordinator');
    const page = await hub.get('/cases?riskLevel=high&sort=risk');
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /data-qa="case-total">\d+</);
    assert.match(page.body, /aria-sort="ascending"/);
    assert.match(page.body, /Remove this filter<\/span> High/);
    const badPage = await hub.get('/cases?riskLevel=extreme');
    assert.equal(badPage.statusCode, 422);
    assert.match(badPage.body, /There is a problem/);
    const dashboard = await hub.get('/hub');
    assert.match(dashboard.body, /Reviews due/);
    const practitioner = await signedIn(w, 'practitioner');
    assert.equal((await practitioner.get('/cases')).statusCode, 404);
  });
});

describe('the case pages', () => {
  test('the hub allocates, changes status and closes on pages with error summaries; a stale form says so', async () => {
    const { referralId, personId } = await referred();
    await decide(referralId, 'medium');
    const hub = await signedIn(w, 'hub_coordinator');
    const form = await hub.get(`/people/${personId}/case/allocate`);
    assert.equal(form.statusCode, 200, form.body);
    const version = /name="version" id="version" value="(\d+)"/.exec(form.body)?.[1] ?? '';
    const saved = await hub.post(
      `/people/${personId}/case/allocate`,
      new URLSearchParams({
        _csrf: csrfFrom(form.body),
        version,
        leadAgencyId: w.agencies.hub,
        allocatedWorkerId: w.users.hub_member.id,
        keyWorkerId: '',
        ward: 'Eastfield (fictional)',
      }).toString(),
    );
    assert.equal(saved.statusCode, 303, saved.body);
    const plan = await hub.get(saved.headers.location as string);
    assert.match(plan.body, /Allocation saved/);
    assert.match(plan.body, /data-qa="case-lead-agency">Testshire Hub</);
    const stale = await hub.post(
      `/people/${personId}/case/status`,
      new URLSearchParams({ _csrf: csrfFrom(form.body), version, status: 'under_review', reason: 'x' }).toString(),
    );
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this case/);
    const statusForm = await hub.get(`/people/${personId}/case/status`);
    const v2 = /name="version" id="version" value="(\d+)"/.exec(statusForm.body)?.[1] ?? '';
    const noReason = await hub.post(
      `/people/${personId}/case/status`,
      new URLSearchParams({ _csrf: csrfFrom(statusForm.body), version: v2, status: 'stepped_down' }).toString(),
    );
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /Enter why the status is changing/);
    const closeForm = await hub.get(`/people/${personId}/case/close`);
    const noClose = await hub.post(`/people/${personId}/case/close`, new URLSearchParams({ _csrf: csrfFrom(closeForm.body), version: v2 }).toString());
    assert.equal(noClose.statusCode, 422);
    assert.match(noClose.body, /Select why the case is closing/);
    const closed = await hub.post(
      `/people/${personId}/case/close`,
      new URLSearchParams({ _csrf: csrfFrom(closeForm.body), version: v2, reason: 'turned_18' }).toString(),
    );
    assert.equal(closed.statusCode, 303);
    const after = await hub.get(closed.headers.location as string);
    assert.match(after.body, /Case closed/);
    assert.match(after.body, /Turned 18 and handed to adult services/);
    assert.match(after.body, /data-qa="case-status">closed</);
  });
});

describe('the partnership’s settings', () => {
  test('review intervals and closing reasons are the partnership’s to set; only the hub coordinator may', async () => {
    const defaults = (await api(w, 'hub_member', 'GET', '/api/v1/case-settings')).json();
    assert.deepEqual(defaults.reviewWeeks, { high: 4, medium: 6, low: 12 });
    assert.ok(defaults.closureReasons.some((r: { code: string }) => r.code === 'turned_18'));
    assert.equal((await api(w, 'hub_member', 'PUT', '/api/v1/case-settings', { reviewWeeks: { high: 2, medium: 6, low: 12 } })).statusCode, 403);
    const bad = await api(w, 'hub_coordinator', 'PUT', '/api/v1/case-settings', { reviewWeeks: { high: 0, medium: 6, low: 12 } });
    assert.equal(bad.statusCode, 422);
    const set = await api(w, 'hub_coordinator', 'PUT', '/api/v1/case-settings', {
      reviewWeeks: { high: 2, medium: 6, low: 12 },
      closureReasons: [
        { code: 'risk_reduced', label: 'Risk reduced', needsDetail: false },
        { code: 'custody', label: 'Entered custody', needsDetail: true },
      ],
    });
    assert.equal(set.statusCode, 200, set.body);
    const { referralId, personId } = await referred();
    await decide(referralId, 'high');
    const c = await caseOf(personId);
    assert.equal(c.reviewDue, addDays(today(), 14), 'the partnership’s two weeks');
    const moved = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/closure`, { version: c.version, reason: 'moved_away' });
    assert.equal(moved.statusCode, 422, 'no longer on the list');
    const custody = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/closure`, { version: c.version, reason: 'custody' });
    assert.equal(custody.json().errors[0].field, 'detail');
    await api(w, 'hub_coordinator', 'PUT', '/api/v1/case-settings', { reviewWeeks: { high: 4, medium: 6, low: 12 }, closureReasons: defaults.closureReasons });
  });
});
