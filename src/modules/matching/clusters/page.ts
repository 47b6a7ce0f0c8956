// The duplicates page's view model: each cluster with its members (lettered when there are more than two, so a pair
// can be named) and its pairs, then the pairs across clusters. Every pair gets the page-wide index its decision form
// posts back, so an error is shown on the pair it belongs to.

import { type ExplanationView, explanationView } from '../explanation-view.ts';
import type { PersonSummary, ReviewCluster, ReviewPair } from './review.ts';

export const percent = (p: number) => `${p >= 0.995 && p < 1 ? '>99' : p < 0.01 && p > 0 ? '<1' : Math.round(p * 100)}%`;

const letter = (i: number) =>
  i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(65 + Math.floor(i / 26) - 1)}${String.fromCharCode(65 + (i % 26))}`;

export interface PairView {
  index: number;
  /** Its people are named by letter (a cluster of more than two, or two people of one name). */
  lettered: boolean;
  a: PersonSummary & { label: string; letter: string | null };
  b: PersonSummary & { label: string; letter: string | null };
  probability: string;
  view: ExplanationView;
}

const fullName = (x: PersonSummary) => `${x.given_name} ${x.family_name}`;

/** Letters for people (in the order given) when there are more than two, or when two share a name. */
function lettersFor(people: readonly PersonSummary[]): Map<string, string> {
  const lettered = people.length > 2 || new Set(people.map(fullName)).size < people.length;
  return lettered ? new Map(people.map((m, i) => [m.id, letter(i)])) : new Map();
}

export function duplicatesView(clusters: readonly ReviewCluster[], links: readonly ReviewPair[]) {
  let index = 0;
  const pairView = (pair: ReviewPair, letters: Map<string, string>): PairView => {
    const i = index++;
    // Lettered pairs read in letter order ("A and C"); the form posts the people in the order shown.
    const p = letters.size > 0 && (letters.get(pair.a.id) ?? '') > (letters.get(pair.b.id) ?? '') ? { ...pair, a: pair.b, b: pair.a } : pair;
    const label = (x: PersonSummary) => (letters.has(x.id) ? `${letters.get(x.id)} (${fullName(x)})` : fullName(x));
    return {
      index: i,
      lettered: letters.size > 0,
      a: { ...p.a, label: label(p.a), letter: letters.get(p.a.id) ?? null },
      b: { ...p.b, label: label(p.b), letter: letters.get(p.b.id) ?? null },
      probability: percent(p.probability),
      view: explanationView({ fields: p.explanation, matchWeight: p.matchWeight, probability: p.probability }, `pair-${i}`),
    };
  };
  return {
    clusters: clusters.map((c) => {
      // Two people are named by name, as in a pair; more (or two of one name) are lettered: "A (Jordan Chain)".
      const letters = lettersFor(c.members);
      return {
        id: c.id,
        size: c.members.length,
        members: c.members.map((m) => ({ ...m, letter: letters.get(m.id) ?? null })),
        pairs: c.pairs.map((p) => pairView(p, letters)),
      };
    }),
    links: links.map((p) => pairView(p, lettersFor([p.a, p.b]))),
  };
}
