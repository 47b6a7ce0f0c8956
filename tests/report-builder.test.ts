// The report builder (issue 15.1, 15.2): over a few hundred generated records, the report's numbers equal counts
// over the records for random specifications (distinct children distinct in every total); page, CSV, XLSX and API
// agree, exact and suppressed; access both ways; an unavailable breakdown is a 422 naming the field; saving twice
// changes nothing; referrer groups count as a column.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ageBandOn, ethnicityGroup } from '../src/modules/regional/domain.ts';
import {
  type Dimension,
  dimensionsOf,
  isPeriodDimension,
  type Measure,
  NO_GROUP,
  NOT_RECORDED,
  NOT_TRIAGED,
  periodKey,
} from '../src/modules/report-builder/domain.ts';
import { buildReport, saveReferrerGroup } from '../src/modules/report-builder/use-cases.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { ukDate } from '../src/platform/time.ts';
import { api, signedIn, type World, world } from './fixtures.ts';

let w: World;
let hub: Actor;
let groupId: string;

// A small seeded generator, so a failure can be reproduced.
let seed = 20261204;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const START = Date.parse('2024-01-01T00:00:00Z');
const SPAN = Date.parse('2026-07-01T00:00:00Z') - START;
const when = () => new Date(START + Math.floor(rand() * SPAN));

interface P {
  id: string;
  sex: string | null;
  dob: string | null;
  ethnicity: string | null;
  placed: boolean;
  ward: string | null;
}
interface Rec {
  person: P;
  at: Date;
  values: Partial<Record<Dimension, string>>;
}
const records: Record<string, Rec[]> = {};

const ward = (p: P) => (p.ward?.trim() ? p.ward.trim() : NOT_RECORDED);
const personValues = (p: P, day: string): Partial<Record<Dimension, string>> => ({
  sex: p.sex ?? 'unknown',
  age_band: ageBandOn(p.dob, day),
  ethnicity_group: ethnicityGroup(p.ethnicity),
  ward: ward(p),
  placed_by_other_authority: p.placed ? 'yes' : 'no',
});

