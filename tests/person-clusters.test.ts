// The hub reviews clusters, not only pairs (issue 18.3): GET /api/v1/persons/clusters for hub roles (a practitioner
// and scrutiny are refused, the read is audited), and the duplicates page showing a cluster of three together with
// every pair's score and explanation, a merge and a "not the same" decided inside it, and the pair a chain would
// have joined shown across clusters.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
const people: Record<string, string> = {};
const refer = async (key: string, subject: Record<string, string>) => {
  const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject }));
  assert.equal(res.statusCode, 201, res.body);
  people[key] = res.json().personId;
};

before(async () => {
  w = await world();
  // One fictional girl recorded three times (a nickname; day and month swapped, no address).
  const kayleigh = { givenName: 'Kayleigh', familyName: 'Clusterby', dateOfBirth: '2011-03-04', sex: 'female', postcode: 'NM2 3CD', address: '7 Weir Road' };
  await refer('k1', kayleigh);
  await refer('k2', { ...kayleigh, givenName: 'Kayley' });
  // A chain: a record with only a name matches two Jordans who clearly differ from each other.
  await refer('j1', { givenName: 'Jordan', familyName: 'Chainley', dateOfBirth: '2010-05-06', sex: 'male', postcode: 'NM1 1AA', address: '1 Chain Street' });
  await refer('j2', { givenName: 'Jordan', familyName: 'Chainley', sex: 'male' });
  await refer('j3', { givenName: 'Jordan', familyName: 'Chainley', dateOfBirth: '2013-11-23', sex: 'male', postcode: 'NM7 7ZZ', address: '9 Other Road' });
  // The third Kayleigh record arrives last, by referral: she joins the existing cluster at once.
  await refer('k3', { givenName: 'Kayleigh', familyName: 'Clusterby', dateOfBirth: '2011-04-03', sex: 'female', postcode: 'NM2 3CD' });
});
after(() => w?.close());

type Pair = { personA: string; personB: string; probability: number; matchWeight: number; explanation: { field: string; level: string }[] };
type ClusterJson = { id: string; members: { personId: string; givenName: string; referrals: number }[]; pairs: Pair[] };
const same = (p: Pair, x: string, y: string) => [p.personA, p.personB].sort().join() === [people[x], people[y]].sort().join();

test('GET /api/v1/persons/clusters: each cluster with its members and every pair scored and explained; the chain is not followed', async () => {
  const res = await api(w, 'hub_member', 'GET', '/api/v1/persons/clusters');
  assert.equal(res.statusCode, 200, res.body);
  const { clusters, links } = res.json() as { clusters: ClusterJson[]; links: Pair[] };
  const kayleigh = clusters.find((c) => c.members.some((m) => m.personId === people.k1));
  assert.ok(kayleigh, 'the Kayleigh cluster');
  assert.equal(kayleigh.id, people.k1, 'named by its earliest record');
  assert.deepEqual(kayleigh.members.map((m) => m.personId).sort(), [people.k1, people.k2, people.k3].sort(), 'the referral’s child joined it');
  assert.equal(kayleigh.pairs.length, 3, 'every pair of the three');
  for (const p of kayleigh.pairs) {
    assert.ok(p.probability >= 0.5);
    assert.ok(p.explanation.some((e) => e.field === 'date of birth'));
  }
  assert.equal(kayleigh.members[0].referrals, 1);
  const jordan = clusters.find((c) => c.members.some((m) => m.personId === people.j1));
  assert.deepEqual(jordan?.members.map((m) => m.personId).sort(), [people.j1, people.j2].sort());
  assert.ok(!clusters.some((c) => c.members.some((m) => m.personId === people.j3)), 'the second Jordan is in no cluster');
  assert.ok(
    links.some((l) => same(l, 'j2', 'j3')),
    'the pair the chain would have used is still there to review',
  );
  const audit = await w.database.db
    .selectFrom('audit_event')
    .select('action')
    .where('partnership_id', '=', w.partnershipId)
    .where('action', '=', 'person.duplicates_listed')
    .execute();
  assert.ok(audit.length >= 1, 'the read is audited');
});

test('clusters: anonymous 401; a practitioner, scrutiny and the partnership admin 403 as problem+json', async () => {
  assert.equal((await api(w, null, 'GET', '/api/v1/persons/clusters')).statusCode, 401);
  for (const role of ['practitioner', 'scrutiny_member', 'partnership_admin'] as const) {
    const res = await api(w, role, 'GET', '/api/v1/persons/clusters');
    assert.equal(res.statusCode, 403, role);
    assert.match(res.headers['content-type'] as string, /problem\+json/);
    assert.doesNotMatch(res.body, /Clusterby|Chainley/);
  }
  assert.equal((await api(w, 'hub_coordinator', 'GET', '/api/v1/persons/clusters')).statusCode, 200);
});

