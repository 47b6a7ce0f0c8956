// Recording intelligence (issue 16.6): finding a person happens within the form, so what was typed is kept; "Their
// role" is not pre-selected; a success banner on save.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let child: string;
before(async () => {
  w = await world();
  const subject = { givenName: 'Searchchild', familyName: 'Fictional', dateOfBirth: '2011-02-02', sex: 'female' };
  child = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject }))).json().personId;
});
after(() => w?.close());

const typed = {
  summary: 'Fictional: a silver car outside the takeaway, two girls collected.',
  category: 'cse',
  grading: '2BP',
  'occurredOn-day': '2',
  'occurredOn-month': '11',
  'occurredOn-year': '2026',
  'vehicle.registration': 'ZX19 ZQA',
  'location.label': 'Fictional Kebab House, Station Road',
  'location.type': 'takeaway',
};

test('searching for a person and adding them keeps everything typed in the form', async () => {
  const b = await signedIn(w, 'police_intelligence');
  const page = await b.get('/intelligence/new');
  assert.match(page.body, /name="intent" value="search"/, 'the search is a button of the record form');
  assert.doesNotMatch(page.body, /name="peopleRole" type="radio" value="\w+" checked/, '"Their role" is not pre-selected');

  const searched = await b.submit('/intelligence/new', '/intelligence', { ...typed, q: 'Searchchild', intent: 'search' });
  assert.equal(searched.statusCode, 200);
  assert.match(searched.body, /Fictional: a silver car outside the takeaway, two girls collected\./);
  assert.match(searched.body, /value="ZX19 ZQA"/);
  assert.match(searched.body, new RegExp(`name="addPersonId" value="${child}"`));
  assert.equal(await count(), 0, 'searching saves nothing');

  const added = await b.submit('/intelligence/new', '/intelligence', { ...typed, q: 'Searchchild', addPersonId: child });
  assert.equal(added.statusCode, 200);
  assert.match(added.body, /data-qa="chosen-people"[\s\S]*Searchchild Fictional/);
  assert.match(added.body, new RegExp(`type="hidden" name="personId" value="${child}"`));
  assert.match(added.body, /value="Fictional Kebab House, Station Road"/);
  assert.match(added.body, /<option value="cse" selected>/);

  // Linked to a vehicle and a place with no role chosen: asked for, nothing saved.
  const noRole = await b.submit('/intelligence/new', '/intelligence', { ...typed, personId: child });
  assert.equal(noRole.statusCode, 422);
  assert.match(noRole.body, /<a href="#peopleRole">Select their role in this intelligence<\/a>/);
  assert.equal(await count(), 0);

  const saved = await b.submit('/intelligence/new', '/intelligence', { ...typed, personId: child, peopleRole: 'victim' });
  assert.equal(saved.statusCode, 303, saved.body);
  const item = await b.get(saved.headers.location as string);
  assert.match(item.body, /Intelligence recorded/);
  assert.doesNotMatch((await b.get(saved.headers.location as string)).body, /Intelligence recorded/, 'once');
});

const count = async () =>
  Number(
    (
      await w.database.db
        .selectFrom('intel_item')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
