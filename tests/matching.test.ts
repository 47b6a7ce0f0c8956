// Person matching through the API and pages: candidates with explanations, who may see what, the referral
// form's "is this someone already known?" step, and the hub's duplicates page with merge and undo.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let schoolChild: string;
let policeChild: string;
before(async () => {
  w = await world();
  // A child the school referred, and another the police referred.
  schoolChild = (
    await api(
      w,
      'practitioner',
      'POST',
      '/api/v1/referrals',
      referralBody({
        subject: { givenName: 'Kayleigh', familyName: 'Testmatch', dateOfBirth: '2011-03-04', sex: 'female', postcode: 'NM1 4AB', nhsNumber: '9990000018' },
      }),
    )
  ).json().personId;
  policeChild = (
    await api(
      w,
      'police_intelligence',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Mohammed', familyName: 'Exampleson', dateOfBirth: '2010-11-20', sex: 'male', postcode: 'NM4 1QZ' } }),
    )
  ).json().personId;
  // The agencies that work with each child (referring alone does not make an agency involved).
  await w.database.db
    .insertInto('person_agency')
    .values([
      { partnership_id: w.partnershipId, person_id: schoolChild, agency_id: w.agencies.school },
      { partnership_id: w.partnershipId, person_id: policeChild, agency_id: w.agencies.police },
    ])
    .execute();
});
after(() => w?.close());

const q = (params: Record<string, string>) => `/api/v1/persons/matches?${new URLSearchParams(params)}`;

test('GET /api/v1/persons/matches returns candidates by probability, each explained field by field', async () => {
  const res = await api(w, 'hub_member', 'GET', q({ givenName: 'Kayley', familyName: 'Testmatch', dateOfBirth: '2011-04-03', postcode: 'NM1 4AB' }));
  assert.equal(res.statusCode, 200, res.body);
  const { candidates, searched } = res.json();
  assert.equal(searched, 'partnership');
  assert.equal(candidates[0].personId, schoolChild);
  assert.ok(candidates[0].probability > 0.5 && candidates[0].probability <= 1);
  assert.equal(typeof candidates[0].matchWeight, 'number');
  const fields = Object.fromEntries(candidates[0].explanation.map((e: { field: string; level: string }) => [e.field, e.level]));
  assert.equal(fields['date of birth'], 'day and month swapped');
  assert.ok(fields['given name']);
  assert.equal(candidates[0].person.familyName, 'Testmatch');
  for (let i = 1; i < candidates.length; i++) assert.ok(candidates[i - 1].probability >= candidates[i].probability);
  // An NHS number alone finds them too (static /persons/matches is not taken for /persons/:id).
  const byNhs = (await api(w, 'hub_member', 'GET', q({ nhsNumber: '999 000 0018' }))).json();
  assert.equal(byNhs.candidates[0]?.personId, schoolChild);
});

test('matches: anonymous 401, roles without person-level access 403, bad details 422 naming the field', async () => {
  assert.equal((await api(w, null, 'GET', q({ familyName: 'Testmatch' }))).statusCode, 401);
  for (const role of ['scrutiny_member', 'manager', 'partnership_admin'] as const) {
    const res = await api(w, role, 'GET', q({ familyName: 'Testmatch' }));
    assert.equal(res.statusCode, 403, role);
    assert.match(res.headers['content-type'] as string, /problem\+json/);
  }
  const bad = await api(w, 'hub_member', 'GET', q({ familyName: 'Testmatch', dateOfBirth: '2011-02-30' }));
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().errors[0].field, 'dateOfBirth');
  assert.equal((await api(w, 'hub_member', 'GET', q({ postcode: 'NM1 4AB' }))).statusCode, 422);
});

