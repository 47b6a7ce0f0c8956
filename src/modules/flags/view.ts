// View models of flags: the child's case page and API see the whole record; a look-up's answer is only the flag, its
// dates and who to contact, or `{ flag: null }` whatever the reason (no such person, no flag, ended, not yet started).
import { FLAG, FLAG_LABEL, inForce } from './domain.ts';
import type { FlagRow } from './store.ts';

export const flagView = (f: FlagRow, today: string) => ({
  id: f.id,
  personId: f.person_id,
  flag: FLAG,
  flagLabel: FLAG_LABEL,
  from: f.from_on,
  until: f.until_on,
  contact: { name: f.contact_name, phone: f.contact_phone, email: f.contact_email, agency: f.contact_agency },
  setBy: f.set_by_name ?? null,
  setAt: new Date(f.set_at),
  endedAt: f.ended_at ? new Date(f.ended_at) : null,
  endedBy: f.ended_by_name ?? null,
  inForce: inForce(f, today),
});
export type FlagView = ReturnType<typeof flagView>;

export type LookupAnswer =
  | { flag: typeof FLAG; from: string; until: string | null; contact: { name: string; phone: string | null; email: string | null; agency: string } }
  | { flag: null };

export const NO_FLAG: LookupAnswer = { flag: null };

export const answerOf = (f: {
  from_on: string;
  until_on: string | null;
  contact_name: string;
  contact_phone: string | null;
  contact_email: string | null;
  contact_agency: string;
}): LookupAnswer => ({
  flag: FLAG,
  from: f.from_on,
  until: f.until_on,
  contact: { name: f.contact_name, phone: f.contact_phone, email: f.contact_email, agency: f.contact_agency },
});
