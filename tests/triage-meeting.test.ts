// A triage meeting day's minutes (page, print, CSV, HTML, API) and the hub coordinator's corrections with history.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { correctTriageDecision } from '../src/modules/triage/meeting/use-cases.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
after(() => w?.close());

const DAY = '2025-03-12';
let decisionId = '';
let personId = '';

const actorOf = (role: 'hub_coordinator' | 'hub_member'): Actor => {
  const u = w.users[role];
  return { userId: u.id, partnershipId: w.partnershipId, agencyId: u.agencyId, role, name: 'x', email: u.email, via: 'session' };
};

before(async () => {
  w = await world();
  const r = (
    await api(
      w,
      'hub_coordinator',
      'POST',
      '/api/v1/referrals',
      referralBody({ receivedAt: `2025-03-10T09:00:00Z`, subject: { ...referralBody().subject, givenName: '=HYPERLINK("x")' } }),
    )
  ).json();
  const d = await api(w, 'hub_member', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: older associates, two missing episodes.',
    decidedAt: `${DAY}T10:00:00Z`,
    actions: [{ description: 'Strategy discussion', ownerAgencyId: w.agencies.hub, dueDate: addDays(ukDate(new Date()), 7) }],
  });
  assert.equal(d.statusCode, 201, d.body);
  decisionId = d.json().id;
  personId = r.person?.id ?? r.personId ?? r.subject?.id;
});

describe('the day’s minutes', () => {
  test('the API lists each decision with child, referral, category, level, actions and who decided; audited as a person-level read', async () => {
    const res = await api(w, 'hub_member', 'GET', `/api/v1/triage/meetings/${DAY}`);
    assert.equal(res.statusCode, 200, res.body);
    const [d] = res.json().decisions;
    assert.equal(d.id, decisionId);
    assert.equal(d.outcome, 'medium');
    assert.equal(d.category, 'cse');
    assert.match(d.personName, /Fictional/);
    assert.ok(d.reference);
    assert.equal(d.actions[0].description, 'Strategy discussion');
    assert.ok(d.decidedBy);
    assert.equal(d.version, 1);
    assert.deepEqual(d.history, []);
    personId = d.personId;
    const audit = await w.database.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'triage_meeting.decisions_viewed')
      .where('actor_id', '=', w.users.hub_member.id)
      .execute();
    assert.ok(audit.some((a) => JSON.stringify(a.details).includes(personId)));
    const empty = (await api(w, 'hub_member', 'GET', '/api/v1/triage/meetings/2025-03-13')).json();
    assert.deepEqual(empty.decisions, []);
    assert.equal((await api(w, 'hub_member', 'GET', '/api/v1/triage/meetings/not-a-day')).statusCode, 404);
    // No triage at all: refused.
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/triage/meetings/${DAY}`)).statusCode, 403);
  });

  test('the page is a table with print, CSV (formula-safe) and HTML copies; the triage page links to it', async () => {
    const b = await signedIn(w, 'hub_member');
    const page = await b.get(`/triage/meetings/${DAY}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /govuk-table/);
    assert.match(page.body, /Strategy discussion/);
    assert.doesNotMatch(page.body, /data-qa="correct"/, 'a hub member may not correct');
    const print = await b.get(`/triage/meetings/${DAY}/print`);
    assert.match(print.body, /meetings-print\.css/);
    const csv = await b.get(`/triage/meetings/${DAY}/minutes.csv`);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /'=HYPERLINK/, 'a leading = is escaped');
    assert.match(csv.body, /Medium/);
    const html = await b.get(`/triage/meetings/${DAY}/minutes.html`);
    assert.match(String(html.headers['content-disposition']), /attachment/);
    assert.match(html.body, /Strategy discussion/);
    assert.match((await b.get(`/triage/${DAY}`)).body, new RegExp(`href="/triage/meetings/${DAY}"`));
  });
});

