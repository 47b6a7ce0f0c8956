// Flags that travel (issue 19.6): the hub flags a child at risk of exploitation; a partner system's token (role
// flag_lookup) looks the child up by NHS number or exact name and date of birth and sees only the flag, its dates and
// who to contact; anyone else is "no flag" in the same shape; each look-up is audited and the lead agency told; the
// account can do nothing else, and look-ups are rate limited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, Browser, PASSWORD, referralBody, signedIn, type World, world } from './fixtures.ts';

const LIMIT = 25;
let w: World;
let personId: string;
let referralId: string;
let unflaggedId: string;
let flagId: string;
const today = ukDate(new Date());
const lookup = (query: string) => api(w, 'flag_lookup', 'GET', `/api/v1/flags?${query}`);

before(async () => {
  w = await world({ flagLookupsPerMinute: LIMIT });
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  [personId, referralId] = [r.personId, r.id];
  const d = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional.',
  });
  assert.equal(d.statusCode, 201, d.body);
  const c = (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}/case`)).json();
  const alloc = await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${c.case?.id ?? c.id}/allocation`, {
    version: c.case?.version ?? c.version,
    leadAgencyId: w.agencies.school,
    allocatedWorkerId: w.users.practitioner.id,
  });
  assert.equal(alloc.statusCode, 200, alloc.body);
  const other = referralBody({
    subject: { givenName: 'Otherchild', familyName: 'Fictional', dateOfBirth: '2011-02-03', sex: 'male', postcode: 'NM1 4AB', nhsNumber: '9990000026' },
  });
  unflaggedId = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', other)).json().personId;
});
after(async () => {
  await w?.close();
});

test('the hub coordinator flags a child with dates and who to contact; others without the right are refused', async () => {
  const body = {
    from: addDays(today, -1),
    until: addDays(today, 180),
    contactName: 'Demo Duty Worker',
    contactPhone: '01632 960200',
    contactAgency: 'Testshire Hub',
  };
  assert.equal((await api(w, 'hub_member', 'POST', `/api/v1/persons/${personId}/flags`, body)).statusCode, 403);
  assert.equal((await api(w, 'otherPractitioner', 'POST', `/api/v1/persons/${personId}/flags`, body)).statusCode, 403);
  const bad = await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${personId}/flags`, { ...body, until: addDays(today, -5) });
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().errors[0].field, 'until');
  const set = await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${personId}/flags`, body);
  assert.equal(set.statusCode, 201, set.body);
  flagId = set.json().id;
  assert.equal(set.json().inForce, true);
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${personId}/flags`, body)).statusCode, 409, 'one flag at a time');
  // The case's worker (whose agency leads it) sees the flag on the child's case.
  const theirs = await api(w, 'practitioner', 'GET', `/api/v1/persons/${personId}/flags`);
  assert.equal(theirs.statusCode, 200, theirs.body);
  assert.equal(theirs.json()[0].contact.name, 'Demo Duty Worker');
});

test('a partner system sees only the flag, its dates and who to contact, by NHS number or by exact name and date of birth', async () => {
  const expected = {
    flag: 'at_risk_of_exploitation',
    from: addDays(today, -1),
    until: addDays(today, 180),
    contact: { name: 'Demo Duty Worker', phone: '01632 960200', email: null, agency: 'Testshire Hub' },
  };
  const byNhs = await lookup('nhsNumber=999%20000%200018');
  assert.equal(byNhs.statusCode, 200, byNhs.body);
  assert.deepEqual(byNhs.json(), expected);
  const byName = await lookup('givenName=TESTCHILD&familyName=fictional&dateOfBirth=2012-05-17');
  assert.deepEqual(byName.json(), expected);
  // Exact match only: a near name or another date of birth is no flag.
  assert.deepEqual((await lookup('givenName=Testchil&familyName=Fictional&dateOfBirth=2012-05-17')).json(), { flag: null });
});

test('an unflagged child and someone unknown get the same answer; the look-ups are audited, identifiers kept as digests', async () => {
  const unflagged = await lookup('nhsNumber=9990000026');
  const unknown = await lookup('nhsNumber=9990000034');
  assert.deepEqual([unflagged.statusCode, unflagged.body], [unknown.statusCode, unknown.body]);
  assert.deepEqual(unknown.json(), { flag: null });
  const unflaggedByName = await lookup('givenName=Otherchild&familyName=Fictional&dateOfBirth=2011-02-03');
  assert.equal(unflaggedByName.body, unknown.body);

  const events = await w.database.db.selectFrom('audit_event').select(['person_id', 'details', 'actor_id']).where('action', '=', 'flag.looked_up').execute();
  assert.ok(events.length >= 5, `${events.length} look-ups audited`);
  assert.ok(events.every((e) => e.actor_id === w.users.flag_lookup.id));
  assert.equal(events.filter((e) => e.person_id === personId).length, 2, 'the flagged child is the subject of their look-ups');
  const noFlag = events.filter((e) => e.person_id === null);
  assert.ok(noFlag.length >= 3);
  assert.ok(!events.some((e) => e.person_id === unflaggedId), 'a look-up of an unflagged child names no one');
  const trail = JSON.stringify(noFlag.map((e) => e.details));
  for (const raw of ['9990000026', '9990000034', 'Otherchild']) assert.ok(!trail.includes(raw), `${raw} is not in the audit trail`);
});

test('the lead agency is told who looked, when and from which organisation; the chronology shows it', async () => {
  const mine = await api(w, 'practitioner', 'GET', '/api/v1/notifications');
  assert.equal(mine.statusCode, 200, mine.body);
  const told = JSON.stringify(mine.json());
  assert.match(told, /Flag looked up: Testchild Fictional/);
  assert.match(told, /Test flag_lookup of Testshire Health looked up the flag/);
  // Not another agency's staff.
  assert.doesNotMatch(JSON.stringify((await api(w, 'otherPractitioner', 'GET', '/api/v1/notifications')).json()), /Flag looked up/);
  const chron = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}/chronology`);
  assert.match(chron.body, /Flagged at risk of exploitation/);
  assert.match(chron.body, /Flag looked up by Test flag_lookup of Testshire Health/);
});

