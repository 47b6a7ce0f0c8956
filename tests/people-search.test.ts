// People search finds people as matching does: misspelt, nicknamed and swapped names, a date of birth in any
// common form, a postcode with or without its space; ranked, each with why it matched; only people the searcher
// may see, on the page and through GET /api/v1/persons?q=.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
const ids: Record<string, string> = {};

async function person(key: string, subject: Record<string, unknown>, agencies: string[]) {
  const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { sex: 'female', ...subject } }));
  assert.equal(res.statusCode, 201, res.body);
  ids[key] = res.json().personId;
  for (const a of agencies)
    await w.database.db.insertInto('person_agency').values({ partnership_id: w.partnershipId, person_id: ids[key], agency_id: w.agencies[a] }).execute();
}

before(async () => {
  w = await world();
  await person('zara', { givenName: 'Zara', familyName: 'Searchtest', dateOfBirth: '2010-03-12', postcode: 'NM1 4AB' }, ['school']);
  await person('zarah', { givenName: 'Zarah', familyName: 'Serchtest', dateOfBirth: '2011-06-01' }, ['school']);
  await person('william', { givenName: 'William', familyName: 'Nicknametest', dateOfBirth: '2009-07-01', sex: 'male' }, ['school']);
  await person('alias', { givenName: 'Precious', familyName: 'Aliastest', aliases: [{ givenName: 'Zee', familyName: 'Searchtest' }] }, ['school']);
  // Known only to the police: a school practitioner never finds her, whatever they type.
  await person('hidden', { givenName: 'Zara', familyName: 'Hiddentest', dateOfBirth: '2010-03-12', postcode: 'NM1 4AB' }, ['police']);
});
after(() => w?.close());

type Found = { id: string; reasons: { kind: string; text: string }[]; score: number };
const search = async (who: Parameters<typeof api>[1], q: string) => {
  const res = await api(w, who, 'GET', `/api/v1/persons?${new URLSearchParams({ q })}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { people: Found[]; understood: { names: string[]; dateOfBirth: string | null; postcode: string | null }; narrower: boolean };
};
const reasonsOf = (found: Found[], id: string) => found.find((p) => p.id === id)?.reasons.map((r) => r.text) ?? [];

test('a misspelt name finds the person, saying the name sounds alike ("Zarah" finds "Zara")', async () => {
  const { people } = await search('hub_member', 'Zarah');
  assert.ok(people.some((p) => p.id === ids.zara));
  assert.deepEqual(reasonsOf(people, ids.zara), ['Name sounds like Zara']);
  // The exact spelling ranks above the one that only sounds alike.
  assert.equal(people[0].id, ids.zarah);
  assert.deepEqual(reasonsOf(people, ids.zarah), ['Same name Zarah']);
});

test('a nickname finds the name it stands for ("Bill" finds "William")', async () => {
  const { people } = await search('hub_member', 'Bill Nicknametest');
  assert.equal(people[0].id, ids.william);
  assert.deepEqual(reasonsOf(people, ids.william), ['Nickname of William', 'Same name Nicknametest']);
});

test('given and family names the other way round find the person, ranked first and said so', async () => {
  const { people } = await search('hub_member', 'Searchtest Zara');
  assert.equal(people[0].id, ids.zara);
  assert.ok(reasonsOf(people, ids.zara).includes('Given and family names the other way round'));
  // An alias counts too, below the person's own name.
  assert.ok(reasonsOf(people, ids.alias).some((r) => r.endsWith('(also known as)')));
  assert.ok(people.findIndex((p) => p.id === ids.alias) > 0);
});

test('a date of birth in any common form finds the person', async () => {
  for (const q of ['12/3/2010', '2010-03-12', '12 March 2010', '12.03.10', '12th Mar 2010']) {
    const { people, understood } = await search('hub_member', q);
    assert.equal(understood.dateOfBirth, '2010-03-12', q);
    assert.ok(
      people.some((p) => p.id === ids.zara),
      q,
    );
    assert.deepEqual(reasonsOf(people, ids.zara), ['Same date of birth'], q);
    assert.ok(!people.some((p) => p.id === ids.zarah), q);
  }
});

test('a postcode with or without its space finds the person; name and date together rank the right one first', async () => {
  for (const q of ['NM14AB', 'nm1 4ab', 'NM1 4AB']) {
    const { people, understood } = await search('hub_member', q);
    assert.equal(understood.postcode, 'NM1 4AB', q);
    assert.deepEqual(reasonsOf(people, ids.zara), ['Same postcode'], q);
  }
  const { people } = await search('hub_member', 'Zarah Serchtest 12/3/2010');
  assert.ok(people.slice(0, 2).some((p) => p.id === ids.zara));
  assert.ok(reasonsOf(people, ids.zara).includes('Same date of birth'));
  for (let i = 1; i < people.length; i++) assert.ok(people[i - 1].score >= people[i].score);
});

test('only people the searcher may see: a person another agency works with never appears', async () => {
  const hub = await search('hub_member', 'Zara 12/3/2010 NM1 4AB');
  assert.ok(hub.people.some((p) => p.id === ids.hidden));
  for (const q of ['Zara', 'Hiddentest', '12/3/2010', 'NM14AB', 'Zara Hiddentest 2010-03-12']) {
    const school = await api(w, 'practitioner', 'GET', `/api/v1/persons?${new URLSearchParams({ q })}`);
    assert.equal(school.statusCode, 200);
    assert.doesNotMatch(school.body, new RegExp(ids.hidden), q);
  }
  assert.ok((await search('practitioner', 'Zara')).people.some((p) => p.id === ids.zara));
  assert.deepEqual((await search('otherPractitioner', 'Zara')).people, []);
  assert.equal((await api(w, null, 'GET', '/api/v1/persons?q=Zara')).statusCode, 401);
  assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/persons?q=Zara')).statusCode, 403);
});

test('the search page lists the closest first with why they matched; the hidden person is absent', async () => {
  const b = await signedIn(w, 'practitioner');
  const page = await b.get(`/people?${new URLSearchParams({ q: 'Searchtest Zara 12.03.10' })}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Searched for name Searchtest Zara, born 12 March 2010/);
  assert.match(page.body, /Given and family names the other way round/);
  assert.match(page.body, /Same date of birth/);
  assert.doesNotMatch(page.body, new RegExp(ids.hidden));
  const first = /data-qa="people-results"[\s\S]*?href="\/people\/([0-9a-f-]{36})"/.exec(page.body);
  assert.equal(first?.[1], ids.zara);
  // Nothing searchable: the error summary, not a list of everyone.
  const tooShort = await b.get('/people?q=Z');
  assert.match(tooShort.body, /govuk-error-summary/);
  assert.match(tooShort.body, /Enter a name \(at least 2 letters\), a date of birth, a postcode or an NHS number/);
});
