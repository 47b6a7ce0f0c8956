// In-memory deduplication: train (unless given a model), block, score every candidate pair once.
import { BLOCKING_RULES } from './blocking.ts';
import { type BlockingStats, buildRuleBlocks, DEFAULT_MAX_BLOCK, pairsInBlocks, type RuleBlocks, visitBlocks } from './candidates.ts';
import { Matcher, type ModelParams, weightFromProbability } from './model.ts';
import { seededRandom } from './random.ts';
import type { PreparedRecord } from './record.ts';
import { type TrainOptions, trainModel } from './training.ts';

export interface DedupeProgress {
  phase: 'reading' | 'training' | 'blocking' | 'scoring' | 'writing';
  done: number;
  total: number;
  detail?: string;
}

export interface DedupeRecordsOptions {
  /** Minimum match probability for a pair to be returned (default 0.5). */
  threshold?: number;
  /** Use these parameters instead of training on the records. */
  model?: ModelParams;
  training?: TrainOptions;
  maxBlockSize?: number;
  onProgress?: (progress: DedupeProgress) => void;
}

export interface MatchedPair {
  /** Indexes into the records, left < right. */
  left: number;
  right: number;
  matchWeight: number;
}

export interface DedupeRecordsResult {
  pairs: MatchedPair[];
  comparisons: number;
  blocking: BlockingStats[];
  model: ModelParams;
}

/** Batches train on at most this many records (a seeded uniform sample above it). */
export const MAX_TRAINING_RECORDS = 300_000;

/**
 * Trains for a batch: on all records up to MAX_TRAINING_RECORDS, else on a seeded uniform sample of that
 * many. Sampling records keeps every estimate unbiased (the share of matching pairs, m, u and the household
 * ratios are all ratios over pairs of records), while training time and memory stop growing with the file.
 * Term frequencies from a sample undercount rare names, which only makes their agreement weigh less.
 */
export function trainForBatch(records: readonly PreparedRecord[], options: TrainOptions = {}): ModelParams {
  if (records.length <= MAX_TRAINING_RECORDS) return trainModel(records, options);
  const random = seededRandom((options.seed ?? 42) + 1);
  // Selection sampling (Knuth's algorithm S) keeps the file's order and needs no index array.
  const sample: PreparedRecord[] = [];
  for (let i = 0; i < records.length && sample.length < MAX_TRAINING_RECORDS; i++) {
    if (random() * (records.length - i) < MAX_TRAINING_RECORDS - sample.length) sample.push(records[i]);
  }
  const model = trainModel(sample, options);
  return { ...model, training: { ...model.training, records: records.length, sampledRecords: sample.length } };
}

export function dedupeRecords(records: readonly PreparedRecord[], options: DedupeRecordsOptions = {}): DedupeRecordsResult {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('threshold must be between 0 and 1');
  const progress = options.onProgress;
  let model = options.model;
  if (!model) {
    progress?.({ phase: 'training', done: 0, total: 1 });
    model = trainForBatch(records, {
      ...options.training,
      onProgress: (detail) => progress?.({ phase: 'training', done: 0, total: 1, detail }),
    });
    progress?.({ phase: 'training', done: 1, total: 1 });
  }
  const matcher = new Matcher(model);
  const minWeight = weightFromProbability(threshold);
  const pairs: MatchedPair[] = [];
  // All rules' blocks first, so the number of candidate pairs (and so the time left) is known.
  const rules = BLOCKING_RULES;
  const built: RuleBlocks[] = [];
  for (let r = 0; r < rules.length; r++) {
    built.push(buildRuleBlocks(records, rules[r], options.maxBlockSize ?? DEFAULT_MAX_BLOCK));
    progress?.({ phase: 'blocking', done: (r + 1) * records.length, total: rules.length * records.length, detail: `rule ${rules[r].id}` });
  }
  const total = built.reduce((s, b) => s + b.blockPairs, 0);
  let comparisons = 0;
  let compared = 0;
  const visit = (i: number, j: number) => {
    comparisons++;
    const w = matcher.matchWeight(records[i], records[j]);
    if (w >= minWeight) pairs.push({ left: i, right: j, matchWeight: w });
  };
  for (let r = 0; r < built.length; r++) {
    const rule = built[r];
    const earlier = built.slice(0, r).map((b) => b.ids);
    // A few thousand blocks at a time, so progress can be reported between them.
    for (let from = 0; from < rule.blocks; from += 4096) {
      const to = Math.min(rule.blocks, from + 4096);
      rule.stat.pairs += visitBlocks(rule, earlier, from, to, visit);
      compared += pairsInBlocks(rule.start, from, to);
      progress?.({ phase: 'scoring', done: compared, total, detail: `${comparisons} pairs scored` });
    }
  }
  pairs.sort((a, b) => a.left - b.left || a.right - b.right);
  return { pairs, comparisons, blocking: built.map((b) => b.stat), model };
}
