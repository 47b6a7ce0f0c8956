// `jigsaw persons accuracy` as text: precision, recall and F1 at the threshold in use, then one line per
// threshold with a bar chart of precision (P) and recall (R), so a change of threshold can be judged at a glance.
import type { FittedComparison, ThresholdRow } from '../accuracy.ts';

const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const bar = (x: number | null, width: number, mark: string) => mark.repeat(Math.round((x ?? 0) * width)).padEnd(width, '.');

export function accuracyReport(out: { threshold: number; matches: number; nonMatches: number; rows: ThresholdRow[] }, width = 20): string[] {
  if (out.matches + out.nonMatches === 0)
    return [
      'No labels yet: nothing to measure against.',
      'Labels come from reviewers’ decisions on the suspected duplicates page: a merge says "same person",',
      '"not the same" and undoing a merge say different people.',
    ];
  const at = out.rows.find((r) => r.threshold === out.threshold) as ThresholdRow;
  return [
    `${out.matches + out.nonMatches} labelled pairs from reviewers: ${out.matches} the same person, ${out.nonMatches} not the same.`,
    `At the threshold in use (probability ${out.threshold}): precision ${pct(at.precision).trim()}, recall ${pct(at.recall).trim()}, F1 ${pct(at.f1).trim()}`,
    `  (${at.truePositives} true matches found, ${at.falsePositives} wrongly suggested, ${at.falseNegatives} missed, ${at.trueNegatives} rightly not suggested)`,
    '',
    `threshold  precision  recall     F1     ${'precision (P)'.padEnd(width)}  recall (R)`,
    ...out.rows.map(
      (r) =>
        `${r.threshold.toFixed(2).padStart(9)}  ${pct(r.precision).padStart(9)}  ${pct(r.recall)}  ${pct(r.f1)}  ${bar(r.precision, width, 'P')}  ${bar(r.recall, width, 'R')}${r.threshold === out.threshold ? '  <- in use' : ''}`,
    ),
    ...(out.matches === 0 ? ['', 'No labelled matches yet: recall cannot be measured.'] : []),
    ...(out.nonMatches === 0 ? ['', 'No labelled non-matches yet: wrong suggestions cannot be counted.'] : []),
  ];
}

export function fitReport(out: { saved: boolean; labels: number; fitted: FittedComparison[] }, minMatches: number): string[] {
  if (out.labels === 0) return ['No labels yet: the model is unchanged. Reviewers’ merges on the suspected duplicates page become labels.'];
  return [
    ...out.fitted.map(
      (f) =>
        `${f.name}: ${f.matches} labelled matches, ${f.applied ? 'm refitted' : `kept as trained (needs ${minMatches})`}${
          f.applied ? ` (${f.levels.map((l) => `${l.label} ${l.trained.toFixed(3)} -> ${l.fitted.toFixed(3)}`).join('; ')})` : ''
        }`,
    ),
    out.saved ? 'Model stored: m refitted from reviewers’ labels; u and the prior are as trained.' : 'Too few labelled matches: the model is unchanged.',
  ];
}
