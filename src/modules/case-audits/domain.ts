// Multi-agency case audits: the grades (Ofsted's words), the sampling rule (pure and reproducible from its seed, so
// a sample can be drawn again and explained), and the report's roll-up of grades by question and by agency.
// Pure: no database, no clock.
import { RISK_LEVEL_LABELS, type RiskLevel } from '../cases/domain.ts';
import { TRIAGE_CATEGORY_LABELS, type TriageCategory } from '../triage/vocab.ts';

export const GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Readonly<Record<Grade, string>> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};
export const GRADE_TAG_CLASSES: Readonly<Record<Grade, string>> = {
  outstanding: 'govuk-tag--green',
  good: 'govuk-tag--turquoise',
  requires_improvement: 'govuk-tag--yellow',
  inadequate: 'govuk-tag--red',
};

export const ROUND_STATUSES = ['open', 'completed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Readonly<Record<RoundStatus, string>> = { open: 'Open', completed: 'Completed' };

export const NAME_MAX = 200;
export const QUESTION_MAX = 1000;
export const QUESTIONS_MAX = 40;
export const COMMENT_MAX = 2000;
export const FINDING_MAX = 5000;
export const SAMPLE_MAX = 50;

/** A period's dates are this century's (the database refuses year 0; no case is older than Jigsaw's records). */
export const periodYearOk = (iso: string) => iso >= '2000-01-01' && iso <= '2100-12-31';

/** A case that may be sampled: open at some time in the period (opened by its end, not closed before its start). */
export interface Candidate {
  caseId: string;
  personId: string;
  riskLevel: string;
  category: string;
  openedOn: string;
  closedOn: string | null;
}

export interface SamplingRule {
  from: string;
  to: string;
  size: number;
  /** Empty: any risk level. */
  riskLevels: readonly string[];
  /** Empty: any category. */
  categories: readonly string[];
  seed: number;
}

/** Mulberry32: a small seeded generator, the same numbers on every machine for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const eligible = (c: Candidate, r: Pick<SamplingRule, 'from' | 'to' | 'riskLevels' | 'categories'>) =>
  c.openedOn <= r.to &&
  (c.closedOn === null || c.closedOn >= r.from) &&
  (r.riskLevels.length === 0 || r.riskLevels.includes(c.riskLevel)) &&
  (r.categories.length === 0 || r.categories.includes(c.category));

/**
 * The sample: the eligible cases in case id order (so the database's row order does not matter), shuffled by the
 * seeded generator (Fisher-Yates), the first `size` kept in the order drawn: Case 1..N.
 */
export function drawSample(candidates: readonly Candidate[], rule: SamplingRule): { population: number; sample: Candidate[] } {
  const pool = candidates.filter((c) => eligible(c, rule)).sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const random = seededRandom(rule.seed);
  const n = Math.min(rule.size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return { population: pool.length, sample: pool.slice(0, n) };
}

const listOf = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/** "10 of 34 cases open between 1 April 2026 and 30 September 2026, high risk, drawn at random, seed 4821". */
export function explainSample(rule: SamplingRule, population: number, drawn: number, formatDate: (iso: string) => string): string {
  const risk = rule.riskLevels.map((r) => (RISK_LEVEL_LABELS[r as RiskLevel] ?? r).toLowerCase());
  const cats = rule.categories.map((c) => TRIAGE_CATEGORY_LABELS[c as TriageCategory] ?? c);
  const which = [risk.length ? `${listOf(risk)} risk` : null, cats.length ? listOf(cats) : null].filter(Boolean).join(', ');
  return `${drawn} of ${population} cases open between ${formatDate(rule.from)} and ${formatDate(rule.to)}${which ? `, ${which}` : ''}, drawn at random, seed ${rule.seed}`;
}

export type GradeCounts = Record<Grade, number> & { total: number };
export const emptyCounts = (): GradeCounts => ({ outstanding: 0, good: 0, requires_improvement: 0, inadequate: 0, total: 0 });

export interface AnswerFact {
  caseNumber: number;
  agencyId: string;
  questionNumber: number;
  grade: Grade;
}

/** Answers expected and given: every participating agency answers every question for every sampled case. */
export function progress(answers: readonly AnswerFact[], caseNumbers: readonly number[], agencyIds: readonly string[], questions: number) {
  const cases = caseNumbers.length;
  const byAgency = agencyIds.map((agencyId) => {
    const mine = answers.filter((a) => a.agencyId === agencyId);
    const casesDone = caseNumbers.filter((n) => mine.filter((a) => a.caseNumber === n).length >= questions).length;
    return { agencyId, answered: mine.length, expected: cases * questions, casesDone };
  });
  return { answered: answers.length, expected: cases * questions * agencyIds.length, byAgency };
}

/** The report's roll-up: counts of each grade by question, by agency, by case (its number) and overall. */
export function rollUp(answers: readonly AnswerFact[], questionNumbers: readonly number[], agencyIds: readonly string[], caseNumbers: readonly number[] = []) {
  const count = (pick: (a: AnswerFact) => boolean) => {
    const c = emptyCounts();
    for (const a of answers) {
      if (!pick(a)) continue;
      c[a.grade]++;
      c.total++;
    }
    return c;
  };
  return {
    overall: count(() => true),
    byQuestion: questionNumbers.map((number) => ({ number, counts: count((a) => a.questionNumber === number) })),
    byAgency: agencyIds.map((agencyId) => ({ agencyId, counts: count((a) => a.agencyId === agencyId) })),
    byCase: caseNumbers.map((number) => ({ number, counts: count((a) => a.caseNumber === number) })),
  };
}

/** Questions typed one a line (the template form): blank lines dropped, a leading "1." or "1)" taken off. */
export const questionsFromLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*\d+\s*[.)]\s*/, '').trim())
    .filter(Boolean);
