// The referral form and the pages around it, as a browser without JavaScript would use them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const form = {
  'subject.givenName': 'Formchild',
  'subject.familyName': 'Fictional',
  'subject.dateOfBirth-day': '3',
  'subject.dateOfBirth-month': '9',
  'subject.dateOfBirth-year': '2011',
  'subject.sex': 'male',
  'subject.postcode': 'nm2 7xy',
  referrerName: 'Test Teacher',
  referrerContact: 'teacher@test.jigsaw.example',
  concerns: 'Fictional: has new expensive trainers and two phones, and is collected from school by unknown adults.',
  exploitationTypes: ['ce', 'county_lines'],
  indicators: ['unexplained_money', 'multiple_phones'],
  urgency: 'routine',
  consent: 'not_sought',
  lawfulBasisReason: 'Fictional: to protect the child from significant harm.',
};

test('an incomplete form shows the error summary, links each error to its field, and keeps what was typed', async () => {
  const b = await signedIn(w, 'practitioner');
  const res = await b.submit('/referrals/new', '/referrals', {
    ...form,
    'subject.givenName': '',
    'subject.dateOfBirth-day': '31',
    'subject.dateOfBirth-month': '2',
    concerns: '',
    consent: 'refused',
    lawfulBasisReason: '',
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /<title>Error: Make a referral/);
  assert.match(res.body, /govuk-error-summary/);
  for (const [href, text] of [
    ['#subject-givenName', 'Enter the first name'],
    ['#subject-dateOfBirth-day', 'Date of birth must be a real date'],
    ['#concerns', 'Describe the concerns'],
    ['#lawfulBasisReason', 'Give the reason for sharing without consent'],
  ]) {
    assert.match(res.body, new RegExp(`href="${href}">${text}`), `${href} ${text}`);
    assert.match(res.body, new RegExp(`id="${href.slice(1)}"`), `field ${href} exists`);
  }
  assert.match(res.body, /value="Fictional"/, 'keeps the family name');
  assert.match(res.body, /value="county_lines" checked/, 'keeps ticked boxes');
  const saved = await w.database.db.selectFrom('person').select('id').where('family_name', '=', 'Fictional').where('given_name', '=', '').execute();
  assert.equal(saved.length, 0);
});

test('a complete form makes one referral even when submitted twice; it shows in the hub list and on the child’s page', async () => {
  const b = await signedIn(w, 'practitioner');
  const page = await b.get('/referrals/new');
  const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(submissionId);
  const first = await b.submit('/referrals/new', '/referrals', { ...form, submissionId });
  const second = await b.submit('/referrals/new', '/referrals', { ...form, submissionId });
  assert.equal(first.statusCode, 303);
  assert.equal(second.headers.location, first.headers.location, 'the second submission lands on the same referral');
  const count = await w.database.db
    .selectFrom('referral as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select('r.id')
    .where('p.given_name', '=', 'Formchild')
    .execute();
  assert.equal(count.length, 1);

  const shown = await b.get(first.headers.location as string);
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /sent to the hub/);
  assert.match(shown.body, /County lines/);

  const hub = await signedIn(w, 'hub_coordinator');
  const list = await hub.get('/referrals');
  assert.match(list.body, /Formchild Fictional/);
  const personId = /href="\/people\/([0-9a-f-]{36})">Formchild Fictional/.exec(list.body)?.[1];
  assert.ok(personId);
  const person = await hub.get(`/people/${personId}`);
  assert.equal(person.statusCode, 200);
  assert.match(person.body, /moj-identity-bar/);
  assert.match(person.body, /moj-sub-navigation/);
  assert.match(person.body, /moj-timeline/);
  assert.match(person.body, /NM2 7XY/, 'postcode normalised');
  assert.match(person.body, /Born 3 September 2011/);

  const ig = await signedIn(w, 'information_governance');
  const log = await ig.get(`/governance/people/${personId}`);
  assert.equal(log.statusCode, 200);
  assert.match(log.body, /Test hub_coordinator/, 'the hub coordinator’s view is listed');
  assert.match(log.body, /person\.viewed/);
});

test('the demo marker is absent outside demo mode', async () => {
  const b = await signedIn(w, 'hub_member');
  assert.doesNotMatch((await b.get('/referrals')).body, /data-qa="demo-banner"/);
});

test('the error summary lists problems in the order of the form', async () => {
  const b = await signedIn(w, 'practitioner');
  const res = await b.submit('/referrals/new', '/referrals', {
    ...form,
    'subject.givenName': '',
    'subject.familyName': '',
    concerns: '',
    consent: '',
    'subject.dateOfBirth-day': '40',
  });
  const order = [...res.body.matchAll(/<li>\s*<a href="#([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(order, ['subject-givenName', 'subject-familyName', 'subject-dateOfBirth-day', 'concerns', 'consent']);
});

test('pages are never cached by the browser', async () => {
  const b = await signedIn(w, 'hub_member');
  assert.equal((await b.get('/referrals')).headers['cache-control'], 'no-store');
});
