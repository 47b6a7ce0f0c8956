// The delivery plan's rules: statuses and RAG (the words recommendations use), references such as "2.1.3", overdue,
// and the roll-up of actions to a summary per priority and for the whole plan. Pure: no database, no clock.
import type { FieldError } from '../../platform/http/problems.ts';
import { isIsoDate } from '../../platform/time.ts';
import { RAG_LABELS, RAGS, type Rag, RECOMMENDATION_STATUSES, type RecommendationStatus, STATUS_LABELS, STATUS_TAG_CLASSES } from '../reviews/domain.ts';

export { RAG_LABELS, RAGS, STATUS_LABELS, STATUS_TAG_CLASSES };
export const ACTION_STATUSES = RECOMMENDATION_STATUSES;
export type ActionStatus = RecommendationStatus;
export type { Rag };

/** GOV.UK tag colours for RAG (amber shows as the yellow tag). */
export const RAG_TAG_CLASSES: Readonly<Record<Rag, string>> = { red: 'govuk-tag--red', amber: 'govuk-tag--yellow', green: 'govuk-tag--green' };

export const NAME_MAX = 200;
export const TITLE_MAX = 200;
export const TEXT_MAX = 2000;
export const PROGRESS_MAX = 5000;

/** "2.1.3": priority 2, its objective 1, that objective's action 3. */
export const reference = (...numbers: number[]) => numbers.join('.');

/** Past its timescale and not completed. `today` and `dueOn` are YYYY-MM-DD. */
export const isOverdue = (a: { status: string; dueOn: string }, today: string) => a.status !== 'completed' && a.dueOn < today;

export interface ActionFacts {
  status: ActionStatus;
  rag: Rag | null;
  dueOn: string;
}

export interface Rollup {
  total: number;
  byStatus: Record<ActionStatus, number>;
  byRag: Record<Rag | 'unrated', number>;
  overdue: number;
  /** The overall rating: see overallRag. */
  rag: Rag | null;
}

/**
 * The overall rating of a set of actions, as a board reads a RAG report: red when an action still to finish is red
 * or overdue, else amber when one is amber, else green when one is completed or rated green (unrated actions do not
 * count); null when nothing is rated or completed yet (or there are no actions), so an empty priority does not read
 * as on track.
 */
export function overallRag(actions: readonly ActionFacts[], today: string): Rag | null {
  const live = actions.filter((a) => a.status !== 'completed');
  if (live.some((a) => a.rag === 'red' || isOverdue(a, today))) return 'red';
  if (live.some((a) => a.rag === 'amber')) return 'amber';
  return actions.some((a) => a.status === 'completed' || a.rag === 'green') ? 'green' : null;
}

export function rollup(actions: readonly ActionFacts[], today: string): Rollup {
  const byStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  const byRag = { red: 0, amber: 0, green: 0, unrated: 0 };
  let overdue = 0;
  for (const a of actions) {
    byStatus[a.status]++;
    byRag[a.rag ?? 'unrated']++;
    if (isOverdue(a, today)) overdue++;
  }
  return { total: actions.length, byStatus, byRag, overdue, rag: overallRag(actions, today) };
}

export interface PlanSummary extends Rollup {
  priorities: ({ number: number; title: string } & Rollup)[];
}

/** The plan-level summary: the whole plan's counts and rating, and each priority's, in number order. */
export function summarise(priorities: readonly { number: number; title: string; actions: readonly ActionFacts[] }[], today: string): PlanSummary {
  return {
    ...rollup(
      priorities.flatMap((p) => p.actions),
      today,
    ),
    priorities: [...priorities].sort((a, b) => a.number - b.number).map((p) => ({ number: p.number, title: p.title, ...rollup(p.actions, today) })),
  };
}

/**
 * The rules the schemas cannot say: text that is only spaces is missing, and a date is a real one from year 1000
 * (JSON Schema's "date" lets year 0 through, which the database refuses). `checks` is [field, value, message].
 */
export function meaningErrors(texts: [string, string | undefined, string][], dates: [string, string | undefined][]): FieldError[] {
  return [
    ...texts.flatMap(([field, value, message]) => (value !== undefined && value.trim() === '' ? [{ field, message }] : [])),
    ...dates.flatMap(([field, value]) =>
      value !== undefined && !(isIsoDate(value) && value >= '1000-01-01') ? [{ field, message: 'Enter a real date, for example 2027-03-31' }] : [],
    ),
  ];
}
