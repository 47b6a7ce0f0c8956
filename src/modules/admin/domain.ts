// Rules for agencies, user accounts and API tokens, beyond the shape their schemas check.
import type { Role } from '../../platform/access/policy.ts';
import { passwordProblems } from '../../platform/auth/secrets.ts';
import type { FieldError } from '../../platform/http/problems.ts';

// The published triage table's sectors in its order, then those working with adults (seed 004: the pathway is "for
// both vulnerable adults and children"), then Other.
export const SECTORS = [
  'childrens_social_care',
  'education',
  'voluntary',
  'police',
  'youth_justice',
  'health',
  'early_help',
  'adult_social_care',
  'housing',
  'probation',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  childrens_social_care: "Children's Social Care",
  adult_social_care: 'Adult Social Care',
  education: 'Education',
  voluntary: 'Voluntary sector',
  police: 'Police',
  probation: 'Probation Service',
  youth_justice: 'Youth Justice Service',
  health: 'Health',
  housing: 'Housing',
  early_help: 'Early Help',
  other: 'Other',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An agency's name, trimmed; it must not be blank. */
export function checkAgencyName(raw: string): { name: string; errors: FieldError[] } {
  const name = raw.trim();
  return { name, errors: name ? [] : [{ field: 'name', message: 'Enter the agency name' }] };
}

export interface AccountFields {
  email: string;
  name: string;
  password?: string;
}

/** A new account's email (trimmed, lower case, in the right form), name (not blank) and password (long enough). */
export function checkAccount(raw: AccountFields): { email: string; name: string; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const email = raw.email.trim().toLowerCase();
  const name = raw.name.trim();
  if (!EMAIL.test(email)) errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
  if (!name) errors.push({ field: 'name', message: 'Enter the full name' });
  const problem = raw.password === undefined ? null : passwordProblems(raw.password);
  if (problem) errors.push({ field: 'password', message: problem });
  return { email, name, errors };
}

/** An administrator may not lock themselves out: no deactivating or changing the role of their own account. */
export function ownAccessErrors(actor: { userId: string; role: Role }, userId: string, change: { role?: Role; active?: boolean }): FieldError[] {
  const { role, active } = change;
  if (userId !== actor.userId) return [];
  if (active === false || (role !== undefined && role !== actor.role)) return [{ field: 'role', message: 'You cannot remove your own administrator access' }];
  return [];
}