describe('corrections', () => {
  test('only the hub coordinator may correct: a hub member is refused, by the API and the page', async () => {
    const body = { outcome: 'high', category: 'cse', rationale: 'x', reason: 'y', version: 1 };
    assert.equal((await api(w, 'hub_member', 'POST', `/api/v1/triage/decisions/${decisionId}/corrections`, body)).statusCode, 403);
    assert.equal((await api(w, 'police_intelligence', 'POST', `/api/v1/triage/decisions/${decisionId}/corrections`, body)).statusCode, 403);
    const b = await signedIn(w, 'hub_member');
    assert.equal((await b.get(`/triage/meetings/${DAY}/decisions/${decisionId}/correct`)).statusCode, 403);
  });

  test('a correction needs a reason (error summary) and keeps the earlier version, with who, when and why', async () => {
    const b = await signedIn(w, 'hub_coordinator');
    const form = `/triage/meetings/${DAY}/decisions/${decisionId}/correct`;
    const noReason = await b.submit(form, form, {
      outcome: 'high',
      category: 'cse',
      rationale: 'Fictional: disclosure after the meeting.',
      reason: '',
      version: '1',
    });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /govuk-error-summary/);
    assert.match(noReason.body, /Enter why the decision is being corrected/);
    const ok = await b.submit(form, form, {
      outcome: 'high',
      category: 'cse',
      rationale: 'Fictional: disclosure after the meeting.',
      reason: 'The chair confirmed High was agreed',
      version: '1',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const [d] = (await api(w, 'hub_member', 'GET', `/api/v1/triage/meetings/${DAY}`)).json().decisions;
    assert.equal(d.outcome, 'high');
    assert.equal(d.version, 2);
    assert.equal(d.corrected.reason, 'The chair confirmed High was agreed');
    assert.ok(d.corrected.by);
    assert.equal(d.history.length, 1);
    assert.equal(d.history[0].outcome, 'medium');
    assert.equal(d.history[0].reason, null);
    const page = await b.get(`/triage/meetings/${DAY}`);
    assert.match(page.body, /Earlier versions \(1\)/);
    assert.match(page.body, /data-qa="correct"/);
    // The audit event and the domain event of the correction.
    const events = await w.database.db.selectFrom('domain_event').select(['subject_id']).where('name', '=', 'triage_decision.corrected').execute();
    assert.ok(events.some((e) => e.subject_id === decisionId));
    const audit = await w.database.db.selectFrom('audit_event').select('id').where('action', '=', 'triage_decision.corrected').execute();
    assert.ok(audit.length >= 1);
    // The referral's standing outcome follows.
    const referral = await w.database.db.selectFrom('referral').select('triage_outcome').where('id', '=', d.referralId).executeTakeFirstOrThrow();
    assert.equal(referral.triage_outcome, 'high');
  });

  test('the API refuses a stale version (409) and a correction that changes nothing (422), naming the field', async () => {
    const stale = await api(w, 'hub_coordinator', 'POST', `/api/v1/triage/decisions/${decisionId}/corrections`, {
      outcome: 'low',
      category: 'cse',
      rationale: 'x',
      reason: 'y',
      version: 1,
    });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().errors[0].field, 'version');
    const same = await api(w, 'hub_coordinator', 'POST', `/api/v1/triage/decisions/${decisionId}/corrections`, {
      outcome: 'high',
      category: 'cse',
      rationale: 'Fictional: disclosure after the meeting.',
      reason: 'again',
      version: 2,
    });
    assert.equal(same.statusCode, 422);
    assert.equal(same.json().errors[0].field, 'outcome');
    const blank = await api(w, 'hub_coordinator', 'POST', `/api/v1/triage/decisions/${decisionId}/corrections`, {
      outcome: 'low',
      category: 'cse',
      rationale: 'x',
      reason: '',
      version: 2,
    });
    assert.equal(blank.statusCode, 422);
    assert.equal(blank.json().errors[0].field, 'reason');
    const missing = await api(w, 'hub_coordinator', 'POST', `/api/v1/triage/decisions/00000000-0000-4000-8000-000000000000/corrections`, {
      outcome: 'low',
      category: 'cse',
      rationale: 'x',
      reason: 'y',
      version: 1,
    });
    assert.equal(missing.statusCode, 404);
  });

  test('two concurrent corrections of the same version: one is saved, the other refused, none lost', async () => {
    const run = (outcome: 'low' | 'no_risk') =>
      w.svc
        .run(correctTriageDecision, actorOf('hub_coordinator'), {
          id: decisionId,
          outcome,
          category: 'cse',
          rationale: `Fictional: ${outcome}`,
          reason: outcome,
          version: 2,
        })
        .then(
          () => 'ok',
          (e: { status?: number }) => e.status,
        );
    const results = await Promise.all([run('low'), run('no_risk')]);
    assert.deepEqual([...results].sort(), [409, 'ok'].sort());
    const [d] = (await api(w, 'hub_member', 'GET', `/api/v1/triage/meetings/${DAY}`)).json().decisions;
    assert.equal(d.version, 3);
    assert.deepEqual(
      d.history.map((v: { version: number; outcome: string }) => [v.version, v.outcome]),
      [
        [1, 'medium'],
        [2, 'high'],
      ],
    );
  });
});
