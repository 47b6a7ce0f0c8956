// Flags that travel (issue 19.6, the NHS CP-IS model): the one flag, when a flag is in force, and what makes a
// look-up's question valid. Pure: no database, no clock.
import type { FieldError } from '../../platform/http/problems.ts';
import { isValidNhsNumber } from '../people/domain.ts';

export const FLAG = 'at_risk_of_exploitation' as const;
export const FLAG_LABEL = 'At risk of exploitation';

/** In force on `today`: not ended, started, and not past its until date (inclusive). */
export const inForce = (f: { from_on: string; until_on: string | null; ended_at: Date | string | null }, today: string) =>
  f.ended_at === null && f.from_on <= today && (f.until_on === null || f.until_on >= today);

/** A flag's dates: the until date, when given, is on or after the from date. */
export function flagErrors(input: { from: string; until?: string }): FieldError[] {
  if (input.until && input.until < input.from) return [{ field: 'until', message: 'The end date must be the same as or after the start date' }];
  return [];
}

export interface LookupQuestion {
  nhsNumber?: string;
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
}

/** How the question identifies the child: an NHS number alone, or given name, family name and date of birth together. */
export type Identified = { by: 'nhsNumber'; nhsNumber: string } | { by: 'name'; givenName: string; familyName: string; dateOfBirth: string };

export function identify(q: LookupQuestion): { identified: Identified | null; errors: FieldError[] } {
  const names = [q.givenName, q.familyName, q.dateOfBirth].filter((v) => v !== undefined && v.trim() !== '');
  if (q.nhsNumber !== undefined) {
    if (names.length) return { identified: null, errors: [{ field: 'nhsNumber', message: 'Send an NHS number, or a name and date of birth, not both' }] };
    const nhs = q.nhsNumber.replace(/\s+/g, '');
    if (!isValidNhsNumber(nhs)) return { identified: null, errors: [{ field: 'nhsNumber', message: 'NHS number must be 10 digits with a valid check digit' }] };
    return { identified: { by: 'nhsNumber', nhsNumber: nhs }, errors: [] };
  }
  const errors: FieldError[] = [];
  if (!q.givenName?.trim()) errors.push({ field: 'givenName', message: 'Send an NHS number, or the given name, family name and date of birth' });
  if (!q.familyName?.trim()) errors.push({ field: 'familyName', message: 'Send the family name with the given name and date of birth' });
  if (!q.dateOfBirth?.trim()) errors.push({ field: 'dateOfBirth', message: 'Send the date of birth with the names' });
  if (errors.length) return { identified: null, errors };
  return {
    identified: { by: 'name', givenName: q.givenName!.trim(), familyName: q.familyName!.trim(), dateOfBirth: q.dateOfBirth!.trim() },
    errors: [],
  };
}
