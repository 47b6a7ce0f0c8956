// Triage records as the pages and the API show them: queue items, decisions with their actions, actions.
import { missingEssentialsOf, URGENCY, type Urgency } from '../referrals/domain.ts';
import type { ScreeningLevel } from '../screening/domain.ts';
import { levelWords } from '../screening/form.ts';
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  actionRag,
  isOverdue,
  RAG_LABELS,
  TRIAGE_CATEGORY_LABELS,
  TRIAGE_OUTCOME_LABELS,
  type TriageCategory,
  type TriageOutcome,
} from './domain.ts';
import type * as store from './store.ts';

const outcomeLabel = (o: string) => TRIAGE_OUTCOME_LABELS[o as TriageOutcome] ?? o;
const categoryLabel = (c: string) => TRIAGE_CATEGORY_LABELS[c as TriageCategory] ?? c;

type ActionRow = Awaited<ReturnType<typeof store.actions>>[number];

export function actionView(a: ActionRow, today: string) {
  const status = a.status as ActionStatus;
  const rag = actionRag(a.due_date, status, today);
  return {
    id: a.id,
    referralId: a.referral_id,
    reference: a.reference,
    personId: a.person_id,
    personName: `${a.given_name} ${a.family_name}`,
    description: a.description,
    ownerAgencyId: a.owner_agency_id,
    ownerAgencyName: a.owner_agency_name,
    ownerName: a.owner_name,
    dueDate: a.due_date,
    status,
    statusLabel: ACTION_STATUS_LABELS[status],
    rag,
    ragLabel: RAG_LABELS[rag],
    overdue: isOverdue(a.due_date, status, today),
  };
}
export type ActionView = ReturnType<typeof actionView>;

type DecisionRow = Awaited<ReturnType<typeof store.decisionsFor>>[number];

/** Decisions newest first: the first stands and the rest are marked superseded. */
export const decisionViews = (rows: DecisionRow[], actions: ActionRow[], today: string) =>
  rows.map((d, i) => ({
    id: d.id,
    referralId: d.referral_id,
    meetingId: d.meeting_id,
    meetingDate: d.meeting_date,
    outcome: d.outcome,
    outcomeLabel: outcomeLabel(d.outcome),
    category: d.category,
    categoryLabel: categoryLabel(d.category),
    rationale: d.rationale,
    decidedAt: new Date(d.decided_at),
    decidedBy: d.decided_by_name,
    superseded: i > 0,
    actions: actions.filter((a) => a.decision_id === d.id).map((a) => actionView(a, today)),
  }));
export type DecisionView = ReturnType<typeof decisionViews>[number];

type QueueRow = Awaited<ReturnType<typeof store.queue>>[number];
type Level = { level: string; score: number; rescreenDue: string };

export const queueItemView = (r: QueueRow, level: Level | undefined) => ({
  id: r.id,
  reference: r.reference,
  personId: r.person_id,
  personName: `${r.given_name} ${r.family_name}`,
  dateOfBirth: r.date_of_birth,
  receivedAt: new Date(r.received_at),
  urgency: r.urgency,
  urgencyLabel: URGENCY[r.urgency as Urgency] ?? r.urgency,
  agencyName: r.agency_name,
  concerns: r.concerns,
  screening: level ? { ...level, label: levelWords(level.level as ScreeningLevel) } : null,
  missingEssentials: missingEssentialsOf(r),
});
export type QueueItemView = ReturnType<typeof queueItemView>;

type RecentRow = Awaited<ReturnType<typeof store.recentDecisions>>[number];

export const recentDecisionView = (d: RecentRow) => ({
  referralId: d.referral_id,
  reference: d.reference,
  personId: d.person_id,
  personName: `${d.given_name} ${d.family_name}`,
  outcomeLabel: outcomeLabel(d.outcome),
  categoryLabel: categoryLabel(d.category),
  decidedAt: new Date(d.decided_at),
});
