// The problem profile over the demo partnership (issue 15.5): its numbers are the counts over the records; exact for
// the hub coordinator, the partnership's rule for the manager and scrutiny, the same in the page and the Word file;
// persons of concern never named; refused to those who do not read reports; bad periods named in the error summary;
// producing it audited.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/demo/data.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { addMonths, lastWholeQuarter } from '../src/modules/reports/domain.ts';
import type { Db } from '../src/platform/db/connect.ts';
import { addDays, ukDate, ukDayStart } from '../src/platform/time.ts';
import { Browser, type World, world } from './fixtures.ts';

let w: World;
let db: Db;
let pid: string;
const browsers = new Map<string, Browser>();
const q = lastWholeQuarter(ukDate(new Date()));
// A year of whole months that have ended: what published figures allow.
const period = { from: addMonths(q.from, -9), to: q.to };
const url = `/reports/problem-profile?from=${period.from}&to=${period.to}`;

before(async () => {
  w = await world({ demo: true });
  db = w.database.db;
  ({ partnershipId: pid } = await seedDemo(db));
});
after(() => w?.close());

async function as(role: string): Promise<Browser> {
  const known = browsers.get(role);
  if (known) return known;
  const b = new Browser(w.app);
  const user = DEMO_USERS.find((u) => u.role === role);
  assert.equal((await b.signIn(user!.email, DEMO_PASSWORD)).statusCode, 302, role);
  browsers.set(role, b);
  return b;
}

/** The cells of a table on the page, row by row, as text (header cells included). */
function tableOf(html: string, key: string): string[][] {
  const m = new RegExp(`<table class="govuk-table" data-qa="table-${key}">([\\s\\S]*?)</table>`).exec(html);
  assert.ok(m, `table ${key} on the page`);
  return [...m[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()),
  );
}
const totalOf = (rows: string[][]) => rows[rows.length - 1][rows[rows.length - 1].length - 1];
const cellAt = (rows: string[][], row: string, col: string) => rows.find((r) => r[0] === row)?.[rows[0].indexOf(col)];

const from = () => ukDayStart(period.from);
const before_ = () => ukDayStart(addDays(period.to, 1));
const one = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0].n);

test('the hub coordinator’s profile: exact figures that are the counts over the demo’s records, in every section', async () => {
  const page = await (await as('hub_coordinator')).get(url);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  assert.match(page.body, /data-qa="profile-disclosure"[\s\S]*?Exact figures/);
  for (const s of ['demand', 'victims', 'concern', 'locations', 'themes', 'disruption', 'missing', 'support'])
    assert.match(page.body, new RegExp(`data-qa="section-${s}"`));

  const referrals = await one(
    sql<{ n: number }>`select count(*)::int as n from referral where partnership_id = ${pid} and received_at >= ${from()} and received_at < ${before_()}`,
  );
  const children = await one(
    sql<{
      n: number;
    }>`select count(distinct person_id)::int as n from referral where partnership_id = ${pid} and received_at >= ${from()} and received_at < ${before_()}`,
  );
  assert.ok(referrals > children && children > 50, `${referrals} referrals, ${children} children: the demo fills a year`);
  assert.equal(totalOf(tableOf(page.body, 'referrals-by-quarter')), String(referrals));
  assert.equal(totalOf(tableOf(page.body, 'referrals-by-referrer')), String(referrals));
  assert.equal(totalOf(tableOf(page.body, 'children-by-quarter')), String(children));
  assert.equal(totalOf(tableOf(page.body, 'children-by-age-sex')), String(children));
  const high = await one(
    sql<{
      n: number;
    }>`select count(*)::int as n from referral where partnership_id = ${pid} and received_at >= ${from()} and received_at < ${before_()} and triage_outcome = 'high'`,
  );
  assert.equal(cellAt(tableOf(page.body, 'referrals-by-risk'), 'High', 'Total'), String(high));

  const episodes = await one(
    sql<{
      n: number;
    }>`select count(*)::int as n from missing_episode where partnership_id = ${pid} and reported_at >= ${from()} and reported_at < ${before_()}`,
  );
  const absentLac = await one(
    sql<{ n: number }>`select count(*)::int as n from missing_episode where partnership_id = ${pid} and reported_at >= ${from()} and reported_at < ${before_()}
      and classification = 'away_without_authorisation' and looked_after`,
  );
  const missing = tableOf(page.body, 'missing-by-classification');
  assert.equal(totalOf(missing), String(episodes));
  assert.ok(absentLac > 0, 'absent episodes in the year');
  assert.equal(cellAt(missing, 'Absent (away without authorisation)', 'Looked after'), String(absentLac));

  // Persons of concern: everyone linked so in intelligence the coordinator may see (all of it P in this period, or theirs).
  const concern = await one(sql<{ n: number }>`
    select count(distinct x.e)::int as n from (
      select from_entity as e, handling, agency_id, release_roles from intel_link where partnership_id = ${pid} and occurred_on between ${period.from} and ${period.to} and from_role = 'person_of_concern'
      union all
      select to_entity, handling, agency_id, release_roles from intel_link where partnership_id = ${pid} and occurred_on between ${period.from} and ${period.to} and to_role = 'person_of_concern'
    ) x where x.handling = 'P' or 'hub_coordinator' = any(x.release_roles) or x.agency_id = (select agency_id from app_user where email = ${DEMO_USERS[1].email})`);
  assert.ok(concern > 0, 'persons of concern in the year');
  assert.equal(totalOf(tableOf(page.body, 'concern-by-age-sex')), String(concern));
  const disruption = await one(
    sql<{ n: number }>`select count(*)::int as n from disruption_activity where partnership_id = ${pid} and started_on between ${period.from} and ${period.to}`,
  );
  assert.equal(totalOf(tableOf(page.body, 'disruption-by-tactic')), String(disruption));
  assert.equal(totalOf(tableOf(page.body, 'disruption-by-ward')), String(disruption));
  const closed = await one(
    sql<{ n: number }>`select count(*)::int as n from exploitation_case where partnership_id = ${pid} and closed_at >= ${from()} and closed_at < ${before_()}`,
  );
  assert.equal(totalOf(tableOf(page.body, 'cases-closed')), String(closed));
});

