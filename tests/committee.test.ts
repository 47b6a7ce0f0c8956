// Committee questions, answers, resolutions and promised reports (issue 13.5): the period and catch-up rules (pure),
// a meeting recorded by API, a report produced now with the figures of the missing report for its period, the daily
// sweep producing every missed period once however often it runs, scrutiny members reading published figures but
// changing nothing, and errors naming the field (API and page).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  dueOn,
  isPeriodStart,
  latestEndedPeriod,
  nextDueOn,
  periodContaining,
  periodFrom,
  periodLabel,
  periodsToProduce,
  promisedReportErrors,
} from '../src/modules/committee/domain.ts';
import { sweepCommitteeReports } from '../src/modules/committee/sweep.ts';
import { addMonths } from '../src/modules/reports/domain.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

describe('periods of a promised report (pure)', () => {
  test('quarters are the UK financial year’s; months are calendar months, leap years included', () => {
    assert.deepEqual(periodContaining('2026-05-20', 'quarterly'), { from: '2026-04-01', to: '2026-06-30' });
    assert.deepEqual(periodContaining('2027-02-10', 'quarterly'), { from: '2027-01-01', to: '2027-03-31' });
    assert.deepEqual(periodContaining('2028-02-10', 'monthly'), { from: '2028-02-01', to: '2028-02-29' });
    assert.equal(isPeriodStart('2026-07-01', 'quarterly'), true);
    assert.equal(isPeriodStart('2026-05-01', 'quarterly'), false);
    assert.equal(isPeriodStart('2026-05-01', 'monthly'), true);
    assert.equal(isPeriodStart('2026-05-02', 'monthly'), false);
    assert.equal(periodLabel({ from: '2026-07-01', to: '2026-09-30' }, 'quarterly'), 'Q2 2026/27 (July to September 2026)');
    assert.equal(periodLabel({ from: '2027-01-01', to: '2027-03-31' }, 'quarterly'), 'Q4 2026/27 (January to March 2027)');
    assert.equal(periodLabel({ from: '2026-11-01', to: '2026-11-30' }, 'monthly'), 'November 2026');
  });

  test('due the day after the period ends; the latest ended period; missed periods all produced, oldest first', () => {
    assert.equal(dueOn({ from: '2026-07-01', to: '2026-09-30' }), '2026-10-01');
    assert.deepEqual(latestEndedPeriod('quarterly', '2026-10-01'), { from: '2026-07-01', to: '2026-09-30' });
    assert.deepEqual(latestEndedPeriod('quarterly', '2026-09-30'), { from: '2026-04-01', to: '2026-06-30' });
    assert.deepEqual(latestEndedPeriod('monthly', '2026-01-15'), { from: '2025-12-01', to: '2025-12-31' });
    assert.deepEqual(
      periodsToProduce('2026-01-01', 'quarterly', '2026-12-02', new Set(['2026-04-01'])).map((p) => p.from),
      ['2026-01-01', '2026-07-01'],
    );
    assert.deepEqual(periodsToProduce('2026-10-01', 'quarterly', '2026-12-31', new Set()), [], 'the quarter has not ended');
    assert.equal(nextDueOn('2026-01-01', 'quarterly', new Set()), '2026-04-01');
    assert.equal(nextDueOn('2026-01-01', 'quarterly', new Set(['2026-01-01', '2026-04-01', '2026-07-01'])), '2027-01-01');
  });

  test('catching up: every ended period is produced exactly once, in order, whatever was produced before', () => {
    const month = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(
        month,
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('monthly', 'quarterly' as const),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (m0, ahead, cadence, picks) => {
          const first = periodContaining(addMonths('2024-01-01', m0), cadence).from;
          const today = addDays(first, ahead * 20);
          const all: string[] = [];
          for (let p = periodFrom(first, cadence); dueOn(p) <= today; p = periodFrom(dueOn(p), cadence)) all.push(p.from);
          const produced = new Set(all.filter((_, i) => picks[i]));
          const todo = periodsToProduce(first, cadence, today, produced).map((p) => p.from);
          assert.deepEqual([...todo].sort(), todo, 'oldest first');
          assert.deepEqual([...new Set([...todo, ...produced])].sort(), all);
          assert.ok(todo.every((f) => !produced.has(f)));
          // Once all are produced, the next is due after today.
          assert.ok(nextDueOn(first, cadence, new Set(all)) > today);
        },
      ),
    );
  });

  test('a promised report: its three parts together, a period start, not too far back', () => {
    assert.deepEqual(promisedReportErrors({}, '2026-12-02'), []);
    assert.deepEqual(
      promisedReportErrors({ reportKind: 'missing' }, '2026-12-02', 'resolutions[1].').map((e) => e.field),
      ['resolutions[1].cadence', 'resolutions[1].firstPeriodStart'],
    );
    assert.match(promisedReportErrors({ reportKind: 'missing', cadence: 'quarterly', firstPeriodStart: '2026-05-01' }, '2026-12-02')[0].message, /1 April/);
    assert.match(promisedReportErrors({ reportKind: 'missing', cadence: 'monthly', firstPeriodStart: '2019-01-01' }, '2026-12-02')[0].message, /3 years/);
  });
});

