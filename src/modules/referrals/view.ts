// The referral as pages and the API show it.

import { TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS } from '../triage/vocab.ts';
import { CONSENT, EXPLOITATION_TYPES, INDICATORS, missingEssentialsOf, STATUSES, URGENCY } from './domain.ts';
import type * as store from './store.ts';

export interface ReferralView {
  id: string;
  reference: string;
  personId: string;
  personName: string;
  dateOfBirth: string | null;
  receivedAt: Date;
  referringAgencyId: string;
  referringAgencyName: string;
  referringAgencySector: string;
  referrerName: string;
  referrerRole: string | null;
  referrerContact: string | null;
  concerns: string;
  exploitationTypes: string[];
  exploitationTypeLabels: string[];
  indicators: string[];
  indicatorLabels: string[];
  consent: string;
  consentLabel: string;
  lawfulBasisReason: string | null;
  sharingAgreementId: string | null;
  urgency: string;
  urgencyLabel: string;
  status: string;
  statusLabel: string;
  missingEssentials: string[];
  /** The standing triage decision's level of risk and category (labels), null until triaged: the outcome in lists. */
  outcomeLabel: string | null;
  categoryLabel: string | null;
  triagedAt: Date | null;
  createdAt: Date;
}

const label = <T extends Record<string, string>>(vocab: T, key: string) => vocab[key as keyof T] ?? key;

export function toView(r: store.ReferralRow): ReferralView {
  return {
    id: r.id,
    reference: r.reference,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    receivedAt: new Date(r.received_at),
    referringAgencyId: r.referring_agency_id,
    referringAgencyName: r.referring_agency_name,
    referringAgencySector: r.referring_agency_sector,
    referrerName: r.referrer_name,
    referrerRole: r.referrer_role,
    referrerContact: r.referrer_contact,
    concerns: r.concerns,
    exploitationTypes: r.exploitation_types,
    exploitationTypeLabels: r.exploitation_types.map((t) => label(EXPLOITATION_TYPES, t)),
    indicators: r.indicators,
    indicatorLabels: r.indicators.map((i) => label(INDICATORS, i)),
    consent: r.consent,
    consentLabel: label(CONSENT, r.consent),
    lawfulBasisReason: r.lawful_basis_reason,
    sharingAgreementId: r.sharing_agreement_id,
    urgency: r.urgency,
    urgencyLabel: label(URGENCY, r.urgency),
    status: r.status,
    statusLabel: label(STATUSES, r.status),
    missingEssentials: missingEssentialsOf(r),
    outcomeLabel: r.triage_outcome ? label(TRIAGE_OUTCOME_LABELS, r.triage_outcome) : null,
    categoryLabel: r.triage_category ? label(TRIAGE_CATEGORY_LABELS, r.triage_category) : null,
    triagedAt: r.triaged_at ? new Date(r.triaged_at) : null,
    createdAt: r.created_at,
  };
}
