// Rules for an online match query (pure): which details may be given, how they are normalised.
import type { FieldError } from '../../platform/http/problems.ts';
import { isIsoDate } from '../../platform/time.ts';
import { isValidNhsNumber, normalisePostcode } from '../people/domain.ts';

export interface MatchQuery {
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  postcode: string | null;
  address: string | null;
  nhsNumber: string | null;
  /** Most candidates returned (1-50, default 10). */
  limit: number;
  /** Candidates below this probability are left out (0-1, default 0.1). */
  minProbability: number;
}

export const DEFAULT_LIMIT = 10;
export const DEFAULT_MIN_PROBABILITY = 0.1;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const looksLikeUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

type Raw = Record<string, unknown>;

function str(raw: Raw, key: string, max: number, label: string, errors: FieldError[]): string | null {
  const v = raw[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    errors.push({ field: key, message: `${label} must be text` });
    return null;
  }
  const t = v.trim().replace(/\s+/g, ' ');
  if (t.length > max) errors.push({ field: key, message: `${label} must be ${max} characters or fewer` });
  return t || null;
}

function num(raw: Raw, key: string, fallback: number, min: number, max: number, message: string, errors: FieldError[]): number {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n < min || n > max) {
    errors.push({ field: key, message });
    return fallback;
  }
  return n;
}

export function validateMatchQuery(raw: Raw): { value?: MatchQuery; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const givenName = str(raw, 'givenName', 100, 'First name', errors);
  const familyName = str(raw, 'familyName', 100, 'Last name', errors);
  let dateOfBirth = str(raw, 'dateOfBirth', 10, 'Date of birth', errors);
  if (dateOfBirth && !isIsoDate(dateOfBirth)) {
    errors.push({ field: 'dateOfBirth', message: 'Date of birth must be a real date, like 2010-03-27' });
    dateOfBirth = null;
  }
  let sex = str(raw, 'sex', 10, 'Sex', errors);
  if (sex && !['female', 'male', 'unknown'].includes(sex)) {
    errors.push({ field: 'sex', message: 'Sex must be one of: female, male, unknown' });
    sex = null;
  }
  let postcode = str(raw, 'postcode', 10, 'Postcode', errors);
  if (postcode) {
    const n = normalisePostcode(postcode);
    if (!n) errors.push({ field: 'postcode', message: 'Enter a real UK postcode, like NM1 4AB' });
    postcode = n;
  }
  const address = str(raw, 'address', 300, 'Address', errors);
  let nhsNumber = str(raw, 'nhsNumber', 12, 'NHS number', errors);
  if (nhsNumber) {
    if (!isValidNhsNumber(nhsNumber)) errors.push({ field: 'nhsNumber', message: 'NHS number must be 10 digits with a valid check digit' });
    nhsNumber = nhsNumber.replace(/\s+/g, '');
  }
  const limit = Math.floor(num(raw, 'limit', DEFAULT_LIMIT, 1, 50, 'Limit must be a whole number from 1 to 50', errors));
  const minProbability = num(raw, 'minProbability', DEFAULT_MIN_PROBABILITY, 0, 1, 'Minimum probability must be between 0 and 1', errors);
  if (!givenName && !familyName && !nhsNumber && errors.length === 0) {
    errors.push({ field: 'familyName', message: 'Give at least a first or last name, or an NHS number' });
  }
  if (errors.length) return { errors };
  return { value: { givenName, familyName, dateOfBirth, sex, postcode, address, nhsNumber, limit, minProbability }, errors };
}
