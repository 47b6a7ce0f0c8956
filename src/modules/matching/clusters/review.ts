// What the hub reviews (the duplicates page and GET /api/v1/persons/clusters): clusters of people the model says are
// one, each with its members and the scored pairs between them, then the suspected pairs that cross clusters.
import type { Db } from '../../../platform/db/connect.ts';
import type { Candidate } from '../indexing.ts';
import * as store from '../store.ts';
import * as clusters from './store.ts';

/** Clusters shown at once, strongest first. */
export const REVIEW_CLUSTERS = 50;
/** Pairs across clusters shown at once, strongest first. */
export const REVIEW_LINKS = 100;

export type PersonSummary = Awaited<ReturnType<typeof store.peopleSummaries>>[number];

export interface ReviewPair {
  a: PersonSummary;
  b: PersonSummary;
  probability: number;
  matchWeight: number;
  explanation: Candidate['explanation'];
}

export interface ReviewCluster {
  /** The id of the cluster's earliest member. */
  id: string;
  /** Members in the order they appear in the strongest pairs, then by id. */
  members: PersonSummary[];
  /** Every suspected pair between members (in a cluster every pair is one), strongest first. */
  pairs: ReviewPair[];
}

const parsed = (e: unknown) => (typeof e === 'string' ? JSON.parse(e) : e) as Candidate['explanation'];

/**
 * The clusters of two or more (strongest pair first) and the pairs across clusters, with each person's summary;
 * `pairs` lists all of them in one list, strongest first (what the page showed before clusters).
 */
export async function duplicatesForReview(db: Db, partnershipId: string) {
  const found = await clusters.clustersForReview(db, partnershipId, REVIEW_CLUSTERS);
  const memberIds = found.flatMap((c) => c.members);
  const [inside, across] = await Promise.all([
    clusters.pairsAmong(db, partnershipId, memberIds),
    clusters.pairsAcrossClusters(db, partnershipId, REVIEW_LINKS),
  ]);
  const ids = [...new Set([...memberIds, ...across.flatMap((p) => [p.person_a, p.person_b])])];
  const people = new Map((await store.peopleSummaries(db, partnershipId, ids)).map((p) => [p.id, p]));
  const pair = (p: clusters.SuspectRow): ReviewPair | null => {
    const a = people.get(p.person_a);
    const b = people.get(p.person_b);
    return a && b ? { a, b, probability: p.probability, matchWeight: p.match_weight, explanation: parsed(p.explanation) } : null;
  };
  const clusterOf = new Map(found.flatMap((c) => c.members.map((m) => [m, c.id] as const)));
  const review: ReviewCluster[] = found.map((c) => {
    const pairs = inside
      .filter((p) => clusterOf.get(p.person_a) === c.id && clusterOf.get(p.person_b) === c.id)
      .map(pair)
      .filter((p): p is ReviewPair => p !== null);
    const order = [...new Set(pairs.flatMap((p) => [p.a.id, p.b.id]))];
    const members = [...c.members].sort((x, y) => rank(order, x) - rank(order, y) || (x < y ? -1 : 1));
    return { id: c.id, members: members.map((m) => people.get(m)).filter((p): p is PersonSummary => !!p), pairs };
  });
  const links = across.map(pair).filter((p): p is ReviewPair => p !== null);
  const all = [...review.flatMap((c) => c.pairs), ...links].sort((x, y) => y.matchWeight - x.matchWeight);
  return { clusters: review, links, pairs: all };
}

function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}