test('a practitioner sees only people their agency works with, and nothing identifying about anyone else', async () => {
  const query = q({ givenName: 'Mohammed', familyName: 'Exampleson', dateOfBirth: '2010-11-20' });
  const hub = (await api(w, 'hub_member', 'GET', query)).json();
  assert.equal(hub.candidates[0].personId, policeChild);
  const school = await api(w, 'practitioner', 'GET', query);
  assert.equal(school.statusCode, 200);
  assert.deepEqual(school.json(), { candidates: [], searched: 'agency' });
  assert.doesNotMatch(school.body, new RegExp(policeChild));
  // The same answer as for someone nobody holds: existence is not revealed.
  const nobody = (await api(w, 'practitioner', 'GET', q({ givenName: 'Zebedee', familyName: 'Nobodyknown', dateOfBirth: '2010-11-20' }))).json();
  assert.deepEqual(school.json(), nobody);
  // Their own agency's child is found; another agency's practitioner does not see it.
  const own = (await api(w, 'practitioner', 'GET', q({ givenName: 'Kayleigh', familyName: 'Testmatch' }))).json();
  assert.equal(own.candidates[0].personId, schoolChild);
  const other = (await api(w, 'otherPractitioner', 'GET', q({ givenName: 'Kayleigh', familyName: 'Testmatch' }))).json();
  assert.deepEqual(other.candidates, []);
});

const form = {
  'subject.givenName': 'Kayleigh',
  'subject.familyName': 'Testmatch',
  'subject.dateOfBirth-day': '4',
  'subject.dateOfBirth-month': '3',
  'subject.dateOfBirth-year': '2011',
  'subject.sex': 'female',
  'subject.postcode': 'NM1 4AB',
  referrerName: 'Test Teacher',
  referrerContact: 'teacher@test.jigsaw.example',
  concerns: 'Fictional: seen getting into cars with unknown older adults after school on several evenings.',
  exploitationTypes: ['cse'],
  indicators: ['cars_unknown_adults'],
  urgency: 'routine',
  consent: 'given',
  submissionId: '7d5d2f9a-4f7e-4a37-9d55-0b1f8f7c1a01',
};

test('the referral form asks "is this someone already known?" and refers the person chosen, once', async () => {
  const b = await signedIn(w, 'practitioner');
  const step = await b.submit('/referrals/new', '/referrals', form);
  assert.equal(step.statusCode, 200);
  assert.match(step.body, /data-qa="referral-match-form"/);
  assert.match(step.body, new RegExp(`value="${schoolChild}"`));
  assert.match(step.body, /likely the same person/);
  assert.match(step.body, /same date of birth<\/th>/, 'the candidate explained in plain words');
  assert.match(step.body, /name="submissionId" value="7d5d2f9a-4f7e-4a37-9d55-0b1f8f7c1a01"/);
  // No choice: the error summary.
  const none = await b.post('/referrals', hiddenFields(step.body).toString());
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /href="#subjectMatch">Choose the person/);
  // Choosing the known child refers them; a resubmission returns the same referral.
  const fields = hiddenFields(step.body);
  fields.set('subjectMatch', schoolChild);
  const made = await b.post('/referrals', fields.toString());
  assert.equal(made.statusCode, 303);
  const again = await b.post('/referrals', fields.toString());
  assert.equal(again.headers.location, made.headers.location);
  const id = (made.headers.location as string).split('/')[2].split('?')[0];
  const referral = (await api(w, 'hub_member', 'GET', `/api/v1/referrals/${id}`)).json();
  assert.equal(referral.personId, schoolChild);
});

