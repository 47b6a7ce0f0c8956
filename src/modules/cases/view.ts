// Cases as pages and the API show them, and the child's page frame (identity bar and sub-navigation).
import { paths } from '../../platform/http/paths.ts';
import { ageOn } from '../people/domain.ts';
import { TRIAGE_CATEGORY_LABELS, type TriageCategory } from '../triage/vocab.ts';
import { CASE_STATUS_LABELS, type CaseStatus, isReviewOverdue, riskLabel } from './domain.ts';
import type * as listStore from './list/store.ts';
import type { CaseRow } from './store.ts';

export const categoryLabel = (c: string) => TRIAGE_CATEGORY_LABELS[c as TriageCategory] ?? c;
export const statusLabel = (s: string) => CASE_STATUS_LABELS[s as CaseStatus] ?? s;

export function caseView(c: CaseRow, today: string) {
  return {
    id: c.id,
    personId: c.person_id,
    status: c.status as CaseStatus,
    statusLabel: statusLabel(c.status),
    statusReason: c.status_reason,
    statusChangedAt: new Date(c.status_changed_at),
    riskLevel: c.risk_level,
    riskLevelLabel: riskLabel(c.risk_level),
    category: c.category,
    categoryLabel: categoryLabel(c.category),
    riskDecidedAt: new Date(c.risk_decided_at),
    riskDecidedBy: c.risk_decided_by_name ?? null,
    leadAgency: c.lead_agency_id ? { id: c.lead_agency_id, name: c.lead_agency_name ?? '' } : null,
    allocatedWorker: c.allocated_worker_id ? { id: c.allocated_worker_id, name: c.allocated_worker_name ?? '' } : null,
    keyWorker: c.key_worker_id ? { id: c.key_worker_id, name: c.key_worker_name ?? '' } : null,
    ward: c.ward,
    reviewDue: c.review_due,
    reviewOverdue: isReviewOverdue(c.review_due, c.status, today),
    lastReviewedAt: c.last_reviewed_at ? new Date(c.last_reviewed_at) : null,
    closureReason: c.closure_reason,
    closureDetail: c.closure_detail,
    openedAt: new Date(c.opened_at),
    closedAt: c.closed_at ? new Date(c.closed_at) : null,
    version: c.version,
  };
}
export type CaseView = ReturnType<typeof caseView>;

type ListRow = Awaited<ReturnType<typeof listStore.listCases>>['rows'][number];

/** A row of the hub's list (and the API's). */
export function caseListItem(r: ListRow, today: string) {
  return {
    id: r.id,
    personId: r.person_id,
    name: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    age: r.date_of_birth ? ageOn(r.date_of_birth, today) : null,
    sex: r.sex,
    status: r.status,
    statusLabel: statusLabel(r.status),
    riskLevel: r.risk_level,
    riskLevelLabel: riskLabel(r.risk_level),
    category: r.category,
    categoryLabel: categoryLabel(r.category),
    ward: r.ward,
    leadAgencyName: r.lead_agency_name,
    allocatedWorkerName: r.allocated_worker_name,
    reviewDue: r.review_due,
    reviewOverdue: isReviewOverdue(r.review_due, r.status, today),
    openedAt: new Date(r.opened_at),
    version: r.version,
  };
}
export type CaseListItem = ReturnType<typeof caseListItem>;

/** The tabs of the child's page; a page in the frame names the one it is. */
export type FrameTab =
  | 'overview'
  | 'chronology'
  | 'referrals'
  | 'actions'
  | 'support'
  | 'outcomes'
  | 'missing'
  | 'intelligence'
  | 'contexts'
  | 'flags'
  | 'meetings'
  | 'access';

export interface FrameFlag {
  text: string;
  /** GOV.UK tag colour class, e.g. 'govuk-tag--red'. */
  classes?: string;
  qa?: string;
}

