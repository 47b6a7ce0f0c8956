// Input for agencies, accounts and API tokens: one schema for the pages, the API, the command line and the use cases.
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../platform/access/policy.ts';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { SECTORS } from './domain.ts';

const text = (maxLength: number, label: string, required?: string) =>
  Type.String({
    maxLength,
    errorMessage: { maxLength: `${label} must be ${maxLength} characters or fewer`, type: `${label} must be text`, ...(required ? { required } : {}) },
  });

const sector = Enum(SECTORS, { errorMessage: { required: 'Select the agency’s sector', enum: `Select the agency’s sector (one of: ${SECTORS.join(', ')})` } });
const role = Enum(ROLES, { errorMessage: { required: 'Select a role', enum: `Select a role (one of: ${ROLES.join(', ')})` } });
const email = text(254, 'Email address', 'Enter an email address in the correct format, like name@example.org');

export const AgencyInput = Type.Object({ name: text(120, 'Agency name', 'Enter the agency name'), sector }, { additionalProperties: false });

export const AgencySchema = Type.Object({ id: Uuid, name: Type.String(), sector: Enum(SECTORS), active: Type.Boolean() }, { $id: 'Agency' });

const account = {
  email,
  name: text(120, 'Name', 'Enter the full name'),
  role,
  agencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the agency', format: 'Select the agency' } }),
};

/** An invitation: the person chooses their password from a one-time link. */
export const InviteUserInput = Type.Object(account, { additionalProperties: false });

/** An account ready to use, with its password (the command line and tests). */
export const CreateUserInput = Type.Object(
  { ...account, password: Type.String({ maxLength: 200, errorMessage: { required: 'Enter a password' } }) },
  { additionalProperties: false },
);

/** The command line's `users add`: the agency by name, created (with `sector`) when there is none. */
export const AddUserInput = Type.Object(
  {
    email,
    name: account.name,
    role,
    agencyName: text(120, 'Agency name', 'Give the agency name'),
    sector: Type.Optional(sector),
    password: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const UserId = Type.Object({ id: Uuid }, { additionalProperties: false });

export const UpdateUserInput = Type.Object(
  { id: Uuid, role: Type.Optional(Enum(ROLES, { errorMessage: { enum: 'Select a role' } })), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** A token for the actor, or (for an administrator) for the user with this email. */
export const IssueTokenInput = Type.Object({ email: Type.Optional(email), name: Type.Optional(text(120, 'Token name')) }, { additionalProperties: false });

export const TokenId = Type.Object({ id: Uuid }, { additionalProperties: false });
