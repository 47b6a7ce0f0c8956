// Online person matching, merges and "not the same" decisions: access -> validate -> one transaction with audit.
import { readFileSync } from 'node:fs';
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import { forbidden, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { preparedBlockingKeys } from './blocking.ts';
import { dedupeRecords } from './dedupe.ts';
import { trainOnPersons } from './index.ts';
import { type FieldContribution, Matcher, type ModelParams } from './model.ts';
import { scoreCandidates } from './online.ts';
import { type MatchQuery, looksLikeUuid, validateMatchQuery } from './query.ts';
import { RecordPreparer } from './record.ts';
import * as store from './store.ts';

/** Blocks larger than this are skipped online (other keys still find the person); the batch skips at 1,000. */
export const ONLINE_MAX_BLOCK = 100;
/** Pairs at or above this probability go to the hub's suspected-duplicates queue. */
export const SUSPECT_THRESHOLD = 0.5;
/** Below this many people a partnership keeps the bundled default model (EM needs volume). */
export const MIN_TRAINING_PEOPLE = 1000;

export const DEFAULT_MODEL = JSON.parse(readFileSync(new URL('./default-model.json', import.meta.url), 'utf8')) as ModelParams;

const conflict = (message: string) => new Problem(409, 'Conflict', message);

// ---- the model: the partnership's stored one, else the bundled default; cached until retrained ----

const matchers = new Map<string, { stamp: number | null; matcher: Matcher }>();
let defaultMatcher: Matcher | null = null;

export async function matcherFor(db: Db, partnershipId: string): Promise<Matcher> {
  const stamp = await store.modelStamp(db, partnershipId);
  const cached = matchers.get(partnershipId);
  if (cached && cached.stamp === stamp) return cached.matcher;
  let matcher: Matcher;
  if (stamp === null) {
    defaultMatcher ??= new Matcher(DEFAULT_MODEL);
    matcher = defaultMatcher;
  } else {
    const loaded = await store.loadModel(db, partnershipId);
    defaultMatcher ??= new Matcher(DEFAULT_MODEL);
    matcher = loaded ? new Matcher(loaded.params) : defaultMatcher;
  }
  matchers.set(partnershipId, { stamp, matcher });
  return matcher;
}

const preparer = new RecordPreparer({ lenientDates: true });

export interface Candidate {
  personId: string;
  probability: number;
  matchWeight: number;
  priorWeight: number;
  explanation: { field: string; level: string; weight: number }[];
  summary: string;
  person: { givenName: string; familyName: string; dateOfBirth: string | null; sex: string | null; postcode: string | null };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const explanationJson = (fields: FieldContribution[]) => fields.map((f) => ({ field: f.field, level: f.level, weight: round(f.weight) }));

/** Candidates for a record, scored and ordered; agencyId limits them to people that agency is involved with. */
async function findCandidates(
  db: Db,
  partnershipId: string,
  record: store.MatchPersonRow,
  opts: { agencyId: string | null; forPersonId?: string | null; minProbability: number; limit: number },
): Promise<Candidate[]> {
  const query = store.toRecord(record);
  const keys = preparedBlockingKeys(preparer.prepare(query));
  const [matcher, rows] = await Promise.all([
    matcherFor(db, partnershipId),
    store.candidates(db, partnershipId, { keys, maxBlockSize: ONLINE_MAX_BLOCK, agencyId: opts.agencyId, forPersonId: opts.forPersonId }),
  ]);
  const scored = scoreCandidates(matcher, query, rows.map(store.toRecord), { minProbability: opts.minProbability, limit: opts.limit });
  return scored.map((s) => ({
    personId: s.candidate.id,
    probability: round(s.probability, 4),
    matchWeight: round(s.matchWeight),
    priorWeight: round(s.priorWeight),
    explanation: explanationJson(s.explanation),
    summary: s.summary,
    person: {
      givenName: s.candidate.row.given_name,
      familyName: s.candidate.row.family_name,
      dateOfBirth: s.candidate.row.date_of_birth,
      sex: s.candidate.row.sex,
      postcode: s.candidate.row.postcode,
    },
  }));
}

/**
 * Keeps a person findable: rewrites their blocking keys and queues their likely duplicates for the hub.
 * Called inside the transaction that creates (or changes) the person.
 */
export async function indexPerson(tx: Db, partnershipId: string, personId: string): Promise<void> {
  const row = await store.matchPerson(tx, partnershipId, personId);
  if (!row) return;
  await store.replaceKeys(tx, partnershipId, personId, preparedBlockingKeys(preparer.prepare(store.toRecord(row))));
  const found = await findCandidates(tx, partnershipId, row, { agencyId: null, forPersonId: personId, minProbability: SUSPECT_THRESHOLD, limit: 20 });
  await store.upsertSuspects(
    tx,
    partnershipId,
    found.map((c) => ({ a: personId, b: c.personId, probability: c.probability, matchWeight: c.matchWeight, explanation: c.explanation })),
  );
}

/** Rewrites every person's blocking keys (after a bulk load, or a change to the blocking rules). */
export async function reindexAll(tx: Db, partnershipId: string): Promise<number> {
  const people = await store.allMatchPeople(tx, partnershipId);
  await tx.deleteFrom('person_match_key').where('partnership_id', '=', partnershipId).execute();
  const rows: { partnership_id: string; rule: string; key: string; person_id: string }[] = [];
  for (const p of people) {
    for (const k of preparedBlockingKeys(preparer.prepare(store.toRecord(p)))) rows.push({ partnership_id: partnershipId, rule: k.rule, key: k.key, person_id: p.id });
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('person_match_key').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute();
  return people.length;
}

/**
 * Rebuilds the suspected-duplicates queue from scratch with the batch engine (every blocked pair once),
 * leaving out people merged away and pairs decided "not the same".
 */
export async function rebuildQueue(tx: Db, partnershipId: string): Promise<{ people: number; pairs: number }> {
  const people = await store.allMatchPeople(tx, partnershipId);
  const matcher = await matcherFor(tx, partnershipId);
  const records = people.map((p) => preparer.prepare(store.toRecord(p)));
  const stamp = await store.modelStamp(tx, partnershipId);
  const params = stamp === null ? DEFAULT_MODEL : ((await store.loadModel(tx, partnershipId))?.params ?? DEFAULT_MODEL);
  const { pairs } = dedupeRecords(records, { model: params, threshold: SUSPECT_THRESHOLD });
  const notSame = await store.notSamePairs(tx, partnershipId);
  const suspects: store.SuspectInput[] = [];
  for (const pair of pairs) {
    const [a, b] = store.orderedPair(people[pair.left].id, people[pair.right].id);
    if (notSame.has(`${a}|${b}`)) continue;
    const e = matcher.explain(records[pair.left], records[pair.right]);
    suspects.push({ a, b, probability: round(e.probability, 4), matchWeight: round(e.matchWeight), explanation: explanationJson(e.fields) });
  }
  await store.clearSuspects(tx, partnershipId);
  await store.upsertSuspects(tx, partnershipId, suspects);
  return { people: people.length, pairs: suspects.length };
}

export function matchingService(db: Db) {
  const by = (actor: Actor) => {
    const a = auditActor(actor);
    return { id: a.id, label: a.label };
  };
  const personExists = async (tx: Db, actor: Actor, id: string, field: string) => {
    if (!looksLikeUuid(id)) throw new ValidationProblem([{ field, message: 'Choose a person' }]);
    const row = await store.matchPerson(tx, actor.partnershipId, id);
    if (!row) throw notFound('The person');
    return row;
  };

  return {
    /**
     * People who may be the person described, most probable first. A caller whose person read scope is
     * their agency (a practitioner) only ever gets people their agency is involved with, scored among
     * themselves; nothing about anyone else is returned, not even that they exist (the hub finds those
     * pairs in its duplicates queue once the referral is made). The query is audited with who was shown.
     */
    async matches(actor: Actor, raw: Record<string, unknown>): Promise<{ candidates: Candidate[]; searched: 'partnership' | 'agency' }> {
      const matchScope = requireScope(actor, 'match', 'read');
      const personScope = requireScope(actor, 'person', 'read');
      const agencyOnly = matchScope !== 'partnership' || personScope !== 'partnership';
      const { value, errors } = validateMatchQuery(raw);
      if (!value) throw new ValidationProblem(errors);
      return db.transaction().execute(async (tx) => {
        const candidates = await findCandidates(tx, actor.partnershipId, queryRow(value), {
          agencyId: agencyOnly ? actor.agencyId : null,
          minProbability: value.minProbability,
          limit: value.limit,
        });
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'person.matched',
          resourceType: 'person',
          details: { query: queryDetails(value), candidates: candidates.map((c) => c.personId), searched: agencyOnly ? 'agency' : 'partnership' },
        });
        return { candidates, searched: agencyOnly ? 'agency' : 'partnership' };
      });
    },

    /** The suspected duplicates, strongest first, with both people's details (hub roles only). */
    async duplicates(actor: Actor, limit = 100) {
      if (requireScope(actor, 'match', 'read') !== 'partnership' || requireScope(actor, 'person', 'read') !== 'partnership') {
        throw forbidden('Only hub roles may review suspected duplicates across the partnership');
      }
      return db.transaction().execute(async (tx) => {
        const pairs = await store.listSuspects(tx, actor.partnershipId, limit);
        const ids = [...new Set(pairs.flatMap((p) => [p.person_a, p.person_b]))];
        const people = new Map((await store.peopleSummaries(tx, actor.partnershipId, ids)).map((p) => [p.id, p]));
        const merges = await store.recentMerges(tx, actor.partnershipId, 20);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'person.duplicates_listed',
          resourceType: 'person',
          details: { pairs: pairs.length },
        });
        return {
          pairs: pairs.map((p) => ({
            a: people.get(p.person_a)!,
            b: people.get(p.person_b)!,
            probability: p.probability,
            matchWeight: p.match_weight,
            explanation: (typeof p.explanation === 'string' ? JSON.parse(p.explanation) : p.explanation) as Candidate['explanation'],
          })),
          merges,
        };
      });
    },

    /** Merges `mergedId` into `survivingId` (hub coordinator). Both records and their history are kept. */
    async merge(actor: Actor, mergedId: string, survivingId: string) {
      requireScope(actor, 'match', 'manage');
      if (mergedId === survivingId) throw new ValidationProblem([{ field: 'mergedPersonId', message: 'Choose two different people' }]);
      return db.transaction().execute(async (tx) => {
        await personExists(tx, actor, mergedId, 'mergedPersonId');
        await personExists(tx, actor, survivingId, 'survivingPersonId');
        if (await store.activeMergeOf(tx, actor.partnershipId, mergedId)) throw conflict('That person has already been merged into someone else');
        if (await store.activeMergeOf(tx, actor.partnershipId, survivingId)) throw conflict('The person to keep has been merged into someone else: merge into that person instead');
        if (await store.isNotSame(tx, actor.partnershipId, mergedId, survivingId)) throw conflict('These two people were decided not to be the same person');
        const result = await store.mergePeople(tx, actor.partnershipId, mergedId, survivingId, by(actor));
        for (const personId of [mergedId, survivingId]) {
          await recordAudit(tx, actor.partnershipId, auditActor(actor), {
            action: 'person.merged',
            resourceType: 'person_merge',
            resourceId: result.id,
            personId,
            details: { mergedPersonId: mergedId, survivingPersonId: survivingId, movedReferrals: result.movedReferrals, addedAgencies: result.addedAgencies },
          });
        }
        return result;
      });
    },

    /** Undoes a merge exactly: the referrals it moved go back, the involvements it added are removed. */
    async unmerge(actor: Actor, mergeId: string) {
      requireScope(actor, 'match', 'manage');
      if (!looksLikeUuid(mergeId)) throw notFound('The merge');
      return db.transaction().execute(async (tx) => {
        const merge = await store.findMerge(tx, actor.partnershipId, mergeId);
        if (!merge) throw notFound('The merge');
        if (merge.undone_at) throw conflict('That merge has already been undone');
        await store.undoMerge(tx, actor.partnershipId, merge, by(actor));
        for (const personId of [merge.merged_person_id, merge.surviving_person_id]) {
          await recordAudit(tx, actor.partnershipId, auditActor(actor), {
            action: 'person.unmerged',
            resourceType: 'person_merge',
            resourceId: mergeId,
            personId,
            details: { mergedPersonId: merge.merged_person_id, survivingPersonId: merge.surviving_person_id, restoredReferrals: merge.moved_referral_ids.length },
          });
        }
        return { mergedPersonId: merge.merged_person_id, survivingPersonId: merge.surviving_person_id };
      });
    },

    /** Records that two people are not the same: the pair is never suggested again, online or in the queue. */
    async notSame(actor: Actor, x: string, y: string) {
      requireScope(actor, 'match', 'manage');
      if (x === y) throw new ValidationProblem([{ field: 'personB', message: 'Choose two different people' }]);
      return db.transaction().execute(async (tx) => {
        await personExists(tx, actor, x, 'personA');
        await personExists(tx, actor, y, 'personB');
        await store.recordNotSame(tx, actor.partnershipId, x, y, by(actor));
        for (const personId of [x, y]) {
          await recordAudit(tx, actor.partnershipId, auditActor(actor), {
            action: 'person.not_same',
            resourceType: 'person',
            resourceId: personId === x ? y : x,
            personId,
          });
        }
      });
    },

    /** True when this form submission already made its referral (a double submit goes straight through). */
    async submitted(actor: Actor, idempotencyKey: string | undefined): Promise<boolean> {
      return !!idempotencyKey && (await store.submissionUsed(db, actor.partnershipId, actor.userId, idempotencyKey));
    },

    /** For a person's page: whom they were merged into, and who was merged into them. Read access is the caller's. */
    async mergeStatus(actor: Actor, personId: string) {
      const merged = await store.activeMergeOf(db, actor.partnershipId, personId);
      const into = await store.mergedInto(db, actor.partnershipId, personId);
      return {
        mergedInto: merged ? { mergeId: merged.id, personId: merged.surviving_person_id, at: merged.merged_at } : null,
        mergedFrom: into.map((m) => ({ mergeId: m.id, personId: m.merged_person_id, name: `${m.given_name} ${m.family_name}`, at: m.merged_at, by: m.merged_by_label })),
      };
    },

    /** `jigsaw persons train`: trains on the partnership's people and stores the model. */
    async train(actor: Actor, options: { force?: boolean } = {}) {
      requireScope(actor, 'person', 'read');
      const people = await store.allMatchPeople(db, actor.partnershipId);
      if (people.length < MIN_TRAINING_PEOPLE && !options.force) {
        return { trained: false as const, people: people.length };
      }
      const params = trainOnPersons(people.map(store.toRecord));
      await db.transaction().execute(async (tx) => {
        await store.saveModel(tx, actor.partnershipId, params, people.length, auditActor(actor).label);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'match_model.trained', resourceType: 'match_model', details: { people: people.length } });
      });
      return { trained: true as const, people: people.length, prior: params.probabilityTwoRandomRecordsMatch };
    },

    /** `jigsaw persons review-queue`: rewrites blocking keys and rebuilds the suspected-duplicates queue. */
    async rebuild(actor: Actor) {
      requireScope(actor, 'person', 'read');
      return db.transaction().execute(async (tx) => {
        const indexed = await reindexAll(tx, actor.partnershipId);
        const queue = await rebuildQueue(tx, actor.partnershipId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'person.duplicates_rebuilt', resourceType: 'person', details: { people: indexed, pairs: queue.pairs } });
        return queue;
      });
    },
  };
}

function queryRow(q: MatchQuery): store.MatchPersonRow {
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

function queryDetails(q: MatchQuery) {
  return Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== null && k !== 'limit' && k !== 'minProbability'));
}

export type MatchingService = ReturnType<typeof matchingService>;
