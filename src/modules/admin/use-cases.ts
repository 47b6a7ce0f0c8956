// Partnership administration: agencies, user accounts (invite, role, deactivate, reset two-factor), API tokens.
// Staff accounts and agencies are no child's record, so their reads declare `none`; every change is an event.

import { randomUUID } from 'node:crypto';
import type { Role } from '../../platform/access/policy.ts';
import { mayManageTokenOf } from '../../platform/access/rules.ts';
import { hashPassword, newToken, sha256 } from '../../platform/auth/secrets.ts';
import { deletePasskeysOf, endSessionsOf } from '../../platform/auth/store.ts';
import { notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { checkAccount, checkAgencyName, ownAccessErrors, type Sector } from './domain.ts';
import { AddUserInput, AgencyInput, CreateUserInput, InviteUserInput, IssueTokenInput, TokenId, UpdateUserInput, UserId } from './schemas.ts';
import * as store from './store.ts';

const INVITE_DAYS = 7;

export interface AgencyView {
  id: string;
  name: string;
  sector: Sector;
  active: boolean;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  agencyName: string;
  active: boolean;
  mfaEnabled: boolean;
  invited: boolean;
  locked: boolean;
}

const agencyView = (r: { id: string; name: string; sector: string; active: boolean }): AgencyView => ({
  id: r.id,
  name: r.name,
  sector: r.sector as Sector,
  active: r.active,
});

const userView = (r: store.UserRow, now: Date): UserView => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  agencyId: r.agency_id,
  agencyName: r.agency_name,
  active: r.active,
  mfaEnabled: r.mfa_enabled,
  invited: !r.password_hash,
  locked: !!r.locked_until && new Date(r.locked_until) > now,
});

export const listAgencies = useCase({
  name: 'admin.listAgencies',
  permission: ['agency', 'read'],
  input: undefined,
  noTransaction: true,
  async run({ db, actor }): Promise<AgencyView[]> {
    return (await store.listAgencies(db, actor.partnershipId)).map(agencyView);
  },
  audit: { none: 'reference data: the partnership’s agencies' },
});

/** The actor's own agency, for the page header. */
export const ownAgency = useCase({
  name: 'admin.ownAgency',
  permission: ['agency', 'read'],
  input: undefined,
  noTransaction: true,
  async run({ db, actor }): Promise<AgencyView | null> {
    const row = await store.findAgency(db, actor.partnershipId, actor.agencyId);
    return row ? agencyView(row) : null;
  },
  audit: { none: 'the agency’s name' },
});

export const createAgency = useCase({
  name: 'admin.createAgency',
  permission: ['agency', 'manage'],
  input: AgencyInput,
  async run({ db, actor }, input): Promise<AgencyView> {
    const { name, errors } = checkAgencyName(input.name);
    if (errors.length) throw new ValidationProblem(errors);
    if (await store.agencyByName(db, actor.partnershipId, name))
      throw new ValidationProblem([{ field: 'name', message: `An agency called "${name}" already exists` }]);
    const id = randomUUID();
    await store.insertAgency(db, { partnership_id: actor.partnershipId, id, name, sector: input.sector });
    return { id, name, sector: input.sector, active: true };
  },
  audit: { change: 'agency.created', subject: (a) => ({ type: 'agency', id: a.id, details: { name: a.name, sector: a.sector } }) },
});

export const listUsers = useCase({
  name: 'admin.listUsers',
  permission: ['user', 'read'],
  input: undefined,
  async run({ db, actor, now }): Promise<UserView[]> {
    return (await store.listUsers(db, actor.partnershipId)).map((r) => userView(r, now));
  },
  audit: { none: 'staff accounts: no child’s record' },
});

export const getUser = useCase({
  name: 'admin.getUser',
  permission: ['user', 'read'],
  input: UserId,
  async run({ db, actor, now }, { id }): Promise<UserView> {
    const row = await store.findUser(db, actor.partnershipId, id);
    if (!row) throw notFound('The user');
    return userView(row, now);
  },
  audit: { none: 'a staff account: no child’s record' },
});

type NewAccount = typeof InviteUserInput.static & { password?: string };

/** Checks and stores an account; without a password it is an invitation with a one-time link (stored as a hash). */
async function addAccount(db: Parameters<typeof store.insertUser>[0], partnershipId: string, now: Date, input: NewAccount) {
  const { email, name, errors } = checkAccount(input);
  if (errors.length) throw new ValidationProblem(errors);
  if (!(await store.findAgency(db, partnershipId, input.agencyId)))
    throw new ValidationProblem([{ field: 'agencyId', message: 'Select an agency of this partnership' }]);
  if (await store.userByEmail(db, email)) throw new ValidationProblem([{ field: 'email', message: `There is already an account for ${email}` }]);
  const id = randomUUID();
  const inviteToken = input.password === undefined ? newToken() : undefined;
  await store.insertUser(db, {
    partnership_id: partnershipId,
    id,
    email,
    name,
    role: input.role,
    agency_id: input.agencyId,
    password_hash: input.password === undefined ? null : await hashPassword(input.password),
    mfa_secret: null,
    locked_until: null,
    invite_token_hash: inviteToken ? sha256(inviteToken) : null,
    invite_expires_at: inviteToken ? new Date(now.getTime() + INVITE_DAYS * 86_400_000) : null,
  });
  return { user: { id, email, role: input.role, agencyId: input.agencyId }, inviteToken };
}

const accountSubject = (out: { user: { id: string; email: string; role: string; agencyId: string } }) => ({
  type: 'user',
  id: out.user.id,
  details: { email: out.user.email, role: out.user.role, agencyId: out.user.agencyId },
});

