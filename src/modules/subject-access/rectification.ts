// Rectification (UK GDPR Article 16): which of a person's details information governance may correct, and the
// checks a corrected value meets. The earlier value is kept (person_rectification), never overwritten. Pure.
import type { FieldError } from '../../platform/http/problems.ts';
import { isValidNhsNumber, isValidUpn, normalisePostcode, SEXES } from '../people/domain.ts';

interface Rectifiable {
  column: string;
  label: string;
  /** The corrected value as stored, or an error message. */
  check: (value: string | null, today: string) => { value: string | null } | { error: string };
}

const optional = (v: string | null) => ({ value: v });
const required = (what: string) => (v: string | null) => (v ? { value: v } : { error: `Enter the correct ${what}` });

export const RECTIFIABLE: Record<string, Rectifiable> = {
  givenName: { column: 'given_name', label: 'Given name', check: required('given name') },
  familyName: { column: 'family_name', label: 'Family name', check: required('family name') },
  dateOfBirth: {
    column: 'date_of_birth',
    label: 'Date of birth',
    check: (v, today) => (v && v > today ? { error: 'Date of birth must be in the past' } : { value: v }),
  },
  sex: {
    column: 'sex',
    label: 'Sex',
    check: (v) => (v && !(SEXES as readonly string[]).includes(v) ? { error: 'Choose female, male or unknown' } : { value: v }),
  },
  firstLanguage: { column: 'first_language', label: 'First language', check: optional },
  address: { column: 'address', label: 'Address', check: optional },
  postcode: {
    column: 'postcode',
    label: 'Postcode',
    check: (v) => {
      if (!v) return { value: null };
      const p = normalisePostcode(v);
      return p ? { value: p } : { error: 'Enter a real postcode, like NM1 4AB' };
    },
  },
  nhsNumber: {
    column: 'nhs_number',
    label: 'NHS number',
    check: (v) => {
      const digits = v?.replace(/\s+/g, '') ?? null;
      return digits && !isValidNhsNumber(digits) ? { error: 'Enter a valid 10-digit NHS number' } : { value: digits };
    },
  },
  schoolUpn: {
    column: 'school_upn',
    label: 'Unique pupil number',
    check: (v) => (v && !isValidUpn(v) ? { error: 'Enter a valid 13-character unique pupil number' } : { value: v?.toUpperCase() ?? null }),
  },
};

export const RECTIFIABLE_FIELDS = Object.keys(RECTIFIABLE);
export const fieldLabel = (field: string) => RECTIFIABLE[field]?.label ?? field;

/** The value to store, or the errors naming the form's fields (`value`, `reason`). */
export function checkRectification(field: string, raw: string | null, reason: string, today: string): { value?: string | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const r = RECTIFIABLE[field];
  if (!r) return { errors: [{ field: 'field', message: 'Choose the detail to correct' }] };
  const checked = r.check(raw?.trim() || null, today);
  if ('error' in checked) errors.push({ field: field === 'dateOfBirth' ? 'dateOfBirth' : 'value', message: checked.error });
  if (!reason.trim()) errors.push({ field: 'reason', message: 'Say why the detail was wrong (the person’s request, the evidence)' });
  if (errors.length) return { errors };
  return { value: 'value' in checked ? checked.value : null, errors };
}
