// Candidate pairs from blocking rules, in typed arrays so that worker threads can share them
// (SharedArrayBuffer) and split the scoring between them block by block.
import type { PreparedRecord } from './record.ts';

export const DEFAULT_MAX_BLOCK = 1000;

export interface BlockingStats {
  rule: string;
  blocks: number;
  pairs: number;
  /** Blocks skipped for exceeding maxBlockSize (their pairs can still come from other rules). */
  cappedBlocks: number;
  cappedRecords: number;
}

export interface KeyRule {
  id: string;
  maxBlockSize?: number;
  key(r: PreparedRecord): string | null;
}

/** One rule's blocks: block b holds members[start[b] .. start[b+1]); ids[i] is i's block or -1. */
export interface RuleBlocks {
  ids: Int32Array;
  start: Int32Array;
  members: Int32Array;
  blocks: number;
  /** Pairs inside the blocks, before dropping those an earlier rule already produced. */
  blockPairs: number;
  stat: BlockingStats;
}

export type Alloc = (length: number) => Int32Array;
const local: Alloc = (length) => new Int32Array(length);
/** Int32Array over shared memory, for handing to worker threads without a copy. */
export const shared: Alloc = (length) => new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4));

/**
 * Groups records by one rule's key. Singleton and over-sized blocks are dropped and their members
 * marked -1, so later rules do not mistake them for pairs already scored.
 */
export function buildRuleBlocks(records: readonly PreparedRecord[], rule: KeyRule, maxBlockAll: number, alloc: Alloc = local): RuleBlocks {
  const n = records.length;
  const maxBlock = Math.min(maxBlockAll, rule.maxBlockSize ?? maxBlockAll);
  const ids = alloc(n);
  const intern = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = rule.key(records[i]);
    if (key === null) {
      ids[i] = -1;
      continue;
    }
    let id = intern.get(key);
    if (id === undefined) {
      id = intern.size;
      intern.set(key, id);
    }
    ids[i] = id;
  }
  const all = intern.size;
  intern.clear();
  const sizes = new Int32Array(all);
  for (let i = 0; i < n; i++) if (ids[i] >= 0) sizes[ids[i]]++;
  const stat: BlockingStats = { rule: rule.id, blocks: 0, pairs: 0, cappedBlocks: 0, cappedRecords: 0 };
  // Renumber the kept blocks densely so that work can be handed out as ranges of block numbers.
  const renumber = new Int32Array(all).fill(-1);
  let blocks = 0;
  let blockPairs = 0;
  for (let b = 0; b < all; b++) {
    const s = sizes[b];
    if (s > maxBlock) {
      stat.cappedBlocks++;
      stat.cappedRecords += s;
    } else if (s >= 2) {
      renumber[b] = blocks++;
      blockPairs += (s * (s - 1)) / 2;
    }
  }
  stat.blocks = blocks;
  const start = alloc(blocks + 1);
  for (let b = 0; b < all; b++) if (renumber[b] >= 0) start[renumber[b] + 1] = sizes[b];
  for (let b = 0; b < blocks; b++) start[b + 1] += start[b];
  const members = alloc(start[blocks]);
  const fill = start.slice(0, blocks);
  for (let i = 0; i < n; i++) {
    const id = ids[i] >= 0 ? renumber[ids[i]] : -1;
    ids[i] = id;
    if (id >= 0) members[fill[id]++] = i;
  }
  return { ids, start, members, blocks, blockPairs, stat };
}

/**
 * Visits every pair inside blocks [from, to) that no earlier rule grouped; returns how many.
 * `earlier` holds the ids of the rules before this one.
 */
export function visitBlocks(
  rule: Pick<RuleBlocks, 'start' | 'members'>,
  earlier: readonly Int32Array[],
  from: number,
  to: number,
  visit: (i: number, j: number) => void,
): number {
  const { start, members } = rule;
  const q = earlier.length;
  let visited = 0;
  for (let b = from; b < to; b++) {
    const hi = start[b + 1];
    for (let x = start[b]; x < hi; x++) {
      const i = members[x];
      for (let y = x + 1; y < hi; y++) {
        const j = members[y];
        let seen = false;
        for (let e = 0; e < q; e++) {
          const k = earlier[e];
          if (k[i] !== -1 && k[i] === k[j]) {
            seen = true;
            break;
          }
        }
        if (seen) continue;
        visited++;
        visit(i, j);
      }
    }
  }
  return visited;
}

/** Pairs inside blocks [from, to), for progress and for splitting work evenly. */
export function pairsInBlocks(start: Int32Array, from: number, to: number): number {
  let pairs = 0;
  for (let b = from; b < to; b++) {
    const s = start[b + 1] - start[b];
    pairs += (s * (s - 1)) / 2;
  }
  return pairs;
}
