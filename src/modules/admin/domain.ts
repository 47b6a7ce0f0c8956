// Rules for agencies, user accounts and API tokens.
import { isRole, ROLES, type Role } from '../../platform/access/policy.ts';
import type { FieldError } from '../../platform/http/problems.ts';
import { passwordProblems } from '../../platform/auth/secrets.ts';

export const SECTORS = [
  'childrens_social_care',
  'education',
  'voluntary',
  'police',
  'youth_justice',
  'health',
  'early_help',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  childrens_social_care: "Children's Social Care",
  education: 'Education',
  voluntary: 'Voluntary sector',
  police: 'Police',
  youth_justice: 'Youth Justice Service',
  health: 'Health',
  early_help: 'Early Help',
  other: 'Other',
};

export const isSector = (v: unknown): v is Sector => typeof v === 'string' && (SECTORS as readonly string[]).includes(v);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AgencyInput {
  name: string;
  sector: Sector;
}

export function validateAgency(raw: { name?: unknown; sector?: unknown }): { value?: AgencyInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!name) errors.push({ field: 'name', message: 'Enter the agency name' });
  else if (name.length > 120) errors.push({ field: 'name', message: 'Agency name must be 120 characters or fewer' });
  if (!isSector(raw.sector)) errors.push({ field: 'sector', message: `Select the agency's sector (one of: ${SECTORS.join(', ')})` });
  return errors.length ? { errors } : { value: { name, sector: raw.sector as Sector }, errors };
}

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  password?: string;
}

export function validateUser(raw: { email?: unknown; name?: unknown; role?: unknown; agencyId?: unknown; password?: unknown }): {
  value?: UserInput;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const email = typeof raw.email === 'string' ? raw.email.trim().toLowerCase() : '';
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!EMAIL.test(email) || email.length > 254) errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
  if (!name) errors.push({ field: 'name', message: 'Enter the full name' });
  else if (name.length > 120) errors.push({ field: 'name', message: 'Name must be 120 characters or fewer' });
  if (!isRole(raw.role)) errors.push({ field: 'role', message: `Select a role (one of: ${ROLES.join(', ')})` });
  if (typeof raw.agencyId !== 'string' || !raw.agencyId) errors.push({ field: 'agencyId', message: 'Select the agency' });
  let password: string | undefined;
  if (typeof raw.password === 'string' && raw.password !== '') {
    const problem = passwordProblems(raw.password);
    if (problem) errors.push({ field: 'password', message: problem });
    password = raw.password;
  }
  if (errors.length) return { errors };
  return { value: { email, name, role: raw.role as Role, agencyId: raw.agencyId as string, password }, errors };
}
