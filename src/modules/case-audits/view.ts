// View models of case audit rounds (person-level: the sample) and their reports (aggregate: cases by number only).
import { formatDate } from '../../platform/time.ts';
import { riskLabel } from '../cases/domain.ts';
import { TRIAGE_CATEGORY_LABELS, type TriageCategory } from '../triage/vocab.ts';
import { type AnswerFact, explainSample, GRADE_LABELS, type Grade, type GradeCounts, ROUND_STATUS_LABELS, type RoundStatus } from './domain.ts';
import type { AnswerRow, RoundRow } from './store.ts';

export const categoryLabel = (c: string) => TRIAGE_CATEGORY_LABELS[c as TriageCategory] ?? c;
export const gradeLabel = (g: string) => GRADE_LABELS[g as Grade] ?? g;
export const statusLabel = (s: string) => ROUND_STATUS_LABELS[s as RoundStatus] ?? s;

export interface RuleView {
  from: string;
  to: string;
  size: number;
  riskLevels: string[];
  categories: string[];
  seed: number;
  population: number;
  explanation: string;
}

export function ruleView(r: RoundRow, drawn: number): RuleView {
  const rule = { from: r.period_from, to: r.period_to, size: r.sample_size, riskLevels: r.risk_levels, categories: r.categories, seed: r.seed };
  return { ...rule, population: r.population, explanation: explainSample(rule, r.population, drawn, formatDate) };
}

export const answerFact = (a: AnswerRow): AnswerFact => ({
  caseNumber: a.case_number,
  agencyId: a.agency_id,
  questionNumber: a.question_number,
  grade: a.grade as Grade,
});

export interface ActionSummary {
  id: string;
  title: string;
  status: string;
  dueOn: string;
  ownerAgencyName: string;
  finding: number | null;
  caseNumber: number | null;
}

/** One table row of counts: each grade then the total, in GRADES order. */
export const countsRow = (c: GradeCounts) => [c.outstanding, c.good, c.requires_improvement, c.inadequate, c.total];

export const riskText = riskLabel;
