// The partnership's delivery plan (issue 13.6): the roll-up (pure), a plan created by API with its priorities,
// objectives and actions, its summary and overdue actions, progress moving status and RAG, a tracker action made
// from a plan action, the pages (list, plan, adding a priority, a progress update with every error), and who may
// do what: scrutiny members and hub members read, only the hub coordinator and administrator change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { overallRag, rollup, summarise } from '../src/modules/delivery-plan/domain.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, signedIn, type World, world } from './fixtures.ts';

const today = ukDate(new Date());

describe('the roll-up (pure)', () => {
  const a = (status: 'not_started' | 'in_progress' | 'completed' | 'outstanding', rag: 'red' | 'amber' | 'green' | null, due: number) => ({
    status,
    rag,
    dueOn: addDays('2026-11-01', due),
  });
  const day = '2026-11-01';

  test('counts by status and RAG, and overdue: past the due date and not completed', () => {
    const r = rollup([a('in_progress', 'amber', -1), a('completed', 'green', -30), a('outstanding', 'red', 5), a('not_started', null, 0)], day);
    assert.deepEqual(r.byStatus, { not_started: 1, in_progress: 1, completed: 1, outstanding: 1 });
    assert.deepEqual(r.byRag, { red: 1, amber: 1, green: 1, unrated: 1 });
    assert.equal(r.total, 4);
    assert.equal(r.overdue, 1, 'due today is not overdue; a completed action past its date is not');
  });

  test('the overall rating: red for a red or overdue unfinished action, then amber, then green; none when nothing is rated', () => {
    assert.equal(overallRag([], day), null);
    assert.equal(overallRag([a('not_started', null, 10)], day), null);
    assert.equal(overallRag([a('in_progress', 'green', -1)], day), 'red', 'overdue counts as red');
    assert.equal(overallRag([a('completed', 'red', -1), a('in_progress', 'amber', 3)], day), 'amber', 'a completed red action no longer counts');
    assert.equal(overallRag([a('completed', null, -1), a('not_started', null, 3)], day), 'green');
    assert.equal(overallRag([a('in_progress', 'green', 3), a('in_progress', 'red', 3)], day), 'red');
  });

  test('a summary per priority in number order, and for the whole plan', () => {
    const s = summarise(
      [
        { number: 2, title: 'Protect', actions: [a('in_progress', 'amber', 3)] },
        { number: 1, title: 'Prevent', actions: [a('completed', 'green', -3), a('not_started', null, -2)] },
      ],
      day,
    );
    assert.deepEqual(
      s.priorities.map((p) => [p.number, p.title, p.total, p.overdue, p.rag]),
      [
        [1, 'Prevent', 2, 1, 'red'],
        [2, 'Protect', 1, 0, 'amber'],
      ],
    );
    assert.deepEqual([s.total, s.overdue, s.rag], [3, 1, 'red']);
  });
});

