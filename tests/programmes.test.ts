// Programmes and outcome measures (issue 19.2, 19.3): the pure rules so far: the cap and eligibility refused with
// the field named, the indicators (count, percentage, before/after change) and "improved or sustained" reproducible
// from the records counted, and what a comparison can and cannot show.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  ageOn,
  allocationErrors,
  change,
  comparisonStatement,
  type IndicatorSpec,
  indicator,
  recordValue,
  type Scale,
} from '../src/modules/programmes/domain.ts';
import { comparisonGroup } from '../src/modules/programmes/store.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, signedIn, type World, world } from './fixtures.ts';

const pilot = { riskLevels: ['medium'], ageFrom: 10, ageTo: 17, cap: 20 };
const child = { riskLevel: 'medium', dateOfBirth: '2012-03-04', status: 'open', current: 3, inAProgramme: null };

describe('allocation (pure)', () => {
  test('an eligible child joins; the cap, the risk level, the age and another programme are refused on personId', () => {
    assert.deepEqual(allocationErrors(pilot, child, '2026-12-02'), []);
    const full = allocationErrors(pilot, { ...child, current: 20 }, '2026-12-02');
    assert.equal(full[0].field, 'personId');
    assert.match(full[0].message, /full \(20 of 20\)/);
    assert.match(allocationErrors(pilot, { ...child, riskLevel: 'high' }, '2026-12-02')[0].message, /risk level is high: the programme takes medium risk/);
    assert.match(allocationErrors(pilot, { ...child, dateOfBirth: '2006-01-01' }, '2026-12-02')[0].message, /is 20: the programme takes ages 10 to 17/);
    assert.match(allocationErrors(pilot, { ...child, dateOfBirth: null }, '2026-12-02')[0].message, /date of birth is not known/);
    assert.match(allocationErrors(pilot, { ...child, inAProgramme: 'Demo Other' }, '2026-12-02')[0].message, /already in a programme \(Demo Other\)/);
    assert.equal(ageOn('2012-12-03', '2026-12-02'), 13);
    assert.equal(ageOn('2012-12-02', '2026-12-02'), 14);
  });
});

describe('outcome records and indicators (pure)', () => {
  const star: Scale = { id: 's', name: 'Demo Star', kind: 'star', areas: ['Safety', 'Friends'], min: 1, max: 10 };
  test('a star’s areas are each 1 to 10 and its value is their total; errors name the area’s field', () => {
    assert.deepEqual(recordValue(star, { Safety: 4, Friends: 6 }), { value: 10, errors: [] });
    const bad = recordValue(star, { Safety: 11 });
    assert.deepEqual(
      bad.errors.map((e) => e.field),
      ['scores[0]', 'scores[1]'],
    );
  });

  test('"improved or sustained": first against latest per child, only children with two records, each listed', () => {
    const p = (id: string, recordedOn: string, value: number) => ({ id, recordedOn, value });
    const cohort = [
      { personId: 'a', reviewDue: '2026-12-10', records: { s: [p('a2', '2026-11-01', 12), p('a1', '2026-09-01', 10)] } },
      { personId: 'b', reviewDue: '2026-11-01', records: { s: [p('b1', '2026-09-01', 10), p('b2', '2026-11-01', 10)] } },
      { personId: 'c', reviewDue: null, records: { s: [p('c1', '2026-09-01', 10), p('c2', '2026-11-01', 8)] } },
      { personId: 'd', reviewDue: null, records: { s: [p('d1', '2026-09-01', 5)] } },
    ];
    const spec = (kind: IndicatorSpec['kind'], measure: IndicatorSpec['measure']): IndicatorSpec => ({ kind, measure, scaleId: 's', label: measure });
    assert.equal(indicator(spec('count', 'cases'), cohort, '2026-12-02').count, 4);
    const reviewed = indicator(spec('percentage', 'review_not_overdue'), cohort, '2026-12-02');
    assert.deepEqual([reviewed.count, reviewed.of, reviewed.percent], [3, 4, 75]);
    const changed = indicator(spec('change', 'improved_or_sustained'), cohort, '2026-12-02');
    assert.deepEqual([changed.count, changed.of, changed.percent], [2, 3, 67]);
    assert.deepEqual(
      changed.counted.map((c) => [c.personId, c.counts, c.firstId, c.latestId]),
      [
        ['a', true, 'a1', 'a2'],
        ['b', true, 'b1', 'b2'],
        ['c', false, 'c1', 'c2'],
      ],
    );
    assert.equal(change([p('x', '2026-01-01', 3)]), null);
  });

  test('the comparison says it is not randomised, the numbers are small, and it cannot show cause', () => {
    const s = comparisonStatement(12, 9).join(' ');
    assert.match(s, /9 against the programme’s 12/);
    assert.match(s, /not randomised/);
    assert.match(s, /numbers are small/);
    assert.match(s, /cannot show that the programme made the difference/);
  });
});

