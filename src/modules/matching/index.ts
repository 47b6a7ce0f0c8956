// Public surface of the person-matching module.

export {
  accuracyByThreshold,
  DEFAULT_THRESHOLDS,
  fitMFromLabels,
  type Label,
  type LabelledPair,
  labelsFromDecisions,
  modelAccuracy,
  type ReviewDecision,
  type ThresholdRow,
} from './accuracy.ts';
export { type DedupeCsvOptions, type DedupeCsvResult, DedupeInputError, dedupeCsv, readPersonsCsv } from './batch.ts';
export { BLOCKING_RULES, type BlockingKey, type BlockingRule, blockingKeys, preparedBlockingKeys } from './blocking.ts';
export {
  type Cluster,
  type ClusterOptions,
  clusterInArrivalOrder,
  clusterPairs,
  type JoinResult,
  joinCluster,
  type ScoredPair,
  splitCluster,
} from './clusters.ts';
export { COMPARISONS } from './comparisons.ts';
export { type DedupeProgress, dedupeRecords, type MatchedPair } from './dedupe.ts';
export {
  createMatcher,
  type Explanation,
  type FieldContribution,
  formatExplanation,
  Matcher,
  type ModelParams,
  probabilityFromWeight,
} from './model.ts';
export { type ScoredCandidate, type ScoreOptions, scoreCandidates } from './online.ts';
export { type PersonRecord, type PreparedRecord, prepareRecord, RecordError, RecordPreparer } from './record.ts';
export { type TrainOptions, trainModel } from './training.ts';
export { plainWords, waterfallSvg } from './waterfall.ts';

import type { ModelParams } from './model.ts';
import { type PersonRecord, RecordPreparer } from './record.ts';
import { type TrainOptions, trainModel } from './training.ts';

/** Trains on raw person records (e.g. every person in the database) and returns JSON-ready parameters. */
export function trainOnPersons(records: readonly PersonRecord[], options: TrainOptions = {}): ModelParams {
  const preparer = new RecordPreparer({ lenientDates: true });
  return trainModel(
    records.map((r) => preparer.prepare(r)),
    options,
  );
}
