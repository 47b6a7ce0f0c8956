// Clusters (people) from scored pairs, without chaining: a cluster grows only while EVERY pair inside it
// scores at least `lower` (complete linkage), so "A ~ B" and "B ~ C" cannot put A with a clearly different C.
// Reviewers' "not the same" decisions are hard constraints: two such records never share a cluster.
// Pure: ids in, clusters out; no database. Deterministic for the same input.

export interface ScoredPair {
  left: string;
  right: string;
  probability: number;
}

export interface ClusterOptions {
  /** A pair at or above this links its records (default 0.9). */
  threshold?: number;
  /** Every pair inside a cluster must score at least this (default 0.5). */
  lower?: number;
  /** Pairs a reviewer said are not the same person. */
  notSame?: readonly (readonly [string, string])[];
  /**
   * Probability of a pair that was not scored (not blocked together, or below the file's threshold).
   * Without it such a pair counts as 0: not known to be the same, so it keeps the records apart.
   */
  scoreMissing?: (a: string, b: string) => number;
  /** Clusters stop growing at this size (default 50): a bigger one is a data problem for a person to look at. */
  maxSize?: number;
}

export interface Cluster {
  /** The smallest member id in a batch; kept when a record joins incrementally. */
  id: string;
  members: string[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Lookup of pair probabilities and "not the same" constraints shared by batch and incremental clustering. */
export class PairIndex {
  private readonly scores = new Map<string, number>();
  private readonly forbidden = new Set<string>();

  constructor(
    pairs: readonly ScoredPair[],
    private readonly options: ClusterOptions = {},
  ) {
    for (const p of pairs) {
      const k = pairKey(p.left, p.right);
      this.scores.set(k, Math.max(p.probability, this.scores.get(k) ?? 0));
    }
    for (const [a, b] of options.notSame ?? []) this.forbidden.add(pairKey(a, b));
  }

  probability(a: string, b: string): number {
    const known = this.scores.get(pairKey(a, b));
    if (known !== undefined) return known;
    return this.options.scoreMissing ? this.options.scoreMissing(a, b) : 0;
  }

  notSame(a: string, b: string): boolean {
    return this.forbidden.has(pairKey(a, b));
  }

  /** True when every pair across the two groups scores at least `lower` and none is "not the same". */
  compatible(x: readonly string[], y: readonly string[], lower: number): boolean {
    for (const a of x) {
      for (const b of y) {
        if (this.notSame(a, b) || this.probability(a, b) < lower) return false;
      }
    }
    return true;
  }
}

function settings(options: ClusterOptions) {
  const threshold = options.threshold ?? 0.9;
  const lower = Math.min(options.lower ?? 0.5, threshold);
  if (!(threshold > 0 && threshold <= 1 && lower >= 0)) throw new RangeError('thresholds must be probabilities, lower <= threshold');
  return { threshold, lower, maxSize: options.maxSize ?? 50 };
}

/**
 * Batch clustering: links are taken strongest first (ties by ids) and two clusters merge only if the
 * merged cluster keeps every pair at or above `lower` and no "not the same" pair. Records in no link are
 * returned as clusters of one. Clusters are sorted by id, members by id.
 */
export function clusterPairs(ids: readonly string[], pairs: readonly ScoredPair[], options: ClusterOptions = {}): Cluster[] {
  const { threshold, lower, maxSize } = settings(options);
  const index = new PairIndex(pairs, options);
  const clusterOf = new Map<string, string[]>();
  for (const id of ids) clusterOf.set(id, [id]);
  const links = pairs
    .filter((p) => p.probability >= threshold && p.left !== p.right)
    .sort((a, b) => b.probability - a.probability || pairKey(a.left, a.right).localeCompare(pairKey(b.left, b.right)));
  for (const link of links) {
    const x = clusterOf.get(link.left) ?? [link.left];
    const y = clusterOf.get(link.right) ?? [link.right];
    if (x === y || x.length + y.length > maxSize || !index.compatible(x, y, lower)) continue;
    const merged = [...x, ...y];
    for (const id of merged) clusterOf.set(id, merged);
  }
  const seen = new Set<string[]>();
  const out: Cluster[] = [];
  for (const members of clusterOf.values()) {
    if (seen.has(members)) continue;
    seen.add(members);
    const sorted = [...members].sort();
    out.push({ id: sorted[0], members: sorted });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface JoinResult {
  /** The cluster the record joined (an existing id), or a new cluster of one (id = the record). */
  cluster: Cluster;
  joined: boolean;
  /**
   * Other clusters the record links to at or above the threshold but could not join (a weak pair or a
   * "not the same" inside), or that the record would bridge: for a reviewer, never merged automatically.
   */
  alsoLinked: string[];
}

/**
 * Incremental join of one new record, without re-running the batch: it joins the cluster it links to most
 * strongly if every member scores at least `lower` with it and none is "not the same"; otherwise it starts
 * its own. `scores` are the new record's pairs (e.g. from scoreCandidates). Existing clusters are not changed.
 */
export function joinCluster(
  record: string,
  scores: readonly { id: string; probability: number }[],
  clusters: readonly Cluster[],
  options: ClusterOptions = {},
): JoinResult {
  const { threshold, lower, maxSize } = settings(options);
  const index = new PairIndex(
    scores.map((s) => ({ left: record, right: s.id, probability: s.probability })),
    options,
  );
  const clusterOf = new Map<string, Cluster>();
  for (const c of clusters) for (const m of c.members) clusterOf.set(m, c);
  const best = new Map<Cluster, number>();
  for (const s of scores) {
    const c = clusterOf.get(s.id);
    if (c && s.probability >= threshold) best.set(c, Math.max(best.get(c) ?? 0, s.probability));
  }
  const candidates = [...best].sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1)).map(([c]) => c);
  const fits = candidates.find((c) => c.members.length < maxSize && index.compatible([record], c.members, lower));
  const alsoLinked = candidates.filter((c) => c !== fits).map((c) => c.id);
  if (!fits) return { cluster: { id: record, members: [record] }, joined: false, alsoLinked };
  return { cluster: { id: fits.id, members: [...fits.members, record].sort() }, joined: true, alsoLinked };
}

/**
 * Re-clusters one existing cluster after a reviewer says two of its members are not the same person
 * (or after an undo), using the members' pairs only; returns the pieces (one if nothing changes).
 */
export function splitCluster(cluster: Cluster, pairs: readonly ScoredPair[], options: ClusterOptions = {}): Cluster[] {
  const members = new Set(cluster.members);
  const inside = pairs.filter((p) => members.has(p.left) && members.has(p.right));
  const pieces = clusterPairs(cluster.members, inside, options);
  // The piece holding the old id keeps it, so links to the cluster elsewhere stay valid.
  return pieces.map((p) => (p.members.includes(cluster.id) ? { ...p, id: cluster.id } : p));
}

/**
 * Clusters built the way records arrive (the service's rule): each record in turn joins the cluster it links to
 * most strongly (ties by cluster id) when every member scores at least `lower` with it and none is "not the same",
 * else it starts its own. So it is `joinCluster` applied record after record, and a record arriving never moves
 * anyone already clustered: the incremental path (one record joining the clusters so far) and a rebuild over all
 * records in the same order give the same clusters. Linear in the links times the cluster sizes, so a rebuild
 * over a million people is fast. A cluster's id is its earliest record; members are sorted by id; clusters are
 * returned in the order they were started.
 */
export function clusterInArrivalOrder(arrival: readonly string[], pairs: readonly ScoredPair[], options: ClusterOptions = {}): Cluster[] {
  const { threshold, lower, maxSize } = settings(options);
  const index = new PairIndex(pairs, options);
  const order = new Map(arrival.map((id, i) => [id, i]));
  // Each record's links to records that arrived before it.
  const earlier = new Map<string, Map<string, number>>();
  for (const p of pairs) {
    if (p.left === p.right || p.probability < threshold) continue;
    const l = order.get(p.left);
    const r = order.get(p.right);
    if (l === undefined || r === undefined) continue;
    const [later, first] = l > r ? [p.left, p.right] : [p.right, p.left];
    const links = earlier.get(later) ?? new Map<string, number>();
    links.set(first, Math.max(p.probability, links.get(first) ?? 0));
    earlier.set(later, links);
  }
  const clusterOf = new Map<string, Cluster>();
  const out: Cluster[] = [];
  for (const id of arrival) {
    if (clusterOf.has(id)) continue; // listed twice: the first arrival counts
    const best = new Map<Cluster, number>();
    for (const [other, p] of earlier.get(id) ?? []) {
      const c = clusterOf.get(other);
      if (c) best.set(c, Math.max(best.get(c) ?? 0, p));
    }
    const candidates = [...best].sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1)).map(([c]) => c);
    const fits = candidates.find((c) => c.members.length < maxSize && index.compatible([id], c.members, lower));
    if (fits) {
      fits.members.push(id);
      clusterOf.set(id, fits);
    } else {
      const own = { id, members: [id] };
      out.push(own);
      clusterOf.set(id, own);
    }
  }
  for (const c of out) c.members.sort();
  return out;
}
