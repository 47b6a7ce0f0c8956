// One way to enter a date and one way to show one, on every page a user of each kind visits: dates read
// "1 December 2026", date-times "1 December 2026 at 2:25pm"; every date is typed into GOV.UK's day, month and
// year boxes, never a browser date picker or a YYYY-MM-DD box.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Role } from '../src/platform/access/policy.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let referralId: string;
let personId: string;
before(async () => {
  w = await world();
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  referralId = r.id;
  personId = r.personId;
  const decided = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: a rationale.',
    actions: [{ description: 'Fictional: a visit', ownerAgencyId: w.agencies.school, dueDate: addDays(ukDate(new Date()), 5) }],
  });
  assert.equal(decided.statusCode, 201, decided.body);
});
after(() => w?.close());

/** What a person reads on the page: the text, without markup, scripts or attribute values. */
const visibleText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ');

const NON_STANDARD: [RegExp, string][] = [
  [/\b\d{4}-\d{2}-\d{2}\b/, 'a YYYY-MM-DD date'],
  [/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/, 'a 1/12/2026 date'],
  [/\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) \d{4}\b/, 'a short month'],
  [/\b([01]\d|2[0-3]):[0-5]\d\b/, 'a 24-hour time'],
  [/YYYY|DD\/MM/i, 'a format written as letters'],
];

function assertStandardDates(url: string, html: string) {
  const text = visibleText(html);
  for (const [pattern, what] of NON_STANDARD) {
    const found = pattern.exec(text);
    assert.equal(found, null, `${url} shows ${what}: "…${found ? text.slice(Math.max(0, found.index - 60), found.index + 40) : ''}…"`);
  }
  assert.doesNotMatch(html, /type="(date|datetime-local)"/, `${url} has a browser date box instead of the GOV.UK date input`);
}

const pages = (): Record<string, string[]> => ({
  hub_coordinator: [
    '/hub',
    '/referrals',
    '/referrals?status=',
    `/referrals/${referralId}`,
    `/triage/${ukDate(new Date())}`,
    '/actions',
    '/reports/triage',
    '/missing',
    '/missing/report',
    `/people/${personId}`,
  ],
  police_intelligence: ['/intelligence/hotspots', '/intelligence/panel', '/intelligence'],
  practitioner: ['/referrals', `/referrals/${referralId}`],
  information_governance: ['/governance'],
});

test('every page shows dates as "1 December 2026" and times as "2:25pm", and takes dates in day, month and year boxes', async () => {
  let checked = 0;
  let dates = 0;
  let times = 0;
  for (const [role, urls] of Object.entries(pages())) {
    const b = await signedIn(w, role as Role);
    for (const url of urls) {
      const page = await b.get(url);
      assert.equal(page.statusCode, 200, `${role} ${url}`);
      assertStandardDates(`${role} ${url}`, page.body);
      checked++;
      if (/\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/.test(visibleText(page.body))) dates++;
      if (/\d{4} at \d{1,2}(:\d{2})?(am|pm)\b/.test(visibleText(page.body))) times++;
    }
  }
  assert.ok(checked >= 15, `${checked} pages checked`);
  assert.ok(dates >= 8 && times >= 1, `dates on ${dates} pages, date-times on ${times}: the check sees them`);
});

test('a report period is typed into day, month and year boxes; a date typed wrongly gets the Design System’s message', async () => {
  const b = await signedIn(w, 'hub_coordinator');
  const page = await b.get('/reports/triage');
  for (const name of ['from', 'to']) for (const box of ['day', 'month', 'year']) assert.match(page.body, new RegExp(`name="${name}-${box}"`));
  const [y, m, d] = addDays(ukDate(new Date()), -10).split('-');
  const typed = await b.get(`/reports/triage?from-day=${Number(d)}&from-month=${Number(m)}&from-year=${y}&to-day=&to-month=&to-year=`);
  assert.equal(typed.statusCode, 200);
  assert.match(typed.body, new RegExp(`name="from-day" type="text" value="${Number(d)}"`), 'the period typed is the one shown');
  const wrong = await b.get(`/reports/triage?from-day=31&from-month=2&from-year=${y}&to-day=1&to-month=&to-year=${y}`);
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /The start date must be a real date/);
  assert.match(wrong.body, /The end date must include a month/);
  const list = await b.get('/referrals?status=&from-day=1&from-month=13&from-year=2026');
  assert.match(list.body, /The start date must be a real date/);
});
