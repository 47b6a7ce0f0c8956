// A candidate's explanation as a reviewer reads it (issue 18.5): a waterfall of field weights from the starting
// point to the match weight (inline SVG, no JavaScript) and the same steps as a table in plain words. Numbers are
// shown in tenths that add up exactly to the match weight shown, so a reviewer checking the sum finds it right.
import { tenthsThatAddUp } from './labels.ts';
import type { Explanation } from './model.ts';
import { phrase, signed, waterfallSvg } from './waterfall.ts';

export interface ExplanationView {
  svg: string;
  matchWeight: string;
  rows: { reason: string; weight: string; running: string; total?: boolean }[];
}

/** `fields` as stored with a candidate or suspected pair; the starting point is what the fields leave of the total. */
export function explanationView(
  stored: { fields: readonly { field: string; level: string; weight: number }[]; matchWeight: number; probability: number; priorWeight?: number },
  idPrefix: string,
): ExplanationView {
  const prior = stored.priorWeight ?? stored.matchWeight - stored.fields.reduce((s, f) => s + f.weight, 0);
  const tenths = tenthsThatAddUp([prior, ...stored.fields.map((f) => f.weight)], stored.matchWeight);
  const shown: Explanation = {
    priorWeight: tenths[0],
    matchWeight: Math.round(stored.matchWeight * 10) / 10,
    probability: stored.probability,
    fields: stored.fields.map((f, i) => ({ field: f.field, level: f.level, weight: tenths[i + 1] })),
  };
  let running = 0;
  const step = (reason: string, weight: number) => {
    running = Math.round((running + weight) * 10) / 10;
    return { reason, weight: signed(weight), running: signed(running) };
  };
  return {
    svg: waterfallSvg(shown, { idPrefix }),
    matchWeight: signed(shown.matchWeight),
    rows: [
      step('Starting point: how likely two records picked at random are the same person', shown.priorWeight),
      ...shown.fields.map((f) => step(phrase(f), f.weight)),
      { reason: 'Match weight', weight: signed(shown.matchWeight), running: signed(shown.matchWeight), total: true },
    ],
  };
}
