// Clusters in arrival order (the service's rule): complete linkage, no chaining, "not the same" respected, one
// record at a time equal to a rebuild, nothing already clustered moved by a later arrival, and each connected part
// of the pair graph clustered on its own (what lets the service re-cluster only the part a change touched).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Cluster, clusterInArrivalOrder, joinCluster, type ScoredPair } from './clusters.ts';

const p = (left: string, right: string, probability: number): ScoredPair => ({ left, right, probability });
const RULE = { threshold: 0.5, lower: 0.5 };
const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const canonical = (clusters: readonly Cluster[]) => clusters.map((c) => [...c.members].sort().join()).sort();

const pairsArb = fc.array(
  fc.record({ left: fc.constantFrom(...ids), right: fc.constantFrom(...ids), probability: fc.double({ min: 0, max: 1, noNaN: true }) }),
  { maxLength: 30 },
);
const notSameArb = fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 3 });
const orderArb = fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length });

describe('clusterInArrivalOrder', () => {
  it('a chain A~B, B~C with A and C clearly different does not put A with C, in any order', () => {
    const pairs = [p('a', 'b', 0.99), p('b', 'c', 0.95), p('a', 'c', 0.02)];
    for (const order of [
      ['a', 'b', 'c'],
      ['c', 'b', 'a'],
      ['b', 'a', 'c'],
      ['b', 'c', 'a'],
    ]) {
      const clusters = clusterInArrivalOrder(order, pairs, RULE);
      assert.ok(!clusters.some((c) => c.members.includes('a') && c.members.includes('c')), order.join());
      assert.equal(clusters.length, 2, order.join());
    }
    // Unscored pairs count as clearly different: the chain is not followed either.
    assert.deepEqual(canonical(clusterInArrivalOrder(['a', 'b', 'c'], [p('a', 'b', 0.9), p('b', 'c', 0.9)], RULE)), ['a,b', 'c']);
  });

  it('a new record joins the cluster it links to most strongly, keeping the cluster’s id (its earliest record)', () => {
    const pairs = [p('x', 'y', 0.9), p('n', 'x', 0.97), p('n', 'y', 0.8), p('n', 'z', 0.99)];
    const clusters = clusterInArrivalOrder(['z', 'x', 'y', 'n'], pairs, RULE);
    // z is a cluster of one, linked more strongly, so n joins z; x and y stay together.
    assert.deepEqual(clusters, [
      { id: 'z', members: ['n', 'z'] },
      { id: 'x', members: ['x', 'y'] },
    ]);
  });

  it('"not the same" keeps two records apart however strongly they are linked', () => {
    const pairs = [p('a', 'b', 0.99), p('b', 'c', 0.99), p('a', 'c', 0.99)];
    const clusters = clusterInArrivalOrder(['a', 'b', 'c'], pairs, { ...RULE, notSame: [['c', 'a']] });
    assert.deepEqual(canonical(clusters), ['a,b', 'c']);
  });

  it('properties: complete linkage and "not the same" hold inside every cluster, and every record is in exactly one', () => {
    fc.assert(
      fc.property(orderArb, pairsArb, notSameArb, (order, pairs, notSame) => {
        const clusters = clusterInArrivalOrder(order, pairs, { ...RULE, notSame });
        assert.deepEqual(clusters.flatMap((c) => c.members).sort(), [...ids].sort());
        const best = new Map<string, number>();
        for (const q of pairs) {
          const k = [q.left, q.right].sort().join();
          best.set(k, Math.max(best.get(k) ?? 0, q.probability));
        }
        for (const c of clusters) {
          assert.ok(c.members.includes(c.id));
          assert.equal(
            c.id,
            order.find((id) => c.members.includes(id)),
            'the id is the earliest member',
          );
          for (const x of c.members)
            for (const y of c.members) {
              if (x >= y) continue;
              assert.ok((best.get([x, y].join()) ?? 0) >= 0.5, `${x}-${y}`);
              assert.ok(!notSame.some(([s, t]) => (s === x && t === y) || (s === y && t === x)));
            }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: record by record (joinCluster, the online path) gives exactly the rebuild’s clusters', () => {
    fc.assert(
      fc.property(orderArb, pairsArb, notSameArb, (order, pairs, notSame) => {
        const options = { ...RULE, notSame };
        let clusters: Cluster[] = [];
        for (const [i, id] of order.entries()) {
          const before = new Set(order.slice(0, i));
          const scores = pairs.flatMap((q) =>
            q.left === id && before.has(q.right)
              ? [{ id: q.right, probability: q.probability }]
              : q.right === id && before.has(q.left)
                ? [{ id: q.left, probability: q.probability }]
                : [],
          );
          const joined = joinCluster(id, scores, clusters, options);
          clusters = joined.joined ? [...clusters.filter((c) => c.id !== joined.cluster.id), joined.cluster] : [...clusters, joined.cluster];
        }
        assert.deepEqual(canonical(clusters), canonical(clusterInArrivalOrder(order, pairs, options)));
      }),
      { numRuns: 300 },
    );
  });

  it('property: a later arrival never moves a record already clustered', () => {
    fc.assert(
      fc.property(orderArb, pairsArb, fc.integer({ min: 1, max: ids.length }), (order, pairs, k) => {
        const earlier = new Set(order.slice(0, k));
        const before = clusterInArrivalOrder(order.slice(0, k), pairs, RULE);
        const after = clusterInArrivalOrder(order, pairs, RULE);
        const restricted = after.map((c) => ({ ...c, members: c.members.filter((m) => earlier.has(m)) })).filter((c) => c.members.length > 0);
        assert.deepEqual(canonical(restricted), canonical(before));
      }),
      { numRuns: 300 },
    );
  });

  it('property: each connected part of the pair graph is clustered on its own (so a change re-clusters only its part)', () => {
    fc.assert(
      fc.property(orderArb, pairsArb, (order, pairs) => {
        // Connected parts over the links (pairs at or above the threshold).
        const part = new Map(ids.map((id) => [id, id]));
        const find = (x: string): string => (part.get(x) === x ? x : find(part.get(x)!));
        for (const q of pairs) if (q.probability >= 0.5) part.set(find(q.left), find(q.right));
        const whole = clusterInArrivalOrder(order, pairs, RULE);
        const byPart = [...new Set(ids.map(find))].flatMap((root) => {
          const members = new Set(ids.filter((id) => find(id) === root));
          return clusterInArrivalOrder(
            order.filter((id) => members.has(id)),
            pairs.filter((q) => members.has(q.left) && members.has(q.right)),
            RULE,
          );
        });
        assert.deepEqual(canonical(byPart), canonical(whole));
      }),
      { numRuns: 300 },
    );
  });
});
