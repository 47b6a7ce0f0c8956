// How good is the model on this partnership's own data? Reviewers' decisions are labels: a merge says
// "same person"; "not the same" and undoing a merge say different (decision 0026). From them:
// precision and recall over a range of thresholds, and m probabilities fitted from the labelled matches
// (u stays from training: labels are few and chosen, random pairs are the better estimate of u).
// Pure: decisions and prepared records in, numbers and parameters out.
import { COMPARISONS, compareAll, NULL_LEVEL } from './comparisons.ts';
import type { Matcher, ModelParams } from './model.ts';
import type { PreparedRecord } from './record.ts';

export interface ReviewDecision {
  left: string;
  right: string;
  decision: 'merge' | 'not_same' | 'undo';
  /** ISO time; decisions are applied in this order (ties keep the given order). */
  at?: string;
}

export interface Label {
  left: string;
  right: string;
  match: boolean;
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** The standing label of every pair: its latest decision (an undo of a merge is a non-match; a later merge wins). */
export function labelsFromDecisions(decisions: readonly ReviewDecision[]): Label[] {
  const ordered = decisions.map((d, i) => ({ d, i })).sort((x, y) => (x.d.at ?? '').localeCompare(y.d.at ?? '') || x.i - y.i);
  const labels = new Map<string, Label>();
  for (const { d } of ordered) {
    const k = key(d.left, d.right);
    labels.set(k, { left: d.left < d.right ? d.left : d.right, right: d.left < d.right ? d.right : d.left, match: d.decision === 'merge' });
  }
  return [...labels.values()];
}

export interface ThresholdRow {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** null when nothing is predicted a match at this threshold (precision undefined). */
  precision: number | null;
  /** null when there are no labelled matches. */
  recall: number | null;
  f1: number | null;
}

export const DEFAULT_THRESHOLDS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];

/** Precision, recall and F1 of "probability >= threshold means match" against the labels, per threshold. */
export function accuracyByThreshold(
  scored: readonly { probability: number; match: boolean }[],
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
): ThresholdRow[] {
  return thresholds.map((threshold) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (const s of scored) {
      const predicted = s.probability >= threshold;
      if (predicted && s.match) tp++;
      else if (predicted) fp++;
      else if (s.match) fn++;
      else tn++;
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : null;
    const recall = tp + fn > 0 ? tp / (tp + fn) : null;
    const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
    return { threshold, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn, precision, recall, f1 };
  });
}

export interface LabelledPair {
  a: PreparedRecord;
  b: PreparedRecord;
  match: boolean;
}

/** Scores the labelled pairs with the current model and tabulates accuracy per threshold. */
export function modelAccuracy(matcher: Matcher, pairs: readonly LabelledPair[], thresholds?: readonly number[]): ThresholdRow[] {
  return accuracyByThreshold(
    pairs.map((p) => ({ probability: matcher.explain(p.a, p.b).probability, match: p.match })),
    thresholds,
  );
}

export interface FittedComparison {
  name: string;
  /** Labelled matches where this comparison was not null (the evidence behind the fit). */
  matches: number;
  /** Whether the fitted m replaced the trained one (enough evidence). */
  applied: boolean;
  levels: { label: string; trained: number; fitted: number }[];
}

export interface FitOptions {
  /** Labelled matches a comparison needs before its m is replaced (default 30). */
  minMatches?: number;
  /** Pseudo-count spread over the levels, keeping unseen levels above 0 (default 1). */
  pseudoCount?: number;
}

/**
 * m = P(level | same person) counted directly over the labelled matches (Splink's
 * "estimate_m_from_label_column"), for comparisons with enough of them; returns new parameters
 * (u, prior, term frequencies unchanged) and a report of what changed.
 */
export function fitMFromLabels(
  model: ModelParams,
  pairs: readonly LabelledPair[],
  options: FitOptions = {},
): { model: ModelParams; fitted: FittedComparison[] } {
  const vectors = pairs.map((p) => ({ levels: compareAll(p.a, p.b), match: p.match }));
  return fitMFromLevels(model, vectors, options);
}

/** As fitMFromLabels, from each labelled pair's comparison vector (levels in COMPARISONS order, NULL_LEVEL missing). */
export function fitMFromLevels(
  model: ModelParams,
  pairs: readonly { levels: ArrayLike<number>; match: boolean }[],
  options: FitOptions = {},
): { model: ModelParams; fitted: FittedComparison[] } {
  const minMatches = options.minMatches ?? 30;
  const pseudo = options.pseudoCount ?? 1;
  const counts = COMPARISONS.map((c) => new Array<number>(c.levels.length).fill(0));
  for (const p of pairs) {
    if (!p.match) continue;
    for (let c = 0; c < COMPARISONS.length; c++) if (p.levels[c] !== NULL_LEVEL) counts[c][p.levels[c]]++;
  }
  const fitted: FittedComparison[] = [];
  const comparisons = model.comparisons.map((cp) => {
    const c = COMPARISONS.findIndex((x) => x.name === cp.name);
    if (c < 0 || counts[c].length !== cp.levels.length) return cp;
    const n = counts[c].reduce((s, x) => s + x, 0);
    const k = cp.levels.length;
    const m = counts[c].map((x) => (x + pseudo / k) / (n + pseudo));
    const applied = n >= minMatches;
    fitted.push({ name: cp.name, matches: n, applied, levels: cp.levels.map((l, i) => ({ label: l.label, trained: l.m, fitted: m[i] })) });
    return applied ? { ...cp, levels: cp.levels.map((l, i) => ({ ...l, m: m[i] })) } : cp;
  });
  const training = { ...model.training, mFittedFromLabels: fitted.filter((f) => f.applied).map((f) => f.name), labelledPairs: pairs.length };
  return { model: { ...model, comparisons, training }, fitted };
}
