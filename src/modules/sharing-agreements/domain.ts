// Data sharing agreements (issue 20 point 3): the partnership's agreements under the ICO's data sharing code, their
// parties (agencies), and when one is overdue for review. Pure: no I/O.
import type { FieldError } from '../../platform/http/problems.ts';

/** The kinds of data an agreement covers (ICO data sharing code: say what is shared, not just why). */
export const DATA_CATEGORIES = {
  identity: 'Identity (names, date of birth, identifiers)',
  contact: 'Contact details and addresses',
  education: 'Education (attendance, exclusions, school)',
  health: 'Health (special category)',
  social_care: 'Children’s and adults’ social care',
  police: 'Police records and crime reports',
  intelligence: 'Police intelligence',
  missing: 'Missing episodes and return home interviews',
  offending: 'Offending and youth justice (criminal offence data)',
  housing: 'Housing',
} as const;
export type DataCategory = keyof typeof DATA_CATEGORIES;
export const DATA_CATEGORY_IDS = Object.keys(DATA_CATEGORIES) as DataCategory[];

export interface AgreementFields {
  title: string;
  purpose: string;
  lawfulBasis: string;
  dataCategories: DataCategory[];
  startDate: string;
  reviewDate: string;
  partyAgencyIds: string[];
}

/** The text an agreement needs: words, not blanks (the form shows these with the schema's errors, all at once). */
export function blankTextErrors(raw: Pick<AgreementFields, 'title' | 'purpose' | 'lawfulBasis'>): FieldError[] {
  const errors: FieldError[] = [];
  if (!raw.title.trim()) errors.push({ field: 'title', message: 'Enter the agreement’s title' });
  if (!raw.purpose.trim()) errors.push({ field: 'purpose', message: 'Enter what the sharing is for' });
  if (!raw.lawfulBasis.trim()) errors.push({ field: 'lawfulBasis', message: 'Enter the lawful basis for the sharing' });
  return errors;
}

/** Rules beyond the schema's shape: words, not blanks; the review on or after the start; each party once. */
export function checkAgreement(raw: AgreementFields, activeAgencyIds: ReadonlySet<string>): { value?: AgreementFields; errors: FieldError[] } {
  const errors: FieldError[] = blankTextErrors(raw);
  const title = raw.title.trim();
  const purpose = raw.purpose.trim();
  const lawfulBasis = raw.lawfulBasis.trim();
  if (raw.reviewDate < raw.startDate) errors.push({ field: 'reviewDate', message: 'The review date must be the same as or after the start date' });
  const parties = [...new Set(raw.partyAgencyIds)];
  if (parties.some((id) => !activeAgencyIds.has(id))) errors.push({ field: 'partyAgencyIds', message: 'Choose the parties from the partnership’s agencies' });
  if (errors.length) return { errors };
  return {
    value: {
      title,
      purpose,
      lawfulBasis,
      dataCategories: [...new Set(raw.dataCategories)],
      startDate: raw.startDate,
      reviewDate: raw.reviewDate,
      partyAgencyIds: parties,
    },
    errors,
  };
}

/** Overdue for review: the review date has passed (today, a UK calendar day, is after it). */
export const isOverdue = (reviewDate: string, today: string) => reviewDate < today;

/** Not yet in force: the agreement starts after today. */
export const notYetStarted = (startDate: string, today: string) => startDate > today;

export type AgreementStatus = 'in_force' | 'overdue' | 'not_started';
export const STATUS_LABELS: Record<AgreementStatus, string> = { in_force: 'In force', overdue: 'Review overdue', not_started: 'Not yet started' };

export function statusOf(a: { startDate: string; reviewDate: string }, today: string): AgreementStatus {
  if (isOverdue(a.reviewDate, today)) return 'overdue';
  if (notYetStarted(a.startDate, today)) return 'not_started';
  return 'in_force';
}

/**
 * Each agency's access and the agreements that cover it: an agency party to no agreement in force shares with no
 * agreement behind it, which the admin page flags.
 */
export function coverage(
  agencies: { id: string; name: string }[],
  agreements: { id: string; title: string; status: AgreementStatus; parties: { id: string }[] }[],
) {
  return agencies.map((agency) => {
    const covering = agreements.filter((a) => a.parties.some((p) => p.id === agency.id));
    return {
      agencyId: agency.id,
      agencyName: agency.name,
      agreements: covering.map((a) => ({ id: a.id, title: a.title, status: a.status })),
      covered: covering.some((a) => a.status === 'in_force'),
    };
  });
}
