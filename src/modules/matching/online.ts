// Online scoring: one query record against candidates fetched by blocking keys. Pure.
import { type FieldContribution, formatExplanation, type Matcher } from './model.ts';
import { type PersonRecord, type PreparedRecord, RecordPreparer } from './record.ts';

export interface ScoredCandidate<T extends PersonRecord = PersonRecord> {
  candidate: T;
  /** Probability (0-1) that the candidate is the same person as the query. */
  probability: number;
  /** log2 odds: prior weight plus the field weights. */
  matchWeight: number;
  priorWeight: number;
  explanation: FieldContribution[];
  /** e.g. "given name: nickname or variant, +6.1; date of birth: day and month swapped, +4.3; ..." */
  summary: string;
}

export interface ScoreOptions {
  /** Drop candidates below this probability (default: keep all, so nothing is silently hidden). */
  minProbability?: number;
  limit?: number;
}

/**
 * Scores candidates against a query, most probable first (ties keep the candidates' order).
 * Dates that are well shaped but impossible are compared as text rather than rejected here;
 * validation belongs where records are captured.
 */
export function scoreCandidates<T extends PersonRecord>(
  matcher: Matcher,
  query: PersonRecord,
  candidates: readonly T[],
  options: ScoreOptions = {},
): ScoredCandidate<T>[] {
  const preparer = new RecordPreparer({ lenientDates: true });
  const q: PreparedRecord = preparer.prepare(query);
  const scored = candidates.map((candidate) => {
    const e = matcher.explain(q, preparer.prepare(candidate));
    return {
      candidate,
      probability: e.probability,
      matchWeight: e.matchWeight,
      priorWeight: e.priorWeight,
      explanation: e.fields,
      summary: formatExplanation(e.fields),
    };
  });
  const min = options.minProbability ?? 0;
  const kept = scored.filter((s) => s.probability >= min).sort((a, b) => b.matchWeight - a.matchWeight);
  return options.limit === undefined ? kept : kept.slice(0, options.limit);
}