/** Invites a person: the one-time link in `inviteToken` is returned once and lets them choose their password. */
export const inviteUser = useCase({
  name: 'admin.inviteUser',
  permission: ['user', 'manage'],
  input: InviteUserInput,
  async run({ db, actor, now }, input) {
    const { user, inviteToken } = await addAccount(db, actor.partnershipId, now, input);
    return { user, inviteToken: inviteToken as string };
  },
  audit: { change: 'user.invited', subject: accountSubject },
});

/** An account with a password, ready to use. */
export const createUser = useCase({
  name: 'admin.createUser',
  permission: ['user', 'manage'],
  input: CreateUserInput,
  async run({ db, actor, now }, input) {
    const { user } = await addAccount(db, actor.partnershipId, now, input);
    return { user };
  },
  audit: { change: 'user.created', subject: accountSubject },
});

/** The command line's `users add`: finds the agency by name, or creates it when given a sector. */
export const addUser = useCase({
  name: 'admin.addUser',
  permission: ['user', 'manage'],
  input: AddUserInput,
  async run(ctx, { agencyName, sector, password, ...account }): Promise<{ user: { id: string; email: string }; inviteToken?: string }> {
    let agencyId = (await store.agencyByName(ctx.db, ctx.actor.partnershipId, agencyName))?.id;
    if (!agencyId) {
      if (!sector) throw new ValidationProblem([{ field: 'sector', message: `There is no agency called "${agencyName}": give --sector to create it` }]);
      agencyId = (await ctx.call(createAgency, { name: agencyName, sector })).id;
    }
    if (password === undefined) return ctx.call(inviteUser, { ...account, agencyId });
    return ctx.call(createUser, { ...account, agencyId, password });
  },
  audit: { none: 'the agency and account it makes are audited by createAgency and inviteUser or createUser' },
});

/** Changes a user's role or whether they may sign in (either signs them out). No event when nothing changed. */
export const updateUser = useCase({
  name: 'admin.updateUser',
  permission: ['user', 'manage'],
  input: UpdateUserInput,
  async run({ db, actor }, { id, role, active }) {
    const errors = ownAccessErrors(actor, id, { role, active });
    if (errors.length) throw new ValidationProblem(errors);
    const user = await store.findUser(db, actor.partnershipId, id);
    if (!user) throw notFound('The user');
    const set: { role?: Role; active?: boolean } = {};
    if (role !== undefined && role !== user.role) set.role = role;
    if (active !== undefined && active !== user.active) set.active = active;
    if (Object.keys(set).length === 0) return { id, changed: null };
    await store.updateUser(db, actor.partnershipId, id, set);
    // A privilege change (a new role, or deactivation) ends the user's sessions: they sign in again under the new role.
    await endSessionsOf(db, actor.partnershipId, id);
    return { id, changed: set };
  },
  audit: { change: 'user.updated', subject: (out) => (out.changed ? { type: 'user', id: out.id, details: out.changed } : null) },
});

/** Turns off a user's two-factor (TOTP and passkeys) and signs them out, so they enrol again at their next sign-in. */
export const resetTwoFactor = useCase({
  name: 'admin.resetTwoFactor',
  permission: ['user', 'manage'],
  input: UserId,
  async run({ db, actor }, { id }) {
    if (!(await store.resetTwoFactor(db, actor.partnershipId, id))) throw notFound('The user');
    // Passkeys are a second factor too: a reset that left them would not be a reset.
    await deletePasskeysOf(db, actor.partnershipId, id);
    await endSessionsOf(db, actor.partnershipId, id);
    return { id };
  },
  audit: { change: 'user.two_factor_reset', subject: (out) => ({ type: 'user', id: out.id }) },
});

/** Tokens the actor may manage: all of the partnership's, or only their own. */
export const listTokens = useCase({
  name: 'admin.listTokens',
  permission: ['api_token', 'read'],
  input: undefined,
  async run({ db, actor, scope }) {
    return store.listTokens(db, actor.partnershipId, scope === 'partnership' ? null : actor.userId);
  },
  audit: { none: 'API tokens’ names and users: no child’s record' },
});

/** Issues a token for the actor or (for an administrator) another user; it is returned once and kept as a hash. */
export const issueToken = useCase({
  name: 'admin.issueToken',
  permission: ['api_token', 'manage'],
  input: IssueTokenInput,
  async run({ db, actor }, input): Promise<{ id: string; token: string; email: string; userId: string }> {
    const email = (input.email ?? actor.email).trim().toLowerCase();
    const user = await store.userByEmail(db, email, actor.partnershipId);
    if (!user?.active) throw new ValidationProblem([{ field: 'email', message: `There is no active user with the email ${email}` }]);
    if (!mayManageTokenOf(actor, user.id)) throw new ValidationProblem([{ field: 'email', message: 'You may only issue tokens for yourself' }]);
    const token = `jgs_${newToken()}`;
    const id = randomUUID();
    await store.insertToken(db, {
      partnership_id: actor.partnershipId,
      id,
      user_id: user.id,
      name: input.name?.trim() || 'API token',
      token_hash: sha256(token),
      prefix: token.slice(0, 8),
      last_used_at: null,
      revoked_at: null,
    });
    return { id, token, email: user.email, userId: user.id };
  },
  audit: { change: 'api_token.issued', subject: (t) => ({ type: 'api_token', id: t.id, details: { userId: t.userId } }) },
});

export const revokeToken = useCase({
  name: 'admin.revokeToken',
  permission: ['api_token', 'manage'],
  input: TokenId,
  async run({ db, actor, scope, now }, { id }) {
    if (!(await store.revokeToken(db, actor.partnershipId, id, scope === 'partnership' ? null : actor.userId, now))) throw notFound('The active token');
    return { id };
  },
  audit: { change: 'api_token.revoked', subject: (t) => ({ type: 'api_token', id: t.id }) },
});
