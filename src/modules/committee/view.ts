// View models of committee meetings, questions, resolutions and produced reports, shared by the pages and the API.
import type { Cell } from '../reports/disclosure.ts';
import { type DisclosureRule, describeDisclosureRule } from '../reports/disclosure.ts';
import { type Figure, isReportKind, publishFigures, REPORT_KIND_LABELS, reportHref } from '../reports/figures.ts';
import { CADENCE_LABELS, type Cadence, periodLabel } from './domain.ts';
import type { MeetingRow, QuestionRow, ReportRow, ResolutionRow } from './store.ts';

export interface QuestionView {
  id: string;
  number: number;
  askedBy: string;
  question: string;
  answer: string | null;
  answeredBy: string | null;
  answeredOn: string | null;
}

export interface PromisedReportView {
  kind: string;
  kindLabel: string;
  cadence: Cadence;
  cadenceLabel: string;
  firstPeriodStart: string;
  /** The day after the oldest period not yet produced ends; overdue once that day has passed. */
  nextDueOn: string;
  overdue: boolean;
}

export interface ResolutionView {
  id: string;
  number: number;
  text: string;
  evidencePromised: string | null;
  promisedReport: PromisedReportView | null;
}

export interface MeetingView {
  id: string;
  committee: string;
  heldOn: string;
  title: string;
  questions: QuestionView[];
  resolutions: ResolutionView[];
}

export interface ReportView {
  id: string;
  resolutionId: string;
  kind: string;
  kindLabel: string;
  period: { from: string; to: string };
  periodLabel: string;
  /** Exact, or published by the partnership's disclosure rule for whoever may not see exact counts. */
  figures: { label: string; value: Cell | null; percentOf?: string }[];
  published: boolean;
  /** Published figures: the disclosure rule in words; null for exact figures. */
  disclosure: string | null;
  producedAt: string;
  /** The person who pressed "Produce the report now", or null: produced by the scheduler when due. */
  producedBy: string | null;
  liveReportHref: string;
}

export const kindLabel = (kind: string) => (isReportKind(kind) ? REPORT_KIND_LABELS[kind] : kind);

export const questionView = (q: QuestionRow): QuestionView => ({
  id: q.id,
  number: q.number,
  askedBy: q.asked_by,
  question: q.question,
  answer: q.answer,
  answeredBy: q.answered_by,
  answeredOn: q.answered_on,
});

export function resolutionView(r: ResolutionRow, today: string): ResolutionView {
  const cadence = r.cadence as Cadence | null;
  return {
    id: r.id,
    number: r.number,
    text: r.text,
    evidencePromised: r.evidence_promised,
    promisedReport:
      r.report_kind && cadence && r.first_period_start && r.next_due_on
        ? {
            kind: r.report_kind,
            kindLabel: kindLabel(r.report_kind),
            cadence,
            cadenceLabel: CADENCE_LABELS[cadence],
            firstPeriodStart: r.first_period_start,
            nextDueOn: r.next_due_on,
            overdue: r.next_due_on < today,
          }
        : null,
  };
}

export const meetingView = (m: MeetingRow, questions: QuestionRow[], resolutions: ResolutionRow[], today: string): MeetingView => ({
  id: m.id,
  committee: m.committee,
  heldOn: m.held_on,
  title: m.title,
  questions: questions.map(questionView),
  resolutions: resolutions.map((r) => resolutionView(r, today)),
});

/** `rule`: the partnership's disclosure rule for a reader who may not see exact counts; null: exact figures. */
export function reportView(r: ReportRow, cadence: Cadence, rule: DisclosureRule | null): ReportView {
  const figures = r.figures as Figure[];
  const period = { from: r.period_from, to: r.period_to };
  return {
    id: r.id,
    resolutionId: r.resolution_id,
    kind: r.kind,
    kindLabel: kindLabel(r.kind),
    period,
    periodLabel: periodLabel(period, cadence),
    figures: rule ? publishFigures(figures, rule) : figures,
    published: rule !== null,
    disclosure: rule ? describeDisclosureRule(rule) : null,
    producedAt: new Date(r.produced_at).toISOString(),
    producedBy: r.produced_by ? r.produced_by_name : null,
    liveReportHref: isReportKind(r.kind) ? reportHref(r.kind, period) : '/reports/triage',
  };
}
