// View models of missing episodes, interviews and the due list: what pages and the API show (the API shapes JSON
// from these).
import {
  CLASSIFICATION_LABELS,
  type Classification,
  DECLINE_REASON_LABELS,
  type DeclineReason,
  episodeDuration,
  formatDuration,
  INTERVIEW_STATUS_LABELS,
  INTERVIEW_STATUS_RAG,
  interviewDeadline,
  interviewStatus,
  POLICE_RISK_GRADE_LABELS,
  type PoliceRiskGrade,
} from './domain.ts';
import type { DueItem } from './due/store.ts';
import type { EpisodeRow } from './store.ts';

export interface InterviewView {
  status: string;
  offeredAt: Date | null;
  offeredBy: string | null;
  completedAt: Date | null;
  completedBy: string | null;
  declinedAt: Date | null;
  declinedReason: DeclineReason | null;
  declinedReasonLabel: string | null;
  declinedReasonDetail: string | null;
  whereWent: string | null;
  whoWith: string | null;
  travel: string | null;
  pushFactors: string | null;
  pullFactors: string | null;
  disclosures: string | null;
  nextSteps: string | null;
  referralId: string | null;
  /** Declined first, then completed: the child took it up later. */
  takenUpLater: boolean;
}

export interface EpisodeView {
  id: string;
  personId: string;
  personName: string;
  dateOfBirth: string | null;
  classification: Classification;
  classificationLabel: string;
  reportedAt: Date;
  lastSeenAt: Date | null;
  lastSeenPlace: string | null;
  returnedAt: Date | null;
  foundPlace: string | null;
  policeReference: string | null;
  riskGrade: PoliceRiskGrade;
  riskGradeLabel: string;
  lookedAfter: boolean;
  responsibleAuthority: string | null;
  placedByOtherLa: boolean;
  placingAuthority: string | null;
  duration: string | null;
  dueBy: Date | null;
  interviewStatus: string;
  interviewStatusLabel: string;
  rag: string;
  interview: InterviewView | null;
}

export function toView(r: EpisodeRow, now: Date): EpisodeView {
  const returnedAt = r.returned_at ? new Date(r.returned_at) : null;
  const reportedAt = new Date(r.reported_at);
  const d = (v: Date | null) => (v ? new Date(v) : null);
  const interview: InterviewView | null = r.interview_status
    ? {
        status: r.interview_status,
        offeredAt: d(r.offered_at),
        offeredBy: r.offered_by,
        completedAt: d(r.completed_at),
        completedBy: r.completed_by,
        declinedAt: d(r.declined_at),
        declinedReason: r.decline_reason as DeclineReason | null,
        declinedReasonLabel: r.decline_reason ? DECLINE_REASON_LABELS[r.decline_reason as DeclineReason] : null,
        declinedReasonDetail: r.decline_reason_detail,
        whereWent: r.where_went,
        whoWith: r.who_with,
        travel: r.travel,
        pushFactors: r.push_factors,
        pullFactors: r.pull_factors,
        disclosures: r.disclosures,
        nextSteps: r.next_steps,
        referralId: r.referral_id,
        takenUpLater: !!(r.declined_at && r.completed_at),
      }
    : null;
  const status = interviewStatus({ returnedAt, completedAt: interview?.completedAt, declinedAt: interview?.declinedAt, now });
  return {
    id: r.id,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    classification: r.classification as Classification,
    classificationLabel: CLASSIFICATION_LABELS[r.classification as Classification],
    reportedAt,
    lastSeenAt: d(r.last_seen_at),
    lastSeenPlace: r.last_seen_place,
    returnedAt,
    foundPlace: r.found_place,
    policeReference: r.police_reference,
    riskGrade: r.risk_grade as PoliceRiskGrade,
    riskGradeLabel: POLICE_RISK_GRADE_LABELS[r.risk_grade as PoliceRiskGrade],
    lookedAfter: r.looked_after,
    responsibleAuthority: r.responsible_authority,
    placedByOtherLa: r.placed_by_other_la,
    placingAuthority: r.placing_authority,
    duration: returnedAt ? formatDuration(episodeDuration(reportedAt, returnedAt)) : null,
    dueBy: returnedAt ? interviewDeadline(returnedAt) : null,
    interviewStatus: status,
    interviewStatusLabel: INTERVIEW_STATUS_LABELS[status],
    rag: INTERVIEW_STATUS_RAG[status],
    interview,
  };
}

export interface DueItemView {
  episodeId: string;
  personId: string;
  personName: string;
  reportedAt: Date;
  returnedAt: Date;
  dueBy: Date;
  offeredAt: Date | null;
  overdue: boolean;
  status: string;
  statusLabel: string;
  rag: string;
}

export function dueItemView(r: DueItem, now: Date): DueItemView {
  const returnedAt = new Date(r.returned_at);
  const status = interviewStatus({ returnedAt, now });
  return {
    episodeId: r.episode_id,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    reportedAt: new Date(r.reported_at),
    returnedAt,
    dueBy: interviewDeadline(returnedAt),
    offeredAt: r.offered_at ? new Date(r.offered_at) : null,
    overdue: status === 'overdue',
    status,
    statusLabel: INTERVIEW_STATUS_LABELS[status],
    rag: INTERVIEW_STATUS_RAG[status],
  };
}

/** A repeat-missing alert's rule, as the pages say it. */
export const ruleText = (a: { rule_episodes: number; rule_within_days: number }) => `${a.rule_episodes} episodes within ${a.rule_within_days} days`;
