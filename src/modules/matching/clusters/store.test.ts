// Suspected-duplicate clusters kept in the database (PGlite, or PostgreSQL with JIGSAW_TEST_DATABASE_URL): a chain
// does not join two different children, a new referral's child joins the right cluster at once, "not the same"
// splits, a merge and its undo move people out and back, a corrected record moves, and after every change the
// stored clusters are exactly what a rebuild from scratch gives (also after the batch rebuilds the pairs).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Database } from '../../../platform/db/connect.ts';
import { testDatabase } from '../../../platform/db/testing.ts';
import { type Runner, useCaseRunner } from '../../../platform/usecase/run.ts';
import { createPerson } from '../../people/use-cases.ts';
import { createReferral } from '../../referrals/use-cases.ts';
import type { Cluster } from '../clusters.ts';
import { indexPerson } from '../indexing.ts';
import { listDuplicates, mergePeople, rebuildDuplicates, recordNotSame, undoMerge } from '../use-cases.ts';
import { storedClusters } from './store.ts';
import { computeClusters } from './upkeep.ts';

let database: Database;
let run: Runner;

async function partnership(): Promise<Actor> {
  const id = randomUUID();
  const agencyId = randomUUID();
  await database.db.insertInto('partnership').values({ id, name: 'Cluster test partnership (fictional)' }).execute();
  await database.db.insertInto('agency').values({ partnership_id: id, id: agencyId, name: 'Hub', sector: 'childrens_social_care' }).execute();
  return {
    userId: randomUUID(),
    partnershipId: id,
    agencyId,
    role: 'hub_coordinator',
    name: 'Test coordinator',
    email: 'coordinator@test.example',
    via: 'session',
  };
}

type Details = { givenName: string; familyName: string; dateOfBirth?: string; sex?: 'female' | 'male'; postcode?: string; address?: string };

// Fictional children. Kayleigh: three records of one girl (a nickname, day and month swapped) that all match.
// Jordan: a record with only a name and sex matches two records of that name (97% each) that clearly differ from
// each other (another date of birth and address: 0.1%): the chain.
const KAYLEIGH: Details = {
  givenName: 'Kayleigh',
  familyName: 'Clusterby',
  dateOfBirth: '2011-03-04',
  sex: 'female',
  postcode: 'NM2 3CD',
  address: '7 Weir Road',
};
const KAYLEY: Details = { ...KAYLEIGH, givenName: 'Kayley' };
const KAYLEIGH_SWAPPED: Details = { ...KAYLEIGH, dateOfBirth: '2011-04-03', address: undefined };
const JORDAN_2010: Details = {
  givenName: 'Jordan',
  familyName: 'Chainley',
  dateOfBirth: '2010-05-06',
  sex: 'male',
  postcode: 'NM1 1AA',
  address: '1 Chain Street',
};
const JORDAN_UNDATED: Details = { givenName: 'Jordan', familyName: 'Chainley', sex: 'male' };
const JORDAN_2013: Details = { ...JORDAN_2010, dateOfBirth: '2013-11-23', postcode: 'NM7 7ZZ', address: '9 Other Road' };
const PRIYA: Details = { givenName: 'Priya', familyName: 'Testington', dateOfBirth: '2010-07-15', sex: 'female', postcode: 'NM3 2XY', address: '4 Mill Lane' };

const person = (actor: Actor, d: Details) => run(createPerson, actor, d);
const canonical = (clusters: readonly Cluster[]) => clusters.map((c) => `${c.id}:${[...c.members].sort().join()}`).sort();
const together = (clusters: readonly Cluster[], ...ids: string[]) => clusters.some((c) => ids.every((id) => c.members.includes(id)));

async function expectRight(actor: Actor, what: string) {
  assert.deepEqual(
    canonical(await storedClusters(database.db, actor.partnershipId)),
    canonical(await computeClusters(database.db, actor.partnershipId)),
    `${what}: the stored clusters are what a rebuild gives`,
  );
}

before(async () => {
  database = await testDatabase();
  run = useCaseRunner(database.db);
});
after(() => database?.close());