test('"none of these" makes a new person, who goes to the hub’s duplicates queue', async () => {
  const b = await signedIn(w, 'practitioner');
  const step = await b.submit('/referrals/new', '/referrals', {
    ...form,
    submissionId: '7d5d2f9a-4f7e-4a37-9d55-0b1f8f7c1a02',
    'subject.givenName': 'Kayleigh-Ann',
  });
  const fields = hiddenFields(step.body);
  fields.set('subjectMatch', 'new');
  const made = await b.post('/referrals', fields.toString());
  assert.equal(made.statusCode, 303);
  const id = (made.headers.location as string).split('/')[2].split('?')[0];
  const newPerson = (await api(w, 'hub_member', 'GET', `/api/v1/referrals/${id}`)).json().personId;
  assert.notEqual(newPerson, schoolChild);

  const hub = await signedIn(w, 'hub_coordinator');
  const page = await hub.get('/people/duplicates');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /data-qa="duplicate-pair"/);
  assert.match(page.body, /Kayleigh-Ann/);
  assert.match(page.body, /data-qa="explanation"/);
  // Merge: keep the original record; then undo.
  const [a, b2] = [schoolChild, newPerson].sort();
  const keep = a === schoolChild ? 'keep_a' : 'keep_b';
  const merged = await hub.submit('/people/duplicates', '/people/duplicates/decision', { personA: a, personB: b2, index: '0', decision: keep });
  assert.equal(merged.statusCode, 303);
  const moved = (await api(w, 'hub_member', 'GET', `/api/v1/referrals/${id}`)).json();
  assert.equal(moved.personId, schoolChild, 'the referral is read through the record kept');
  const after = await hub.get('/people/duplicates');
  assert.match(after.body, /The two records were merged/);
  assert.doesNotMatch((await hub.get('/people/duplicates')).body, /The two records were merged/, 'the banner is shown once');
  const mergeId = /\/people\/merges\/([0-9a-f-]+)\/undo/.exec(after.body)?.[1];
  assert.ok(mergeId);
  const undone = await hub.submit('/people/duplicates', `/people/merges/${mergeId}/undo`, {});
  assert.equal(undone.statusCode, 303);
  assert.equal((await api(w, 'hub_member', 'GET', `/api/v1/referrals/${id}`)).json().personId, newPerson);
  // Not the same: gone from the queue and never suggested again.
  const decided = await hub.submit('/people/duplicates', '/people/duplicates/decision', { personA: a, personB: b2, index: '0', decision: 'not_same' });
  assert.equal(decided.statusCode, 303);
  const later = await hub.get('/people/duplicates');
  assert.doesNotMatch(later.body.split('id="merges"')[0], /Kayleigh-Ann/, 'not in the queue (the merge history still names them)');
  // Missing choice: error summary.
  assert.equal((await hub.submit('/people/duplicates', '/people/duplicates/decision', { personA: a, personB: b2, index: '0' })).statusCode, 422);
  // A hub member may look but not decide; a practitioner may not look.
  const member = await signedIn(w, 'hub_member');
  assert.equal((await member.get('/people/duplicates')).statusCode, 200);
  assert.equal((await member.submit('/people/duplicates', '/people/duplicates/decision', { personA: a, personB: b2, decision: 'not_same' })).statusCode, 403);
  assert.equal((await (await signedIn(w, 'practitioner')).get('/people/duplicates')).statusCode, 403);
});

test('merge, undo and not-same through the API are for hub coordinators', async () => {
  const body = { mergedPersonId: policeChild, survivingPersonId: schoolChild };
  assert.equal((await api(w, 'hub_member', 'POST', '/api/v1/persons/merges', body)).statusCode, 403);
  const merged = await api(w, 'hub_coordinator', 'POST', '/api/v1/persons/merges', body);
  assert.equal(merged.statusCode, 201, merged.body);
  assert.equal((await api(w, 'hub_coordinator', 'POST', '/api/v1/persons/merges', body)).statusCode, 409);
  const undo = await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/merges/${merged.json().id}/undo`, {});
  assert.equal(undo.statusCode, 200);
  assert.equal((await api(w, 'hub_coordinator', 'POST', '/api/v1/persons/not-same', { personA: policeChild, personB: schoolChild })).statusCode, 204);
});

function hiddenFields(html: string): URLSearchParams {
  const body = new URLSearchParams();
  const form = html.slice(html.indexOf('data-qa="referral-match-form"'));
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) body.append(m[1], decode(m[2]));
  return body;
}

const decode = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
