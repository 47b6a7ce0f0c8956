// Triage decision rules: validating a decision, action RAG status, which decision stands, queue order, chair rota.
// Pure: no I/O. "today" is always passed in as a UK calendar date (see ukDate) so rules are testable.
import { isIsoDate } from '../../platform/time.ts';
import type { Urgency } from '../referrals/domain.ts';

export * from '../../platform/time.ts';
export * from './vocab.ts';

import type { FieldError } from '../../platform/http/problems.ts';

export type { FieldError };

/** The referral's urgencies, most urgent first: the order of the triage queue. */
export const URGENCY_ORDER: readonly Urgency[] = ['immediate', 'urgent', 'routine'];

/** A decision after its shape was checked (DecisionBody): fields a form left blank are absent. */
export interface DecisionFields {
  rationale?: string;
  actions?: ActionFields[];
}

export interface ActionFields {
  description?: string;
  ownerAgencyId?: string;
  dueDate?: string;
}

export interface ValidateDecisionOptions {
  /** When given, an action's owner must be one of these agencies. */
  agencyIds?: readonly string[];
}

/** The rules a decision meets beyond its shape: a reason that is not just spaces, and each action's rules. */
export function validateDecision(input: DecisionFields, today: string, options: ValidateDecisionOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  if (input.rationale !== undefined && input.rationale.trim() === '') errors.push({ field: 'rationale', message: 'Enter the reason for the decision' });
  input.actions?.forEach((a, i) => {
    errors.push(...validateAction(a, today, `actions[${i}]`, options));
  });
  return errors;
}

/** An action's rules: something to do, an owner in the partnership, due today or later. `prefix` names it, e.g. `actions[0]`. */
export function validateAction(action: ActionFields, today: string, prefix = 'action', options: ValidateDecisionOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  if (action.description !== undefined && action.description.trim() === '')
    errors.push({ field: `${prefix}.description`, message: 'Enter what needs to be done' });
  if (action.ownerAgencyId && options.agencyIds && !options.agencyIds.includes(action.ownerAgencyId)) {
    errors.push({ field: `${prefix}.ownerAgencyId`, message: 'Select an agency in this partnership' });
  }
  if (action.dueDate && isIsoDate(action.dueDate) && action.dueDate < today)
    errors.push({ field: `${prefix}.dueDate`, message: 'Due date must be today or in the future' });
  return errors;
}

/** When a decision was made, if given: not in the future, not before the referral was received. */
export function decidedAtErrors(decidedAt: Date | null, now: Date, receivedAt: Date): FieldError[] {
  if (!decidedAt) return [];
  if (decidedAt.getTime() > now.getTime() + 60_000) return [{ field: 'decidedAt', message: 'Decided at must not be in the future' }];
  if (decidedAt.getTime() < receivedAt.getTime()) return [{ field: 'decidedAt', message: 'Decided at must be after the referral was received' }];
  return [];
}

export { AMBER_WITHIN_DAYS, actionRag, isOverdue } from '../actions/domain.ts';

function millis(v: Date | string): number {
  const t = (v instanceof Date ? v : new Date(v)).getTime();
  if (Number.isNaN(t)) throw new RangeError(`Not a valid date or time: ${String(v)}`);
  return t;
}

export interface DecisionTiming {
  decidedAt: Date | string;
  createdAt?: Date | string;
}

/**
 * The decision that currently stands: the latest decidedAt; on a tie the one created later (createdAt, then
 * position in the list, later wins) because a re-decision on the same day supersedes the earlier one.
 */
export function latestDecision<T extends DecisionTiming>(decisions: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const d of decisions) {
    if (best === undefined) {
      best = d;
      continue;
    }
    const byDecided = millis(d.decidedAt) - millis(best.decidedAt);
    const byCreated = d.createdAt !== undefined && best.createdAt !== undefined ? millis(d.createdAt) - millis(best.createdAt) : 0;
    if (byDecided > 0 || (byDecided === 0 && byCreated >= 0)) best = d;
  }
  return best;
}

export interface QueueItem {
  urgency: Urgency;
  receivedAt: Date | string;
  id?: string;
}

/** Sort comparator for the triage queue: most urgent first, then oldest received first, then id for stability. */
export function compareQueue(a: QueueItem, b: QueueItem): number {
  const byUrgency = URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency);
  if (byUrgency !== 0) return byUrgency;
  const byAge = millis(a.receivedAt) - millis(b.receivedAt);
  if (byAge !== 0) return byAge;
  return (a.id ?? '').localeCompare(b.id ?? '');
}

/**
 * The next triage chair: the core agency that has gone longest without chairing (one that never has goes first,
 * in core-list order). With a stable core list this is plain round-robin; it also absorbs agencies joining or
 * leaving without resetting the rota. `previousChairAgencyIds` is oldest first. Null when there is no core agency.
 */
export function nextChair(coreAgencyIds: readonly string[], previousChairAgencyIds: readonly string[]): string | null {
  let best: string | null = null;
  let bestLast = Number.POSITIVE_INFINITY;
  for (const id of coreAgencyIds) {
    const last = previousChairAgencyIds.lastIndexOf(id);
    if (last < bestLast) {
      best = id;
      bestLast = last;
    }
  }
  return best;
}

/**
 * What the referrer is told of the hub's reasoning: the first sentence, or the first `max` characters cut at a word,
 * so the outcome explains itself without passing on everything the hub weighed.
 */
export function rationaleSummary(rationale: string, max = 200): string {
  const text = rationale.trim().replace(/\s+/g, ' ');
  const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
