// The exploitation pathway referral: vocabularies, rules and quality (missing essentials).
import type { FieldError } from '../../platform/http/problems.ts';

export const EXPLOITATION_TYPES = {
  cse: 'Child sexual exploitation',
  ce: 'Criminal exploitation',
  county_lines: 'County lines',
  cuckooing: 'Cuckooing (a home taken over to deal drugs or exploit)',
  trafficking: 'Trafficking',
  modern_slavery: 'Modern slavery or forced labour',
  online: 'Online exploitation',
  financial: 'Financial exploitation',
  radicalisation: 'Radicalisation',
  other: 'Other',
} as const;

export const INDICATORS = {
  repeat_missing: 'Going missing, often or for long periods',
  older_associates: 'Older or controlling associates',
  cars_unknown_adults: 'Getting into cars with unknown adults',
  unexplained_money: 'Unexplained money, gifts, phones or credit',
  risky_places: 'Seen at hotels, takeaways, taxi firms or other risky places',
  online_grooming: 'Online grooming or night-time phone use',
  school_absence: 'School absence or exclusion',
  sexual_health: 'STIs, pregnancy or terminations',
  substance_misuse: 'Drug or alcohol misuse',
  self_harm: 'Self-harm',
  out_of_area: 'Found out of area',
  multiple_phones: 'Several phones or SIM cards',
  drug_debt: 'Drug debt',
  weapons: 'Carrying weapons',
  physical_injury: 'Unexplained injuries',
  change_in_behaviour: 'Change in behaviour or appearance',
} as const;

export const CONSENT = {
  given: 'Consent to share was given',
  not_sought: 'Consent not sought: sharing without consent on a lawful basis',
  refused: 'Consent refused: sharing without consent on a lawful basis',
} as const;

export const URGENCY = {
  routine: 'Routine (next triage meeting)',
  urgent: 'Urgent (same day)',
  immediate: 'Immediate risk (child in danger now: also call the police on 999)',
} as const;

export const STATUSES = { new: 'Awaiting triage', triaged: 'Triaged', closed: 'Closed' } as const;

export type ExploitationType = keyof typeof EXPLOITATION_TYPES;
export type Indicator = keyof typeof INDICATORS;
export type Consent = keyof typeof CONSENT;
export type Urgency = keyof typeof URGENCY;

export interface ReferralInput {
  receivedAt: Date | null;
  referringAgencyId: string | null;
  referrerName: string;
  referrerRole: string | null;
  referrerContact: string | null;
  concerns: string;
  exploitationTypes: ExploitationType[];
  indicators: Indicator[];
  consent: Consent;
  lawfulBasisReason: string | null;
  sharingAgreementId: string | null;
  urgency: Urgency;
}

/** A referral's fields after their shape was checked by the schema (ReferralBody). */
export interface ReferralFields {
  receivedAt?: string;
  referringAgencyId?: string;
  referrerName: string;
  referrerRole?: string;
  referrerContact?: string;
  concerns: string;
  exploitationTypes?: ExploitationType[];
  indicators?: Indicator[];
  consent: Consent;
  lawfulBasisReason?: string;
  sharingAgreementId?: string;
  urgency?: Urgency;
}

const blankToNull = (v: string | undefined) => v?.trim() || null;
const unique = <T>(list: T[] | undefined) => [...new Set(list ?? [])];

/** The rules a referral must meet beyond its shape: not received in the future, a reason when sharing without consent. */
export function checkReferral(raw: ReferralFields, now: Date): { value?: ReferralInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const receivedAt = raw.receivedAt ? new Date(raw.receivedAt) : null;
  if (receivedAt && receivedAt.getTime() > now.getTime() + 60_000)
    errors.push({ field: 'receivedAt', message: 'Received date and time must not be in the future' });
  const referrerName = blankToNull(raw.referrerName);
  if (!referrerName) errors.push({ field: 'referrerName', message: 'Enter the name of the person making the referral' });
  const concerns = blankToNull(raw.concerns);
  if (!concerns) errors.push({ field: 'concerns', message: 'Describe the concerns' });
  const lawfulBasisReason = blankToNull(raw.lawfulBasisReason);
  if ((raw.consent === 'not_sought' || raw.consent === 'refused') && !lawfulBasisReason)
    errors.push({ field: 'lawfulBasisReason', message: 'Give the reason for sharing without consent (the lawful basis)' });
  if (errors.length) return { errors };
  return {
    value: {
      receivedAt,
      referringAgencyId: raw.referringAgencyId ?? null,
      referrerName: referrerName as string,
      referrerRole: blankToNull(raw.referrerRole),
      referrerContact: blankToNull(raw.referrerContact),
      concerns: concerns as string,
      exploitationTypes: unique(raw.exploitationTypes),
      indicators: unique(raw.indicators),
      consent: raw.consent,
      lawfulBasisReason: raw.consent === 'given' ? null : lawfulBasisReason,
      sharingAgreementId: raw.sharingAgreementId ?? null,
      urgency: raw.urgency ?? 'routine',
    },
    errors,
  };
}

export interface QualityInput {
  referrerContact: string | null;
  exploitationTypes: string[];
  indicators: string[];
  concerns: string;
  person: {
    dateOfBirth: string | null;
    address: string | null;
    postcode: string | null;
    ethnicity: string | null;
    nhsNumber: string | null;
    schoolUpn: string | null;
  };
}

/** What the hub would have to chase before it can triage well: the referral's missing essentials. */
export function missingEssentials(r: QualityInput): string[] {
  const missing: string[] = [];
  if (!r.person.dateOfBirth) missing.push('Date of birth');
  if (!r.person.address && !r.person.postcode) missing.push('Address or postcode');
  if (!r.person.ethnicity) missing.push('Ethnicity');
  if (!r.person.nhsNumber && !r.person.schoolUpn) missing.push('An identifier (NHS number or UPN)');
  if (!r.referrerContact) missing.push('Referrer contact details');
  if (r.exploitationTypes.length === 0) missing.push('Suspected type of exploitation');
  if (r.indicators.length === 0) missing.push('Indicators observed');
  if (r.concerns.trim().length < 40) missing.push('A description of the concerns (at least a few sentences)');
  return missing;
}

/** The columns missing essentials are judged on, as stored (referral joined with its person). */
export interface QualityColumns {
  referrer_contact: string | null;
  exploitation_types: string[];
  indicators: string[];
  concerns: string;
  date_of_birth: string | null;
  address: string | null;
  postcode: string | null;
  ethnicity: string | null;
  nhs_number: string | null;
  school_upn: string | null;
}

export const missingEssentialsOf = (r: QualityColumns) =>
  missingEssentials({
    referrerContact: r.referrer_contact,
    exploitationTypes: r.exploitation_types,
    indicators: r.indicators,
    concerns: r.concerns,
    person: {
      dateOfBirth: r.date_of_birth,
      address: r.address,
      postcode: r.postcode,
      ethnicity: r.ethnicity,
      nhsNumber: r.nhs_number,
      schoolUpn: r.school_upn,
    },
  });
