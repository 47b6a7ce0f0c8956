// Reviews and their recommendations: kinds, executive responses, statuses and RAG, and the totals by status that
// every export carries; when a lead is reminded of an update due. Pure: no database, no clock.
import { daysBetween } from '../../platform/time.ts';

export const REVIEW_KINDS = ['scrutiny_review', 'inspection', 'practice_review', 'audit'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Readonly<Record<ReviewKind, string>> = {
  scrutiny_review: 'Scrutiny review',
  inspection: 'Inspection (such as a JTAI)',
  practice_review: 'Practice review',
  audit: 'Audit',
};

export const RESPONSES = ['accepted', 'partly_accepted', 'not_accepted'] as const;
export type Response = (typeof RESPONSES)[number];
export const RESPONSE_LABELS: Readonly<Record<Response, string>> = {
  accepted: 'Accepted',
  partly_accepted: 'Partly accepted',
  not_accepted: 'Not accepted',
};

export const RECOMMENDATION_STATUSES = ['not_started', 'in_progress', 'completed', 'outstanding'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export const STATUS_LABELS: Readonly<Record<RecommendationStatus, string>> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  outstanding: 'Outstanding',
};
/** GOV.UK tag colours for each status. */
export const STATUS_TAG_CLASSES: Readonly<Record<RecommendationStatus, string>> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--blue',
  completed: 'govuk-tag--green',
  outstanding: 'govuk-tag--red',
};

export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];
export const RAG_LABELS: Readonly<Record<Rag, string>> = { red: 'Red', amber: 'Amber', green: 'Green' };

export type StatusTotals = Record<RecommendationStatus, number> & { total: number };

export function totalsByStatus(statuses: readonly string[]): StatusTotals {
  const t = { not_started: 0, in_progress: 0, completed: 0, outstanding: 0, total: statuses.length };
  for (const s of statuses) if (s in t && s !== 'total') t[s as RecommendationStatus]++;
  return t;
}

/** The executive response's comment as the document words it: "Accepted - completed", "Partly accepted". */
export function responseComment(response: string | null, status: string, comment: string | null): string {
  if (comment) return comment;
  if (!response) return '';
  const label = RESPONSE_LABELS[response as Response] ?? response;
  return status === 'completed' || status === 'outstanding' ? `${label} - ${status}` : label;
}

export const NAME_MAX = 200;
export const TEXT_MAX = 5000;
export const PROGRESS_MAX = 5000;

/** Evidence: Jigsaw's figures for a period, or an uploaded document of these types, up to EVIDENCE_MAX_BYTES. */
export const EVIDENCE_MAX_BYTES = 10_000_000;
export const EVIDENCE_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  csv: 'text/csv',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};
/** The content type of an uploaded file, from its name; null when Jigsaw does not keep that kind of file. */
export function evidenceType(fileName: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return (ext && EVIDENCE_TYPES[ext]) || null;
}

/** How often a review's recommendations are due an update. */
export const UPDATE_CADENCES = ['monthly', 'quarterly'] as const;
export type UpdateCadence = (typeof UPDATE_CADENCES)[number];
export const UPDATE_CADENCE_LABELS: Readonly<Record<UpdateCadence, string>> = { monthly: 'Every month', quarterly: 'Every quarter' };
/** The next update's due date on the cadence: the same day a month or a quarter after `from` (the 31st: the month's last). */
export function nextUpdateOn(from: string, cadence: UpdateCadence): string {
  const [y, m, d] = from.split('-').map(Number);
  const k = y * 12 + m - 1 + (cadence === 'monthly' ? 1 : 3);
  const [year, month] = [Math.floor(k / 12), (k % 12) + 1];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Days before its next update is due that the lead is reminded. */
export const UPDATE_DUE_SOON_DAYS = 7;
export type UpdateReminder = 'due_soon' | 'overdue' | 'escalated';

/**
 * What the daily sweep says today about a recommendation's next update: due soon (within a week, to the lead),
 * overdue (from the day after, to the lead), escalated (to the lead's manager once it is the partnership's
 * escalation days overdue, the tracker's setting). Each is sent once per due date (the sweep claims it).
 */
export function updateRemindersDue(nextDue: string, status: string, today: string, escalateAfterDays: number): UpdateReminder[] {
  if (status === 'completed') return [];
  if (nextDue >= today) return daysBetween(today, nextDue) <= UPDATE_DUE_SOON_DAYS ? ['due_soon'] : [];
  return daysBetween(nextDue, today) >= escalateAfterDays ? ['overdue', 'escalated'] : ['overdue'];
}
