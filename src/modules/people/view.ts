// Presenters for the people pages: what a search was understood as.
import { formatDate } from '../../platform/time.ts';
import type { SearchQuery } from '../matching/search/domain.ts';

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
