// Multi-agency case audits (issue 13.7): the sample follows the rule and is drawn again from its seed; a round by the
// API with its sample; answers per agency (an auditor for their own agency only); the report's counts; the report
// read by scrutiny with no child named; reading the sample audited per child; who may not (403 on page and API).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Candidate, drawSample, explainSample, rollUp } from '../src/modules/case-audits/domain.ts';
import { erasePerson } from '../src/modules/retention/delete.ts';
import { addDays, formatDate, ukDate } from '../src/platform/time.ts';
import { api, signedIn, type World, world } from './fixtures.ts';

const today = ukDate(new Date());
const rule = { from: '2026-04-01', to: '2026-09-30', size: 3, riskLevels: ['high'], categories: [], seed: 4821 };
const cand = (n: number, over: Partial<Candidate> = {}): Candidate => ({
  caseId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  personId: `p${n}`,
  riskLevel: 'high',
  category: 'cse',
  openedOn: '2026-01-01',
  closedOn: null,
  ...over,
});

describe('sampling and the roll-up (pure)', () => {
  const pool = [
    ...Array.from({ length: 10 }, (_, i) => cand(i + 1)),
    cand(11, { riskLevel: 'medium' }),
    cand(12, { closedOn: '2026-03-31' }),
    cand(13, { openedOn: '2026-10-01' }),
    cand(14, { closedOn: '2026-04-01' }),
  ];

  test('the sample follows the rule: open at some time in the period, of the risk levels given, at most the size', () => {
    const { population, sample } = drawSample(pool, rule);
    assert.equal(population, 11, 'ten open, and one closed on the first day of the period');
    assert.equal(sample.length, 3);
    assert.ok(sample.every((c) => c.riskLevel === 'high' && c.openedOn <= rule.to && (c.closedOn === null || c.closedOn >= rule.from)));
    assert.equal(new Set(sample.map((c) => c.caseId)).size, 3);
    assert.equal(drawSample(pool, { ...rule, size: 50 }).sample.length, 11);
    assert.equal(drawSample(pool, { ...rule, categories: ['ce'] }).sample.length, 0);
  });

  test('the same seed draws the same sample, whatever order the cases come in; another seed another', () => {
    const once = drawSample(pool, rule).sample.map((c) => c.caseId);
    assert.deepEqual(
      drawSample([...pool].reverse(), rule).sample.map((c) => c.caseId),
      once,
    );
    assert.notDeepEqual(
      drawSample(pool, { ...rule, seed: 4822 }).sample.map((c) => c.caseId),
      once,
    );
    assert.equal(
      explainSample(rule, 11, 3, formatDate),
      '3 of 11 cases open between 1 April 2026 and 30 September 2026, high risk, drawn at random, seed 4821',
    );
  });

  test('grades counted by question, agency and case', () => {
    const r = rollUp(
      [
        { caseNumber: 1, agencyId: 'a', questionNumber: 1, grade: 'good' },
        { caseNumber: 1, agencyId: 'b', questionNumber: 1, grade: 'inadequate' },
        { caseNumber: 2, agencyId: 'a', questionNumber: 2, grade: 'good' },
      ],
      [1, 2],
      ['a', 'b'],
      [1, 2],
    );
    assert.deepEqual(r.overall, { outstanding: 0, good: 2, requires_improvement: 0, inadequate: 1, total: 3 });
    assert.deepEqual(
      r.byQuestion.map((q) => [q.number, q.counts.good, q.counts.inadequate]),
      [
        [1, 1, 1],
        [2, 1, 0],
      ],
    );
    assert.deepEqual(
      r.byAgency.map((a) => [a.agencyId, a.counts.total]),
      [
        ['a', 2],
        ['b', 1],
      ],
    );
    assert.deepEqual(
      r.byCase.map((c) => c.counts.total),
      [2, 1],
    );
  });
});

