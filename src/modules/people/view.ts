// Presenters for the people pages: what a search was understood as; the identity bar's age flags.
import { formatDate } from '../../platform/time.ts';
import type { SearchQuery } from '../matching/search/domain.ts';
import { turnsEighteen } from './domain.ts';

export const SEARCH_HINT = 'Enter a name (at least 2 letters), a date of birth, a postcode or an NHS number';

/** Whether anything searchable was typed (a one-letter name is not). */
export const searchedFor = (q: SearchQuery) => q.names.length > 0 || !!q.dateOfBirth || !!q.postcode || !!q.nhsNumber;

/** "Zarah", "born 12 March 2010", "postcode NM1 4AB": shown above the results so a misread date is seen. */
export function understoodAs(q: SearchQuery): string[] {
  const out: string[] = [];
  if (q.names.length) out.push(`name ${q.names.map((n) => n[0].toUpperCase() + n.slice(1)).join(' ')}`);
  if (q.dateOfBirth) out.push(`born ${formatDate(q.dateOfBirth)}`);
  if (q.postcode) out.push(`postcode ${q.postcode}`);
  if (q.nhsNumber) out.push(`NHS number ${q.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3')}`);
  return out;
}

/** "Turns 18 on 12 March 2027" in the identity bar from 17 years 6 months, so the move to adult services is planned. */
export function ageFlags(dateOfBirth: string | null, today: string): { text: string; classes?: string; qa?: string }[] {
  const eighteen = turnsEighteen(dateOfBirth, today);
  return eighteen ? [{ text: `Turns 18 on ${formatDate(eighteen)}`, classes: 'govuk-tag--blue', qa: 'flag-turns-18' }] : [];
}
