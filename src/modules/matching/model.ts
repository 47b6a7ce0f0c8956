// Fellegi-Sunter parameters, scoring and explanation.
// match weight = prior weight + sum over fields of log2(m / u) for the pair's level in that field,
// where m = P(level | same person), u = P(level | different people). Null levels weigh 0.
import { COMPARISONS, type Comparison, NULL_LEVEL } from './comparisons.ts';
import type { PreparedRecord } from './record.ts';

export interface LevelParams {
  label: string;
  m: number;
  u: number;
}

export interface TermFrequencyTable {
  /** Non-null values counted. */
  total: number;
  /** Counts of values seen at least twice; anything absent counts as seen once. */
  counts: Record<string, number>;
}

export interface ComparisonParams {
  name: string;
  levels: LevelParams[];
  termFrequency?: TermFrequencyTable;
}

/** Everything a trained model needs, as plain JSON (store it; rebuild a Matcher with createMatcher). */
export interface ModelParams {
  kind: 'jigsaw-person-match';
  version: 1;
  /** Prior: probability that two records drawn at random are the same person. */
  probabilityTwoRandomRecordsMatch: number;
  comparisons: ComparisonParams[];
  /**
   * Corrections (log2, never positive) for fields that agree together among DIFFERENT people of one
   * household, where the independence assumption overstates the evidence. Absent = no correction.
   */
  household?: HouseholdParams;
  training?: Record<string, unknown>;
}

export interface HouseholdParams {
  /** Added when family name and postcode-and-address both agree exactly (siblings share both). */
  sharedFamilyAndAddress: number;
  /** Added when, on top of that, the date of birth agrees exactly (twins share it too). */
  sharedDateOfBirth: number;
}

export interface FieldContribution {
  field: string;
  level: string;
  /** log2 Bayes factor contributed by this field (0 when missing). */
  weight: number;
  /** Set when the weight was adjusted for how common the matching value is. */
  termFrequencyAdjustment?: number;
}

export interface Explanation {
  priorWeight: number;
  matchWeight: number;
  probability: number;
  fields: FieldContribution[];
}

export const log2 = Math.log2;

