// The information governance page's audit trail: plain-English actions, the record as a link, filters (user,
// agency, action, GOV.UK dates), pages, and a CSV export safe to open in a spreadsheet. Refused to other roles.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let personId: string;
before(async () => {
  w = await world();
  personId = (
    await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: '=HYPERLINK("x")', familyName: 'Fictional' } }))
  ).json().personId;
  await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}`);
});
after(async () => {
  await w?.close();
});

test('the audit trail shows plain-English actions and links each event to the record it touched', async () => {
  const b = await signedIn(w, 'information_governance');
  const res = await b.get('/governance');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Audit trail/);
  assert.match(res.body, /Created the referral/);
  assert.doesNotMatch(res.body, /<td class="govuk-table__cell">referral\.created<\/td>/, 'not the raw event name');
  assert.match(res.body, new RegExp(`<a class="govuk-link" href="/people/${personId}">person</a>`));
  assert.match(res.body, /id="from-day"/, 'GOV.UK date input for From');
});

test('filters by action, user and date; pages; a bad date is refused without a server error', async () => {
  const b = await signedIn(w, 'information_governance');
  const only = await b.get('/governance?action=referral.created');
  assert.equal(only.statusCode, 200);
  assert.match(only.body, /Created the referral/);
  assert.doesNotMatch(only.body, /Viewed the person’s record<\/td>/);
  const today = new Date();
  const [d, m, y] = [today.getUTCDate() + 1, today.getUTCMonth() + 1, today.getUTCFullYear() + 1];
  const future = await b.get(`/governance?from-day=${d > 28 ? 1 : d}&from-month=${m}&from-year=${y}`);
  assert.match(future.body, /No events match/);
  const nobody = await b.get(`/governance?userId=${'0'.repeat(8)}-0000-4000-8000-000000000000`);
  assert.match(nobody.body, /No events match/);
  const bad = await b.get('/governance?from-day=40&from-month=2&from-year=2026');
  assert.ok(bad.statusCode < 500, `a bad date is not a server error (${bad.statusCode})`);
});

test('the trail is paged, 50 events a page, keeping the filters', async () => {
  for (let i = 0; i < 55; i++) await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}`);
  const b = await signedIn(w, 'information_governance');
  const rows = (body: string) => (body.match(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell">/g) ?? []).length;
  const first = await b.get('/governance?action=person.viewed');
  assert.equal(rows(first.body), 50);
  assert.match(first.body, /page 1 of 2/);
  assert.match(first.body, /href="\/governance\?action=person.viewed&amp;page=2#audit-trail"/, 'the next page keeps the filter');
  const second = await b.get('/governance?action=person.viewed&page=2');
  assert.ok(rows(second.body) >= 6, 'the rest on page 2');
  assert.match(second.body, /page 2 of 2/);
});

test('the CSV export neutralises formulas; other roles are refused', async () => {
  const b = await signedIn(w, 'information_governance');
  const csv = await b.get('/governance/audit.csv');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.match(csv.body, /^When,Who,Agency,What,Event name,Record,Link/);
  assert.match(csv.body, /Created the referral/);
  for (const line of csv.body.split('\n').slice(1)) for (const cell of line.split(',')) assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+@]/, line);
  const practitioner = await signedIn(w, 'practitioner');
  assert.equal((await practitioner.get('/governance/audit.csv')).statusCode, 403);
  assert.equal((await practitioner.get('/governance')).statusCode, 403);
});
