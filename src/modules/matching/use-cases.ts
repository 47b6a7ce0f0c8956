// Person matching: candidates for someone described, the hub's suspected duplicates, merge and unmerge, "not the
// same", and (command line) training the model and rebuilding the queue.
import { auditActor } from '../../platform/access/actor.ts';
import { matchesAcrossPartnership, mayFindMatches } from '../../platform/access/rules.ts';
import { typedValues } from '../../platform/audit/typed.ts';
import type { Db } from '../../platform/db/connect.ts';
import { forbidden, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { readablePerson } from '../people/use-cases.ts';
import { duplicatesForReview } from './clusters/review.ts';
import { pairedWith, reclusterAround } from './clusters/upkeep.ts';
import { checkMatchQuery, type NormalQuery, queryDetails } from './domain.ts';
import { trainOnPersons } from './index.ts';
import { type Candidate, findCandidates, indexPerson, MIN_TRAINING_PEOPLE, rebuildQueue, reindexAll } from './indexing.ts';
import { decisionSnapshot } from './labels/use-cases.ts';
import * as merges from './merges/store.ts';
import { MatchQuery, MergeId, MergeInput, NotSameInput, PersonId, Submission, TrainOptions } from './schemas.ts';
import * as store from './store.ts';

export type { Candidate } from './indexing.ts';

const conflict = (message: string) => new Problem(409, 'Conflict', message);

function queryRow(q: NormalQuery): store.MatchPersonRow {
  return {
    id: 'query',
    given_name: q.givenName ?? '',
    family_name: q.familyName ?? '',
    date_of_birth: q.dateOfBirth,
    sex: q.sex,
    postcode: q.postcode,
    address: q.address,
    nhs_number: q.nhsNumber,
  };
}

/**
 * People who may be the person described, most probable first. Someone who may not read every person in the
 * partnership (a practitioner) only ever gets people their agency is involved with, scored among themselves;
 * nothing about anyone else is returned, not even that they exist (the hub finds those pairs in its duplicates
 * queue once the referral is made). The query is audited with who was shown.
 */
export const findMatches = useCase({
  name: 'matching.find',
  permission: ['match', 'read'],
  input: MatchQuery,
  async run({ db, actor }, q): Promise<{ candidates: Candidate[]; searched: 'partnership' | 'agency' }> {
    if (!mayFindMatches(actor)) throw forbidden('Your role may not look for people already held');
    const { value, errors } = checkMatchQuery(q);
    if (!value) throw new ValidationProblem(errors);
    const across = matchesAcrossPartnership(actor);
    const candidates = await findCandidates(db, actor.partnershipId, queryRow(value), {
      agencyId: across ? null : actor.agencyId,
      minProbability: value.minProbability,
      limit: value.limit,
    });
    return { candidates, searched: across ? 'partnership' : 'agency' };
  },
  audit: {
    read: 'person.matched',
    subject: (out, q) => ({
      type: 'person',
      details: { query: typedValues(queryDetails(checkMatchQuery(q).value!)), candidates: out.candidates.map((c) => c.personId), searched: out.searched },
    }),
  },
});

/**
 * What the hub reviews (hub roles): clusters of people the model says are one, each with its members and the pairs
 * between them; the suspected pairs across clusters; all those pairs in one list (strongest first); recent merges.
 */
export const listDuplicates = useCase({
  name: 'matching.duplicates',
  permission: ['match', 'read'],
  input: undefined,
  async run({ db, actor }) {
    if (!matchesAcrossPartnership(actor)) throw forbidden('Only hub roles may review suspected duplicates across the partnership');
    const review = await duplicatesForReview(db, actor.partnershipId);
    return { ...review, merges: await merges.recentMerges(db, actor.partnershipId, 20) };
  },
  audit: {
    read: 'person.duplicates_listed',
    subject: (out) => ({ type: 'person', details: { clusters: out.clusters.length, pairs: out.pairs.length } }),
  },
});

async function personExists(db: Db, partnershipId: string, id: string) {
  if (!(await store.matchPerson(db, partnershipId, id))) throw notFound('The person');
}

/** Merges one person into another (hub coordinator). Both records and their history are kept; it can be undone. */
export const mergePeople = useCase({
  name: 'matching.merge',
  permission: ['match', 'manage'],
  input: MergeInput,
  async run({ db, actor }, { mergedPersonId, survivingPersonId }) {
    if (mergedPersonId === survivingPersonId) throw new ValidationProblem([{ field: 'mergedPersonId', message: 'Choose two different people' }]);
    await personExists(db, actor.partnershipId, mergedPersonId);
    await personExists(db, actor.partnershipId, survivingPersonId);
    if (await merges.activeMergeOf(db, actor.partnershipId, mergedPersonId)) throw conflict('That person has already been merged into someone else');
    if (await merges.activeMergeOf(db, actor.partnershipId, survivingPersonId))
      throw conflict('The person to keep has been merged into someone else: merge into that person instead');
    if (await merges.isNotSame(db, actor.partnershipId, mergedPersonId, survivingPersonId))
      throw conflict('These two people were decided not to be the same person');
    // What the pair looked like to the model, kept as the decision's label (decision 0026).
    const comparison = await decisionSnapshot(db, actor.partnershipId, mergedPersonId, survivingPersonId);
    const pairedBefore = await pairedWith(db, actor.partnershipId, mergedPersonId);
    const merged = await merges.mergePeople(db, actor.partnershipId, mergedPersonId, survivingPersonId, auditActor(actor), comparison);
    // The merged-away person leaves their cluster; the people they linked are re-clustered without them.
    await reclusterAround(db, actor.partnershipId, [mergedPersonId, survivingPersonId, ...pairedBefore]);
    return merged;
  },
  audit: {
    change: 'person.merged',
    subject: (out, { mergedPersonId, survivingPersonId }) =>
      [mergedPersonId, survivingPersonId].map((personId) => ({
        type: 'person_merge',
        id: out.id,
        personId,
        details: { mergedPersonId, survivingPersonId, movedReferrals: out.movedReferrals, addedAgencies: out.addedAgencies },
      })),
  },
});

/** Undoes a merge exactly: the referrals it moved go back, the involvements it added are removed. */
export const undoMerge = useCase({
  name: 'matching.unmerge',
  permission: ['match', 'manage'],
  input: MergeId,
  async run({ db, actor }, { id }) {
    const merge = await merges.findMerge(db, actor.partnershipId, id);
    if (!merge) throw notFound('The merge');
    if (merge.undone_at) throw conflict('That merge has already been undone');
    await merges.undoMerge(db, actor.partnershipId, merge, auditActor(actor));
    // The person is back: their pairs (dropped by the merge) are found again and they rejoin clusters.
    await indexPerson(db, actor.partnershipId, merge.merged_person_id);
    return { mergedPersonId: merge.merged_person_id, survivingPersonId: merge.surviving_person_id, restoredReferrals: merge.moved_referral_ids.length };
  },
  audit: {
    change: 'person.unmerged',
    subject: (out, { id }) =>
      [out.mergedPersonId, out.survivingPersonId].map((personId) => ({
        type: 'person_merge',
        id,
        personId,
        details: { mergedPersonId: out.mergedPersonId, survivingPersonId: out.survivingPersonId, restoredReferrals: out.restoredReferrals },
      })),
  },
});

/** Records that two people are not the same: the pair is never suggested again, online or in the queue. */
export const recordNotSame = useCase({
  name: 'matching.not_same',
  permission: ['match', 'manage'],
  input: NotSameInput,
  async run({ db, actor }, { personA, personB }): Promise<{ recorded: boolean }> {
    if (personA === personB) throw new ValidationProblem([{ field: 'personB', message: 'Choose two different people' }]);
    await personExists(db, actor.partnershipId, personA);
    await personExists(db, actor.partnershipId, personB);
    const comparison = await decisionSnapshot(db, actor.partnershipId, personA, personB);
    const recorded = await merges.recordNotSame(db, actor.partnershipId, personA, personB, auditActor(actor), comparison);
    // A cluster holding both splits: its part of the pair graph is re-clustered without the pair.
    await reclusterAround(db, actor.partnershipId, [personA, personB]);
    return { recorded };
  },
  // One event per person, naming the other; none when the decision had already been recorded.
  audit: {
    change: 'person.decided_not_same',
    subject: (out, { personA, personB }) =>
      out.recorded
        ? [
            { type: 'person', id: personB, personId: personA },
            { type: 'person', id: personA, personId: personB },
          ]
        : null,
  },
});

/** For a person's page: whom they were merged into, and who was merged into them. */
export const getMergeStatus = useCase({
  name: 'matching.merge_status',
  permission: ['person', 'read'],
  input: PersonId,
  async run({ db, actor }, { id }) {
    await readablePerson(db, actor, id);
    const merged = await merges.activeMergeOf(db, actor.partnershipId, id);
    const into = await merges.mergedInto(db, actor.partnershipId, id);
    return {
      mergedInto: merged ? { mergeId: merged.id, personId: merged.surviving_person_id, at: merged.merged_at } : null,
      mergedFrom: into.map((m) => ({
        mergeId: m.id,
        personId: m.merged_person_id,
        name: `${m.given_name} ${m.family_name}`,
        at: m.merged_at,
        by: m.merged_by_label,
      })),
    };
  },
  audit: { read: 'person.merges_viewed', subject: (_out, { id }) => ({ type: 'person', id, personId: id }) },
});

/** Whether this form submission (the actor's own idempotency key) already made its referral: a retry goes straight through. */
export const submissionUsed = useCase({
  name: 'matching.submission_used',
  permission: ['referral', 'create'],
  input: Submission,
  noTransaction: true,
  async run({ db, actor }, { idempotencyKey }): Promise<boolean> {
    return store.submissionUsed(db, actor.partnershipId, actor.userId, idempotencyKey);
  },
  audit: { none: 'whether the actor’s own form was already sent: nothing about a person' },
});

/** `jigsaw persons train`: trains on the partnership's people and stores the model (default model until 1,000). */
export const trainModel = useCase({
  name: 'matching.train',
  permission: ['person', 'read'],
  input: TrainOptions,
  async run({ db, actor }, { force }) {
    const people = await store.allMatchPeople(db, actor.partnershipId);
    if (people.length < MIN_TRAINING_PEOPLE && !force) return { trained: false as const, people: people.length };
    const params = trainOnPersons(people.map(store.toRecord));
    await store.saveModel(db, actor.partnershipId, params, people.length, auditActor(actor).label);
    return { trained: true as const, people: people.length, prior: params.probabilityTwoRandomRecordsMatch };
  },
  audit: { change: 'match_model.trained', subject: (out) => (out.trained ? { type: 'match_model', details: { people: out.people } } : null) },
});

/** `jigsaw persons review-queue`: rewrites blocking and search keys, rebuilds the suspected-duplicates queue and the clusters. */
export const rebuildDuplicates = useCase({
  name: 'matching.rebuild_queue',
  permission: ['person', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const indexed = await reindexAll(db, actor.partnershipId);
    return { ...(await rebuildQueue(db, actor.partnershipId)), indexed };
  },
  audit: {
    change: 'duplicates_queue.rebuilt',
    subject: (out) => ({ type: 'person', details: { people: out.indexed, pairs: out.pairs, clusters: out.clusters } }),
  },
});
