// Person details: vocabularies and validation (NHS number modulus 11, UPN check letter, UK postcode).
import type { FieldError } from '../../platform/http/problems.ts';
import type { PersonDetails } from './schemas.ts';

export const SEXES = ['female', 'male', 'unknown'] as const;

// ONS 2021 census ethnic groups (England and Wales), plus "not stated" for equality monitoring.
export const ETHNICITIES = {
  asian_bangladeshi: 'Asian or Asian British: Bangladeshi',
  asian_chinese: 'Asian or Asian British: Chinese',
  asian_indian: 'Asian or Asian British: Indian',
  asian_pakistani: 'Asian or Asian British: Pakistani',
  asian_other: 'Asian or Asian British: any other Asian background',
  black_african: 'Black, Black British, Caribbean or African: African',
  black_caribbean: 'Black, Black British, Caribbean or African: Caribbean',
  black_other: 'Black, Black British, Caribbean or African: any other Black background',
  mixed_white_asian: 'Mixed or multiple ethnic groups: White and Asian',
  mixed_white_black_african: 'Mixed or multiple ethnic groups: White and Black African',
  mixed_white_black_caribbean: 'Mixed or multiple ethnic groups: White and Black Caribbean',
  mixed_other: 'Mixed or multiple ethnic groups: any other Mixed background',
  white_british: 'White: English, Welsh, Scottish, Northern Irish or British',
  white_irish: 'White: Irish',
  white_gypsy_traveller: 'White: Gypsy or Irish Traveller',
  white_roma: 'White: Roma',
  white_other: 'White: any other White background',
  other_arab: 'Other ethnic group: Arab',
  other_any: 'Other ethnic group: any other ethnic group',
  not_stated: 'Not stated',
} as const;
export type Ethnicity = keyof typeof ETHNICITIES;

export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/\s+/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

// DfE unique pupil number: a check letter then 12 characters (the last may be a letter for temporary UPNs).
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
export function isValidUpn(value: string): boolean {
  const upn = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return false;
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const c = upn[i];
    const v = /\d/.test(c) ? Number(c) : UPN_LETTERS.indexOf(c);
    if (v < 0) return false;
    sum += v * (i + 1);
  }
  return UPN_LETTERS[sum % 23] === upn[0];
}

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;
export function normalisePostcode(value: string): string | null {
  const m = POSTCODE.exec(value.trim().toUpperCase().replace(/\s+/g, ' '));
  return m ? `${m[1]} ${m[2]}` : null;
}

export interface PersonInput {
  givenName: string;
  familyName: string;
  aliases: { givenName: string | null; familyName: string | null }[];
  dateOfBirth: string | null;
  dobPrecision: 'exact' | 'approximate' | 'unknown';
  sex: (typeof SEXES)[number] | null;
  ethnicity: Ethnicity | null;
  firstLanguage: string | null;
  address: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  policeReference: string | null;
  laCaseReference: string | null;
  schoolUpn: string | null;
  placedByOtherLa: boolean;
  placingAuthority: string | null;
}

type Trimmed<K extends string> = { [k in K]?: string };

/** Trims every text field; blank becomes absent. */
function trimmed<K extends string>(raw: Trimmed<K>, keys: readonly K[]): Record<K, string | null> {
  const out = {} as Record<K, string | null>;
  for (const k of keys) out[k] = raw[k]?.trim() || null;
  return out;
}

const TEXT = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'firstLanguage',
  'address',
  'postcode',
  'nhsNumber',
  'policeReference',
  'laCaseReference',
  'schoolUpn',
  'placingAuthority',
] as const;

/**
 * The rules a person's details must meet beyond their shape (checked by the schema): names not blank, a date of
 * birth in the past, a real postcode, NHS number and UPN check digits. `prefix` names fields as the caller sent them.
 */
