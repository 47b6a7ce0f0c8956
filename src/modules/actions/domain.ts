// The action tracker's rules: statuses and the moves between them, RAG from the due date, and what the daily sweep
// says about an action on a given day. Pure: no database, no clock (today is passed in).
import { addDays, daysBetween } from '../../platform/time.ts';

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};
export const isActionStatus = (v: unknown): v is ActionStatus => typeof v === 'string' && (ACTION_STATUSES as readonly string[]).includes(v);

/** Where an action came from. */
export const SOURCE_KINDS = [
  'triage',
  'meeting',
  'plan',
  'return_interview',
  'recommendation',
  'transition',
  'other',
  'delivery_plan',
  'standard',
  'case_audit',
  'committee',
  'context',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Readonly<Record<SourceKind, string>> = {
  triage: 'Triage decision',
  meeting: 'Meeting',
  plan: 'Multi-agency plan',
  return_interview: 'Return home interview',
  recommendation: 'Recommendation',
  transition: 'Transition to adult services',
  other: 'Other',
  delivery_plan: 'Delivery plan',
  standard: 'Standards self-assessment',
  case_audit: 'Multi-agency case audit',
  committee: 'Committee resolution',
  context: 'Context (place or group)',
};

export const RAG_RATINGS = ['red', 'amber', 'green', 'none'] as const;
export type Rag = (typeof RAG_RATINGS)[number];
export const RAG_LABELS: Readonly<Record<Rag, string>> = { red: 'Overdue', amber: 'Due soon', green: 'On track', none: 'Closed' };

/** Open and in progress: the action still has to be done. */
export const isLive = (status: string): boolean => status === 'open' || status === 'in_progress';

/** Days before the due date at which a live action turns amber. */
export const AMBER_WITHIN_DAYS = 7;

/**
 * RAG for an action: `none` once done or cancelled; `red` when the due date has passed; `amber` when due today or
 * within the next 7 days (inclusive: an action due exactly 7 days from today is amber); `green` otherwise.
 */
export function actionRag(dueDate: string, status: string, today: string): Rag {
  if (!isLive(status)) return 'none';
  if (dueDate < today) return 'red';
  if (dueDate <= addDays(today, AMBER_WITHIN_DAYS)) return 'amber';
  return 'green';
}

/** A live action whose due date is before today. Due today is not yet overdue. */
export function isOverdue(dueDate: string, status: string, today: string): boolean {
  return isLive(status) && dueDate < today;
}

/**
 * The status moves a person may make with "Update status". Cancelling has its own step (it needs a reason) and
 * undoing a cancellation is reinstating; done is final except that it may be reopened.
 */
const MOVES: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  open: ['in_progress', 'done'],
  in_progress: ['open', 'done'],
  done: ['open'],
  cancelled: [],
};
export const statusMoves = (from: ActionStatus): readonly ActionStatus[] => MOVES[from];
export const mayMove = (from: ActionStatus, to: ActionStatus): boolean => from === to || MOVES[from].includes(to);

export type ReminderKind = 'due_tomorrow' | 'overdue' | 'escalated';

/**
 * What the daily sweep says about a live action today: due tomorrow (to the owner), overdue (to the owner, from the
 * first day past due), escalated (to the owner's manager once it is `escalateAfterDays` or more days overdue).
 */
export function remindersDue(dueDate: string, status: string, today: string, escalateAfterDays: number): ReminderKind[] {
  if (!isLive(status)) return [];
  if (dueDate === addDays(today, 1)) return ['due_tomorrow'];
  if (dueDate >= today) return [];
  const late = daysBetween(dueDate, today);
  return late >= escalateAfterDays ? ['overdue', 'escalated'] : ['overdue'];
}

export const TITLE_MAX = 500;
export const REASON_MAX = 1000;
export const ESCALATION_DAYS_MIN = 1;
export const ESCALATION_DAYS_MAX = 90;
