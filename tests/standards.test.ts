// Standards frameworks and their self-assessment cycle (issue 13.6): the review schedule (pure), a framework created
// by API and page, self-assessments with evidence links and a tracker action, due and overdue on the page, and who
// may do what (scrutiny members read, never change).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedStandardsDemo } from '../src/demo/standards.ts';
import { addMonths, assessableQuarters, dueIn, isEvidenceUrl, quarter, schedule } from '../src/modules/standards/domain.ts';
import { readStandardLines } from '../src/modules/standards/web.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, signedIn, type World, world } from './fixtures.ts';

const TWELVE = Array.from({ length: 12 }, (_, i) => i + 1);

describe('the review schedule (pure)', () => {
  test('three a quarter in number order, cycling; quarters counted from the start', () => {
    assert.deepEqual(dueIn(TWELVE, 3, 0), [1, 2, 3]);
    assert.deepEqual(dueIn(TWELVE, 3, 1), [4, 5, 6]);
    assert.deepEqual(dueIn(TWELVE, 3, 3), [10, 11, 12]);
    assert.deepEqual(dueIn(TWELVE, 3, 4), [1, 2, 3], 'the second cycle starts again from 1');
    assert.deepEqual(dueIn(TWELVE.slice(0, 10), 3, 3), [10], 'a short last quarter');
    assert.deepEqual(dueIn([30, 10, 20], 1, 1), [20], 'by number, whatever the numbers');
    assert.deepEqual(dueIn(TWELVE, 3, -1), []);
    assert.deepEqual(quarter('2026-04-01', 1, 4), { index: 1, cycle: 1, position: 2, startsOn: '2026-07-01', endsOn: '2026-09-30' });
    assert.deepEqual(quarter('2026-11-01', 5, 4), { index: 5, cycle: 2, position: 2, startsOn: '2028-02-01', endsOn: '2028-04-30' });
    assert.equal(addMonths('2026-11-01', -6), '2026-05-01');
  });

  test('mid-cycle: what is due now, what is overdue (until assessed, even late), and x of 12 this cycle', () => {
    const base = { startsOn: '2026-04-01', perQuarter: 3, numbers: TWELVE };
    const a = (number: number, quarterStartsOn: string) => ({ number, quarterStartsOn });
    const early = [a(1, '2026-04-01'), a(2, '2026-04-01'), a(3, '2026-04-01'), a(5, '2026-07-01')];
    const s = schedule({ ...base, assessments: early, today: '2026-10-15' });
    assert.deepEqual([s.current?.position, s.current?.startsOn, s.current?.endsOn], [3, '2026-10-01', '2026-12-31']);
    assert.deepEqual(s.dueNow, [
      { number: 7, assessed: false },
      { number: 8, assessed: false },
      { number: 9, assessed: false },
    ]);
    assert.deepEqual(
      s.overdue.map((o) => [o.number, o.quarter.endsOn]),
      [
        [4, '2026-09-30'],
        [6, '2026-09-30'],
      ],
    );
    assert.deepEqual(s.cycle, { number: 1, assessed: 4, total: 12 });
    assert.equal(s.slot.get(11)?.startsOn, '2027-01-01');
    // Standard 4 assessed late, for this quarter: no longer overdue; 7 assessed for this quarter: done.
    const late = schedule({ ...base, assessments: [...early, a(4, '2026-10-01'), a(7, '2026-10-01')], today: '2026-12-31' });
    assert.deepEqual(
      late.overdue.map((o) => o.number),
      [6],
    );
    assert.deepEqual(late.dueNow[0], { number: 7, assessed: true });
    assert.equal(late.cycle.assessed, 6);
    // The next cycle: 1-3 due again, nothing of it assessed yet; what was never assessed is still overdue, once each.
    const next = schedule({ ...base, assessments: early, today: '2027-04-02' });
    assert.deepEqual([next.current?.cycle, next.current?.position], [2, 1]);
    assert.deepEqual(
      next.dueNow.map((d) => d.number),
      [1, 2, 3],
    );
    assert.deepEqual(next.cycle, { number: 2, assessed: 0, total: 12 });
    assert.deepEqual(
      next.overdue.map((o) => o.number),
      [4, 6, 7, 8, 9, 10, 11, 12],
    );
    // Before the cycle starts nothing is due or overdue.
    const before = schedule({ ...base, assessments: [], today: '2026-03-31' });
    assert.deepEqual([before.current, before.dueNow, before.overdue, before.cycle.assessed], [null, [], [], 0]);
  });

  test('the quarter an assessment is for: where the standard was last due, else this quarter', () => {
    const s = { startsOn: '2026-04-01', perQuarter: 3, numbers: TWELVE, today: '2026-10-15' };
    assert.equal(assessableQuarters(s, 4).defaultIndex, 1);
    assert.equal(assessableQuarters(s, 8).defaultIndex, 2);
    assert.equal(assessableQuarters(s, 11).defaultIndex, 2, 'not due yet: this quarter');
    assert.deepEqual(
      assessableQuarters(s, 1).quarters.map((q) => q.startsOn),
      ['2026-10-01', '2026-07-01', '2026-04-01'],
    );
    assert.deepEqual(assessableQuarters({ ...s, today: '2026-01-01' }, 1), { quarters: [], defaultIndex: null });
  });

  test('evidence links: web addresses and Jigsaw paths only; standards typed a line each', () => {
    assert.ok(isEvidenceUrl('https://example.org/report.pdf'));
    assert.ok(isEvidenceUrl('/reports/triage?from=2026-10-01&to=2026-12-31'));
    for (const bad of ['javascript:alert(1)', '//example.org/x', 'ftp://example.org/x', 'not a link', '/a path']) assert.equal(isEvidenceUrl(bad), false, bad);
    assert.deepEqual(readStandardLines('Leaders know the picture: fictional wording\n\n  Children are heard  \n'), [
      { number: 1, title: 'Leaders know the picture', description: 'fictional wording' },
      { number: 2, title: 'Children are heard' },
    ]);
  });
});