export function checkPerson(details: PersonDetails, today: string, prefix = ''): { value?: PersonInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const f = (k: string) => `${prefix}${k}`;
  const t = trimmed(details, TEXT);
  if (!t.givenName) errors.push({ field: f('givenName'), message: 'Enter the first name' });
  if (!t.familyName) errors.push({ field: f('familyName'), message: 'Enter the last name' });
  if (t.dateOfBirth && t.dateOfBirth > today) errors.push({ field: f('dateOfBirth'), message: 'Date of birth must be today or in the past' });
  else if (t.dateOfBirth && t.dateOfBirth < '1900-01-01') errors.push({ field: f('dateOfBirth'), message: 'Date of birth must be after 1900' });
  const postcode = t.postcode ? normalisePostcode(t.postcode) : null;
  if (t.postcode && !postcode) errors.push({ field: f('postcode'), message: 'Enter a real UK postcode, like NM1 4AB' });
  if (t.nhsNumber && !isValidNhsNumber(t.nhsNumber)) errors.push({ field: f('nhsNumber'), message: 'NHS number must be 10 digits with a valid check digit' });
  if (t.schoolUpn && !isValidUpn(t.schoolUpn))
    errors.push({ field: f('schoolUpn'), message: 'Unique pupil number must be a check letter and 12 characters, like A801200000012' });
  const placedByOtherLa = details.placedByOtherLa === true;
  if (placedByOtherLa && !t.placingAuthority) errors.push({ field: f('placingAuthority'), message: 'Enter the local authority that placed them here' });
  if (errors.length) return { errors };
  const aliases = (details.aliases ?? [])
    .map((a) => ({ givenName: a.givenName?.trim() || null, familyName: a.familyName?.trim() || null }))
    .filter((a) => a.givenName || a.familyName);
  return {
    value: {
      givenName: t.givenName as string,
      familyName: t.familyName as string,
      aliases,
      dateOfBirth: t.dateOfBirth,
      dobPrecision: t.dateOfBirth ? (details.dobPrecision === 'approximate' ? 'approximate' : 'exact') : 'unknown',
      sex: details.sex ?? null,
      ethnicity: details.ethnicity ?? null,
      firstLanguage: t.firstLanguage,
      address: t.address,
      postcode,
      nhsNumber: t.nhsNumber?.replace(/\s+/g, '') ?? null,
      policeReference: t.policeReference,
      laCaseReference: t.laCaseReference,
      schoolUpn: t.schoolUpn?.toUpperCase() ?? null,
      placedByOtherLa,
      placingAuthority: placedByOtherLa ? t.placingAuthority : null,
    },
    errors,
  };
}

/** Whole years between a date of birth and a day, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = day.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/** The day someone turns `years` old (29 February birthdays turn on 1 March in common years), YYYY-MM-DD. */
export function birthdayAt(dateOfBirth: string, years: number): string {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const day = new Date(Date.UTC(y + years, m - 1, d));
  return day.toISOString().slice(0, 10);
}

/** An adult on that day (18 or over). Without a date of birth, a child: the safeguarding default. */
export const isAdultOn = (dateOfBirth: string | null, day: string) => dateOfBirth !== null && ageOn(dateOfBirth, day) >= 18;

/** The date 17 years 6 months after birth: from then the case prepares the move to adult services. */
export function transitionFrom(dateOfBirth: string): string {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const months = m - 1 + 6;
  const year = y + 17 + Math.floor(months / 12);
  const month = months % 12;
  // The same day of the month, or the month's last day when it has fewer days (31 August + 6 months: 28/29 February).
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * "Turns 18 on 12 March 2027" from 17 years 6 months until the 18th birthday (seed 004's "Bridging the Gap", 17 to
 * 25): the 18th birthday when someone is in that window on `day`, else null.
 */
export function turnsEighteen(dateOfBirth: string | null, day: string): string | null {
  if (!dateOfBirth) return null;
  const eighteen = birthdayAt(dateOfBirth, 18);
  return day >= transitionFrom(dateOfBirth) && day < eighteen ? eighteen : null;
}