describe('a pilot programme with its caseload, outcomes and comparison group (database and HTTP)', () => {
  let w: World;
  const today = ukDate(new Date());
  const years = (n: number) => `${Number(today.slice(0, 4)) - n}${today.slice(4, 8)}01`;
  /** Children with open cases, inserted directly: `medium` 24 aged 14, one high risk, one medium aged 20. */
  const kids: { id: string; name: string; risk: string }[] = [];
  before(async () => {
    w = await world();
    const add = async (name: string, risk: string, dob: string) => {
      const id = randomUUID();
      const opened = new Date(`${addDays(today, -90)}T12:00:00Z`);
      await w.database.db
        .insertInto('person')
        .values({ partnership_id: w.partnershipId, id, given_name: name, family_name: 'Fictional', date_of_birth: dob })
        .execute();
      await w.database.db
        .insertInto('exploitation_case')
        .values({
          partnership_id: w.partnershipId,
          id: randomUUID(),
          person_id: id,
          status: 'open',
          status_changed_at: opened,
          risk_level: risk,
          category: 'cse',
          risk_decided_at: opened,
          opened_at: opened,
          review_due: addDays(today, kids.length % 2 ? 10 : -5),
        })
        .execute();
      kids.push({ id, name: `${name} Fictional`, risk });
      return id;
    };
    for (let i = 0; i < 24; i++) await add(`Demo${String(i).padStart(2, '0')}`, 'medium', years(14));
    await add('Demohigh', 'high', years(14));
    await add('Demoold', 'medium', years(22));
  });
  after(() => w?.close());

  const ids: Record<string, string> = {};
  const star = (Safety: number, Friends: number, Education: number) => ({ Safety, Friends, Education });

  test('the hub coordinator creates a scale and a programme; a practitioner and a scrutiny member may not', async () => {
    const scale = await api(w, 'hub_coordinator', 'POST', '/api/v1/outcome-scales', {
      name: 'Demo Outcome Star',
      kind: 'star',
      areas: ['Safety', 'Friends', 'Education'],
    });
    assert.equal(scale.statusCode, 201, scale.body);
    assert.deepEqual([scale.json().min, scale.json().max, scale.json().top], [1, 10, 30]);
    ids.scale = scale.json().id;
    assert.equal((await api(w, 'practitioner', 'POST', '/api/v1/outcome-scales', { name: 'X', kind: 'score' })).statusCode, 403);
    const starless = await api(w, 'partnership_admin', 'POST', '/api/v1/outcome-scales', { name: 'Demo Empty Star', kind: 'star' });
    assert.equal(starless.json().errors[0].field, 'areas');

    const body = {
      name: 'Demo Pilot Team',
      riskLevels: ['medium'],
      ageFrom: 10,
      ageTo: 17,
      caseloadCap: 20,
      startsOn: addDays(today, -60),
      indicators: [
        { kind: 'count', measure: 'cases' },
        { kind: 'percentage', measure: 'review_not_overdue' },
        { kind: 'change', measure: 'improved_or_sustained', scaleId: ids.scale },
      ],
    };
    assert.equal((await api(w, 'practitioner', 'POST', '/api/v1/programmes', body)).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'POST', '/api/v1/programmes', body)).statusCode, 403);
    assert.equal((await (await signedIn(w, 'practitioner')).get('/programmes/new')).statusCode, 403);
    // The page's start date is a GOV.UK date input: typed wrongly, it is named in the error summary with what was typed.
    const hubPages = await signedIn(w, 'hub_coordinator');
    const form = { name: 'Demo Programme from the page', riskLevels: 'medium', caseloadCap: '5', indicators: 'count:cases' };
    const wrong = await hubPages.submit('/programmes/new', '/programmes/new', {
      ...form,
      'startsOn-day': '31',
      'startsOn-month': '2',
      'startsOn-year': '2026',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /href="#startsOn[^"]*">The start date must be a real date/);
    assert.match(wrong.body, /name="startsOn-day"[^>]*value="31"/);
    const made = await hubPages.submit('/programmes/new', '/programmes/new', { ...form, 'startsOn-day': '1', 'startsOn-month': '9', 'startsOn-year': '2026' });
    assert.equal(made.statusCode, 303, made.body.slice(0, 500));
    const noRisk = await api(w, 'hub_coordinator', 'POST', '/api/v1/programmes', { ...body, riskLevels: [] });
    assert.equal(noRisk.statusCode, 422);
    assert.equal(noRisk.json().errors[0].field, 'riskLevels');
    const created = await api(w, 'hub_coordinator', 'POST', '/api/v1/programmes', body);
    assert.equal(created.statusCode, 201, created.body);
    ids.programme = created.json().id;
    assert.equal(created.json().indicators[2].label, 'Improved or sustained their score (first against latest): Demo Outcome Star');
  });

  const allocate = (i: number, who: 'hub_coordinator' | 'scrutiny_member' = 'hub_coordinator') =>
    api(w, who, 'POST', `/api/v1/programmes/${ids.programme}/allocations`, {
      personId: kids[i].id,
      workerId: i % 2 ? w.otherPractitioner.id : w.users.practitioner.id,
      joinedOn: addDays(today, -55),
    });

  test('ineligible children are refused on personId; twenty join; the twenty-first is refused: the caseload is full', async () => {
    const high = await allocate(24);
    assert.equal(high.statusCode, 422);
    assert.equal(high.json().errors[0].field, 'personId');
    assert.match(high.json().errors[0].detail, /risk level is high/);
    const old = await allocate(25);
    assert.match(old.json().errors[0].detail, /This child is 21: the programme takes ages 10 to 17/);
    for (let i = 0; i < 20; i++) assert.equal((await allocate(i)).statusCode, 201, `child ${i}`);
    const full = await allocate(20);
    assert.equal(full.statusCode, 422);
    assert.equal(full.json().errors[0].field, 'personId');
    assert.match(full.json().errors[0].detail, /caseload is full \(20 of 20\)/);
    assert.equal((await allocate(20, 'scrutiny_member')).statusCode, 403, 'scrutiny members cannot allocate');
    const hub = await signedIn(w, 'hub_coordinator');
    const page = await hub.submit(`/programmes/${ids.programme}`, `/programmes/${ids.programme}/allocations`, {
      personId: kids[21].id,
      workerId: w.users.practitioner.id,
    });
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /govuk-error-summary/);
    assert.match(page.body, /href="#personId"[^>]*>The programme’s caseload is full/);
  });

  test('two outcome stars for a child show on their Outcomes page as a chart and a table, and in the chronology', async () => {
    const record = (i: number, daysAgo: number, scores: Record<string, number>) =>
      api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${kids[i].id}/outcomes`, { scaleId: ids.scale, recordedOn: addDays(today, -daysAgo), scores });
    const a1 = await record(0, 50, star(3, 3, 3));
    assert.equal(a1.statusCode, 201, a1.body);
    const a2 = await record(0, 10, star(5, 6, 4));
    Object.assign(ids, { a1: a1.json().id, a2: a2.json().id });
    await record(1, 40, star(3, 3, 3));
    await record(1, 5, star(4, 3, 2)); // sustained: 9 and 9
    await record(2, 40, star(4, 4, 4));
    await record(2, 5, star(2, 3, 3)); // worse: 12 then 8
    await record(3, 40, star(5, 5, 5)); // one record: not counted
    await record(23, 40, star(1, 1, 1));
    await record(23, 5, star(2, 2, 2)); // comparison group: improved
    const bad = await record(0, -1, star(5, 11, 4));
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['recordedOn', 'scores[1]'],
    );
    assert.equal(
      (await api(w, 'practitioner', 'POST', `/api/v1/persons/${kids[0].id}/outcomes`, { scaleId: ids.scale, recordedOn: today, scores: star(1, 1, 1) }))
        .statusCode,
      403,
    );

    const hub = await signedIn(w, 'hub_coordinator');
    const page = await hub.get(`/people/${kids[0].id}/outcomes`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /<svg[^>]+role="img"[^>]+aria-labelledby=/);
    assert.match(page.body, /<title id="[^"]+">Demo Outcome Star over time<\/title>/);
    assert.match(page.body, /2 records from .*: first 9, latest 15, out of 30\./);
    assert.equal((page.body.match(/<circle /g) ?? []).length, 2);
    assert.match(page.body, /9 of 30<\/td>[\s\S]*15 of 30<\/td>/);
    const badPage = await hub.submit(`/people/${kids[0].id}/outcomes`, `/people/${kids[0].id}/outcomes`, {
      scaleId: ids.scale,
      'recordedOn-day': String(Number(today.slice(8))),
      'recordedOn-month': String(Number(today.slice(5, 7))),
      'recordedOn-year': today.slice(0, 4),
      'scores-0': '4',
      'scores-1': '12',
      'scores-2': '',
    });
    assert.equal(badPage.statusCode, 422);
    assert.match(badPage.body, /The score for Friends must be a whole number from 1 to 10/);
    assert.match(badPage.body, /Enter the score for Education/);
    assert.match(badPage.body, /value="12"/, 'what was typed is kept');

    const chron = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${kids[0].id}/chronology`);
    assert.match(chron.body, /Demo Outcome Star recorded: 15 out of 30/);
    assert.match(chron.body, /Joined Demo Pilot Team, worker Test practitioner/);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/persons/${kids[0].id}/outcomes`)).statusCode, 403);
  });

  test('"improved or sustained" matches the records, and the comparison group holds no child of the programme', async () => {
    const res = await api(w, 'hub_coordinator', 'GET', `/api/v1/programmes/${ids.programme}/indicators`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    const [count, reviewed, changed] = r.indicators;
    assert.deepEqual(count.programme, { count: 20, of: null, percent: null });
    assert.deepEqual(reviewed.programme, { count: 10, of: 20, percent: 50 });
    assert.deepEqual(changed.programme, { count: 2, of: 3, percent: 67 });
    assert.deepEqual(changed.comparison, { count: 1, of: 1, percent: 100 });
    assert.deepEqual(
      changed.counted.map((c: { childName: string; counts: boolean; first: { value: number }; latest: { value: number } }) => [
        c.childName,
        c.counts,
        c.first.value,
        c.latest.value,
      ]),
      [
        ['Demo00 Fictional', true, 9, 15],
        ['Demo01 Fictional', true, 9, 9],
        ['Demo02 Fictional', false, 12, 8],
      ],
    );
    assert.deepEqual([changed.counted[0].first.id, changed.counted[0].latest.id], [ids.a1, ids.a2]);
    // Comparison: the 5 medium-risk children not allocated (the one aged 20 included: the rule is risk and period).
    assert.deepEqual(r.sizes, { programme: 20, comparison: 5 });
    assert.match(r.statement.join(' '), /not randomised/);
    const group = await comparisonGroup(w.database.db, w.partnershipId, ids.programme, ['medium'], addDays(today, -60), today);
    const inProgramme = new Set(kids.slice(0, 20).map((k) => k.id));
    assert.equal(group.filter((g) => inProgramme.has(g.person_id)).length, 0);

    // A child leaves with a reason; someone else may join; the one who left stays out of the comparison group.
    const prog = (await api(w, 'hub_coordinator', 'GET', `/api/v1/programmes/${ids.programme}`)).json();
    const leaving = prog.caseload.find((a: { personId: string }) => a.personId === kids[19].id);
    const noReason = await api(w, 'hub_coordinator', 'POST', `/api/v1/programmes/${ids.programme}/allocations/${leaving.id}/end`, { reason: ' ' });
    assert.equal(noReason.json().errors[0].field, 'reason');
    const left = await api(w, 'hub_coordinator', 'POST', `/api/v1/programmes/${ids.programme}/allocations/${leaving.id}/end`, {
      reason: 'Fictional: moved away',
    });
    assert.equal(left.statusCode, 200, left.body);
    assert.equal((await allocate(20)).statusCode, 201);
    const after = (await api(w, 'hub_coordinator', 'GET', `/api/v1/programmes/${ids.programme}/indicators`)).json();
    assert.deepEqual(after.sizes, { programme: 21, comparison: 4 });
    assert.match(
      (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${kids[19].id}/chronology`)).body,
      /Left Demo Pilot Team\. Why: Fictional: moved away/,
    );

    const page = await (await signedIn(w, 'hub_coordinator')).get(`/programmes/${ids.programme}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /67% \(2 of 3\)/);
    assert.match(page.body, /100% \(1 of 1\)/);
    assert.match(page.body, /cannot show that the programme made the difference/);
    assert.match(page.body, /Demo02 Fictional[\s\S]*?No: worse/);
  });

  test('a worker reads their own caseload only; hub members read; scrutiny sees the report with small counts suppressed', async () => {
    const mine = await api(w, 'practitioner', 'GET', `/api/v1/programmes/${ids.programme}`);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.ok(mine.json().caseload.every((a: { workerId: string }) => a.workerId === w.users.practitioner.id));
    assert.equal(mine.json().caseload.length, 11);
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/programmes/${ids.programme}/indicators`)).statusCode, 403);
    assert.equal((await api(w, 'manager', 'GET', `/api/v1/programmes/${ids.programme}`)).statusCode, 403);
    assert.equal((await api(w, 'hub_member', 'GET', `/api/v1/programmes/${ids.programme}`)).json().caseload.length, 21);
    assert.equal(
      (await api(w, 'hub_member', 'POST', `/api/v1/programmes/${ids.programme}/allocations`, { personId: kids[22].id, workerId: w.users.practitioner.id }))
        .statusCode,
      403,
    );

    const exact = (await api(w, 'hub_coordinator', 'GET', '/api/v1/programmes/report')).json();
    assert.equal(exact.published, false);
    assert.deepEqual(exact.programmes[0].indicators[2].programme, { count: 2, of: 3, percent: 67 });
    const pub = await api(w, 'scrutiny_member', 'GET', '/api/v1/programmes/report');
    assert.equal(pub.statusCode, 200, pub.body);
    const p = pub.json().programmes[0];
    assert.equal(pub.json().published, true);
    assert.deepEqual([p.current, p.sizes.programme, p.sizes.comparison], [20, 21, 'c']);
    assert.deepEqual(p.indicators[2].programme, { count: 'c', of: 'c', percent: 'c' });
    assert.deepEqual(p.indicators[1].programme, { count: 10, of: 21, percent: 48 });
    assert.match(p.statement[0], /\(c against the programme’s 21\)/);
    assert.doesNotMatch(pub.body, /Fictional/);
    const scrutiny = await signedIn(w, 'scrutiny_member');
    const page = await scrutiny.get('/programmes/report');
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Published figures/);
    assert.equal((await scrutiny.get(`/programmes/${ids.programme}`)).statusCode, 403);
  });

  test('a child allocated to two programmes at the same moment joins one; the other is told, never a server error', async () => {
    const other = (await api(w, 'hub_coordinator', 'GET', '/api/v1/programmes'))
      .json()
      .find((p: { name: string }) => p.name === 'Demo Programme from the page');
    assert.ok(other);
    const body = { personId: kids[23].id, workerId: w.users.practitioner.id };
    const answers = await Promise.all(
      [ids.programme, other.id, ids.programme, other.id].map((id) => api(w, 'hub_coordinator', 'POST', `/api/v1/programmes/${id}/allocations`, body)),
    );
    const codes = answers.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [201, 422, 422, 422], answers.map((r) => r.body).join('\n'));
    for (const r of answers.filter((a) => a.statusCode === 422)) assert.equal(r.json().errors[0].field, 'personId');
  });
});
