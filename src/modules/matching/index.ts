// Public surface of the person-matching module.
export { type BlockingKey, type BlockingRule, BLOCKING_RULES, blockingKeys, preparedBlockingKeys } from './blocking.ts';
export { type DedupeCsvOptions, type DedupeCsvResult, DedupeInputError, dedupeCsv, readPersonsCsv } from './batch.ts';
export { COMPARISONS } from './comparisons.ts';
export { type DedupeProgress, type MatchedPair, dedupeRecords } from './dedupe.ts';
export {
  type Explanation,
  type FieldContribution,
  Matcher,
  type ModelParams,
  createMatcher,
  formatExplanation,
  probabilityFromWeight,
} from './model.ts';
export { type ScoreOptions, type ScoredCandidate, scoreCandidates } from './online.ts';
export { type PersonRecord, type PreparedRecord, RecordError, RecordPreparer, prepareRecord } from './record.ts';
export { type TrainOptions, trainModel } from './training.ts';
export { type Cluster, type ClusterOptions, type JoinResult, type ScoredPair, clusterPairs, joinCluster, splitCluster } from './clusters.ts';
export {
  type Label,
  type LabelledPair,
  type ReviewDecision,
  type ThresholdRow,
  DEFAULT_THRESHOLDS,
  accuracyByThreshold,
  fitMFromLabels,
  labelsFromDecisions,
  modelAccuracy,
} from './accuracy.ts';
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