export interface FrameInput {
  person: {
    id: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string | null;
    dobPrecision: string;
    age: number | null;
    placedByOtherLa: boolean;
    placingAuthority: string | null;
  };
  case: CaseView | null;
  missing: { missingNow: boolean; repeatMissing: boolean };
  /**
   * What the viewer may open: tabs they may not are absent, not greyed. record false: the viewer reads only what a
   * meeting covered, so the frame has the Meetings tab alone.
   */
  may: {
    intelligence: boolean;
    accessLog: boolean;
    referrals: boolean;
    record?: boolean;
    support?: boolean;
    outcomes?: boolean;
    contexts?: boolean;
    flags?: boolean;
  };
  referralCount?: number;
  /** Further flags from other modules (e.g. "Turns 18 on ..."), after the frame's own. */
  extraFlags?: FrameFlag[];
}

const RISK_TAG: Record<string, string> = { high: 'govuk-tag--red', medium: 'govuk-tag--orange', low: 'govuk-tag--yellow', no_risk: 'govuk-tag--grey' };

/** The identity bar and sub-navigation of the child's page, for person-frame.njk. */
export function personFrame(input: FrameInput, tab: FrameTab) {
  const { person, case: c, missing } = input;
  const flags: FrameFlag[] = [];
  if (person.placedByOtherLa)
    flags.push({
      text: `Placed by another authority${person.placingAuthority ? `: ${person.placingAuthority}` : ''}`,
      classes: 'govuk-tag--purple',
      qa: 'flag-placed',
    });
  if (missing.missingNow) flags.push({ text: 'Missing now', classes: 'govuk-tag--red', qa: 'flag-missing-now' });
  if (missing.repeatMissing) flags.push({ text: 'Repeat missing', classes: 'govuk-tag--orange', qa: 'flag-repeat-missing' });
  flags.push(...(input.extraFlags ?? []));
  const id = person.id;
  const meetingsTab = { key: 'meetings', text: 'Meetings', href: paths.personMeetings(id) };
  const recordTabs = [
    { key: 'overview', text: 'Overview', href: paths.person(id) },
    { key: 'chronology', text: 'Chronology', href: paths.personChronology(id) },
    ...(input.may.referrals
      ? [{ key: 'referrals', text: input.referralCount === undefined ? 'Referrals' : `Referrals (${input.referralCount})`, href: paths.personReferrals(id) }]
      : []),
    { key: 'actions', text: 'Plan and actions', href: paths.personActions(id) },
    ...(input.may.support ? [{ key: 'support', text: 'Support', href: `/people/${id}/support` }] : []),
    ...(input.may.outcomes ? [{ key: 'outcomes', text: 'Outcomes', href: `/people/${id}/outcomes` }] : []),
    { key: 'missing', text: 'Missing', href: paths.childMissing(id) },
    ...(input.may.intelligence ? [{ key: 'intelligence', text: 'Intelligence', href: paths.network(id) }] : []),
    ...(input.may.contexts ? [{ key: 'contexts', text: 'Contexts', href: `/people/${id}/contexts` }] : []),
    ...(input.may.flags ? [{ key: 'flags', text: 'Flags', href: `/people/${id}/flags` }] : []),
    meetingsTab,
    ...(input.may.accessLog ? [{ key: 'access', text: 'Access log', href: paths.personAccess(id) }] : []),
  ];
  const items = (input.may.record === false ? [meetingsTab] : recordTabs).map(({ key, ...item }) => ({
    ...item,
    active: key === tab,
    attributes: { 'data-qa': `tab-${key}` },
  }));
  const born = person.dateOfBirth ? { date: person.dateOfBirth, approximate: person.dobPrecision === 'approximate' } : null;
  return {
    personId: id,
    name: `${person.givenName} ${person.familyName}`,
    born,
    age: person.age,
    case: c
      ? {
          id: c.id,
          riskLevel: c.riskLevel,
          riskLevelLabel: c.riskLevelLabel,
          riskTagClass: RISK_TAG[c.riskLevel] ?? 'govuk-tag--grey',
          categoryLabel: c.categoryLabel,
          statusLabel: c.statusLabel,
          closed: c.status === 'closed',
          leadAgencyName: c.leadAgency?.name ?? null,
          allocatedWorkerName: c.allocatedWorker?.name ?? null,
          reviewDue: c.reviewDue,
          reviewOverdue: c.reviewOverdue,
        }
      : null,
    flags,
    /** The case is not shown (an attendee's view), rather than "No exploitation case". */
    caseHidden: input.may.record === false,
    nav: items,
    tab,
  };
}
export type PersonFrame = ReturnType<typeof personFrame>;
