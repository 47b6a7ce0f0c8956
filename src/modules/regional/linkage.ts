// Pooling several partnerships' regional files (issue 15.6, 15.7) and linking their CLKs to count the children known
// to more than one partnership. Pure: the command reads the files and writes the pool (cli.ts).
//
// Linking: within a partnership the personKey is the child (the same key in every export). Between two partnerships,
// every pair of CLKs is compared by the Dice coefficient of their bits; pairs at or above the threshold are taken
// greedily, best first, each child at most once per pair of partnerships (one-to-one). Children joined by links,
// across any number of partnerships, are one regional child (union-find).
import { type Cell, DEFAULT_DISCLOSURE_RULE, type DisclosureRule, suppressCount } from '../reports/disclosure.ts';
import { bitCount, clkFromBase64, dice } from './clk.ts';
import type { RegionalRow } from './domain.ts';

/** Measured on FEBRL 4 and a generated UK-style set (bench/regional.ts, decision 0027): the best F1 of the two together. */
export const DEFAULT_THRESHOLD = 0.8;

export interface Link {
  a: { partnership: string; personKey: string };
  b: { partnership: string; personKey: string };
  dice: number;
}

interface Encoded {
  key: string;
  bits: Uint32Array;
  count: number;
}

type Pair = { i: number; j: number; dice: number };

/** Every pair of CLKs (indexes into each list) whose Dice coefficient is at or above the threshold. */
export function candidatePairs(left: readonly Uint32Array[], right: readonly Uint32Array[], threshold: number): Pair[] {
  const lc = left.map((b) => bitCount(b));
  const rc = right.map((b) => bitCount(b));
  const out: Pair[] = [];
  for (let i = 0; i < left.length; i++) {
    for (let j = 0; j < right.length; j++) {
      const d = dice(left[i], right[j], lc[i], rc[j]);
      if (d >= threshold) out.push({ i, j, dice: d });
    }
  }
  return out;
}

/** Best Dice first, each record in at most one link (ties: the lower indexes, so the result is repeatable). */
export function greedyOneToOne(candidates: readonly Pair[]): Pair[] {
  const sorted = [...candidates].sort((x, y) => y.dice - x.dice || x.i - y.i || x.j - y.j);
  const usedL = new Set<number>();
  const usedR = new Set<number>();
  const out: Pair[] = [];
  for (const c of sorted) {
    if (usedL.has(c.i) || usedR.has(c.j)) continue;
    usedL.add(c.i);
    usedR.add(c.j);
    out.push(c);
  }
  return out;
}

/** Greedy one-to-one links between two lists of CLKs. */
export const linkPair = (left: readonly Uint32Array[], right: readonly Uint32Array[], threshold: number) =>
  greedyOneToOne(candidatePairs(left, right, threshold));

export interface PooledChild extends RegionalRow {
  /** The same for rows the linkage took to be one child (a number local to this pool, not a person identifier). */
  regionalChild: number;
}

export interface Pool {
  threshold: number;
  partnerships: string[];
  rows: PooledChild[];
  links: Link[];
  /** Distinct children after linkage, and how many of them more than one partnership knows. */
  children: number;
  knownToMoreThanOne: number;
  /** Children each pair of partnerships both know. */
  shared: { a: string; b: string; children: number }[];
}

export function pool(rows: readonly RegionalRow[], threshold = DEFAULT_THRESHOLD): Pool {
  // One row per child per partnership: a later file's row for the same personKey replaces an earlier one.
  const byPartnership = new Map<string, Map<string, RegionalRow>>();
  for (const r of rows) {
    const m = byPartnership.get(r.partnership) ?? new Map<string, RegionalRow>();
    m.set(r.personKey, r);
    byPartnership.set(r.partnership, m);
  }
  const partnerships = [...byPartnership.keys()].sort();
  const encoded = new Map<string, Encoded[]>();
  for (const p of partnerships) {
    const list: Encoded[] = [];
    for (const r of (byPartnership.get(p) as Map<string, RegionalRow>).values()) {
      const bits = clkFromBase64(r.clk);
      if (bits) list.push({ key: r.personKey, bits, count: bitCount(bits) });
    }
    encoded.set(p, list);
  }
  const node = (p: string, key: string) => `${p}\u0000${key}`;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const [p, m] of byPartnership) for (const key of m.keys()) parent.set(node(p, key), node(p, key));

  const links: Link[] = [];
  const shared: Pool['shared'] = [];
  for (let x = 0; x < partnerships.length; x++) {
    for (let y = x + 1; y < partnerships.length; y++) {
      const [a, b] = [partnerships[x], partnerships[y]];
      const ea = encoded.get(a) as Encoded[];
      const eb = encoded.get(b) as Encoded[];
      const pairs = linkPair(
        ea.map((e) => e.bits),
        eb.map((e) => e.bits),
        threshold,
      );
      for (const { i, j, dice: d } of pairs) {
        links.push({ a: { partnership: a, personKey: ea[i].key }, b: { partnership: b, personKey: eb[j].key }, dice: Math.round(d * 1000) / 1000 });
        parent.set(find(node(a, ea[i].key)), find(node(b, eb[j].key)));
      }
      shared.push({ a, b, children: pairs.length });
    }
  }
  const ids = new Map<string, number>();
  const partnershipsOf = new Map<string, Set<string>>();
  const pooled: PooledChild[] = [];
  for (const [p, m] of byPartnership) {
    for (const [key, r] of m) {
      const root = find(node(p, key));
      if (!ids.has(root)) ids.set(root, ids.size + 1);
      const set = partnershipsOf.get(root) ?? new Set<string>();
      set.add(p);
      partnershipsOf.set(root, set);
      pooled.push({ ...r, regionalChild: ids.get(root) as number });
    }
  }
  const knownToMoreThanOne = [...partnershipsOf.values()].filter((s) => s.size > 1).length;
  return { threshold, partnerships, rows: pooled, links, children: ids.size, knownToMoreThanOne, shared };
}

export interface PoolSummary {
  threshold: number;
  partnerships: { partnership: string; children: Cell; knownElsewhere: Cell }[];
  shared: { a: string; b: string; children: Cell }[];
  children: Cell;
  knownToMoreThanOne: Cell;
}

/**
 * The summary published from a pool: every count through disclosure control. The pool is the region's, not one
 * partnership's, so the rule is the region's to give (the command line uses the default rule: 1 to 5 as `c`).
 */
export function summarise(p: Pool, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): PoolSummary {
  const count = (n: number) => suppressCount(n, rule);
  const elsewhere = new Map<number, Set<string>>();
  for (const r of p.rows) elsewhere.set(r.regionalChild, (elsewhere.get(r.regionalChild) ?? new Set()).add(r.partnership));
  return {
    threshold: p.threshold,
    partnerships: p.partnerships.map((name) => {
      const mine = p.rows.filter((r) => r.partnership === name);
      return {
        partnership: name,
        children: count(mine.length),
        knownElsewhere: count(mine.filter((r) => (elsewhere.get(r.regionalChild)?.size ?? 0) > 1).length),
      };
    }),
    shared: p.shared.map((s) => ({ ...s, children: count(s.children) })),
    children: count(p.children),
    knownToMoreThanOne: count(p.knownToMoreThanOne),
  };
}