describe('committees in the partnership', () => {
  let w: World;
  const today = ukDate(new Date());
  const quarter = latestEndedPeriod('quarterly', today);
  let meetingId: string;
  let missingResolution: string;
  let reportId: string;
  before(async () => {
    w = await world();
    // Three missing episodes in the last ended quarter, each with its return: the report's figures for it.
    const child = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json().personId;
    for (const day of [5, 20, 40]) {
      const at = `${addDays(quarter.from, day)}T12:00:00Z`;
      const res = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
        personId: child,
        classification: 'missing',
        riskGrade: 'medium',
        reportedAt: at,
        returnedAt: `${addDays(quarter.from, day + 1)}T09:00:00Z`,
      });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(() => w?.close());

  const events = (name: string) =>
    w.database.db.selectFrom('domain_event').select(['person_id']).where('partnership_id', '=', w.partnershipId).where('name', '=', name).execute();

  test('the hub records a meeting by API: questions (answered or not) and resolutions, one promising a quarterly report', async () => {
    const bad = await api(w, 'hub_coordinator', 'POST', '/api/v1/committee-meetings', {
      committee: 'Children’s Scrutiny Panel (fictional)',
      heldOn: today,
      title: 'Fictional',
      resolutions: [
        { text: 'That the Panel receive quarterly reports.', reportKind: 'missing', cadence: 'quarterly', firstPeriodStart: addDays(quarter.from, 31) },
      ],
    });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.deepEqual(
      bad.json().errors.map((e: { field: string }) => e.field),
      ['resolutions[0].firstPeriodStart'],
    );
    const blank = await api(w, 'hub_coordinator', 'POST', '/api/v1/committee-meetings', { committee: '', heldOn: today, title: 'Fictional' });
    assert.equal(blank.json().errors[0].field, 'committee');
    // A date the database cannot hold (year 1) is a field error, not a server error.
    const year1 = await api(w, 'hub_coordinator', 'POST', '/api/v1/committee-meetings', { committee: 'X', heldOn: '0001-01-01', title: 'X' });
    assert.deepEqual([year1.statusCode, year1.json().errors[0].field], [422, 'heldOn']);

    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/committee-meetings', {
      committee: 'Children’s Scrutiny Panel (fictional)',
      heldOn: addDays(quarter.from, -20),
      title: 'Child exploitation: partners’ review (fictional)',
      questions: [
        {
          askedBy: 'The Chair',
          question: 'How are return home interviews offered when a parent does not consent?',
          answer: 'Fictional: outreach workers offer the interview to the child directly.',
          answeredBy: 'Taylor Demo-Missing',
        },
        { askedBy: 'Councillor A. Demo-Member', question: 'How many taxi drivers have been trained?' },
      ],
      resolutions: [
        { text: 'That Street Teams liaise with the school improvement teams (fictional).' },
        {
          text: 'That the Panel receive quarterly reports on the undertaking of the return home interviews.',
          evidencePromised: 'Quarterly reports on the undertaking of the return home interviews',
          reportKind: 'missing',
          cadence: 'quarterly',
          firstPeriodStart: quarter.from,
        },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const m = res.json();
    meetingId = m.id;
    assert.deepEqual(
      m.questions.map((q: { number: number; answeredOn: string | null }) => [q.number, q.answeredOn]),
      [
        [1, addDays(quarter.from, -20)],
        [2, null],
      ],
      'an answer given at the meeting is dated the meeting',
    );
    missingResolution = m.resolutions[1].id;
    assert.equal(m.resolutions[1].promisedReport.nextDueOn, dueOn(quarter));
    assert.equal(m.resolutions[1].promisedReport.overdue, today > dueOn(quarter));
    assert.equal(m.resolutions[0].promisedReport, null);
    const recorded = await events('committee_meeting.recorded');
    assert.deepEqual(recorded, [{ person_id: null }], 'about no one');
  });

  test('“Produce the report now” keeps the missing report’s figures for the quarter; asked again, it is not produced twice', async () => {
    const now = await api(w, 'hub_coordinator', 'POST', `/api/v1/committee-resolutions/${missingResolution}/reports`);
    assert.equal(now.statusCode, 201, now.body);
    const report = now.json();
    reportId = report.id;
    assert.deepEqual(report.period, quarter);
    assert.equal(report.published, false);
    assert.equal(report.producedBy, 'Test hub_coordinator');
    assert.equal(report.liveReportHref, `/missing/report?from=${quarter.from}&to=${quarter.to}`);
    const live = (await api(w, 'hub_coordinator', 'GET', `/api/v1/reports/missing?from=${quarter.from}&to=${quarter.to}`)).json();
    const value = (label: string) => report.figures.find((f: { label: string }) => f.label === label)?.value;
    assert.equal(value('Missing episodes'), 3);
    assert.equal(value('Missing episodes'), live.episodes);
    assert.equal(value('Children missing'), live.children);
    assert.equal(value('Episodes with a return'), live.episodesReturned);
    assert.equal(value('Return home interviews offered'), live.interviewsOffered);
    assert.equal(value('Return home interviews completed'), live.interviewsCompleted);

    const again = await api(w, 'hub_coordinator', 'POST', `/api/v1/committee-resolutions/${missingResolution}/reports`);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, reportId);
    assert.equal((await events('committee_report.produced')).length, 1);
    const r = (await api(w, 'hub_coordinator', 'GET', `/api/v1/committee-resolutions/${missingResolution}`)).json();
    assert.equal(r.promisedReport.nextDueOn, dueOn(periodFrom(dueOn(quarter), 'quarterly')), 'the next quarter’s');
    assert.equal(r.reports.length, 1);
  });

  test('the daily sweep catches up on missed months, oldest first, and run twice produces once', async () => {
    const hub = await signedIn(w, 'hub_coordinator');
    const page = `/committees/meetings/${meetingId}`;
    const first = addMonths(today, -3);
    const bad = await hub.submit(page, `${page}/resolutions`, {
      'resolution.text': '',
      'resolution.reportKind': 'triage',
      'resolution.cadence': '',
      'resolution.firstPeriodStart-day': '1',
      'resolution.firstPeriodStart-month': '13',
      'resolution.firstPeriodStart-year': '2026',
    });
    assert.equal(bad.statusCode, 422);
    const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(bad.body)?.[1] ?? '';
    assert.deepEqual(
      [...summary.matchAll(/href="#([^"]+)"/g)].map((x) => x[1]),
      ['resolution-text', 'resolution-cadence', 'resolution-firstPeriodStart'],
      'every error, in the page’s order',
    );
    const ok = await hub.submit(page, `${page}/resolutions`, {
      'resolution.text': 'That the Panel receive monthly figures on referrals (fictional).',
      'resolution.evidencePromised': 'Monthly referral figures',
      'resolution.reportKind': 'triage',
      'resolution.cadence': 'monthly',
      'resolution.firstPeriodStart-day': first.slice(8),
      'resolution.firstPeriodStart-month': first.slice(5, 7),
      'resolution.firstPeriodStart-year': first.slice(0, 4),
    });
    assert.equal(ok.statusCode, 303, ok.body);

    assert.equal(await sweepCommitteeReports(w.svc, w.partnershipId), 3, 'three ended months');
    assert.equal(await sweepCommitteeReports(w.svc, w.partnershipId), 0);
    const meeting = (await api(w, 'scrutiny_member', 'GET', `/api/v1/committee-meetings/${meetingId}`)).json();
    const monthly = meeting.resolutions[2];
    assert.equal(monthly.promisedReport.nextDueOn, addMonths(today, 1));
    const detail = (await api(w, 'scrutiny_member', 'GET', `/api/v1/committee-resolutions/${monthly.id}`)).json();
    assert.deepEqual(
      detail.reports.map((x: { period: { from: string } }) => x.period.from),
      [addMonths(today, -1), addMonths(today, -2), first],
    );
    assert.ok(
      detail.reports.every((x: { producedBy: string | null }) => x.producedBy === null),
      'produced by the scheduler',
    );
    assert.equal((await events('committee_report.produced')).length, 4, 'one event per report');
  });

  test('a resolution spawns an action in the one tracker (source committee)', async () => {
    const res = await api(w, 'hub_coordinator', 'POST', `/api/v1/committee-resolutions/${missingResolution}/actions`, {
      title: 'Fictional: send the Panel the interview take-up by placing authority',
      ownerAgencyId: w.agencies.hub,
      dueOn: addDays(today, 30),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/actions/${res.json().actionId}`)).json().sourceKind, 'committee');
    const r = (await api(w, 'scrutiny_member', 'GET', `/api/v1/committee-resolutions/${missingResolution}`)).json();
    assert.deepEqual(
      r.actions.map((a: { title: string }) => a.title),
      ['Fictional: send the Panel the interview take-up by placing authority'],
    );
    const bad = await api(w, 'hub_coordinator', 'POST', `/api/v1/committee-resolutions/${missingResolution}/actions`, {
      title: '',
      ownerAgencyId: w.agencies.hub,
    });
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['dueOn', 'title'],
    );
    assert.equal(
      (
        await api(w, 'scrutiny_member', 'POST', `/api/v1/committee-resolutions/${missingResolution}/actions`, {
          title: 'X',
          ownerAgencyId: w.agencies.hub,
          dueOn: today,
        })
      ).statusCode,
      403,
    );
  });

  test('scrutiny members read resolutions and reports, published (1-5 as c), and change nothing', async () => {
    const r = await api(w, 'scrutiny_member', 'GET', `/api/v1/committee-resolutions/${missingResolution}`);
    assert.equal(r.statusCode, 200, r.body);
    const report = r.json().reports[0];
    assert.equal(report.published, true);
    assert.equal(report.figures.find((f: { label: string }) => f.label === 'Missing episodes').value, 'c');
    assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/committee-meetings')).json()[0].unanswered, 1);

    const scrutiny = await signedIn(w, 'scrutiny_member');
    assert.match((await scrutiny.get('/reviews')).body, /href="\/committees" data-qa="committees-link">Committee questions and resolutions/);
    const list = await scrutiny.get('/committees');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Child exploitation: partners’ review \(fictional\)/);
    assert.match(list.body, /data-qa="promised-reports"/);
    assert.doesNotMatch(list.body, /Record a committee meeting/);
    const page = await scrutiny.get(`/committees/reports/${reportId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Missing episodes<\/th><td class="govuk-table__cell govuk-table__cell--numeric">c<\/td>/);
    assert.match(page.body, /data-qa="published-note"/);
    const resolution = await scrutiny.get(`/committees/resolutions/${missingResolution}`);
    assert.match(resolution.body, /Q\d \d{4}\/\d\d/);
    assert.doesNotMatch(resolution.body, /Produce the report now/);
    const meeting = await scrutiny.get(`/committees/meetings/${meetingId}`);
    assert.match(meeting.body, /How are return home interviews offered/);
    assert.doesNotMatch(meeting.body, /Add a question/);

    assert.equal((await scrutiny.get('/committees/meetings/new')).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'POST', `/api/v1/committee-resolutions/${missingResolution}/reports`)).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'POST', '/api/v1/committee-meetings', { committee: 'X', heldOn: today, title: 'X' })).statusCode, 403);
    assert.equal((await api(w, 'information_governance', 'GET', '/api/v1/committee-meetings')).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/committee-resolutions/${crypto.randomUUID()}`)).statusCode, 404);
  });

  test('pages: the hub sees exact figures, records a meeting (errors in a summary), adds and answers questions', async () => {
    const hub = await signedIn(w, 'hub_coordinator');
    const report = await hub.get(`/committees/reports/${reportId}`);
    assert.match(report.body, /Missing episodes<\/th><td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
    assert.doesNotMatch(report.body, /data-qa="published-note"/);

    const blank = await hub.submit('/committees/meetings/new', '/committees/meetings', {
      committee: '',
      title: '',
      'heldOn-day': '',
      'heldOn-month': '',
      'heldOn-year': '',
    });
    assert.equal(blank.statusCode, 422);
    assert.match(blank.body, /govuk-error-summary/);
    for (const m of ['Enter the name of the committee', 'Enter the date of the meeting', 'Enter the title of the meeting or item'])
      assert.match(blank.body, new RegExp(m));
    const created = await hub.submit('/committees/meetings/new', '/committees/meetings', {
      committee: 'Partnership Board (fictional)',
      title: 'Quarterly assurance (fictional)',
      'heldOn-day': today.slice(8),
      'heldOn-month': today.slice(5, 7),
      'heldOn-year': today.slice(0, 4),
    });
    assert.equal(created.statusCode, 303, created.body);
    const page = String(created.headers.location);
    const q = await hub.submit(page, `${page}/questions`, { 'question.askedBy': 'The Chair (fictional)', 'question.question': 'When will the audit report?' });
    assert.equal(q.statusCode, 303, q.body);
    const answered = await hub.submit(page, `${page}/answers`, {
      'written.number': '1',
      'written.answer': 'Fictional: at the next meeting.',
      'written.answeredBy': 'Sam Demo-Coordinator',
    });
    assert.equal(answered.statusCode, 303, answered.body);
    const shown = await hub.get(page);
    assert.match(shown.body, /Answer by Sam Demo-Coordinator/);
    assert.deepEqual(
      (await events('committee_question.answered')).map((e) => e.person_id),
      [null],
    );
  });
});