before(async () => {
  w = await world();
  const u = w.users.hub_coordinator;
  hub = { userId: u.id, partnershipId: w.partnershipId, agencyId: u.agencyId, role: 'hub_coordinator', name: 'Hub', email: u.email, via: 'system' };
  const db = w.database.db;
  const pid = w.partnershipId;
  // Street Teams: the police and health agencies of the test partnership.
  groupId = (await w.svc.run(saveReferrerGroup, hub, { name: 'Street Teams', agencyIds: [w.agencies.police, w.agencies.health] })).id;
  const groupOf = (agency: string) => (agency === w.agencies.police || agency === w.agencies.health ? groupId : NO_GROUP);
  const sectorOf: Record<string, string> = {
    [w.agencies.hub]: 'childrens_social_care',
    [w.agencies.school]: 'education',
    [w.agencies.police]: 'police',
    [w.agencies.health]: 'health',
  };
  const people: P[] = Array.from({ length: 70 }, (_, i) => ({
    id: randomUUID(),
    sex: pick(['female', 'male', 'unknown', null]),
    dob:
      rand() < 0.1
        ? null
        : `${1996 + Math.floor(rand() * 22)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
    ethnicity: pick(['white_british', 'black_african', 'asian_pakistani', 'mixed_white_asian', 'other_arab', 'not_stated', null]),
    placed: rand() < 0.2,
    ward: i % 2 === 0 ? pick(['North Ward', 'South Ward', ' East Ward ', '']) : null,
  }));
  for (const p of people) {
    await sql`insert into person (partnership_id, id, given_name, family_name, date_of_birth, sex, ethnicity, placed_by_other_la)
      values (${pid}, ${p.id}, 'Genchild', 'Fictional', ${p.dob}, ${p.sex}, ${p.ethnicity}, ${p.placed})`.execute(db);
    if (p.ward !== null)
      await sql`insert into exploitation_case (partnership_id, id, person_id, status, status_changed_at, risk_level, category, risk_decided_at, ward, opened_at)
        values (${pid}, ${randomUUID()}, ${p.id}, 'open', now(), 'low', 'cse', now(), ${p.ward}, now())`.execute(db);
  }
  const agencies = Object.keys(sectorOf);
  const OUTCOMES = ['returned_not_discussed', 'no_risk', 'low', 'medium', 'high'];
  const CATEGORIES = ['ce', 'ce_and_violence', 'cse', 'ce_and_cse', 'youth_violence', 'adults', 'other'];
  records.referrals = [];
  const referralRows: { id: string; rec: Rec; agency: string }[] = [];
  for (let i = 0; i < 320; i++) {
    const person = pick(people);
    const at = when();
    const agency = pick(agencies);
    const decided = rand() < 0.8;
    const outcome = decided ? pick(OUTCOMES) : null;
    const category = decided ? pick(CATEGORIES) : null;
    const id = randomUUID();
    await sql`insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns, consent, urgency, status, created_by, triage_outcome, triage_category)
      values (${pid}, ${id}, ${`GEN-${i}`}, ${person.id}, ${at}, ${agency}, 'Gen Referrer', 'Fictional generated referral', 'given', 'routine', ${decided ? 'triaged' : 'new'}, ${hub.userId}, ${outcome}, ${category})`.execute(
      db,
    );
    const day = ukDate(at);
    const rec: Rec = {
      person,
      at,
      values: {
        ...personValues(person, day),
        risk_level: outcome ?? NOT_TRIAGED,
        category: category ?? NOT_TRIAGED,
        referrer_agency: agency,
        referrer_sector: sectorOf[agency],
        referrer_group: groupOf(agency),
      },
    };
    records.referrals.push(rec);
    referralRows.push({ id, rec, agency });
  }
  records.children = records.referrals;
  const meeting = randomUUID();
  await sql`insert into triage_meeting (partnership_id, id, meeting_date, created_by) values (${pid}, ${meeting}, '2025-01-01', ${hub.userId})`.execute(db);
  records.triage_decisions = [];
  for (let i = 0; i < 150; i++) {
    const r = pick(referralRows);
    const at = when();
    const outcome = pick(OUTCOMES);
    const category = pick(CATEGORIES);
    await sql`insert into triage_decision (partnership_id, id, referral_id, meeting_id, outcome, category, rationale, decided_at, decided_by)
      values (${pid}, ${randomUUID()}, ${r.id}, ${meeting}, ${outcome}, ${category}, 'Fictional', ${at}, ${hub.userId})`.execute(db);
    records.triage_decisions.push({
      person: r.rec.person,
      at,
      values: { ...r.rec.values, ...personValues(r.rec.person, ukDate(at)), risk_level: outcome, category },
    });
  }
  records.missing_episodes = [];
  records.returns = [];
  records.interviews = [];
  for (let i = 0; i < 160; i++) {
    const person = pick(people);
    const at = when();
    const back = rand() < 0.8 ? new Date(at.getTime() + Math.floor(rand() * 4 * 86400000)) : null;
    const held = back && rand() < 0.6 ? new Date(back.getTime() + Math.floor(rand() * 5 * 86400000)) : null;
    const classification = rand() < 0.3 ? 'away_without_authorisation' : 'missing';
    const lookedAfter = rand() < 0.4;
    const placed = rand() < 0.2;
    await sql`insert into missing_episode (partnership_id, id, person_id, classification, reported_at, returned_at, risk_grade, looked_after, placed_by_other_la, rhi_completed_at, created_by)
      values (${pid}, ${randomUUID()}, ${person.id}, ${classification}, ${at}, ${back}, 'medium', ${lookedAfter}, ${placed}, ${held}, ${hub.userId})`.execute(
      db,
    );
    const values = (d: Date) => ({
      ...personValues(person, ukDate(d)),
      classification,
      looked_after: lookedAfter ? 'yes' : 'no',
      placed_by_other_authority: placed ? 'yes' : 'no',
    });
    records.missing_episodes.push({ person, at, values: values(at) });
    if (back) records.returns.push({ person, at: back, values: values(back) });
    if (held) records.interviews.push({ person, at: held, values: values(held) });
  }
  const service = randomUUID();
  await sql`insert into support_service (partnership_id, id, name, provider_agency_id, type) values (${pid}, ${service}, 'Gen service (fictional)', ${w.agencies.health}, 'other')`.execute(
    db,
  );
  records.support_referrals = [];
  for (let i = 0; i < 90; i++) {
    const person = pick(people);
    const day = ukDate(when());
    await sql`insert into support_referral (partnership_id, id, service_id, person_id, status, reason, sent_on, sent_by)
      values (${pid}, ${randomUUID()}, ${service}, ${person.id}, 'sent', 'Fictional', ${day}, ${hub.userId})`.execute(db);
    records.support_referrals.push({ person, at: new Date(`${day}T12:00:00Z`), values: personValues(person, day) });
  }
});
after(() => w?.close());

/** What the report should say, counted over the generated records in JavaScript. */
function expected(measure: Measure, dims: Dimension[], from: string, to: string, filters: Partial<Record<Dimension, string[]>>) {
  const inPeriod = records[measure].filter((r) => {
    const day = ukDate(r.at);
    return day >= from && day <= to && Object.entries(filters).every(([d, vs]) => vs?.includes(r.values[d as Dimension] as string));
  });
  const key = (r: Rec, ds: Dimension[]) => ds.map((d) => (isPeriodDimension(d) ? periodKey(d, ukDate(r.at)) : r.values[d])).join('|');
  const count = (rs: Rec[]) => (measure === 'children' ? new Set(rs.map((r) => r.person.id)).size : rs.length);
  const group = (ds: Dimension[]) => {
    const m = new Map<string, Rec[]>();
    for (const r of inPeriod) m.set(key(r, ds), [...(m.get(key(r, ds)) ?? []), r]);
    return new Map([...m].map(([k, rs]) => [k, count(rs)]));
  };
  return { cells: group(dims), first: dims.length ? group([dims[0]]) : null, second: dims.length > 1 ? group([dims[1]]) : null, total: count(inPeriod) };
}

const MEASURES_TESTED: Measure[] = ['referrals', 'children', 'triage_decisions', 'missing_episodes', 'returns', 'interviews', 'support_referrals'];
const day = fc.integer({ min: 0, max: 940 }).map((n) => ukDate(new Date(Date.parse('2023-12-15T12:00:00Z') + n * 86400000)));
const specArb = fc
  .record({ measure: fc.constantFrom(...MEASURES_TESTED), a: day, b: day, picks: fc.array(fc.nat(), { maxLength: 5 }), filter: fc.boolean(), f: fc.nat() })
  .map(({ measure, a, b, picks, filter, f }) => {
    const avail = [...dimensionsOf(measure)];
    const dims: Dimension[] = [];
    for (const p of picks) {
      const d = avail[p % avail.length];
      if (!dims.includes(d) && !(isPeriodDimension(d) && dims.some(isPeriodDimension))) dims.push(d);
    }
    const filters: Partial<Record<Dimension, string[]>> = {};
    if (filter) {
      const d = (['sex', 'ward', 'placed_by_other_authority'] as Dimension[])[f % 3];
      filters[d] = d === 'sex' ? ['female', 'unknown'] : d === 'ward' ? ['North Ward', NOT_RECORDED] : ['no'];
    }
    return { measure, dimensions: dims, from: a < b ? a : b, to: a < b ? b : a, filters };
  });

test('the numbers equal counts over the records, for random specifications (exact figures)', async () => {
  await fc.assert(
    fc.asyncProperty(specArb, async (spec) => {
      const r = await w.svc.run(buildReport, hub, { spec: { ...spec, filters: Object.keys(spec.filters).length ? spec.filters : undefined } as never });
      const e = expected(spec.measure, spec.dimensions, spec.from, spec.to, spec.filters);
      assert.equal(r.exact, true);
      assert.equal(r.counts, spec.measure);
      assert.equal(r.total, e.total, 'grand total');
      for (const c of r.cells) assert.equal(c.count, e.cells.get(c.keys.join('|')) ?? 0, `cell ${c.keys.join('|')}`);
      // Every non-empty combination is in the report (none lost to an unknown value).
      const shown = new Set(r.cells.map((c) => c.keys.join('|')));
      for (const [k, n] of e.cells) if (n > 0) assert.ok(shown.has(k), `missing cell ${k}`);
      for (const [i, v] of (e.first ? r.dimensions[0].values : []).entries()) assert.equal(r.firstTotals[i], e.first?.get(v.key) ?? 0, `first total ${v.key}`);
      for (const [i, v] of (e.second ? r.dimensions[1].values : []).entries())
        assert.equal(r.secondTotals[i], e.second?.get(v.key) ?? 0, `second total ${v.key}`);
    }),
    { numRuns: 60, seed: 15 },
  );
});

test('children are distinct in every total: never the sum of the cells', async () => {
  const spec = { measure: 'children', dimensions: ['quarter'], from: '2024-01-01', to: '2026-06-30' };
  const children = await w.svc.run(buildReport, hub, { spec: spec as never });
  const referrals = await w.svc.run(buildReport, hub, { spec: { ...spec, measure: 'referrals' } as never });
  const sum = children.cells.reduce((s, c) => s + Number(c.count), 0);
  assert.ok(Number(children.total) < sum, `${children.total} children in all, ${sum} summed over quarters`);
  assert.equal(children.total, new Set(records.referrals.map((r) => r.person.id)).size);
  assert.equal(referrals.total, 320);
  assert.equal(children.measure.unit, 'Children');
  assert.equal(referrals.measure.unit, 'Referrals');
});

const Q = 'measure=referrals&dimensions=referrer_group,sex&from=2025-01-01&to=2025-12-31';

test('the API: ad hoc and refused both ways; an unavailable breakdown names its field', async () => {
  const exact = await api(w, 'hub_coordinator', 'GET', `/api/v1/reports?${Q}`);
  assert.equal(exact.statusCode, 200, exact.body);
  const body = exact.json();
  assert.equal(body.counts, 'referrals');
  assert.deepEqual(
    body.dimensions[0].values.map((v: { label: string }) => v.label),
    ['Street Teams', 'Not in a group'],
  );
  assert.equal(body.suppression, 'none');
  assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/reports?${Q}`)).statusCode, 403);
  assert.equal((await api(w, 'information_governance', 'GET', `/api/v1/reports?${Q}`)).statusCode, 403);
  const scrutiny = await api(w, 'scrutiny_member', 'GET', `/api/v1/reports?${Q}`);
  assert.equal(scrutiny.statusCode, 200, scrutiny.body);
  assert.equal(scrutiny.json().suppression, 'table');
  assert.ok(scrutiny.json().cells.every((c: { count: number | 'c' }) => c.count === 'c' || c.count === 0 || c.count > 5));
  const notWhole = await api(w, 'scrutiny_member', 'GET', '/api/v1/reports?measure=referrals&from=2025-01-02&to=2025-12-31');
  assert.equal(notWhole.statusCode, 422);
  assert.equal(notWhole.json().errors[0].field, 'from');
  const unavailable = await api(
    w,
    'hub_coordinator',
    'GET',
    '/api/v1/reports?measure=missing_episodes&dimensions=quarter,referrer_agency&from=2025-01-01&to=2025-12-31',
  );
  assert.equal(unavailable.statusCode, 422);
  assert.equal(unavailable.json().errors[0].field, 'dimensions[1]');
  assert.match(unavailable.json().errors[0].detail ?? unavailable.json().errors[0].message, /cannot be broken down by referring agency/);
  const unknown = await api(w, 'hub_coordinator', 'GET', '/api/v1/reports?measure=cases&from=2025-01-01&to=2025-12-31');
  assert.equal(unknown.statusCode, 422);
  assert.equal(unknown.json().errors[0].field, 'measure');
});

