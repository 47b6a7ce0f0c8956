// In-memory deduplication: train (unless given a model), block, score every candidate pair once.
import { type BlockingStats, forEachCandidatePair } from './blocking.ts';
import { Matcher, type ModelParams, weightFromProbability } from './model.ts';
import type { PreparedRecord } from './record.ts';
import { type TrainOptions, trainModel } from './training.ts';

export interface DedupeProgress {
  phase: 'reading' | 'training' | 'scoring' | 'writing';
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

export function dedupeRecords(records: readonly PreparedRecord[], options: DedupeRecordsOptions = {}): DedupeRecordsResult {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('threshold must be between 0 and 1');
  const progress = options.onProgress;
  let model = options.model;
  if (!model) {
    progress?.({ phase: 'training', done: 0, total: 1 });
    model = trainModel(records, {
      ...options.training,
      onProgress: (detail) => progress?.({ phase: 'training', done: 0, total: 1, detail }),
    });
    progress?.({ phase: 'training', done: 1, total: 1 });
  }
  const matcher = new Matcher(model);
  const minWeight = weightFromProbability(threshold);
  const pairs: MatchedPair[] = [];
  let comparisons = 0;
  let rule = 0;
  let rules = 1;
  const blocking = forEachCandidatePair(
    records,
    (i, j) => {
      comparisons++;
      const w = matcher.matchWeight(records[i], records[j]);
      if (w >= minWeight) pairs.push({ left: i, right: j, matchWeight: w });
      if ((comparisons & 0xfffff) === 0) progress?.({ phase: 'scoring', done: rule, total: rules, detail: `${comparisons} pairs compared` });
    },
    {
      maxBlockSize: options.maxBlockSize,
      onRule: (r, total) => {
        rule = r;
        rules = total;
        progress?.({ phase: 'scoring', done: r, total, detail: `${comparisons} pairs compared` });
      },
    },
  );
  progress?.({ phase: 'scoring', done: rules, total: rules, detail: `${comparisons} pairs compared` });
  pairs.sort((a, b) => a.left - b.left || a.right - b.right);
  return { pairs, comparisons, blocking, model };
}
