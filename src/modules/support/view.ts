// View models of services and onward referrals (API and pages share them).
import { OUTCOME_LABELS, SERVICE_TYPE_LABELS, type ServiceType, STATUS_LABELS, type SupportOutcome, type SupportStatus, waitingDays } from './domain.ts';

export interface ServiceRow {
  id: string;
  name: string;
  provider_agency_id: string;
  provider_agency_name: string;
  type: string;
  eligibility: string | null;
  age_from: number | null;
  age_to: number | null;
  capacity: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  active: boolean;
  in_use: string | number | null;
}

export const serviceView = (s: ServiceRow) => ({
  id: s.id,
  name: s.name,
  providerAgencyId: s.provider_agency_id,
  providerAgencyName: s.provider_agency_name,
  type: s.type as ServiceType,
  typeLabel: SERVICE_TYPE_LABELS[s.type as ServiceType] ?? s.type,
  eligibility: s.eligibility,
  ageFrom: s.age_from,
  ageTo: s.age_to,
  capacity: s.capacity,
  placesInUse: Number(s.in_use ?? 0),
  full: s.capacity !== null && Number(s.in_use ?? 0) >= s.capacity,
  contact: { name: s.contact_name, phone: s.contact_phone, email: s.contact_email },
  active: s.active,
});
export type ServiceView = ReturnType<typeof serviceView>;

export interface ReferralRow {
  id: string;
  service_id: string;
  service_name: string;
  provider_agency_id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  status: string;
  reason: string;
  sent_on: string;
  decided_on: string | null;
  decision_reason: string | null;
  started_on: string | null;
  ended_on: string | null;
  outcome: string | null;
  outcome_note: string | null;
}

export const referralView = (r: ReferralRow, _today: string) => ({
  id: r.id,
  personId: r.person_id,
  childName: `${r.given_name} ${r.family_name}`,
  serviceId: r.service_id,
  serviceName: r.service_name,
  providerAgencyId: r.provider_agency_id,
  status: r.status as SupportStatus,
  statusLabel: STATUS_LABELS[r.status as SupportStatus] ?? r.status,
  reason: r.reason,
  sentOn: r.sent_on,
  decidedOn: r.decided_on,
  decisionReason: r.decision_reason,
  startedOn: r.started_on,
  endedOn: r.ended_on,
  outcome: (r.outcome as SupportOutcome | null) ?? null,
  outcomeLabel: r.outcome ? (OUTCOME_LABELS[r.outcome as SupportOutcome] ?? r.outcome) : null,
  outcomeNote: r.outcome_note,
  /** Sent to started, in days; null until started. */
  waitingDays: waitingDays(r.sent_on, r.started_on),
});
export type SupportReferralView = ReturnType<typeof referralView>;