describe('clusters kept in the database', () => {
  test('a chain A~B, B~C where A and C clearly differ does not put A with C; the pair left out is still shown', async () => {
    const hub = await partnership();
    const a = await person(hub, JORDAN_2010);
    const b = await person(hub, JORDAN_UNDATED);
    const c = await person(hub, JORDAN_2013);
    const clusters = await storedClusters(database.db, hub.partnershipId);
    assert.ok(together(clusters, a, b), 'the undated record joins the first Jordan');
    assert.ok(!together(clusters, a, c), 'the two different Jordans are never one cluster');
    await expectRight(hub, 'after the chain');
    const review = await run(listDuplicates, hub, undefined);
    assert.deepEqual(
      review.clusters.map((x) => x.members.map((m) => m.id).sort()),
      [[a, b].sort()],
    );
    assert.ok(
      review.links.some((l) => [l.a.id, l.b.id].sort().join() === [b, c].sort().join()),
      'the undated record and the second Jordan are still for review, across clusters',
    );
  });

  test('a new referral’s child joins the right cluster in the same transaction; "not the same" splits it', async () => {
    const hub = await partnership();
    const k1 = await person(hub, KAYLEIGH);
    const k2 = await person(hub, KAYLEY);
    const other = await person(hub, PRIYA);
    const { referral } = await run(createReferral, hub, {
      subject: KAYLEIGH_SWAPPED,
      referrerName: 'Test Referrer',
      referrerContact: '01632 960000',
      concerns: 'Fictional test concern: seen with older adults in cars late at night on several occasions.',
      exploitationTypes: ['cse'],
      indicators: [],
      consent: 'given',
      urgency: 'routine',
    });
    const k3 = referral.personId;
    let clusters = await storedClusters(database.db, hub.partnershipId);
    assert.deepEqual(canonical(clusters), [`${k1}:${[k1, k2, k3].sort().join()}`], 'one cluster of three, named by its earliest record');
    assert.ok(!together(clusters, k1, other));
    await expectRight(hub, 'after the referral');

    assert.deepEqual(await run(recordNotSame, hub, { personA: k3, personB: k2 }), { recorded: true });
    clusters = await storedClusters(database.db, hub.partnershipId);
    assert.ok(!together(clusters, k2, k3), 'split');
    assert.ok(together(clusters, k1, k2), 'the earlier two stay together');
    await expectRight(hub, 'after "not the same"');
    const review = await run(listDuplicates, hub, undefined);
    assert.ok(
      review.links.some((l) => [l.a.id, l.b.id].sort().join() === [k1, k3].sort().join()),
      'k1 and k3 still for review',
    );
    assert.ok(!review.pairs.some((l) => [l.a.id, l.b.id].sort().join() === [k2, k3].sort().join()), 'the decided pair is gone');
  });

  test('a merge takes the merged record out of its cluster; undoing it brings the record back', async () => {
    const hub = await partnership();
    const k1 = await person(hub, KAYLEIGH);
    const k2 = await person(hub, KAYLEY);
    const k3 = await person(hub, KAYLEIGH_SWAPPED);
    const merged = await run(mergePeople, hub, { mergedPersonId: k2, survivingPersonId: k1 });
    let clusters = await storedClusters(database.db, hub.partnershipId);
    assert.deepEqual(canonical(clusters), [`${k1}:${[k1, k3].sort().join()}`]);
    await expectRight(hub, 'after the merge');
    await run(undoMerge, hub, { id: merged.id });
    clusters = await storedClusters(database.db, hub.partnershipId);
    assert.deepEqual(canonical(clusters), [`${k1}:${[k1, k2, k3].sort().join()}`], 'back as before the merge');
    await expectRight(hub, 'after the undo');
    // Merging the cluster's first record away: the cluster goes on under its next earliest record.
    await run(mergePeople, hub, { mergedPersonId: k1, survivingPersonId: k3 });
    assert.deepEqual(canonical(await storedClusters(database.db, hub.partnershipId)), [`${k2}:${[k2, k3].sort().join()}`]);
    await expectRight(hub, 'after merging the first record away');
  });

  test('a corrected record leaves the cluster its old details put it in', async () => {
    const hub = await partnership();
    const k1 = await person(hub, KAYLEIGH);
    const k2 = await person(hub, KAYLEY);
    assert.equal((await storedClusters(database.db, hub.partnershipId)).length, 1);
    await database.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('person')
        .set({ given_name: 'Zebedee', family_name: 'Otherwise', date_of_birth: '2009-12-25', postcode: 'NM9 9ZZ', address: '99 Far Away' })
        .where('partnership_id', '=', hub.partnershipId)
        .where('id', '=', k2)
        .execute();
      await indexPerson(tx, hub.partnershipId, k2);
    });
    assert.deepEqual(await storedClusters(database.db, hub.partnershipId), []);
    const review = await run(listDuplicates, hub, undefined);
    assert.ok(!review.pairs.some((p) => [p.a.id, p.b.id].includes(k1)), 'the pair scored on the old details is gone');
  });

  test('the batch rebuild (review-queue) gives the same pairs and clusters as record-by-record creation', async () => {
    const hub = await partnership();
    for (const d of [KAYLEIGH, JORDAN_2010, KAYLEY, JORDAN_UNDATED, PRIYA, KAYLEIGH_SWAPPED, JORDAN_2013]) await person(hub, d);
    const pairs = async () =>
      (
        await database.db
          .selectFrom('person_match_suspect')
          .select(['person_a', 'person_b', 'probability'])
          .where('partnership_id', '=', hub.partnershipId)
          .execute()
      )
        .map((p) => `${p.person_a}|${p.person_b}|${p.probability.toFixed(3)}`)
        .sort();
    const online = { pairs: await pairs(), clusters: canonical(await storedClusters(database.db, hub.partnershipId)) };
    assert.ok(online.clusters.length >= 2);
    const rebuilt = await run(rebuildDuplicates, hub, undefined);
    assert.equal(rebuilt.clusters, online.clusters.length);
    assert.deepEqual(await pairs(), online.pairs, 'the same pairs from the batch engine');
    assert.deepEqual(canonical(await storedClusters(database.db, hub.partnershipId)), online.clusters, 'and so the same clusters');
  });

  test('two records of one child created at once both succeed and leave clusters that agree with the pairs', async () => {
    const hub = await partnership();
    const k1 = await person(hub, KAYLEIGH);
    const [k2, k3] = await Promise.all([person(hub, KAYLEY), person(hub, KAYLEIGH_SWAPPED)]);
    const clusters = await storedClusters(database.db, hub.partnershipId);
    assert.ok(together(clusters, k1, k2) || together(clusters, k1, k3), 'at least one joins the first record');
    await expectRight(hub, 'after two at once');
  });

  test('property: after any sequence of new records, merges, undos and "not the same", the stored clusters are a rebuild’s', async () => {
    const variants: Details[] = [KAYLEIGH, KAYLEY, KAYLEIGH_SWAPPED, JORDAN_2010, JORDAN_UNDATED, JORDAN_2013, PRIYA, { ...PRIYA, givenName: 'Pria' }];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), variant: fc.nat(variants.length - 1) }),
      fc.record({ kind: fc.constantFrom('merge' as const, 'not_same' as const, 'undo' as const), pick: fc.nat(50) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 10 }), async (ops) => {
        const hub = await partnership();
        const merges: string[] = [];
        for (const o of ops) {
          if (o.kind === 'create') await person(hub, variants[o.variant]);
          else if (o.kind === 'undo') {
            if (merges.length) await run(undoMerge, hub, { id: merges.splice(o.pick % merges.length, 1)[0] });
          } else {
            const { pairs } = await run(listDuplicates, hub, undefined);
            if (pairs.length === 0) continue;
            const p = pairs[o.pick % pairs.length];
            if (o.kind === 'merge') merges.push((await run(mergePeople, hub, { mergedPersonId: p.b.id, survivingPersonId: p.a.id })).id);
            else await run(recordNotSame, hub, { personA: p.a.id, personB: p.b.id });
          }
          await expectRight(hub, `after ${o.kind}`);
        }
      }),
      { numRuns: 6 },
    );
  });
});
