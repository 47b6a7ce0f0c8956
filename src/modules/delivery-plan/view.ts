// View models of delivery plans, shared by the pages and the API: the plan with its priorities, objectives and
// actions (each with its reference, lead, timescale, status, RAG, progress and tracker actions) and its summary.
import {
  type ActionStatus,
  isOverdue,
  type PlanSummary,
  RAG_LABELS,
  RAG_TAG_CLASSES,
  type Rag,
  reference,
  STATUS_LABELS,
  STATUS_TAG_CLASSES,
  summarise,
} from './domain.ts';
import type { ActionRow, ObjectiveRow, PlanRow, PriorityRow, ProgressRow } from './store.ts';

export interface TrackerActionView {
  id: string;
  title: string;
  status: string;
  dueOn: string;
  ownerAgencyName: string;
}

export interface PlanActionView {
  id: string;
  ref: string;
  number: number;
  text: string;
  leadOfficer: string;
  leadOrganisation: string;
  leadUser: { id: string; name: string } | null;
  dueOn: string;
  status: ActionStatus;
  statusLabel: string;
  statusTagClass: string;
  rag: Rag | null;
  ragLabel: string | null;
  ragTagClass: string | null;
  overdue: boolean;
  progress: { id: string; datedOn: string; text: string; author: string; recordedAt: string }[];
  trackerActions: TrackerActionView[];
}

export interface PlanView {
  id: string;
  name: string;
  from: string;
  to: string;
  createdAt: string;
  summary: PlanSummary;
  /** Actions past their timescale and not completed, soonest due first. */
  overdue: { id: string; ref: string; text: string; dueOn: string; leadOfficer: string; leadOrganisation: string }[];
  priorities: {
    id: string;
    number: number;
    title: string;
    objectives: { id: string; number: number; ref: string; text: string; actions: PlanActionView[] }[];
  }[];
}

export const ragTag = (rag: Rag | null) => (rag ? { text: RAG_LABELS[rag], classes: RAG_TAG_CLASSES[rag] } : null);

function actionView(a: ActionRow, ref: string, today: string, progress: ProgressRow[], tracker: TrackerActionView[]): PlanActionView {
  const status = a.status as ActionStatus;
  const rag = (a.rag as Rag | null) ?? null;
  return {
    id: a.id,
    ref,
    number: a.number,
    text: a.text,
    leadOfficer: a.lead_officer,
    leadOrganisation: a.lead_organisation,
    leadUser: a.lead_user_id ? { id: a.lead_user_id, name: a.lead_user_name ?? '' } : null,
    dueOn: a.due_on,
    status,
    statusLabel: STATUS_LABELS[status],
    statusTagClass: STATUS_TAG_CLASSES[status],
    rag,
    ragLabel: rag ? RAG_LABELS[rag] : null,
    ragTagClass: rag ? RAG_TAG_CLASSES[rag] : null,
    overdue: isOverdue({ status, dueOn: a.due_on }, today),
    progress: progress.map((p) => ({
      id: p.id,
      datedOn: p.dated_on,
      text: p.text,
      author: p.author_name,
      recordedAt: new Date(p.created_at).toISOString(),
    })),
    trackerActions: tracker,
  };
}

export interface PlanRows {
  plan: PlanRow;
  priorities: PriorityRow[];
  objectives: ObjectiveRow[];
  actions: ActionRow[];
  progress: ProgressRow[];
  tracker: (TrackerActionView & { sourceId: string })[];
}

export function planView(r: PlanRows, today: string): PlanView {
  const priorities = r.priorities
    .filter((p) => p.plan_id === r.plan.id)
    .map((p) => ({
      id: p.id,
      number: p.number,
      title: p.title,
      objectives: r.objectives
        .filter((o) => o.priority_id === p.id)
        .map((o) => ({
          id: o.id,
          number: o.number,
          ref: reference(p.number, o.number),
          text: o.text,
          actions: r.actions
            .filter((a) => a.objective_id === o.id)
            .map((a) =>
              actionView(
                a,
                reference(p.number, o.number, a.number),
                today,
                r.progress.filter((x) => x.action_id === a.id),
                r.tracker.filter((t) => t.sourceId === a.id).map(({ sourceId: _, ...t }) => t),
              ),
            ),
        })),
    }));
  const actions = priorities.flatMap((p) => p.objectives.flatMap((o) => o.actions));
  return {
    id: r.plan.id,
    name: r.plan.name,
    from: r.plan.period_from,
    to: r.plan.period_to,
    createdAt: new Date(r.plan.created_at).toISOString(),
    summary: summarise(
      priorities.map((p) => ({ number: p.number, title: p.title, actions: p.objectives.flatMap((o) => o.actions) })),
      today,
    ),
    overdue: actions
      .filter((a) => a.overdue)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
      .map((a) => ({ id: a.id, ref: a.ref, text: a.text, dueOn: a.dueOn, leadOfficer: a.leadOfficer, leadOrganisation: a.leadOrganisation })),
    priorities,
  };
}

/** One action with where it sits in the plan, for its own page and the progress API. */
export function findAction(plan: PlanView, actionId: string) {
  for (const p of plan.priorities)
    for (const o of p.objectives) {
      const action = o.actions.find((a) => a.id === actionId);
      if (action) return { priority: { number: p.number, title: p.title }, objective: { ref: o.ref, text: o.text }, action };
    }
  return null;
}