describe('standards frameworks in the partnership', () => {
  let w: World;
  let id: string;
  const today = ukDate(new Date());
  // Started two quarters ago: this is the third quarter of the first cycle.
  const startsOn = addMonths(today, -6);
  const q1 = startsOn;
  const q2 = addMonths(startsOn, 3);
  before(async () => {
    w = await world();
  });
  after(() => w?.close());

  const audits = (action: string) =>
    w.database.db
      .selectFrom('audit_event')
      .select(['resource_id', 'person_id'])
      .where('partnership_id', '=', w.partnershipId)
      .where('action', '=', action)
      .execute();
  const standards = TWELVE.map((n) => ({
    number: n,
    title: `Fictional standard ${n}`,
    ...(n === 1 ? { description: 'Leaders know the picture (fictional).' } : {}),
  }));

  test('the hub creates a framework by API; 422 names the field; scrutiny members may not', async () => {
    const body = { name: 'See Me, Hear Me local standards (test)', startsOn, standards };
    const bad = async (patch: Record<string, unknown>, field: string) => {
      const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/standards-frameworks', { ...body, ...patch });
      assert.equal(res.statusCode, 422, res.body);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === field),
        `${field}: ${res.body}`,
      );
    };
    await bad({ startsOn: addDays(startsOn, 14) }, 'startsOn');
    await bad({ name: '' }, 'name');
    await bad({ perQuarter: 0 }, 'perQuarter');
    await bad({ standards: [standards[0], standards[0]] }, 'standards[1].number');
    assert.equal((await api(w, 'scrutiny_member', 'POST', '/api/v1/standards-frameworks', body)).statusCode, 403);

    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/standards-frameworks', body);
    assert.equal(res.statusCode, 201, res.body);
    const { id: made, ...rest } = res.json() as { id: string };
    assert.deepEqual(rest, { name: body.name, perQuarter: 3, startsOn, standards: 12 });
    id = made;
    const events = await audits('standards_framework.created');
    assert.deepEqual(events, [{ resource_id: id, person_id: null }]);
    assert.equal((await api(w, 'hub_coordinator', 'POST', '/api/v1/standards-frameworks', body)).json().errors[0].field, 'name', 'a name used once');
  });

  test('self-assessments: rating, evidence and links by the signed-in person; an action goes into the tracker', async () => {
    const url = (n: number) => `/api/v1/standards-frameworks/${id}/standards/${n}/assessments`;
    for (const [n, rating] of [
      [1, 'met'],
      [2, 'partly_met'],
      [3, 'not_met'],
    ] as const) {
      const res = await api(w, 'hub_coordinator', 'POST', url(n), { rating, evidenceSummary: `Fictional evidence for ${n}.`, quarter: q1 });
      assert.equal(res.statusCode, 201, res.body);
    }
    const five = await api(w, 'hub_coordinator', 'POST', url(5), {
      rating: 'partly_met',
      evidenceSummary: 'Fictional: nine of twelve audited plans record the child’s words.',
      evidenceLinks: [{ title: 'Triage report', url: '/reports/triage' }],
      actions: [{ title: 'Fictional: add the child’s words to the plan template', ownerAgencyId: w.agencies.health, dueOn: addDays(today, 30) }],
    });
    assert.equal(five.statusCode, 201, five.body);
    const a = five.json();
    assert.deepEqual(
      [a.quarter.startsOn, a.assessedOn, a.assessedBy, a.evidenceLinks],
      [q2, today, 'Test hub_coordinator', [{ title: 'Triage report', url: '/reports/triage' }]],
    );
    assert.equal(a.actionIds.length, 1, 'the quarter it was last due in, by default');
    const action = (await api(w, 'hub_coordinator', 'GET', `/api/v1/actions/${a.actionIds[0]}`)).json();
    assert.deepEqual([action.sourceKind, action.title], ['standard', 'Fictional: add the child’s words to the plan template']);
    assert.equal((await audits('standard.assessed')).length, 4);
    assert.equal((await audits('action.assigned')).length, 1);

    const refused = async (body: Record<string, unknown>, field: string) => {
      const res = await api(w, 'hub_coordinator', 'POST', url(6), { rating: 'met', evidenceSummary: 'Fictional.', ...body });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().errors[0].field, field, res.body);
    };
    await refused({ rating: 'great' }, 'rating');
    await refused({ evidenceSummary: '' }, 'evidenceSummary');
    await refused({ evidenceLinks: [{ title: 'Fictional', url: 'javascript:alert(1)' }] }, 'evidenceLinks[0].url');
    await refused({ quarter: addMonths(today, 3) }, 'quarter');
    await refused({ assessedOn: addDays(today, 1) }, 'assessedOn');
    await refused({ actions: [{ title: 'Fictional', ownerAgencyId: w.agencies.health, dueOn: addDays(today, -1) }] }, 'actions[0].dueOn');
    assert.equal((await api(w, 'hub_coordinator', 'POST', url(13), { rating: 'met', evidenceSummary: 'Fictional.' })).statusCode, 404);
    assert.equal((await api(w, 'scrutiny_member', 'POST', url(6), { rating: 'met', evidenceSummary: 'Fictional.' })).statusCode, 403);
    // The administrator assesses but has no tracker rights: an assessment with an action is refused whole.
    const admin = await api(w, 'partnership_admin', 'POST', url(6), {
      rating: 'met',
      evidenceSummary: 'Fictional.',
      actions: [{ title: 'Fictional', ownerAgencyId: w.agencies.health, dueOn: today }],
    });
    assert.equal(admin.statusCode, 403, admin.body);
    assert.equal((await audits('standard.assessed')).length, 4, 'nothing written by a refused assessment');
  });

  test('scrutiny members read the schedule: latest ratings, due this quarter, overdue, 4 of 12 this cycle', async () => {
    const list = await api(w, 'scrutiny_member', 'GET', '/api/v1/standards-frameworks');
    assert.equal(list.statusCode, 200, list.body);
    const [f] = list.json();
    assert.equal(f.id, id);
    assert.deepEqual(
      f.standards.slice(0, 6).map((s: { latest: { rating: string } | null }) => s.latest?.rating ?? null),
      ['met', 'partly_met', 'not_met', null, 'partly_met', null],
    );
    assert.deepEqual(
      f.dueThisQuarter.map((d: { number: number }) => d.number),
      [7, 8, 9],
    );
    assert.deepEqual(
      f.overdue.map((o: { number: number; quarter: { startsOn: string } }) => [o.number, o.quarter.startsOn]),
      [
        [4, q2],
        [6, q2],
      ],
    );
    assert.deepEqual(f.cycleProgress, { cycle: 1, assessed: 4, total: 12 });
    assert.equal(f.currentQuarter.position, 3);
    const five = (await api(w, 'scrutiny_member', 'GET', `/api/v1/standards-frameworks/${id}/standards/5`)).json();
    assert.deepEqual(
      five.assessments.map((a: { rating: string; actions: unknown[]; evidenceLinks: unknown[] }) => [a.rating, a.actions.length, a.evidenceLinks.length]),
      [['partly_met', 1, 1]],
    );
    assert.equal(five.quarters.find((q: { isDefault: boolean }) => q.isDefault).startsOn, q2);
    assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/standards-frameworks')).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/standards-frameworks/${crypto.randomUUID()}`)).statusCode, 404);
  });

  test('pages: reached from /reviews; the schedule with due and overdue; the form refuses scrutiny and shows every error', async () => {
    const scrutiny = await signedIn(w, 'scrutiny_member');
    assert.match((await scrutiny.get('/reviews')).body, /href="\/standards" data-qa="standards-link">Standards frameworks</);
    const list = await scrutiny.get('/standards');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /See Me, Hear Me local standards \(test\)/);
    assert.match(list.body, /4 of 12/);
    assert.doesNotMatch(list.body, /Create a standards framework/);
    const page = await scrutiny.get(`/standards/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Due this quarter, by \d+ \w+ \d{4} \(3\)/);
    assert.match(page.body, /Standard 7: Fictional standard 7/);
    assert.match(page.body, /Overdue \(2\)/);
    assert.match(page.body, /Standard 4: Fictional standard 4<\/a>: due in the quarter that ended/);
    assert.match(page.body, /4 of 12 standards assessed/);
    assert.match(page.body, /govuk-tag--yellow">\s*Partly met/);
    assert.doesNotMatch(page.body, /\/assess"/, 'no assess links for a reader');
    const five = await scrutiny.get(`/standards/${id}/standards/5`);
    assert.equal(five.statusCode, 200);
    assert.match(five.body, /nine of twelve audited plans/);
    assert.match(five.body, /href="\/reports\/triage" rel="noreferrer noopener">Triage report</);
    assert.match(five.body, /add the child’s words to the plan template<\/a>: Testshire Health/);
    assert.doesNotMatch(five.body, /Assess standard 5/);
    assert.equal((await scrutiny.get(`/standards/${id}/standards/7/assess`)).statusCode, 403);
    assert.equal((await scrutiny.get('/standards/new')).statusCode, 403);

    const hub = await signedIn(w, 'hub_coordinator');
    const form = `/standards/${id}/standards/7/assess`;
    const blank = await hub.submit(form, form, {
      quarter: '',
      rating: '',
      evidenceSummary: '',
      'evidenceLinks[0].title': '',
      'evidenceLinks[0].url': 'ftp://x',
    });
    assert.equal(blank.statusCode, 422, blank.body);
    assert.match(blank.body, /govuk-error-summary/);
    const summary = blank.body.slice(blank.body.indexOf('govuk-error-summary'), blank.body.indexOf('</ul>', blank.body.indexOf('govuk-error-summary')));
    const order = [
      'Select whether the standard is met',
      'Enter a summary of the evidence',
      'Enter a title for the link',
      'Enter a web address starting https://',
    ].map((m) => summary.indexOf(m));
    assert.ok(
      order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])),
      `every error, in page order: ${order}`,
    );
    const ok = await hub.submit(form, form, {
      rating: 'met',
      evidenceSummary: 'Fictional: the quarterly meeting heard from two young people.',
      'evidenceLinks[0].title': 'Minutes (fictional)',
      'evidenceLinks[0].url': 'https://example.org/minutes',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const after = await hub.get(`/standards/${id}`);
    assert.match(after.body, /Standard 7 assessed/);
    assert.match(after.body, /5 of 12 standards assessed/);
    const history = await hub.get(form);
    assert.match(history.body, /href="https:\/\/example.org\/minutes"/);

    const made = await hub.submit('/standards/new', '/standards', {
      name: 'Fictional audit standards',
      perQuarter: '2',
      'startsOn-day': '1',
      'startsOn-month': today.slice(5, 7),
      'startsOn-year': today.slice(0, 4),
      standards: 'Records are complete: fictional\nPlans are reviewed',
    });
    assert.equal(made.statusCode, 303, made.body);
    const created = await hub.get(String(made.headers.location));
    assert.match(created.body, /Fictional audit standards created with 2 standards/);
    assert.match(created.body, /Standard 1: Records are complete/);
  });

  test('the wording of a standard changes (its number and schedule stay); scrutiny may not', async () => {
    const url = `/api/v1/standards-frameworks/${id}/standards/12`;
    const res = await api(w, 'hub_coordinator', 'PUT', url, { title: 'Fictional: the partnership learns from audits', description: 'Reworded.' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      [res.json().title, res.json().description, res.json().quarter.position],
      ['Fictional: the partnership learns from audits', 'Reworded.', 4],
    );
    assert.equal((await api(w, 'hub_coordinator', 'PUT', url, { title: '' })).json().errors[0].field, 'title');
    assert.equal((await api(w, 'scrutiny_member', 'PUT', url, { title: 'X' })).statusCode, 403);
    assert.equal((await audits('standard.wording_changed')).length, 1);
    const hub = await signedIn(w, 'hub_coordinator');
    const page = `/standards/${id}/standards/12`;
    const bad = await hub.submit(page, `${page}/wording`, { title: '', description: '' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /govuk-error-summary[\s\S]*Enter the standard’s title/);
    const ok = await hub.submit(page, `${page}/wording`, { title: 'Fictional: learning from reviews', description: '' });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.match((await hub.get(page)).body, /<h1 class="govuk-heading-l">Standard 12: Fictional: learning from reviews<\/h1>/);
    const scrutiny = await signedIn(w, 'scrutiny_member');
    assert.doesNotMatch((await scrutiny.get(page)).body, /Change the wording/);
  });

  test('the demo: Northmoor mid-cycle, 1-6 assessed with mixed ratings and one tracker action, 7-9 due', async () => {
    await seedStandardsDemo(
      w.database.db,
      w.partnershipId,
      { csc: w.agencies.hub },
      { id: w.users.hub_coordinator.id, name: 'Sam Demo-Coordinator' },
      new Date(),
    );
    const all = (await api(w, 'scrutiny_member', 'GET', '/api/v1/standards-frameworks')).json();
    const demo = all.find((f: { name: string }) => f.name === 'See Me, Hear Me local standards (fictional)');
    assert.deepEqual(demo.cycleProgress, { cycle: 1, assessed: 6, total: 12 });
    assert.deepEqual(
      demo.dueThisQuarter.map((d: { number: number }) => d.number),
      [7, 8, 9],
    );
    assert.deepEqual(demo.overdue, []);
    const ratings = demo.standards.map((s: { latest: { rating: string } | null }) => s.latest?.rating ?? null);
    assert.deepEqual(new Set(ratings.slice(0, 6)), new Set(['met', 'partly_met', 'not_met']));
    assert.deepEqual(ratings.slice(6), [null, null, null, null, null, null]);
    assert.equal(demo.standards[3].latest.actions.length, 1);
  });
});
