// Keeping people findable, for every module that records a person: blocking keys, candidate scoring with the
// partnership's model, and the hub's suspected-duplicates queue. Helpers that take the caller's transaction.
import { readFileSync } from 'node:fs';
import type { Db } from '../../platform/db/connect.ts';
import { preparedBlockingKeys } from './blocking.ts';
import { pairedWith, rebuildClusters, reclusterAround } from './clusters/upkeep.ts';
import { dedupeRecords } from './dedupe.ts';
import * as merges from './merges/store.ts';
import { type FieldContribution, Matcher, type ModelParams } from './model.ts';
import { scoreCandidates } from './online.ts';
import { RecordPreparer } from './record.ts';
import { indexForSearch, reindexSearch } from './search/find.ts';
import * as store from './store.ts';

/** Blocks larger than this are skipped online (other keys still find the person); the batch skips at 1,000. */
export const ONLINE_MAX_BLOCK = 100;
/** Pairs at or above this probability go to the hub's suspected-duplicates queue. */
export const SUSPECT_THRESHOLD = 0.5;
/** Below this many people a partnership keeps the bundled default model (EM needs volume). */
export const MIN_TRAINING_PEOPLE = 1000;

export const DEFAULT_MODEL = JSON.parse(readFileSync(new URL('./default-model.json', import.meta.url), 'utf8')) as ModelParams;

// ---- the model: the partnership's stored one, else the bundled default; cached until retrained ----

const matchers = new Map<string, { stamp: number | null; matcher: Matcher }>();
let defaultMatcher: Matcher | null = null;

export async function matcherFor(db: Db, partnershipId: string): Promise<Matcher> {
  const stamp = await store.modelStamp(db, partnershipId);
  const cached = matchers.get(partnershipId);
  if (cached && cached.stamp === stamp) return cached.matcher;
  defaultMatcher ??= new Matcher(DEFAULT_MODEL);
  const loaded = stamp === null ? null : await store.loadModel(db, partnershipId);
  const matcher = loaded ? new Matcher(loaded.params) : defaultMatcher;
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
export async function findCandidates(
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
 * Keeps a person findable: rewrites their blocking and search keys, queues their likely duplicates for the hub
 * (replacing the pairs found on their old details) and keeps the clusters around them right.
 * Called inside the transaction that creates (or changes) the person.
 */
export async function indexPerson(tx: Db, partnershipId: string, personId: string): Promise<void> {
  const row = await store.matchPerson(tx, partnershipId, personId);
  if (!row) return;
  await store.replaceKeys(tx, partnershipId, personId, preparedBlockingKeys(preparer.prepare(store.toRecord(row))));
  await indexForSearch(tx, partnershipId, personId);
  // A corrected person's old pairs go (they were scored on the old details); a new person has none.
  const before = await pairedWith(tx, partnershipId, personId);
  if (before.length > 0) await merges.deleteSuspectsOf(tx, partnershipId, personId);
  const found = await findCandidates(tx, partnershipId, row, { agencyId: null, forPersonId: personId, minProbability: SUSPECT_THRESHOLD, limit: 20 });
  await merges.upsertSuspects(
    tx,
    partnershipId,
    found.map((c) => ({ a: personId, b: c.personId, probability: c.probability, matchWeight: c.matchWeight, explanation: c.explanation })),
  );
  // The person joins (or leaves) clusters in the same transaction: only the part of the pair graph around them.
  if (before.length > 0 || found.length > 0) await reclusterAround(tx, partnershipId, [personId, ...before]);
}

/** Rewrites every person's blocking and search keys (after a bulk load, or a change to the blocking rules). */
export async function reindexAll(tx: Db, partnershipId: string): Promise<number> {
  const people = await store.allMatchPeople(tx, partnershipId);
  const keys = people.flatMap((p) => preparedBlockingKeys(preparer.prepare(store.toRecord(p))).map((k) => ({ personId: p.id, rule: k.rule, key: k.key })));
  await store.replaceAllKeys(tx, partnershipId, keys);
  await reindexSearch(tx, partnershipId);
  return people.length;
}

/**
 * Rebuilds the suspected-duplicates queue from scratch with the batch engine (every blocked pair once),
 * leaving out people merged away and pairs decided "not the same", then every cluster from those pairs.
 */
export async function rebuildQueue(tx: Db, partnershipId: string): Promise<{ people: number; pairs: number; clusters: number }> {
  const people = await store.allMatchPeople(tx, partnershipId);
  const matcher = await matcherFor(tx, partnershipId);
  const records = people.map((p) => preparer.prepare(store.toRecord(p)));
  const stamp = await store.modelStamp(tx, partnershipId);
  const params = stamp === null ? DEFAULT_MODEL : ((await store.loadModel(tx, partnershipId))?.params ?? DEFAULT_MODEL);
  const { pairs } = dedupeRecords(records, { model: params, threshold: SUSPECT_THRESHOLD });
  const notSame = await merges.notSamePairs(tx, partnershipId);
  const suspects: merges.SuspectInput[] = [];
  for (const pair of pairs) {
    const [a, b] = merges.orderedPair(people[pair.left].id, people[pair.right].id);
    if (notSame.has(`${a}|${b}`)) continue;
    const e = matcher.explain(records[pair.left], records[pair.right]);
    suspects.push({ a, b, probability: round(e.probability, 4), matchWeight: round(e.matchWeight), explanation: explanationJson(e.fields) });
  }
  await merges.clearSuspects(tx, partnershipId);
  await merges.upsertSuspects(tx, partnershipId, suspects);
  // The clusters follow the pairs, with the same rule the incremental path uses.
  const { clusters } = await rebuildClusters(tx, partnershipId);
  return { people: people.length, pairs: suspects.length, clusters };
}
