// How an action reads on a page and in the API: its RAG computed for today, names rather than ids where there are.
import { ACTION_STATUS_LABELS, type ActionStatus, actionRag, isOverdue, RAG_LABELS, SOURCE_KIND_LABELS, type SourceKind } from './domain.ts';
import type { ActionRow } from './store.ts';

export function actionView(a: ActionRow, today: string) {
  const status = a.status as ActionStatus;
  const rag = actionRag(a.due_date, status, today);
  return {
    id: a.id,
    title: a.description,
    /** The same words as `title`, under the name the triage pages use. */
    description: a.description,
    sourceKind: a.source_kind as SourceKind,
    sourceLabel: SOURCE_KIND_LABELS[a.source_kind as SourceKind] ?? a.source_kind,
    sourceId: a.source_id,
    personId: a.person_id,
    personName: a.given_name || a.family_name ? `${a.given_name ?? ''} ${a.family_name ?? ''}`.trim() : null,
    context: a.context,
    referralId: a.referral_id,
    reference: a.reference,
    planId: a.plan_id,
    ownerAgencyId: a.owner_agency_id,
    ownerAgencyName: a.owner_agency_name,
    ownerUserId: a.owner_user_id,
    ownerName: a.owner_user_name ?? a.owner_name,
    dueOn: a.due_date,
    dueDate: a.due_date,
    status,
    statusLabel: ACTION_STATUS_LABELS[status] ?? status,
    reason: a.status_reason,
    rag,
    ragLabel: RAG_LABELS[rag],
    overdue: isOverdue(a.due_date, status, today),
  };
}
export type ActionView = ReturnType<typeof actionView>;

const CHANGE_LABELS: Record<string, string> = {
  created: 'Created',
  status: 'Status changed',
  reassigned: 'Reassigned',
  cancelled: 'Cancelled',
  reinstated: 'Reinstated',
};

export const historyView = (h: { seq: string; at: Date; change: string; details: Record<string, unknown>; by_name: string | null }) => ({
  at: h.at,
  change: h.change,
  changeLabel: CHANGE_LABELS[h.change] ?? h.change,
  by: h.by_name ?? 'Jigsaw',
  details: h.details,
});