test('the look-up account can do nothing else; no one else may look up; a bad question is 422 naming the field', async () => {
  assert.equal((await api(w, 'flag_lookup', 'GET', `/api/v1/persons/${personId}`)).statusCode, 403);
  assert.equal((await api(w, 'flag_lookup', 'GET', `/api/v1/referrals/${referralId}`)).statusCode, 403);
  assert.equal((await api(w, 'flag_lookup', 'GET', `/api/v1/persons/${personId}/flags`)).statusCode, 403);
  assert.equal((await api(w, 'flag_lookup', 'GET', '/api/v1/notifications')).statusCode, 403);
  for (const who of ['practitioner', 'hub_coordinator'] as const)
    assert.equal((await api(w, who, 'GET', '/api/v1/flags?nhsNumber=9990000018')).statusCode, 403);
  const bad = await lookup('nhsNumber=1234567890');
  assert.equal(bad.statusCode, 422);
  assert.match(bad.headers['content-type'] as string, /problem\+json/);
  assert.equal(bad.json().errors[0].field, 'nhsNumber');
  assert.equal((await lookup('')).json().errors[0].field, 'givenName');
  assert.equal((await lookup('givenName=A&familyName=B&dateOfBirth=2012-13-40')).json().errors[0].field, 'dateOfBirth');
  // Signed in to the pages, the account sees only that it is API-only.
  const b = new Browser(w.app);
  assert.equal((await b.signIn(w.users.flag_lookup.email, PASSWORD)).statusCode, 302);
  assert.equal((await b.get('/')).headers.location, '/account/api-only');
  const page = await b.get('/account/api-only');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /This is an API-only account/);
  assert.doesNotMatch(page.body, /Notifications/);
  assert.equal((await b.get(`/people/${personId}/flags`)).statusCode, 403);
});

test('the child’s Flags page: the form with GOV.UK errors; ending the flag makes the look-up "no flag"', async () => {
  const hub = await signedIn(w, 'hub_coordinator');
  const page = await hub.get(`/people/${personId}/flags`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /Demo Duty Worker/);
  const ended = await hub.submit(`/people/${personId}/flags`, `/people/${personId}/flags/${flagId}/end`, {});
  assert.equal(ended.statusCode, 303, ended.body);
  assert.deepEqual((await lookup('nhsNumber=9990000018')).json(), { flag: null });
  const bad = await hub.submit(`/people/${personId}/flags`, `/people/${personId}/flags`, { from: today, contactName: '', contactAgency: 'Testshire Hub' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /Enter the name of who to contact/);
  assert.match(bad.body, /value="Testshire Hub"/, 'what was typed is kept');
  // A worker on the case in its lead agency sets the flag from the page.
  const worker = await signedIn(w, 'practitioner');
  const set = await worker.submit(`/people/${personId}/flags`, `/people/${personId}/flags`, {
    from: today,
    contactName: 'Demo Teacher',
    contactAgency: 'Testshire School',
  });
  assert.equal(set.statusCode, 303, set.body);
  assert.equal((await lookup('nhsNumber=9990000018')).json().contact.agency, 'Testshire School');
});

test('look-ups are rate limited per token: 429 problem+json', async () => {
  let status = 0;
  let res: Awaited<ReturnType<typeof lookup>> | null = null;
  for (let i = 0; i <= LIMIT && status !== 429; i++) {
    res = await lookup('nhsNumber=9990000042');
    status = res.statusCode;
  }
  assert.equal(status, 429);
  assert.match(res!.headers['content-type'] as string, /problem\+json/);
});