test('a saved report: saved once (a second identical save changes nothing), opened by link with each viewer’s own access', async () => {
  const spec = { measure: 'referrals', dimensions: ['quarter', 'referrer_group'], from: '2025-01-01', to: '2025-12-31' };
  const body = { name: 'street-teams-2025', title: 'Street Teams referrals, 2025', spec };
  assert.equal((await api(w, 'scrutiny_member', 'POST', '/api/v1/saved-reports', body)).statusCode, 403);
  assert.equal((await api(w, 'hub_member', 'POST', '/api/v1/saved-reports', body)).statusCode, 403);
  const first = await api(w, 'hub_coordinator', 'POST', '/api/v1/saved-reports', body);
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().changed, true);
  assert.equal((await api(w, 'hub_coordinator', 'POST', '/api/v1/saved-reports', body)).json().changed, false);
  const clash = await api(w, 'manager', 'POST', '/api/v1/saved-reports', { ...body, spec: { ...spec, measure: 'children' } });
  assert.equal(clash.statusCode, 422);
  assert.equal(clash.json().errors[0].field, 'name');
  const reserved = await api(w, 'hub_coordinator', 'POST', '/api/v1/saved-reports', { ...body, name: 'triage' });
  assert.equal(reserved.json().errors[0].field, 'name');
  const events = await sql<{
    n: number;
  }>`select count(*)::int as n from domain_event where partnership_id = ${w.partnershipId} and name = 'saved_report.saved'`.execute(w.database.db);
  assert.equal(events.rows[0].n, 1, 'one event for two identical saves');

  const mine = (await api(w, 'hub_coordinator', 'GET', '/api/v1/reports/street-teams-2025')).json();
  assert.equal(mine.title, 'Street Teams referrals, 2025');
  assert.equal(mine.exact, true);
  const theirs = await api(w, 'scrutiny_member', 'GET', '/api/v1/reports/street-teams-2025');
  assert.equal(theirs.statusCode, 200, theirs.body);
  assert.equal(theirs.json().exact, false);
  assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/reports/street-teams-2025')).statusCode, 403);
  assert.equal((await api(w, 'hub_coordinator', 'GET', '/api/v1/reports/no-such-report')).statusCode, 404);
  const list = (await api(w, 'scrutiny_member', 'GET', '/api/v1/saved-reports')).json();
  assert.deepEqual(
    list.map((s: { name: string }) => s.name),
    ['street-teams-2025'],
  );
});

