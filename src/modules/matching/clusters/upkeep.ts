// Keeping suspected-duplicate clusters right (issue 18.3, decision 0003 "Clusters in the service"). The rule is
// `clusterInArrivalOrder` (../clusters.ts): complete linkage, in the order people were recorded, so a new person joins
// an existing cluster (or starts one) and never moves anyone already clustered. Clusters only ever hold people
// linked by suspected pairs, so each connected part of the pair graph is clustered on its own: every change
// (a person created or corrected, a merge, its undo, a "not the same" decision) re-clusters just the part it
// touched, in its transaction, and the rebuild runs the same rule over everything, giving the same clusters.
import type { Db } from '../../../platform/db/connect.ts';
import { type Cluster, clusterInArrivalOrder, type ScoredPair } from '../clusters.ts';
import * as store from './store.ts';

/** Pairs at or above this link people (the suspected-duplicate threshold, indexing.ts SUSPECT_THRESHOLD)... */
export const CLUSTER_LINK = 0.5;
/** ...and every pair inside a cluster must reach this: complete linkage, so a chain never joins two different people. */
export const CLUSTER_LOWER = 0.5;
/** A cluster stops growing here: a bigger one is a data problem for a person to look at. */
export const CLUSTER_MAX_SIZE = 50;
/** The part of the graph one change re-clusters stops growing here (far beyond real duplicate groups). */
export const COMPONENT_LIMIT = 5000;

const RULE = { threshold: CLUSTER_LINK, lower: CLUSTER_LOWER, maxSize: CLUSTER_MAX_SIZE };

const toPair = (r: store.PairRow): ScoredPair => ({ left: r.person_a, right: r.person_b, probability: r.probability });
const several = (clusters: readonly Cluster[]) => clusters.filter((c) => c.members.length > 1);

/** The people a person is paired with now (read before a change that removes their pairs). */
export async function pairedWith(db: Db, partnershipId: string, personId: string): Promise<string[]> {
  const rows = await store.pairsTouching(db, partnershipId, [personId]);
  return rows.map((r) => (r.person_a === personId ? r.person_b : r.person_a));
}

/** The people linked to `seeds` by suspected pairs, directly or through others, and the pairs among them. */
async function linkedPart(db: Db, partnershipId: string, seeds: readonly string[]) {
  const people = new Set(seeds);
  const pairs = new Map<string, ScoredPair>();
  let frontier = [...people];
  while (frontier.length > 0 && people.size <= COMPONENT_LIMIT) {
    const next: string[] = [];
    for (const row of await store.pairsTouching(db, partnershipId, frontier)) {
      pairs.set(`${row.person_a}|${row.person_b}`, toPair(row));
      for (const id of [row.person_a, row.person_b]) {
        if (people.has(id)) continue;
        people.add(id);
        next.push(id);
      }
    }
    frontier = next;
  }
  return { people: [...people], pairs: [...pairs.values()] };
}

/**
 * Re-clusters the part of the pair graph around `seeds` (people whose pairs, or whose being merged away, just
 * changed, and the people they were paired with before), replacing those people's memberships.
 * Call in the transaction of the change.
 */
export async function reclusterAround(tx: Db, partnershipId: string, seeds: readonly string[]): Promise<void> {
  if (seeds.length === 0) return;
  await store.lockClusters(tx, partnershipId);
  const { people, pairs } = await linkedPart(tx, partnershipId, [...new Set(seeds)]);
  const arrival = await store.arrivalOrder(tx, partnershipId, people);
  await store.replaceMemberships(tx, partnershipId, people, several(clusterInArrivalOrder(arrival, pairs, RULE)));
}

/** Clusters of two or more from the stored pairs and decisions, computed from scratch (nothing written). */
export async function computeClusters(db: Db, partnershipId: string): Promise<Cluster[]> {
  const [arrival, pairs] = await Promise.all([store.arrivalOrder(db, partnershipId, null), store.allPairs(db, partnershipId)]);
  return several(clusterInArrivalOrder(arrival, pairs.map(toPair), RULE));
}

/** Rebuilds every membership (after the queue is rebuilt, or to repair); returns how many clusters and people. */
export async function rebuildClusters(tx: Db, partnershipId: string): Promise<{ clusters: number; clustered: number }> {
  await store.lockClusters(tx, partnershipId);
  const clusters = await computeClusters(tx, partnershipId);
  await store.replaceAllMemberships(tx, partnershipId, clusters);
  return { clusters: clusters.length, clustered: clusters.reduce((n, c) => n + c.members.length, 0) };
}