export function probabilityFromWeight(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

export function weightFromProbability(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  return log2(p / (1 - p));
}

/** Scores prepared pairs with a fixed model. Construction precomputes every level weight. */
export class Matcher {
  readonly priorWeight: number;
  private readonly comparisons: readonly Comparison[];
  /** Per comparison, per level: log2(m/u), made non-increasing down the levels. */
  private readonly weights: Float64Array[];
  private readonly tfCounts: (Map<string, number> | null)[];
  private readonly tfTotal: number[];
  private readonly levels = new Int8Array(COMPARISONS.length);
  private readonly familyIndex = COMPARISONS.findIndex((c) => c.name === 'family name');
  private readonly locationIndex = COMPARISONS.findIndex((c) => c.sharedByHousehold);
  private readonly dobIndex = COMPARISONS.findIndex((c) => c.name === 'date of birth');
  private readonly givenIndex = COMPARISONS.findIndex((c) => c.name === 'given name');
  private readonly household: HouseholdParams;
  /** Term-frequency bonus of the family name in the pair last scored (taken back in a household). */
  private familyTfBonus = 0;
  private readonly familyLast = COMPARISONS[this.familyIndex].levels.length - 1;
  private readonly familySwap = COMPARISONS[this.familyIndex].swapLevel ?? -1;

  constructor(readonly params: ModelParams) {
    if (params.kind !== 'jigsaw-person-match' || params.version !== 1) throw new Error('unsupported model parameters');
    const p = params.probabilityTwoRandomRecordsMatch;
    if (!(p > 0 && p < 1)) throw new Error('probabilityTwoRandomRecordsMatch must be between 0 and 1');
    this.priorWeight = log2(p / (1 - p));
    this.comparisons = COMPARISONS;
    this.weights = [];
    this.tfCounts = [];
    this.tfTotal = [];
    this.household = {
      sharedFamilyAndAddress: Math.min(0, params.household?.sharedFamilyAndAddress ?? 0),
      sharedDateOfBirth: Math.min(0, params.household?.sharedDateOfBirth ?? 0),
    };
    for (const comparison of COMPARISONS) {
      const cp = params.comparisons.find((c) => c.name === comparison.name);
      if (!cp || cp.levels.length !== comparison.levels.length) {
        throw new Error(`model parameters do not fit the "${comparison.name}" comparison`);
      }
      const w = Float64Array.from(cp.levels, (l) => log2(l.m / l.u));
      // Exact agreement never weighs less than partial agreement, and partial agreement never less than
      // disagreement, so adding agreement never lowers a score (EM noise on sparse levels could).
      // Partial levels are not ordered among themselves: a nickname is not "more" than a typo.
      const last = w.length - 1;
      const swap = comparison.swapLevel ?? -1;
      if (swap >= 0 && comparison.swapNeutral) w[swap] = 0;
      let maxPartial = w[last];
      for (let k = 1; k < last; k++) {
        w[k] = Math.max(w[k], w[last]);
        if (k !== swap) maxPartial = Math.max(maxPartial, w[k]);
      }
      w[0] = Math.max(w[0], maxPartial);
      this.weights.push(w);
      const tf = comparison.termFrequency ? cp.termFrequency : undefined;
      this.tfCounts.push(tf ? new Map(Object.entries(tf.counts)) : null);
      this.tfTotal.push(tf ? Math.max(1, tf.total) : 0);
    }
  }

  /** Relative frequency of a record's value for comparison `c` (values seen once are not stored). */
  private termFrequency(c: number, r: PreparedRecord): number {
    const key = this.comparisons[c].exactKey(r);
    return (key === null ? 1 : ((this.tfCounts[c] as Map<string, number>).get(key) ?? 1)) / this.tfTotal[c];
  }

  /**
   * Weight of `level` in comparison `c`. For term-frequency comparisons (names) an exact match weighs
   * log2(m / tf): P(agree on v | match) / P(agree on v | non-match) = m * tf / tf^2. A near miss
   * (typo, nickname, sound-alike) is capped at what an exact match on the commoner of the two names
   * would weigh, so "Olivia"/"Olivai" never outweighs "Olivia"/"Olivia".
   */
  private levelWeight(c: number, level: number, a: PreparedRecord, b: PreparedRecord): number {
    const w = this.weights[c];
    if (this.tfCounts[c] === null) return w[level];
    const last = w.length - 1;
    if (level === last || level === this.comparisons[c].swapLevel) return w[level];
    const m0 = this.params.comparisons[c].levels[0].m;
    if (level === 0) return Math.max(log2(m0 / this.termFrequency(c, a)), w[last]);
    const commoner = Math.max(this.termFrequency(c, a), this.termFrequency(c, b));
    return Math.max(Math.min(w[level], log2(m0 / commoner)), w[last]);
  }

  /** Match weight of a pair (hot path of the batch: no allocation). */
  matchWeight(a: PreparedRecord, b: PreparedRecord): number {
    let total = this.priorWeight;
    const comps = this.comparisons;
    const levels = this.levels;
    for (let c = 0; c < comps.length; c++) {
      const level = comps[c].compare(a, b);
      levels[c] = level;
      if (level === NULL_LEVEL) continue;
      const w = this.tfCounts[c] === null ? this.weights[c][level] : this.levelWeight(c, level, a, b);
      if (c === this.familyIndex) this.familyTfBonus = Math.max(0, w - this.weights[c][level]);
      total += w;
    }
    return total + this.householdCorrection(0) + this.householdCorrection(1);
  }

  /** Household correction `which` (0 siblings, 1 twins) for the levels last computed, or 0. */
  private householdCorrection(which: 0 | 1): number {
    const l = this.levels;
    // Siblings and twins share a family name and an address but not a given name: with the same given name too,
    // the household explanation does not apply (and agreeing on more must never lower the weight).
    const family = l[this.familyIndex];
    if (l[this.locationIndex] !== 0 || l[this.givenIndex] === 0 || family === NULL_LEVEL) return 0;
    // A family name agreeing only in part (a typo, a variant, one half of a double-barrelled name) is still
    // the household's name when the date of birth is the same or unknown: a referral misspelling a twin's
    // surname must not make the twins one child. (With dates that differ, the dates already say so.)
    const partial = family !== 0 && family !== this.familyLast && family !== this.familySwap;
    const dob = l[this.dobIndex];
    if (family !== 0 && !(partial && (dob === 0 || dob === NULL_LEVEL))) return 0;
    // Within a household a rare family name is no rarer than a common one: siblings share it whatever it
    // is, so its rarity bonus is taken back along with the correction.
    if (which === 0) return this.household.sharedFamilyAndAddress === 0 ? 0 : this.household.sharedFamilyAndAddress - this.familyTfBonus;
    return l[this.dobIndex] === 0 ? this.household.sharedDateOfBirth : 0;
  }

  explain(a: PreparedRecord, b: PreparedRecord): Explanation {
    const fields: FieldContribution[] = [];
    let total = this.priorWeight;
    for (let c = 0; c < this.comparisons.length; c++) {
      const comparison = this.comparisons[c];
      const level = comparison.compare(a, b);
      this.levels[c] = level;
      if (level === NULL_LEVEL) {
        fields.push({ field: comparison.name, level: comparison.nullLabel, weight: 0 });
        continue;
      }
      const weight = this.levelWeight(c, level, a, b);
      if (c === this.familyIndex) this.familyTfBonus = Math.max(0, weight - this.weights[c][level]);
      total += weight;
      const contribution: FieldContribution = { field: comparison.name, level: comparison.levels[level], weight };
      if (weight !== this.weights[c][level]) contribution.termFrequencyAdjustment = weight - this.weights[c][level];
      fields.push(contribution);
    }
    const siblings = this.householdCorrection(0);
    if (siblings !== 0) {
      fields.push({ field: 'household', level: 'same family name and address (siblings share these)', weight: siblings });
      total += siblings;
    }
    const twins = this.householdCorrection(1);
    if (twins !== 0) {
      fields.push({ field: 'household', level: 'same date of birth in one household (twins share it)', weight: twins });
      total += twins;
    }
    return { priorWeight: this.priorWeight, matchWeight: total, probability: probabilityFromWeight(total), fields };
  }
}

export function createMatcher(params: ModelParams): Matcher {
  return new Matcher(params);
}

/** "given name: nickname or variant, +6.1; date of birth: day and month swapped, +4.3; ..." */
export function formatExplanation(fields: readonly FieldContribution[]): string {
  return fields.map((f) => `${f.field}: ${f.level}, ${f.weight >= 0 ? '+' : '-'}${Math.abs(f.weight).toFixed(1)}`).join('; ');
}