describe('delivery plans in the partnership', () => {
  let w: World;
  let planId: string;
  let lateId: string;
  before(async () => {
    w = await world();
  });
  after(() => w?.close());

  const lead = { leadOfficer: 'Fictional Lead, Head of Safeguarding', leadOrganisation: 'Testshire Council (fictional)' };
  const body = () => ({
    name: 'Testshire delivery plan 2026-27 (fictional)',
    from: '2026-04-01',
    to: '2027-03-31',
    priorities: [
      {
        title: 'Prevent',
        objectives: [
          {
            text: 'Children know the signs of exploitation.',
            actions: [
              { text: 'Sessions in every school.', ...lead, dueOn: addDays(today, -3), status: 'in_progress', rag: 'green' },
              { text: 'A parents’ campaign.', ...lead, dueOn: addDays(today, -40), status: 'completed', rag: 'green' },
            ],
          },
        ],
      },
      {
        title: 'Pursue',
        objectives: [
          {
            text: 'Exploiters are disrupted.',
            actions: [
              { text: 'Quarterly disruption report.', ...lead, leadUserId: w.users.hub_coordinator.id, dueOn: addDays(today, 30), rag: 'amber' },
              { text: 'Map locations of concern.', ...lead, dueOn: addDays(today, 60), status: 'outstanding', rag: 'red' },
            ],
          },
        ],
      },
    ],
  });

  test('422 naming the field: a period that ends before it starts, a missing lead, an unknown lead user', async () => {
    const bad = body();
    bad.to = '2026-01-01';
    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/delivery-plans', bad);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().errors[0].field, 'to');
    const yearNought = await api(w, 'hub_coordinator', 'POST', '/api/v1/delivery-plans', { ...body(), from: '0000-04-01' });
    assert.equal(yearNought.statusCode, 422, 'the schema lets year 0 through; the database would refuse it');
    assert.equal(yearNought.json().errors[0].field, 'from');
    const noLead = body() as { priorities: { objectives: { actions: Record<string, unknown>[] }[] }[] };
    delete noLead.priorities[0].objectives[0].actions[1].leadOfficer;
    const missing = await api(w, 'hub_coordinator', 'POST', '/api/v1/delivery-plans', noLead);
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().errors[0].field, 'priorities[0].objectives[0].actions[1].leadOfficer');
    const stranger = body() as { priorities: { objectives: { actions: Record<string, unknown>[] }[] }[] };
    stranger.priorities[1].objectives[0].actions[0].leadUserId = crypto.randomUUID();
    const unknown = await api(w, 'hub_coordinator', 'POST', '/api/v1/delivery-plans', stranger);
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].field, 'priorities[1].objectives[0].actions[0].leadUserId');
    assert.deepEqual((await api(w, 'hub_coordinator', 'GET', '/api/v1/delivery-plans')).json(), []);
  });

  test('the hub coordinator creates a plan; its summary, per priority and overdue actions are right', async () => {
    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/delivery-plans', body());
    assert.equal(res.statusCode, 201, res.body);
    const plan = res.json();
    planId = plan.id;
    assert.deepEqual(
      plan.priorities.flatMap((p: { objectives: { actions: { ref: string }[] }[] }) => p.objectives.flatMap((o) => o.actions.map((a) => a.ref))),
      ['1.1.1', '1.1.2', '2.1.1', '2.1.2'],
    );
    assert.deepEqual(plan.summary.byStatus, { not_started: 1, in_progress: 1, completed: 1, outstanding: 1 });
    assert.deepEqual(plan.summary.byRag, { red: 1, amber: 1, green: 2, unrated: 0 });
    assert.equal(plan.summary.overdue, 1);
    assert.equal(plan.summary.rag, 'red');
    assert.deepEqual(
      plan.summary.priorities.map((p: { title: string; rag: string; overdue: number }) => [p.title, p.rag, p.overdue]),
      [
        ['Prevent', 'red', 1],
        ['Pursue', 'red', 0],
      ],
    );
    assert.deepEqual(
      plan.overdue.map((a: { ref: string }) => a.ref),
      ['1.1.1'],
    );
    lateId = plan.overdue[0].id;
    assert.equal(plan.priorities[1].objectives[0].actions[0].leadUser.name, 'Test hub_coordinator');
    const audit = await w.database.db
      .selectFrom('audit_event')
      .select(['person_id', 'actor_id'])
      .where('partnership_id', '=', w.partnershipId)
      .where('action', '=', 'delivery_plan.created')
      .execute();
    assert.deepEqual(audit, [{ person_id: null, actor_id: w.users.hub_coordinator.id }]);
    const dup = await api(w, 'hub_coordinator', 'POST', '/api/v1/delivery-plans', body());
    assert.equal(dup.statusCode, 422);
    assert.equal(dup.json().errors[0].field, 'name');
  });

  test('scrutiny and hub members read plans; they may not change them (403 on page and API); practitioners may not read', async () => {
    for (const role of ['scrutiny_member', 'hub_member'] as const) {
      const list = await api(w, role, 'GET', '/api/v1/delivery-plans');
      assert.equal(list.statusCode, 200, role);
      assert.deepEqual(
        list.json().map((p: { id: string; summary: { total: number } }) => [p.id, p.summary.total]),
        [[planId, 4]],
      );
    }
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/delivery-plans/${planId}`)).statusCode, 200);
    assert.equal((await api(w, 'scrutiny_member', 'POST', '/api/v1/delivery-plans', body())).statusCode, 403);
    assert.equal(
      (await api(w, 'scrutiny_member', 'POST', `/api/v1/delivery-plans/${planId}/actions/${lateId}/progress`, { text: 'Fictional' })).statusCode,
      403,
    );
    assert.equal((await api(w, 'hub_member', 'POST', `/api/v1/delivery-plans/${planId}/actions/${lateId}/progress`, { text: 'Fictional' })).statusCode, 403);
    assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/delivery-plans')).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/delivery-plans/${crypto.randomUUID()}`)).statusCode, 404);

    const scrutiny = await signedIn(w, 'scrutiny_member');
    const page = await scrutiny.get(`/delivery-plans/${planId}/actions/${lateId}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Add a progress update/);
    assert.equal((await scrutiny.get('/delivery-plans/new')).statusCode, 403);
    assert.equal((await scrutiny.get(`/delivery-plans/${planId}/priorities/new`)).statusCode, 403);
    assert.equal((await (await signedIn(w, 'practitioner')).get('/delivery-plans')).statusCode, 403);
  });

  test('a progress update with its author and date moves the status and RAG; the action is no longer overdue', async () => {
    const future = await api(w, 'hub_coordinator', 'POST', `/api/v1/delivery-plans/${planId}/actions/${lateId}/progress`, {
      text: 'Fictional',
      datedOn: addDays(today, 2),
    });
    assert.equal(future.statusCode, 422);
    assert.equal(future.json().errors[0].field, 'datedOn');
    const res = await api(w, 'hub_coordinator', 'POST', `/api/v1/delivery-plans/${planId}/actions/${lateId}/progress`, {
      text: 'Fictional: the last two schools held their sessions.',
      status: 'completed',
      rag: 'green',
    });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json();
    assert.deepEqual([a.status, a.rag, a.overdue], ['completed', 'green', false]);
    assert.deepEqual([a.progress[0].datedOn, a.progress[0].author], [today, 'Test hub_coordinator']);
    const plan = (await api(w, 'scrutiny_member', 'GET', `/api/v1/delivery-plans/${planId}`)).json();
    assert.equal(plan.summary.overdue, 0);
    assert.equal(plan.summary.byStatus.completed, 2);
    assert.deepEqual(
      plan.summary.priorities.map((p: { rag: string }) => p.rag),
      ['green', 'red'],
    );
  });

  test('a plan action makes an action in the one tracker', async () => {
    const res = await api(w, 'hub_coordinator', 'POST', `/api/v1/delivery-plans/${planId}/actions/${lateId}/tracker-actions`, {
      title: 'Fictional: book the spring term sessions',
      ownerAgencyId: w.agencies.school,
      dueOn: addDays(today, 21),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().ref, '1.1.1');
    const action = (await api(w, 'hub_coordinator', 'GET', `/api/v1/actions/${res.json().actionId}`)).json();
    assert.deepEqual([action.sourceKind, action.sourceId], ['delivery_plan', lateId]);
    const plan = (await api(w, 'scrutiny_member', 'GET', `/api/v1/delivery-plans/${planId}`)).json();
    assert.equal(plan.priorities[0].objectives[0].actions[0].trackerActions[0].title, 'Fictional: book the spring term sessions');
  });

  test('pages: linked from reviews; the list, the plan with RAG tags and overdue; a priority added; every error at once', async () => {
    const scrutiny = await signedIn(w, 'scrutiny_member');
    assert.match((await scrutiny.get('/reviews')).body, /href="\/delivery-plans" data-qa="delivery-plans-link"/);
    const list = await scrutiny.get('/delivery-plans');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Testshire delivery plan 2026-27 \(fictional\)/);
    assert.doesNotMatch(list.body, /Create a delivery plan/);
    const page = await scrutiny.get(`/delivery-plans/${planId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Priority 2: Pursue/);
    assert.match(page.body, /govuk-tag--red">\s*Red/);
    assert.match(page.body, /govuk-tag--yellow">\s*Amber/);
    assert.match(page.body, /No action is past its timescale/);
    assert.equal(page.body.match(/<h1/g)?.length, 1);

    const hub = await signedIn(w, 'hub_coordinator');
    const added = await hub.submit(`/delivery-plans/${planId}/priorities/new`, `/delivery-plans/${planId}/priorities`, { title: 'Support' });
    assert.equal(added.statusCode, 303, added.body);
    assert.match((await hub.get(`/delivery-plans/${planId}`)).body, /Priority 3: Support/);

    const form = `/delivery-plans/${planId}/actions/${lateId}`;
    const bad = await hub.submit(form, `${form}/progress`, {
      text: '',
      'datedOn-day': '31',
      'datedOn-month': '2',
      'datedOn-year': '2026',
      status: 'in_progress',
      rag: '',
    });
    assert.equal(bad.statusCode, 422);
    const summary = /govuk-error-summary[\s\S]*?<\/ul>/.exec(bad.body)?.[0] ?? '';
    assert.deepEqual(
      [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]),
      ['text', 'datedOn'],
    );
    const ok = await hub.submit(form, `${form}/progress`, {
      text: 'Fictional: evaluation forms returned.',
      'datedOn-day': '1',
      'datedOn-month': '11',
      'datedOn-year': '2026',
      status: 'completed',
      rag: 'green',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.match((await hub.get(form)).body, /1 November 2026, by Test hub_coordinator/);
  });
});
