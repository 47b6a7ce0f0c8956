// Rules for an online match query (pure): the meaning of the details given, and how they are normalised.
import type { FieldError } from '../../platform/http/problems.ts';
import { isIsoDate } from '../../platform/time.ts';
import { isValidNhsNumber, normalisePostcode } from '../people/domain.ts';
import type { MatchQuery } from './schemas.ts';

/** A match query normalised: blanks are null, the postcode and NHS number in their one form, defaults filled in. */
export interface NormalQuery {
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  postcode: string | null;
  address: string | null;
  nhsNumber: string | null;
  limit: number;
  minProbability: number;
}

export const DEFAULT_LIMIT = 10;
export const DEFAULT_MIN_PROBABILITY = 0.1;

const tidy = (v: string | undefined) => v?.trim().replace(/\s+/g, ' ') || null;

export function checkMatchQuery(q: MatchQuery): { value?: NormalQuery; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const dateOfBirth = tidy(q.dateOfBirth);
  if (dateOfBirth && !isIsoDate(dateOfBirth)) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be a real date, like 2010-03-27' });
  const postcode = tidy(q.postcode) && normalisePostcode(tidy(q.postcode)!);
  if (tidy(q.postcode) && !postcode) errors.push({ field: 'postcode', message: 'Enter a real UK postcode, like NM1 4AB' });
  const nhsNumber = tidy(q.nhsNumber);
  if (nhsNumber && !isValidNhsNumber(nhsNumber)) errors.push({ field: 'nhsNumber', message: 'NHS number must be 10 digits with a valid check digit' });
  const value: NormalQuery = {
    givenName: tidy(q.givenName),
    familyName: tidy(q.familyName),
    dateOfBirth,
    sex: q.sex ?? null,
    postcode: postcode || null,
    address: tidy(q.address),
    nhsNumber: nhsNumber?.replace(/\s+/g, '') ?? null,
    limit: q.limit ?? DEFAULT_LIMIT,
    minProbability: q.minProbability ?? DEFAULT_MIN_PROBABILITY,
  };
  if (!value.givenName && !value.familyName && !value.nhsNumber && errors.length === 0) {
    errors.push({ field: 'familyName', message: 'Give at least a first or last name, or an NHS number' });
  }
  return errors.length ? { errors } : { value, errors };
}

/** What was asked, for the audit event: the details given, not the paging. */
export const queryDetails = (q: NormalQuery) => Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== null && k !== 'limit' && k !== 'minProbability'));
