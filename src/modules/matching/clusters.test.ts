import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { clusterPairs, joinCluster, type ScoredPair, splitCluster } from './clusters.ts';

const p = (left: string, right: string, probability: number): ScoredPair => ({ left, right, probability });

describe('clusterPairs', () => {
  it('groups strongly linked records and keeps the rest as clusters of one', () => {
    const clusters = clusterPairs(['a', 'b', 'c', 'd'], [p('a', 'b', 0.99), p('b', 'c', 0.95), p('a', 'c', 0.8)]);
    assert.deepEqual(clusters, [
      { id: 'a', members: ['a', 'b', 'c'] },
      { id: 'd', members: ['d'] },
    ]);
  });

  it('does not let a weak link chain two clearly different people', () => {
    // a~b and b~c are strong, but a and c are clearly different: c stays out.
    const clusters = clusterPairs(['a', 'b', 'c'], [p('a', 'b', 0.99), p('b', 'c', 0.95), p('a', 'c', 0.01)]);
    assert.deepEqual(
      clusters.map((c) => c.members),
      [['a', 'b'], ['c']],
    );
    // An unscored pair counts as not known to be the same unless a scorer says otherwise.
    assert.equal(clusterPairs(['a', 'b', 'c'], [p('a', 'b', 0.99), p('b', 'c', 0.95)]).length, 2);
    const scored = clusterPairs(['a', 'b', 'c'], [p('a', 'b', 0.99), p('b', 'c', 0.95)], { scoreMissing: () => 0.7 });
    assert.deepEqual(scored[0].members, ['a', 'b', 'c']);
  });

  it('"not the same" splits any cluster that would hold both', () => {
    const pairs = [p('a', 'b', 0.99), p('b', 'c', 0.99), p('a', 'c', 0.99)];
    const clusters = clusterPairs(['a', 'b', 'c'], pairs, { notSame: [['c', 'a']] });
    for (const c of clusters) assert.ok(!(c.members.includes('a') && c.members.includes('c')));
    assert.deepEqual(
      clusters.map((c) => c.members),
      [['a', 'b'], ['c']],
    );
  });

  it('properties: every pair inside a cluster scores at least the lower threshold and no "not the same" pair shares one', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const pair = fc.record({ left: fc.constantFrom(...ids), right: fc.constantFrom(...ids), probability: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(
        fc.array(pair, { maxLength: 25 }),
        fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 3 }),
        (pairs, notSame) => {
          const clusters = clusterPairs(ids, pairs, { threshold: 0.8, lower: 0.4, notSame });
          const best = new Map<string, number>();
          for (const q of pairs) {
            const k = [q.left, q.right].sort().join();
            best.set(k, Math.max(best.get(k) ?? 0, q.probability));
          }
          assert.deepEqual(clusters.flatMap((c) => c.members).sort(), ids);
          for (const c of clusters) {
            for (const x of c.members) {
              for (const y of c.members) {
                if (x >= y) continue;
                assert.ok((best.get([x, y].join()) ?? 0) >= 0.4, `${x}-${y} in ${c.members}`);
                assert.ok(!notSame.some(([s, t]) => (s === x && t === y) || (s === y && t === x)));
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('joinCluster (incremental)', () => {
  const clusters = [
    { id: 'a', members: ['a', 'b'] },
    { id: 'c', members: ['c'] },
  ];
  it('joins the most strongly linked cluster when every member is close enough', () => {
    const r = joinCluster(
      'n',
      [
        { id: 'a', probability: 0.97 },
        { id: 'b', probability: 0.9 },
        { id: 'c', probability: 0.92 },
      ],
      clusters,
    );
    assert.equal(r.joined, true);
    assert.deepEqual(r.cluster, { id: 'a', members: ['a', 'b', 'n'] });
    assert.deepEqual(r.alsoLinked, ['c']);
  });
  it('starts its own cluster when one member is clearly different or "not the same"', () => {
    const weak = joinCluster(
      'n',
      [
        { id: 'a', probability: 0.97 },
        { id: 'b', probability: 0.1 },
      ],
      clusters,
    );
    assert.equal(weak.joined, false);
    assert.deepEqual(weak.cluster, { id: 'n', members: ['n'] });
    assert.deepEqual(weak.alsoLinked, ['a']);
    const labelled = joinCluster('n', [{ id: 'c', probability: 0.99 }], clusters, { notSame: [['n', 'c']] });
    assert.equal(labelled.joined, false);
  });
  it('agrees with a full re-run when the new record fits one cluster', () => {
    const pairs = [p('a', 'b', 0.99), p('n', 'a', 0.97), p('n', 'b', 0.95)];
    const batch = clusterPairs(['a', 'b', 'c', 'n'], pairs);
    const joined = joinCluster(
      'n',
      [
        { id: 'a', probability: 0.97 },
        { id: 'b', probability: 0.95 },
      ],
      clusterPairs(['a', 'b', 'c'], pairs.slice(0, 1)),
    );
    assert.deepEqual(batch.find((c) => c.members.includes('n'))?.members, joined.cluster.members);
  });
});

describe('splitCluster', () => {
  it('re-clusters the members after a "not the same" decision, keeping the id on the piece that holds it', () => {
    const pairs = [p('a', 'b', 0.99), p('b', 'c', 0.99), p('a', 'c', 0.99)];
    const pieces = splitCluster({ id: 'a', members: ['a', 'b', 'c'] }, pairs, { notSame: [['b', 'c']] });
    assert.equal(pieces.length, 2);
    assert.ok(pieces.some((x) => x.id === 'a' && x.members.includes('a')));
    for (const x of pieces) assert.ok(!(x.members.includes('b') && x.members.includes('c')));
  });
});
