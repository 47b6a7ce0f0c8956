// Reviews and their recommendations: kinds, executive responses, statuses and RAG, and the totals by status that
// every export carries. Pure: no database, no clock.
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
