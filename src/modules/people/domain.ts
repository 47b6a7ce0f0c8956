// Person details: vocabularies and validation (NHS number modulus 11, UPN check letter, UK postcode).
import type { FieldError } from '../../platform/http/problems.ts';
import { isIsoDate } from '../../platform/time.ts';

export { isIsoDate };

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

type Raw = Record<string, unknown>;

export function text(raw: Raw, key: string, field: string, errors: FieldError[], opts: { required?: string; max: number; label: string }): string | null {
  const v = raw[key];
  if (v !== undefined && v !== null && typeof v !== 'string') {
    errors.push({ field, message: `${opts.label} must be text` });
    return null;
  }
  const s = (v ?? '').trim();
  if (!s) {
    if (opts.required) errors.push({ field, message: opts.required });
    return null;
  }
  if (s.length > opts.max) errors.push({ field, message: `${opts.label} must be ${opts.max} characters or fewer` });
  return s;
}

/** Validates a person's details; `prefix` names fields as the caller sent them (e.g. "subject."). */
export function validatePerson(raw: Raw, today: string, prefix = ''): { value?: PersonInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const f = (k: string) => `${prefix}${k}`;
  const givenName = text(raw, 'givenName', f('givenName'), errors, { required: 'Enter the first name', max: 100, label: 'First name' });
  const familyName = text(raw, 'familyName', f('familyName'), errors, { required: 'Enter the last name', max: 100, label: 'Last name' });

  let dateOfBirth = text(raw, 'dateOfBirth', f('dateOfBirth'), errors, { max: 10, label: 'Date of birth' });
  if (dateOfBirth && !isIsoDate(dateOfBirth)) {
    errors.push({ field: f('dateOfBirth'), message: 'Date of birth must be a real date, like 2010-03-27' });
    dateOfBirth = null;
  } else if (dateOfBirth && dateOfBirth > today) {
    errors.push({ field: f('dateOfBirth'), message: 'Date of birth must be today or in the past' });
  } else if (dateOfBirth && dateOfBirth < '1900-01-01') {
    errors.push({ field: f('dateOfBirth'), message: 'Date of birth must be after 1900' });
  }
  let dobPrecision: PersonInput['dobPrecision'] = dateOfBirth ? 'exact' : 'unknown';
  if (raw.dobPrecision !== undefined && raw.dobPrecision !== '') {
    if (raw.dobPrecision === 'exact' || raw.dobPrecision === 'approximate') dobPrecision = dateOfBirth ? raw.dobPrecision : 'unknown';
    else if (raw.dobPrecision !== 'unknown') errors.push({ field: f('dobPrecision'), message: 'Date of birth accuracy must be exact, approximate or unknown' });
  }

  let sex: PersonInput['sex'] = null;
  if (raw.sex !== undefined && raw.sex !== null && raw.sex !== '') {
    if ((SEXES as readonly unknown[]).includes(raw.sex)) sex = raw.sex as PersonInput['sex'];
    else errors.push({ field: f('sex'), message: `Sex must be one of: ${SEXES.join(', ')}` });
  }
  let ethnicity: Ethnicity | null = null;
  if (raw.ethnicity !== undefined && raw.ethnicity !== null && raw.ethnicity !== '') {
    if (typeof raw.ethnicity === 'string' && raw.ethnicity in ETHNICITIES) ethnicity = raw.ethnicity as Ethnicity;
    else errors.push({ field: f('ethnicity'), message: 'Select an ethnicity from the ONS list' });
  }
  const firstLanguage = text(raw, 'firstLanguage', f('firstLanguage'), errors, { max: 60, label: 'First language' });
  const address = text(raw, 'address', f('address'), errors, { max: 300, label: 'Address' });
  let postcode = text(raw, 'postcode', f('postcode'), errors, { max: 10, label: 'Postcode' });
  if (postcode) {
    const n = normalisePostcode(postcode);
    if (!n) errors.push({ field: f('postcode'), message: 'Enter a real UK postcode, like NM1 4AB' });
    postcode = n;
  }
  let nhsNumber = text(raw, 'nhsNumber', f('nhsNumber'), errors, { max: 12, label: 'NHS number' });
  if (nhsNumber) {
    if (!isValidNhsNumber(nhsNumber)) errors.push({ field: f('nhsNumber'), message: 'NHS number must be 10 digits with a valid check digit' });
    nhsNumber = nhsNumber.replace(/\s+/g, '');
  }
  const policeReference = text(raw, 'policeReference', f('policeReference'), errors, { max: 40, label: 'Police reference' });
  const laCaseReference = text(raw, 'laCaseReference', f('laCaseReference'), errors, { max: 40, label: 'Local authority case reference' });
  let schoolUpn = text(raw, 'schoolUpn', f('schoolUpn'), errors, { max: 13, label: 'Unique pupil number' });
  if (schoolUpn) {
    if (!isValidUpn(schoolUpn)) errors.push({ field: f('schoolUpn'), message: 'Unique pupil number must be a check letter and 12 characters, like A801200000012' });
    schoolUpn = schoolUpn.toUpperCase();
  }
  const placedByOtherLa = raw.placedByOtherLa === true || raw.placedByOtherLa === 'yes' || raw.placedByOtherLa === 'true';
  const placingAuthority = text(raw, 'placingAuthority', f('placingAuthority'), errors, {
    required: placedByOtherLa ? 'Enter the local authority that placed them here' : undefined,
    max: 120,
    label: 'Placing authority',
  });

  const aliases: PersonInput['aliases'] = [];
  if (raw.aliases !== undefined) {
    if (!Array.isArray(raw.aliases)) errors.push({ field: f('aliases'), message: 'Aliases must be a list' });
    else if (raw.aliases.length > 10) errors.push({ field: f('aliases'), message: 'Give at most 10 aliases' });
    else
      raw.aliases.forEach((a: Raw, i: number) => {
        const g = text(a ?? {}, 'givenName', f(`aliases[${i}].givenName`), errors, { max: 100, label: 'Alias first name' });
        const fam = text(a ?? {}, 'familyName', f(`aliases[${i}].familyName`), errors, { max: 100, label: 'Alias last name' });
        if (g || fam) aliases.push({ givenName: g, familyName: fam });
      });
  }
  if (errors.length) return { errors };
  return {
    value: {
      givenName: givenName as string,
      familyName: familyName as string,
      aliases,
      dateOfBirth,
      dobPrecision,
      sex,
      ethnicity,
      firstLanguage,
      address,
      postcode,
      nhsNumber,
      policeReference,
      laCaseReference,
      schoolUpn,
      placedByOtherLa,
      placingAuthority: placedByOtherLa ? placingAuthority : null,
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
