// Reviewers' decisions as labels (decision 0026), pure: the comparison vector kept with a decision, read back
// as levels for fitting m, and the model's parameters as the rows the information governance officer reads.
import { COMPARISONS, compareAll, NULL_LEVEL } from './comparisons.ts';
import type { ModelParams } from './model.ts';
import type { PreparedRecord } from './record.ts';

/** What a pair looked like to the model: each comparison's level name, null where a value was missing. */
export type ComparisonSnapshot = Record<string, string | null>;

export function comparisonSnapshot(a: PreparedRecord, b: PreparedRecord): ComparisonSnapshot {
  const levels = compareAll(a, b);
  return Object.fromEntries(COMPARISONS.map((c, i) => [c.name, levels[i] === NULL_LEVEL ? null : c.levels[levels[i]]]));
}

/**
 * The snapshot as levels in COMPARISONS order, or null when it no longer fits the comparisons (a level renamed
 * or added since): the caller then compares the records as they are now.
 */
export function levelsFromSnapshot(snapshot: unknown): Int8Array | null {
  if (!snapshot || typeof snapshot !== 'object') return null;
  const s = snapshot as Record<string, unknown>;
  const out = new Int8Array(COMPARISONS.length);
  for (let c = 0; c < COMPARISONS.length; c++) {
    const value = s[COMPARISONS[c].name];
    if (value === null) out[c] = NULL_LEVEL;
    else {
      const level = typeof value === 'string' ? COMPARISONS[c].levels.indexOf(value) : -1;
      if (level < 0) return null;
      out[c] = level;
    }
  }
  return out;
}

export interface ModelLevelRow {
  level: string;
  m: number;
  u: number;
  /** log2(m/u) as trained, before the scorer's ordering (exact ≥ partial ≥ different) is applied. */
  weight: number;
}

export interface ModelComparisonRows {
  name: string;
  levels: ModelLevelRow[];
  termFrequencyAdjusted: boolean;
}

/** Each comparison level's m, u and match weight; term-frequency tables (which hold name counts) are left out. */
export function modelRows(params: ModelParams): ModelComparisonRows[] {
  return params.comparisons.map((c) => ({
    name: c.name,
    termFrequencyAdjusted: !!c.termFrequency,
    levels: c.levels.map((l) => ({ level: l.label, m: l.m, u: l.u, weight: Math.log2(l.m / l.u) })),
  }));
}

/** Numbers in tenths that add up: each rounded, the rounding error given to the largest so the sum is the rounded total. */
export function tenthsThatAddUp(values: readonly number[], total: number): number[] {
  const target = Math.round(total * 10);
  const scaled = values.map((v) => v * 10);
  const rounded = scaled.map(Math.round);
  let diff = target - rounded.reduce((s, x) => s + x, 0);
  // Largest remainders first: the smallest visible change to the values.
  const order = scaled.map((v, i) => ({ i, r: v - rounded[i] })).sort((x, y) => (diff > 0 ? y.r - x.r : x.r - y.r));
  for (let k = 0; diff !== 0 && order.length > 0; k = (k + 1) % order.length) {
    rounded[order[k].i] += Math.sign(diff);
    diff -= Math.sign(diff);
  }
  return rounded.map((x) => x / 10);
}
