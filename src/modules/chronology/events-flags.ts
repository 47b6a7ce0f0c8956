// Chronology lines for flags that travel (src/modules/flags): seen by whoever may read the child's case. Part of the
// registry in domain.ts, kept apart to keep each file small.
import type { Entry } from './domain.ts';
import { formatIso, joined, sentence, str } from './phrases.ts';

const line = (what: (c: Record<string, unknown>) => string): Entry => ({ kind: 'case', access: 'case', line: (c) => sentence(what(c)) });
const dates = (c: Record<string, unknown>) =>
  joined([str(c.from) && `from ${formatIso(String(c.from))}`, str(c.until) && `until ${formatIso(String(c.until))}`], ' ');

export const FLAG_EVENTS: Readonly<Record<string, Entry>> = {
  'flag.set': line((c) => joined([`Flagged at risk of exploitation ${dates(c)}`.trim(), str(c.contactAgency) && `contact ${c.contactAgency}`], ', ')),
  'flag.ended': line(() => 'Flag "at risk of exploitation" ended'),
  'flag.lookup_reported': line((c) => `Flag looked up by ${str(c.lookedUpBy) ?? 'a partner system'} of ${str(c.organisation) ?? 'another organisation'}`),
};
