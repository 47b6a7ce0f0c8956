// View models of reviews and recommendations, shared by the pages, the API and the exports.

import { REPORT_KIND_LABELS, type ReportKind, reportHref } from '../reports/figures.ts';
import {
  RAG_LABELS,
  type Rag,
  RESPONSE_LABELS,
  REVIEW_KIND_LABELS,
  type RecommendationStatus,
  type Response,
  type ReviewKind,
  responseComment,
  STATUS_LABELS,
  STATUS_TAG_CLASSES,
  type StatusTotals,
  type UpdateCadence,
} from './domain.ts';
import type { EvidenceRow, ProgressRow, RecommendationRow, RequestRow } from './store.ts';

export interface ProgressView {
  id: string;
  datedOn: string | null;
  text: string;
  author: string;
  recordedAt: string;
}

export interface RecommendationView {
  id: string;
  number: number;
  text: string;
  addressee: string | null;
  leadOfficer: string | null;
  leadOrganisation: string | null;
  response: Response | null;
  responseLabel: string | null;
  comment: string;
  timescale: string | null;
  status: RecommendationStatus;
  statusLabel: string;
  statusTagClass: string;
  rag: Rag | null;
  ragLabel: string | null;
  signedOff: { by: string; role: string; at: string } | null;
  progress: ProgressView[];
  /** When the next update is due, and whether that day has passed with the recommendation not completed. */
  nextUpdateDue: string | null;
  updateOverdue: boolean;
  /** Requests for an update sent to another organisation: "yet to be received" until a progress update answers one. */
  requests: { id: string; requestedOf: string; requestedOn: string; requestedBy: string; receivedOn: string | null }[];
  actions: { id: string; title: string; status: string; dueOn: string; ownerAgencyName: string }[];
  /** The lead's Jigsaw account, when they have one: they are reminded of updates due, then their manager. */
  leadUser: { id: string; name: string } | null;
  evidence: EvidenceView[];
}

/** Jigsaw's own figures for a period (a link to the live report) or an uploaded document (a link to download it). */
export interface EvidenceView {
  id: string;
  kind: 'report' | 'document';
  title: string;
  href: string;
  report: { kind: ReportKind; kindLabel: string; from: string; to: string } | null;
  document: { fileName: string; contentType: string; bytes: number } | null;
  addedBy: string;
  addedAt: string;
}

export interface ReviewView {
  id: string;
  name: string;
  kind: ReviewKind;
  kindLabel: string;
  createdAt: string;
  recommendations: RecommendationView[];
  totals: StatusTotals;
  /** How often updates are due (null: only when an update names the date). */
  updateCadence: UpdateCadence | null;
  /** Recommendations whose update is overdue, or with a request for an update yet to be received. */
  chasing: { number: number; updateOverdue: boolean; nextUpdateDue: string | null; awaiting: string[] }[];
}

export const progressView = (p: ProgressRow): ProgressView => ({
  id: p.id,
  datedOn: p.dated_on,
  text: p.text,
  author: p.author_name,
  recordedAt: new Date(p.created_at).toISOString(),
});

export function evidenceView(e: EvidenceRow, documentHref: string): EvidenceView {
  const report =
    e.kind === 'report' && e.report_kind && e.period_from && e.period_to ? { kind: e.report_kind as ReportKind, from: e.period_from, to: e.period_to } : null;
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    href: report ? reportHref(report.kind, report) : documentHref,
    report: report ? { ...report, kindLabel: REPORT_KIND_LABELS[report.kind] } : null,
    document: e.kind === 'document' ? { fileName: e.file_name ?? '', contentType: e.content_type ?? '', bytes: Number(e.size ?? 0) } : null,
    addedBy: e.added_by_name,
    addedAt: new Date(e.added_at).toISOString(),
  };
}

export function recommendationView(
  r: RecommendationRow,
  progress: ProgressRow[],
  today: string,
  more: { requests?: RequestRow[]; actions?: RecommendationView['actions']; evidence?: EvidenceView[] } = {},
): RecommendationView {
  const { requests = [], actions = [], evidence = [] } = more;
  const status = r.status as RecommendationStatus;
  const response = r.response as Response | null;
  return {
    id: r.id,
    number: r.number,
    text: r.text,
    addressee: r.addressee,
    leadOfficer: r.lead_officer,
    leadOrganisation: r.lead_organisation,
    response,
    responseLabel: response ? RESPONSE_LABELS[response] : null,
    comment: responseComment(response, status, r.response_comment),
    timescale: r.timescale,
    status,
    statusLabel: STATUS_LABELS[status],
    statusTagClass: STATUS_TAG_CLASSES[status],
    rag: (r.rag as Rag | null) ?? null,
    ragLabel: r.rag ? RAG_LABELS[r.rag as Rag] : null,
    signedOff:
      r.signed_off_at && r.signed_off_name ? { by: r.signed_off_name, role: r.signed_off_role ?? '', at: new Date(r.signed_off_at).toISOString() } : null,
    progress: progress.map(progressView),
    nextUpdateDue: r.next_update_due,
    updateOverdue: !!r.next_update_due && r.next_update_due < today && status !== 'completed',
    requests: requests.map((q) => ({
      id: q.id,
      requestedOf: q.requested_of,
      requestedOn: q.requested_on,
      requestedBy: q.requested_by_name,
      receivedOn: q.received_on,
    })),
    actions,
    leadUser: r.lead_user_id ? { id: r.lead_user_id, name: r.lead_user_name ?? '' } : null,
    evidence,
  };
}

export const kindLabel = (kind: string) => REVIEW_KIND_LABELS[kind as ReviewKind] ?? kind;

/** The progress column of the executive response table: each update, its date first when it has one. */
export const progressText = (r: RecommendationView) => r.progress.map((p) => p.text).join('\n\n');
export const leadText = (r: RecommendationView) => [r.leadOfficer, r.leadOrganisation].filter(Boolean).join(', ');