test('persons of concern are never named: not in the page, not in the Word file', async () => {
  const b = await as('hub_coordinator');
  const page = await b.get(url);
  const named = await sql<{ label: string; given_name: string | null; family_name: string | null }>`
    select distinct e.label, p.given_name, p.family_name from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id and e.id in (l.from_entity, l.to_entity)
    left join person p on p.partnership_id = e.partnership_id and p.id = e.person_id
    where l.partnership_id = ${pid} and e.kind = 'person'`.execute(db);
  assert.ok(named.rows.length > 5);
  const docx = await b.get(url.replace('problem-profile?', 'problem-profile.docx?'));
  const xml = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
  assert.ok(xml.includes('Persons of concern by age band and sex'), 'the Word file has the section');
  for (const r of named.rows) {
    const names = [r.label, r.given_name && r.family_name ? `${r.given_name} ${r.family_name}` : null].filter((x): x is string => !!x);
    for (const name of names) {
      const escaped = name.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
      assert.ok(!page.body.includes(name) && !page.body.includes(escaped), `${name} on the page`);
      assert.ok(!xml.includes(name) && !xml.includes(escaped) && !xml.includes(name.replaceAll('"', '&quot;')), `${name} in the Word file`);
    }
  }
});

test('the manager and scrutiny get the partnership’s rule: small counts as c, identically in the page and the Word file', async () => {
  const exact = await (await as('hub_coordinator')).get(url);
  for (const role of ['manager', 'scrutiny_member']) {
    const b = await as(role);
    const page = await b.get(url);
    assert.equal(page.statusCode, 200, role);
    assert.match(page.body, /data-qa="profile-disclosure"[\s\S]*?Published figures: counts from 1 to 5 are shown as c/);
    const shown = tableOf(page.body, 'children-by-age-sex');
    const counted = tableOf(exact.body, 'children-by-age-sex');
    let small = 0;
    for (const [i, r] of counted.entries()) {
      for (const [j, c] of r.entries()) {
        if (i === 0 || j === 0 || Number(c) < 1 || Number(c) > 5) continue;
        small++;
        assert.equal(shown[i][j], 'c', `${r[0]}, ${counted[0][j]}: ${c} shown to ${role}`);
      }
    }
    assert.ok(small > 0, 'the year has small counts to hide');
    assert.ok(!/>\s*[1-5]\s*</.test(page.body.slice(page.body.indexOf('data-qa="profile"'))), `no count of 1 to 5 shown to ${role}`);

    const docx = await b.get(url.replace('problem-profile?', 'problem-profile.docx?'));
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    assert.match(String(docx.headers['content-disposition']), /published\.docx/);
    const xml = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    const pageCells = [...page.body.slice(page.body.indexOf('data-qa="profile"')).matchAll(/<table class="govuk-table"[\s\S]*?<\/table>/g)].flatMap((t) =>
      [...t[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()),
    );
    const text = (s: string) =>
      s.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    const cellsInWord = words.map(text).filter((x) => x.trim());
    // Every cell of every table, in order, is in the Word file's text in the same order.
    let at = 0;
    for (const c of pageCells.map(text)) {
      const found = cellsInWord.indexOf(c, at);
      assert.ok(found >= 0, `"${c}" (page) in the Word file after position ${at}`);
      at = found + 1;
    }
  }
});

test('the Word file opens in LibreOffice with every table', { skip: !!process.env.JIGSAW_TEST_DATABASE_URL }, async (t) => {
  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
  if (!soffice) return t.skip('LibreOffice is not installed here');
  const docx = await (await as('manager')).get(url.replace('problem-profile?', 'problem-profile.docx?'));
  const dir = mkdtempSync(join(tmpdir(), 'jigsaw-profile-'));
  writeFileSync(join(dir, 'profile.docx'), docx.rawPayload);
  execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'html', '--outdir', dir, join(dir, 'profile.docx')], {
    timeout: 120_000,
    stdio: 'ignore',
  });
  const opened = readFileSync(join(dir, 'profile.html'), 'utf8');
  const page = await (await as('manager')).get(url);
  assert.equal(opened.match(/<table\b/gi)?.length, page.body.match(/<table class="govuk-table"/g)?.length, 'as many tables as the page');
});