/** The numbers of a page's report table, row by row (c kept as c). */
function pageNumbers(html: string): string[][] {
  const table = /<table class="govuk-table" data-qa="report-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row"[^>]*>([\s\S]*?)<\/tr>/g)]
    .slice(1)
    .map((row) => [...row[1].matchAll(/govuk-table__cell--numeric">(?:<strong>)?([^<]*)/g)].map((m) => m[1].trim()));
}

test('page, CSV, XLSX and API agree, exact and published', async () => {
  for (const role of ['hub_coordinator', 'scrutiny_member'] as const) {
    const json = (await api(w, role, 'GET', `/api/v1/reports?${Q}`)).json();
    const cols = json.dimensions[1].values.length;
    const rows: string[][] = json.dimensions[0].values.map((_: unknown, i: number) => [
      ...json.cells.slice(i * cols, (i + 1) * cols).map((c: { count: number | string }) => String(c.count)),
      String(json.firstTotals[i]),
    ]);
    rows.push([...json.secondTotals.map(String), String(json.total)]);
    const browser = await signedIn(w, role);
    const page = await browser.get(`/reports/builder?${Q}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /This report counts <strong>referrals<\/strong>/);
    assert.deepEqual(pageNumbers(page.body), rows, `page (${role})`);
    const csv = await browser.get(`/reports/builder?${Q}&format=csv`);
    assert.equal(csv.statusCode, 200);
    const csvLines = csv.body.trim().split('\r\n');
    const headAt = csvLines.findIndex((l) => l.startsWith('Referrer group (rows)'));
    assert.deepEqual(
      csvLines.slice(headAt + 1).map((l) => l.split(',').slice(1)),
      rows,
      `CSV (${role})`,
    );
    const xlsx = await browser.get(`/reports/builder?${Q}&format=xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const values: string[][] = [];
    let inTable = false;
    wb.worksheets[0].eachRow((row) => {
      const v = (row.values as unknown[]).slice(1).map((x) => String(x ?? ''));
      if (inTable) values.push(v.slice(1));
      if (String(v[0]).startsWith('Referrer group (rows)')) inTable = true;
    });
    assert.deepEqual(values, rows, `XLSX (${role})`);
    if (role === 'scrutiny_member') assert.match(page.body, /Published figures/);
  }
});

test('pages: the form refuses an unavailable breakdown with the error summary; a trend is drawn; saving; referrer groups both ways', async () => {
  const hubPage = await signedIn(w, 'hub_coordinator');
  const bad = await hubPage.get('/reports/builder?measure=contexts&dimension1=sex&from-day=1&from-month=1&from-year=2025&to-day=31&to-month=12&to-year=2025');
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /href="#dimension1"/);
  assert.match(bad.body, /Contexts opened cannot be broken down by sex/);
  const trend = await hubPage.get(
    '/reports/builder?measure=children&dimension1=quarter&dimension2=sex&from-day=1&from-month=1&from-year=2024&to-day=30&to-month=6&to-year=2026',
  );
  assert.equal(trend.statusCode, 200, trend.body);
  assert.match(trend.body, /<svg[^>]+role="img"[^>]+aria-labelledby="report-trend-title report-trend-desc"/);
  assert.match(trend.body, /<title id="report-trend-title">Children by quarter and sex/);
  assert.equal((trend.body.match(/<polyline /g) ?? []).length >= 3, true, 'a line for each sex');
  assert.equal((await (await signedIn(w, 'practitioner')).get('/reports/builder')).statusCode, 403);

  const saved = await hubPage.submit(`/reports/builder?${Q}`, '/reports/builder/save', {
    name: 'groups-by-sex',
    title: 'Referrals by group and sex',
    spec: JSON.stringify({ measure: 'referrals', dimensions: ['referrer_group', 'sex'], from: '2025-01-01', to: '2025-12-31' }),
  });
  assert.equal(saved.statusCode, 303, saved.body);
  assert.equal(saved.headers.location, '/reports/builder/groups-by-sex');
  const scrutinyPage = await signedIn(w, 'scrutiny_member');
  const refused = await scrutinyPage.submit('/reports/builder', '/reports/builder/save', {
    name: 'not-allowed',
    title: 'Not allowed',
    spec: JSON.stringify({ measure: 'referrals', dimensions: [], from: '2025-01-01', to: '2025-12-31' }),
  });
  assert.equal(refused.statusCode, 403, 'scrutiny members do not save reports');
  const opened = await scrutinyPage.get('/reports/builder/groups-by-sex');
  assert.equal(opened.statusCode, 200, opened.body);
  assert.match(opened.body, /Referrals by group and sex/);
  assert.match(opened.body, /Published figures/);
  const noName = await hubPage.submit(`/reports/builder?${Q}`, '/reports/builder/save', {
    name: 'Not A Slug',
    title: '',
    spec: JSON.stringify({ measure: 'referrals', dimensions: [], from: '2025-01-01', to: '2025-12-31' }),
  });
  assert.equal(noName.statusCode, 422);
  assert.match(noName.body, /href="#name"/);
  assert.match(noName.body, /href="#title"/);

  assert.equal((await (await signedIn(w, 'hub_member')).get('/reports/builder/referrer-groups')).statusCode, 403);
  const groups = await hubPage.get('/reports/builder/referrer-groups');
  assert.equal(groups.statusCode, 200);
  assert.match(groups.body, /Street Teams/);
  const empty = await hubPage.submit('/reports/builder/referrer-groups', '/reports/builder/referrer-groups', { name: 'Schools' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Choose at least one agency/);
  const memberPage = await signedIn(w, 'hub_member');
  const notMember = await memberPage.submit('/reports/builder', '/reports/builder/referrer-groups', { name: 'Schools', agencyIds: [w.agencies.school] });
  assert.equal(notMember.statusCode, 403, 'hub members do not keep referrer groups');
  const added = await hubPage.submit('/reports/builder/referrer-groups', '/reports/builder/referrer-groups', {
    name: 'Schools',
    agencyIds: [w.agencies.school],
  });
  assert.equal(added.statusCode, 303);
  const after = (await api(w, 'hub_coordinator', 'GET', '/api/v1/reports?measure=referrals&dimensions=referrer_group&from=2024-01-01&to=2026-06-30')).json();
  const schools = after.dimensions[0].values.findIndex((v: { label: string }) => v.label === 'Schools');
  const expectedSchools = records.referrals.filter((r) => r.values.referrer_agency === w.agencies.school).length;
  assert.equal(after.cells[schools].count, expectedSchools);
});

test('the policy: who builds, saves and keeps referrer groups', async () => {
  const { can } = await import('../src/platform/access/policy.ts');
  for (const role of ['hub_coordinator', 'hub_member', 'missing_coordinator', 'manager', 'scrutiny_member', 'partnership_admin'] as const)
    assert.equal(can(role, 'report_builder', 'read'), true, role);
  for (const role of ['practitioner', 'police_intelligence', 'information_governance', 'flag_lookup'] as const)
    assert.equal(can(role, 'report_builder', 'read'), false, role);
  for (const role of ['hub_coordinator', 'manager', 'partnership_admin'] as const) assert.equal(can(role, 'report_builder', 'create'), true, role);
  for (const role of ['hub_member', 'scrutiny_member', 'missing_coordinator'] as const) assert.equal(can(role, 'report_builder', 'create'), false, role);
  for (const role of ['hub_coordinator', 'partnership_admin'] as const) assert.equal(can(role, 'referrer_group', 'manage'), true, role);
  for (const role of ['hub_member', 'manager', 'scrutiny_member'] as const) assert.equal(can(role, 'referrer_group', 'manage'), false, role);
});

test('every measure runs with each of its breakdowns, and with five at once', async () => {
  const { MEASURES } = await import('../src/modules/report-builder/domain.ts');
  for (const measure of MEASURES) {
    const dims = dimensionsOf(measure);
    for (const d of dims) {
      const r = await w.svc.run(buildReport, hub, { spec: { measure, dimensions: [d], from: '2024-01-01', to: '2026-06-30' } as never });
      assert.equal(typeof r.total, 'number', `${measure} by ${d}`);
    }
    const five = [dims[1], ...dims.slice(3, 7)];
    const r = await w.svc.run(buildReport, hub, { spec: { measure, dimensions: five, from: '2024-01-01', to: '2026-06-30' } as never });
    assert.equal(r.dimensions.length, five.length);
    if (measure !== 'children' && typeof r.total === 'number')
      assert.equal(
        r.cells.reduce((s, c) => s + Number(c.count), 0),
        r.total,
        `${measure}: cells add up`,
      );
  }
});