test('the duplicates page shows the cluster of three together, each pair explained, and splits it on “not the same”', async () => {
  const hub = await signedIn(w, 'hub_coordinator');
  const page = await hub.get('/people/duplicates');
  assert.equal(page.statusCode, 200);
  const cards = page.body.split('data-qa="duplicate-cluster"').slice(1);
  const three = cards.find((c) => c.includes('3 records probably the same person'));
  assert.ok(three, 'a cluster of three, titled as one');
  assert.equal(three.split('data-qa="cluster-member"').length - 1, 3);
  assert.match(three, /A: Kayleigh Clusterby/);
  const headings = [...three.matchAll(/data-qa="pair-heading">([^<]+)</g)].map((m) => m[1]);
  assert.equal(headings.length, 3, headings.join(' / '));
  assert.deepEqual(headings.map((h) => h.replace(/ \(Kay[a-z]+ Clusterby\)/g, '').replace(/: (&gt;99|\d+)% likely the same person$/, '')).sort(), [
    'A and B',
    'A and C',
    'B and C',
  ]);
  assert.equal(three.split('data-qa="pair-explanation"').length - 1, 3, 'each pair’s explanation can be opened');
  assert.equal(three.split('data-qa="decision-form"').length - 1, 3, 'a decision for each pair');
  // The two-record Jordan cluster reads as a pair did; the chained pair is shown across clusters.
  const two = cards.find((c) => c.startsWith(' data-cluster-size="2"'));
  assert.match(two ?? '', /summary-card__title">(>99|\d+)% likely the same person</);
  // Two records of one name are told apart by letter, so the two choices never read the same.
  assert.match(two ?? '', /A: Jordan Chainley[\s\S]*B: Jordan Chainley/);
  assert.match(two ?? '', /Same person: keep A \(Jordan Chainley\)’s record[\s\S]*Same person: keep B \(Jordan Chainley\)’s record/);
  assert.match(page.body, /id="links">Suspected pairs across clusters/);

  // "Not the same" for K2 and K3, from the page: the cluster splits.
  const index = (html: string, x: string, y: string) => {
    const forms = html.split('data-qa="decision-form"').slice(1);
    const form = forms.find((f) => f.includes(`value="${[people[x], people[y]].sort()[0]}"`) && f.includes(`value="${[people[x], people[y]].sort()[1]}"`));
    return /name="index" value="(\d+)"/.exec(form ?? '')?.[1];
  };
  const [a, b] = [people.k2, people.k3].sort();
  const i = index(page.body, 'k2', 'k3');
  assert.ok(i);
  const decided = await hub.submit('/people/duplicates', '/people/duplicates/decision', { personA: a, personB: b, index: i, decision: 'not_same' });
  assert.equal(decided.statusCode, 303);
  const after = await hub.get('/people/duplicates');
  assert.match(after.body, /Recorded as not the same person/);
  assert.doesNotMatch(after.body, /3 records probably the same person/, 'no cluster holds both any more');
  const clusters = (await api(w, 'hub_member', 'GET', '/api/v1/persons/clusters')).json().clusters as ClusterJson[];
  const k = clusters.find((c) => c.members.some((m) => m.personId === people.k1));
  assert.deepEqual(k?.members.map((m) => m.personId).sort(), [people.k1, people.k2].sort());

  // A merge inside a cluster, then its undo: the record leaves and comes back.
  const [c, d] = [people.k1, people.k2].sort();
  const merged = await hub.submit('/people/duplicates', '/people/duplicates/decision', {
    personA: c,
    personB: d,
    index: index(after.body, 'k1', 'k2') ?? '0',
    decision: c === people.k1 ? 'keep_a' : 'keep_b',
  });
  assert.equal(merged.statusCode, 303);
  const mergedPage = await hub.get('/people/duplicates');
  const reviewed = (await api(w, 'hub_member', 'GET', '/api/v1/persons/clusters')).json() as { clusters: ClusterJson[]; links: Pair[] };
  assert.ok(!reviewed.clusters.some((x) => x.members.some((m) => m.personId === people.k2)), 'the merged-away record is in no cluster');
  assert.ok(
    reviewed.clusters.some(
      (x) =>
        x.members
          .map((m) => m.personId)
          .sort()
          .join() === [people.k1, people.k3].sort().join(),
    ),
    'with Kayley merged away, the other two records are one cluster again',
  );
  const mergeId = /\/people\/merges\/([0-9a-f-]+)\/undo/.exec(mergedPage.body)?.[1];
  assert.ok(mergeId);
  assert.equal((await hub.submit('/people/duplicates', `/people/merges/${mergeId}/undo`, {})).statusCode, 303);
  const restored = (await api(w, 'hub_member', 'GET', '/api/v1/persons/clusters')).json().clusters as ClusterJson[];
  assert.deepEqual(
    restored
      .find((x) => x.members.some((m) => m.personId === people.k1))
      ?.members.map((m) => m.personId)
      .sort(),
    [people.k1, people.k2].sort(),
    'back as before the merge',
  );
  // A decision without a choice names the pair's own field.
  const none = await hub.submit('/people/duplicates', '/people/duplicates/decision', { personA: a, personB: b, index: '0' });
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /href="#decision-0">Choose whether these records are the same person/);
});