test('who may read it: refused to a practitioner and police intelligence (page and Word), allowed to the hub member', async () => {
  for (const role of ['practitioner', 'police_intelligence']) {
    const b = await as(role);
    assert.equal((await b.get(url)).statusCode, 403, role);
    assert.equal((await b.get(url.replace('problem-profile?', 'problem-profile.docx?'))).statusCode, 403, role);
  }
  const member = await (await as('hub_member')).get(url);
  assert.equal(member.statusCode, 200);
  assert.match(member.body, /Exact figures/);
});

test('a period that is not one: the error summary names the field; published figures want whole months that have ended', async () => {
  const coordinator = await as('hub_coordinator');
  const backwards = await coordinator.get(`/reports/problem-profile?from=${period.to}&to=${period.from}`);
  assert.equal(backwards.statusCode, 422);
  assert.match(backwards.body, /govuk-error-summary[\s\S]*?href="#to"[^>]*>The end of the period must be on or after its start/);
  const notADate = await coordinator.get('/reports/problem-profile?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026');
  assert.equal(notADate.statusCode, 422);
  assert.match(notADate.body, /govuk-error-summary[\s\S]*?href="#from"/);
  assert.match(notADate.body, /name="from-day"[^>]*value="31"|value="31"[^>]*name="from-day"/, 'the typed day is kept');
  const midMonth = await (await as('scrutiny_member')).get(`/reports/problem-profile?from=${addDays(period.from, 3)}&to=${period.to}`);
  assert.equal(midMonth.statusCode, 422);
  assert.match(midMonth.body, /The start of the period must be the 1st of a month/);
  const exactMidMonth = await coordinator.get(`/reports/problem-profile?from=${addDays(period.from, 3)}&to=${period.to}`);
  assert.equal(exactMidMonth.statusCode, 200, 'exact figures for any period');
});

test('producing the pack is audited with its period and whether it was published, and names no one', async () => {
  await (await as('scrutiny_member')).get(url);
  const events = await db
    .selectFrom('audit_event')
    .select(['details', 'person_id', 'resource_type'])
    .where('partnership_id', '=', pid)
    .where('action', '=', 'problem_profile.produced')
    .execute();
  assert.ok(events.length >= 2);
  assert.ok(events.every((e) => e.person_id === null && e.resource_type === 'report'));
  const published = events.map((e) => e.details as { from: string; to: string; published: boolean }).filter((d) => d.published);
  assert.ok(published.some((d) => d.from === period.from && d.to === period.to));
});