describe('case audits in the partnership', () => {
  let w: World;
  let templateId: string;
  let roundId: string;
  const children: { personId: string; caseId: string; name: string; riskLevel: string; openedOn: string; closedOn: string | null }[] = [];
  const from = addDays(today, -200);
  const to = addDays(today, -10);

  before(async () => {
    w = await world();
    const db = w.database.db;
    // Six fictional children with cases: four high risk open in the period, one high closed before it, one medium.
    const spec: [string, string, string | null][] = [
      ['high', addDays(today, -300), null],
      ['high', addDays(today, -150), null],
      ['high', addDays(today, -100), addDays(today, -5)],
      ['high', addDays(today, -60), null],
      ['high', addDays(today, -400), addDays(today, -250)],
      ['medium', addDays(today, -90), null],
    ];
    for (const [i, [riskLevel, openedOn, closedOn]] of spec.entries()) {
      const personId = randomUUID();
      const caseId = randomUUID();
      const name = `Auditchild${'ABCDEF'[i]} Fictional`;
      await db
        .insertInto('person')
        .values({ partnership_id: w.partnershipId, id: personId, given_name: name.split(' ')[0], family_name: 'Fictional' })
        .execute();
      const opened = new Date(`${openedOn}T12:00:00Z`);
      await db
        .insertInto('exploitation_case')
        .values({
          partnership_id: w.partnershipId,
          id: caseId,
          person_id: personId,
          status: closedOn ? 'closed' : 'open',
          status_changed_at: opened,
          risk_level: riskLevel,
          category: 'cse',
          risk_decided_at: opened,
          opened_at: opened,
          closed_at: closedOn ? new Date(`${closedOn}T12:00:00Z`) : null,
        })
        .execute();
      children.push({ personId, caseId, name, riskLevel, openedOn, closedOn });
    }
    // The school works with the first two children: its manager sees their names in the sample, no one else's.
    await db
      .insertInto('person_agency')
      .values(children.slice(0, 2).map((c) => ({ partnership_id: w.partnershipId, person_id: c.personId, agency_id: w.agencies.school })))
      .execute();
  });
  after(() => w?.close());

  const audits = (action: string) =>
    w.database.db
      .selectFrom('audit_event')
      .select(['person_id', 'resource_type'])
      .where('partnership_id', '=', w.partnershipId)
      .where('action', '=', action)
      .execute();

  test('a template and a round by the API: the sample drawn by the rule, reproducible from its seed', async () => {
    const t = await api(w, 'hub_coordinator', 'POST', '/api/v1/case-audits/templates', {
      name: 'Mock JTAI (fictional)',
      theme: 'Exploitation',
      questions: ['Are assessments and plans dynamic and change in the light of emerging issues and risks?', 'Is there effective information sharing?'],
    });
    assert.equal(t.statusCode, 201, t.body);
    templateId = t.json().id;

    const body = {
      templateId,
      name: 'Autumn audit (fictional)',
      from,
      to,
      sampleSize: 3,
      riskLevels: ['high'],
      agencyIds: [w.agencies.school, w.agencies.police],
      seed: 4821,
    };
    const bad = await api(w, 'hub_coordinator', 'POST', '/api/v1/case-audits', { ...body, sampleSize: 0 });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, 'sampleSize');
    const ancient = await api(w, 'hub_coordinator', 'POST', '/api/v1/case-audits', { ...body, from: '0000-01-01' });
    assert.equal(ancient.statusCode, 422);
    assert.equal(ancient.json().errors[0].field, 'from');
    const none = await api(w, 'hub_coordinator', 'POST', '/api/v1/case-audits', { ...body, agencyIds: [] });
    assert.equal(none.statusCode, 422);
    assert.equal(none.json().errors[0].field, 'agencyIds');

    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/case-audits', body);
    assert.equal(res.statusCode, 201, res.body);
    roundId = res.json().id;
    assert.equal(res.json().sample.drawn, 3);
    assert.equal(res.json().sample.population, 4, 'four high-risk cases open in the period');
    assert.match(res.json().sample.explanation, /^3 of 4 cases open between .+, high risk, drawn at random, seed 4821$/);

    const round = await api(w, 'hub_coordinator', 'GET', `/api/v1/case-audits/${roundId}`);
    assert.equal(round.statusCode, 200, round.body);
    const expected = drawSample(
      children.map((c) => ({ caseId: c.caseId, personId: c.personId, riskLevel: c.riskLevel, category: 'cse', openedOn: c.openedOn, closedOn: c.closedOn })),
      { from, to, size: 3, riskLevels: ['high'], categories: [], seed: 4821 },
    ).sample.map((c) => c.personId);
    assert.deepEqual(
      round.json().cases.map((c: { personId: string }) => c.personId),
      expected,
      'the same seed and rule draw the same cases, in the same order',
    );
    // Reading the sample is a person-level read: one audit event per child.
    const viewed = await audits('case_audit.viewed');
    assert.deepEqual(
      viewed
        .filter((v) => v.person_id)
        .map((v) => v.person_id)
        .sort(),
      [...expected].sort(),
    );
    assert.equal((await audits('case_audit_round.created')).length, 1);

    const list = await api(w, 'scrutiny_member', 'GET', '/api/v1/case-audits');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json()[0].totals, { cases: 3, agencies: 2, questions: 2, answers: 0, expected: 12, findings: 0 });
  });

  test('each agency answers for itself; the hub records for an agency taking part; the report counts the grades', async () => {
    const manager = await api(w, 'manager', 'POST', `/api/v1/case-audits/${roundId}/answers`, {
      caseNumber: 1,
      answers: [
        { question: 1, grade: 'requires_improvement', comment: 'Fictional: the plan was not updated after a missing episode.' },
        { question: 2, grade: 'good' },
      ],
    });
    assert.equal(manager.statusCode, 201, manager.body);
    assert.equal(manager.json().agencyName, 'Testshire School');
    assert.equal(
      (
        await api(w, 'manager', 'POST', `/api/v1/case-audits/${roundId}/answers`, {
          caseNumber: 1,
          agencyId: w.agencies.police,
          answers: [{ question: 1, grade: 'good' }],
        })
      ).statusCode,
      403,
    );
    // The hub member's agency does not take part in this round.
    assert.equal(
      (await api(w, 'hub_member', 'POST', `/api/v1/case-audits/${roundId}/answers`, { caseNumber: 1, answers: [{ question: 1, grade: 'good' }] })).statusCode,
      403,
    );
    const unknown = await api(w, 'manager', 'POST', `/api/v1/case-audits/${roundId}/answers`, { caseNumber: 2, answers: [{ question: 9, grade: 'good' }] });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].field, 'answers[0].question');
    const grade = await api(w, 'manager', 'POST', `/api/v1/case-audits/${roundId}/answers`, { caseNumber: 2, answers: [{ question: 1, grade: 'fine' }] });
    assert.equal(grade.statusCode, 422);
    assert.equal(grade.json().errors[0].field, 'answers[0].grade');
    const police = await api(w, 'hub_coordinator', 'POST', `/api/v1/case-audits/${roundId}/answers`, {
      caseNumber: 1,
      agencyId: w.agencies.police,
      answers: [
        { question: 1, grade: 'inadequate' },
        { question: 2, grade: 'good' },
      ],
    });
    assert.equal(police.statusCode, 201, police.body);
    assert.equal((await audits('case_audit.answered')).length, 2);

    const report = (await api(w, 'hub_coordinator', 'GET', `/api/v1/case-audits/${roundId}/report`)).json();
    assert.deepEqual(report.overall, { outstanding: 0, good: 2, requires_improvement: 1, inadequate: 1, total: 4 });
    assert.deepEqual(
      report.byQuestion.map((q: { counts: { good: number; inadequate: number; requires_improvement: number } }) => [
        q.counts.good,
        q.counts.requires_improvement,
        q.counts.inadequate,
      ]),
      [
        [0, 1, 1],
        [2, 0, 0],
      ],
    );
    assert.deepEqual(
      report.byAgency.map((a: { name: string; counts: { total: number } }) => [a.name, a.counts.total]),
      [
        ['Testshire Police', 2],
        ['Testshire School', 2],
      ],
    );
    assert.deepEqual(
      report.byCase.map((c: { label: string; counts: { total: number } }) => [c.label, c.counts.total]),
      [
        ['Case 1', 4],
        ['Case 2', 0],
        ['Case 3', 0],
      ],
    );
  });

  test('findings and a remedial action in the tracker; scrutiny reads the report with no child named', async () => {
    const f = await api(w, 'hub_coordinator', 'POST', `/api/v1/case-audits/${roundId}/findings`, {
      text: 'Fictional: plans were not updated after missing episodes.',
    });
    assert.equal(f.statusCode, 201, f.body);
    assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/case-audits/${roundId}/findings`, { text: '' })).json().errors[0].field, 'text');
    const act = await api(w, 'hub_coordinator', 'POST', `/api/v1/case-audits/${roundId}/actions`, {
      title: `Fictional: update the plan of ${children[0].name}`,
      ownerAgencyId: w.agencies.school,
      dueOn: addDays(today, 30),
      finding: 1,
      caseNumber: 1,
    });
    assert.equal(act.statusCode, 201, act.body);
    const action = (await api(w, 'hub_coordinator', 'GET', `/api/v1/actions/${act.json().actionId}`)).json();
    assert.equal(action.sourceKind, 'case_audit');
    const round = (await api(w, 'hub_coordinator', 'GET', `/api/v1/case-audits/${roundId}`)).json();
    assert.equal(action.personId, round.cases[0].personId, 'an action about one case is about that child');

    const report = await api(w, 'scrutiny_member', 'GET', `/api/v1/case-audits/${roundId}/report`);
    assert.equal(report.statusCode, 200, report.body);
    assert.deepEqual(report.json().findings, [{ number: 1, text: 'Fictional: plans were not updated after missing episodes.' }]);
    assert.equal(report.json().actions[0].title, 'Remedial action for Case 1');
    const page = await (await signedIn(w, 'scrutiny_member')).get(`/case-audits/rounds/${roundId}/report`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Grades by question/);
    assert.match(page.body, /Are assessments and plans dynamic/);
    const csv = await (await signedIn(w, 'scrutiny_member')).get(`/case-audits/rounds/${roundId}/report.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="Autumn-audit-fictional-report-/);
    assert.match(csv.body, /\r\nCase 1,0,2,1,1,4\r\n/);
    for (const body of [report.body, page.body, csv.body]) for (const c of children) assert.ok(!body.includes(c.name.split(' ')[0]), `${c.name} named`);
    // The round itself (which children) is not theirs to read.
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/case-audits/${roundId}`)).statusCode, 403);
    assert.equal((await (await signedIn(w, 'scrutiny_member')).get(`/case-audits/rounds/${roundId}`)).statusCode, 403);
  });

  test('a practitioner may not (403 on page and API); the manager sees only the names of children the school works with', async () => {
    assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/case-audits')).statusCode, 403);
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/case-audits/${roundId}/report`)).statusCode, 403);
    const practitioner = await signedIn(w, 'practitioner');
    assert.equal((await practitioner.get('/case-audits')).statusCode, 403);
    assert.equal((await practitioner.get(`/case-audits/rounds/${roundId}/cases/1`)).statusCode, 403);

    const round = (await api(w, 'manager', 'GET', `/api/v1/case-audits/${roundId}`)).json();
    // The school works with the first two children; it also works the case of Case 1's child while that case is
    // not closed, by owning the open remedial action about them (rules.ts worksTheCase).
    const first = children.find((c) => c.personId === round.cases[0].personId);
    const schoolKnows = new Set([...children.slice(0, 2).map((c) => c.personId), ...(first?.closedOn ? [] : [round.cases[0].personId])]);
    for (const c of round.cases as { personId: string; name: string | null }[]) assert.equal(c.name !== null, schoolKnows.has(c.personId));
  });

  test('pages: the list from /reviews, a new round with every error, the answer form, completing the round', async () => {
    const hub = await signedIn(w, 'hub_coordinator');
    assert.match((await hub.get('/reviews')).body, /href="\/case-audits" data-qa="case-audits-link">Multi-agency case audits/);
    const list = await hub.get('/case-audits');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Autumn audit \(fictional\)/);

    const bad = await hub.submit('/case-audits/rounds/new', '/case-audits/rounds/new', { templateId: '', name: '', sampleSize: 'x' });
    assert.equal(bad.statusCode, 422);
    const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(bad.body)?.[1] ?? '';
    assert.deepEqual(
      [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]),
      ['templateId', 'name', 'from', 'to', 'sampleSize', 'agencyIds'],
    );

    const manager = await signedIn(w, 'manager');
    const casePath = `/case-audits/rounds/${roundId}/cases/2`;
    const form = await manager.get(casePath);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Answers for Testshire School/);
    assert.ok(
      (await audits('case_audit.case_viewed')).some((v) => v.person_id),
      'one case’s page is a read about that child',
    );
    const missing = await manager.submit(casePath, casePath, { agencyId: w.agencies.school, 'comment-1': 'Fictional' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Select a grade for question 1, or remove its comment/);
    const ok = await manager.submit(casePath, casePath, {
      agencyId: w.agencies.school,
      'grade-1': 'good',
      'grade-2': 'outstanding',
      'comment-2': 'Fictional: views recorded.',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await manager.get(`/case-audits/rounds/${roundId}`);
    assert.match(page.body, /data-qa="progress">6 of 12/);

    const done = await hub.submit(`/case-audits/rounds/${roundId}`, `/case-audits/rounds/${roundId}/complete`, {});
    assert.equal(done.statusCode, 303, done.body);
    const late = await api(w, 'manager', 'POST', `/api/v1/case-audits/${roundId}/answers`, { caseNumber: 3, answers: [{ question: 1, grade: 'good' }] });
    assert.equal(late.statusCode, 409);
    assert.equal((await api(w, 'hub_coordinator', 'GET', '/api/v1/case-audits')).json()[0].status, 'completed');
  });

  test('erasing a sampled child takes their place in the sample and the answers about them; the report counts the rest', async () => {
    const before = (await api(w, 'hub_coordinator', 'GET', `/api/v1/case-audits/${roundId}`)).json();
    const first = before.cases[0].personId;
    await w.database.db.transaction().execute((tx) => erasePerson(tx, w.partnershipId, first));
    const report = (await api(w, 'hub_coordinator', 'GET', `/api/v1/case-audits/${roundId}/report`)).json();
    assert.deepEqual(
      report.byCase.map((c: { label: string }) => c.label),
      ['Case 2', 'Case 3'],
    );
    assert.equal(report.overall.total, 2, 'the manager’s two answers on Case 2 remain');
    assert.equal(report.rule.seed, 4821);
  });
});
