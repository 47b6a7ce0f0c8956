// Learning from reviewers (issue 18.4, decision 0026): the labels reviewers' decisions make, the current model's
// precision and recall against them (`jigsaw persons accuracy`), fitting m from them (`persons train
// --from-labels`), and the model's parameters for the information governance officer (/admin/matching/model).
import { auditActor } from '../../../platform/access/actor.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { accuracyByThreshold, DEFAULT_THRESHOLDS, type FittedComparison, fitMFromLevels, labelsFromDecisions } from '../accuracy.ts';
import { compareAll } from '../comparisons.ts';
import { DEFAULT_MODEL, matcherFor, SUSPECT_THRESHOLD } from '../indexing.ts';
import { comparisonSnapshot, levelsFromSnapshot, modelRows } from '../labels.ts';
import { RecordPreparer } from '../record.ts';
import { FitFromLabelsOptions } from '../schemas.ts';
import * as store from '../store.ts';
import * as labelStore from './store.ts';

const preparer = new RecordPreparer({ lenientDates: true });
const prepare = (row: store.MatchPersonRow) => preparer.prepare(store.toRecord(row));

/** The level snapshot kept with a merge or "not the same" decision (no personal data: level names only). */
export async function decisionSnapshot(db: Db, partnershipId: string, x: string, y: string) {
  const [a, b] = await Promise.all([store.matchPerson(db, partnershipId, x), store.matchPerson(db, partnershipId, y)]);
  return a && b ? comparisonSnapshot(prepare(a), prepare(b)) : null;
}

/** Each pair's standing label with its records as they are now and the levels it had when last decided. */
async function labelledPairs(db: Db, partnershipId: string) {
  const decisions = await labelStore.decisions(db, partnershipId);
  const labels = labelsFromDecisions(decisions);
  const snapshots = new Map(decisions.map((d) => [[d.left, d.right].sort().join('|'), d.comparison]));
  const people = new Map((await labelStore.peopleByIds(db, partnershipId, [...new Set(labels.flatMap((l) => [l.left, l.right]))])).map((p) => [p.id, p]));
  return labels.flatMap((l) => {
    const a = people.get(l.left);
    const b = people.get(l.right);
    if (!a || !b) return [];
    const [pa, pb] = [prepare(a), prepare(b)];
    return [{ a: pa, b: pb, match: l.match, levels: levelsFromSnapshot(snapshots.get(`${l.left}|${l.right}`)) ?? compareAll(pa, pb) }];
  });
}

/** `jigsaw persons accuracy`: the current model scored against every standing label, over a range of thresholds. */
export const measureAccuracy = useCase({
  name: 'matching.accuracy',
  permission: ['person', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const pairs = await labelledPairs(db, actor.partnershipId);
    const matcher = await matcherFor(db, actor.partnershipId);
    const scored = pairs.map((p) => ({ probability: matcher.explain(p.a, p.b).probability, match: p.match }));
    const thresholds = [...new Set([...DEFAULT_THRESHOLDS, SUSPECT_THRESHOLD])].sort((x, y) => x - y);
    return {
      threshold: SUSPECT_THRESHOLD,
      matches: pairs.filter((p) => p.match).length,
      nonMatches: pairs.filter((p) => !p.match).length,
      scored,
      rows: accuracyByThreshold(scored, thresholds),
    };
  },
  // Scores people's records but returns only counts of labelled pairs.
  audit: {
    read: 'person.match_accuracy_measured',
    subject: (out) => ({ type: 'person', details: { matches: out.matches, nonMatches: out.nonMatches } }),
  },
});

/** `jigsaw persons train --from-labels`: m of the current model refitted from labelled matches; u and prior kept. */
export const fitModelFromLabels = useCase({
  name: 'matching.fit_from_labels',
  permission: ['person', 'read'],
  input: FitFromLabelsOptions,
  async run({ db, actor }, { minMatches }): Promise<{ saved: boolean; labels: number; fitted: FittedComparison[] }> {
    const pairs = await labelledPairs(db, actor.partnershipId);
    const stored = await store.loadModel(db, actor.partnershipId);
    const { model, fitted } = fitMFromLevels(stored?.params ?? DEFAULT_MODEL, pairs, { minMatches: minMatches ?? 30 });
    const saved = fitted.some((f) => f.applied);
    if (saved) await store.saveModel(db, actor.partnershipId, model, stored?.trainedOn ?? 0, auditActor(actor).label);
    return { saved, labels: pairs.length, fitted };
  },
  audit: {
    change: 'match_model.trained',
    subject: (out) =>
      out.saved ? { type: 'match_model', details: { fromLabels: out.labels, comparisons: out.fitted.filter((f) => f.applied).map((f) => f.name) } } : null,
  },
});

/** The model in use, as each comparison level's m, u and match weight (no names: term-frequency tables left out). */
export const viewModel = useCase({
  name: 'matching.model',
  permission: ['match_model', 'read'],
  input: undefined,
  noTransaction: true,
  async run({ db, actor }) {
    const stored = await store.loadModel(db, actor.partnershipId);
    const params = stored?.params ?? DEFAULT_MODEL;
    return {
      source: stored ? ('partnership' as const) : ('default' as const),
      trainedAt: stored?.trainedAt ?? null,
      trainedOn: stored?.trainedOn ?? null,
      trainedBy: stored?.trainedBy ?? null,
      fittedFromLabels: (params.training?.mFittedFromLabels as string[] | undefined) ?? [],
      prior: params.probabilityTwoRandomRecordsMatch,
      household: params.household ?? null,
      threshold: SUSPECT_THRESHOLD,
      comparisons: modelRows(params),
    };
  },
  audit: { none: 'the matching model’s parameters: probabilities per comparison level, nothing about a person' },
});
