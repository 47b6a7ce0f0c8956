// Partnership administration: agencies, user accounts (invite, roles, deactivate, reset two-factor), API tokens.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import { isRole, type Role } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import { hashPassword, newToken, passwordProblems, sha256 } from '../../platform/auth/secrets.ts';
import type { Db } from '../../platform/db/connect.ts';
import { isUuid, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { type Sector, validateAgency, validateUser } from './domain.ts';

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

export function adminService(db: Db) {
  async function agencyByName(tx: Db, partnershipId: string, name: string) {
    return tx
      .selectFrom('agency')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
      .executeTakeFirst();
  }

  const service = {
    async listAgencies(actor: Actor): Promise<AgencyView[]> {
      requireScope(actor, 'agency', 'read');
      const rows = await db.selectFrom('agency').selectAll().where('partnership_id', '=', actor.partnershipId).orderBy('name').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, sector: r.sector as Sector, active: r.active }));
    },

    async createAgency(actor: Actor, raw: { name?: unknown; sector?: unknown }): Promise<AgencyView> {
      requireScope(actor, 'agency', 'manage');
      const { value, errors } = validateAgency(raw);
      if (!value) throw new ValidationProblem(errors);
      return db.transaction().execute(async (tx) => {
        if (await agencyByName(tx, actor.partnershipId, value.name)) {
          throw new ValidationProblem([{ field: 'name', message: `An agency called "${value.name}" already exists` }]);
        }
        const id = randomUUID();
        await tx.insertInto('agency').values({ partnership_id: actor.partnershipId, id, name: value.name, sector: value.sector }).execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'agency.created', resourceType: 'agency', resourceId: id, details: { ...value } });
        return { id, name: value.name, sector: value.sector, active: true };
      });
    },

    async listUsers(actor: Actor): Promise<UserView[]> {
      requireScope(actor, 'user', 'read');
      const rows = await db
        .selectFrom('app_user as u')
        .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'u.partnership_id').onRef('a.id', '=', 'u.agency_id'))
        .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.agency_id', 'a.name as agency_name', 'u.active', 'u.mfa_enabled', 'u.password_hash', 'u.locked_until'])
        .where('u.partnership_id', '=', actor.partnershipId)
        .orderBy('u.name')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        name: r.name,
        role: r.role as Role,
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        active: r.active,
        mfaEnabled: r.mfa_enabled,
        invited: !r.password_hash,
        locked: !!r.locked_until && new Date(r.locked_until) > new Date(),
      }));
    },

    async getUser(actor: Actor, id: string): Promise<UserView> {
      const user = (await service.listUsers(actor)).find((u) => u.id === id);
      if (!user) throw notFound('The user');
      return user;
    },

    /**
     * Creates an account. With a password it is ready to use; without one it is an invitation whose
     * one-time link (returned once, stored only as a hash) lets the person choose their password.
     */
    async createUser(
      actor: Actor,
      raw: { email?: unknown; name?: unknown; role?: unknown; agencyId?: unknown; password?: unknown },
    ): Promise<{ user: { id: string; email: string }; inviteToken?: string }> {
      requireScope(actor, 'user', 'manage');
      const { value, errors } = validateUser(raw);
      if (!value) throw new ValidationProblem(errors);
      return db.transaction().execute(async (tx) => {
        const agency = await tx
          .selectFrom('agency')
          .select('id')
          .where('partnership_id', '=', actor.partnershipId)
          .where('id', '=', value.agencyId)
          .executeTakeFirst();
        if (!agency) throw new ValidationProblem([{ field: 'agencyId', message: 'Select an agency of this partnership' }]);
        const taken = await tx
          .selectFrom('app_user')
          .select('id')
          .where((eb) => eb(eb.fn('lower', ['email']), '=', value.email))
          .executeTakeFirst();
        if (taken) throw new ValidationProblem([{ field: 'email', message: `There is already an account for ${value.email}` }]);
        const id = randomUUID();
        const inviteToken = value.password ? undefined : newToken();
        await tx
          .insertInto('app_user')
          .values({
            partnership_id: actor.partnershipId,
            id,
            email: value.email,
            name: value.name,
            role: value.role,
            agency_id: value.agencyId,
            password_hash: value.password ? await hashPassword(value.password) : null,
            mfa_secret: null,
            locked_until: null,
            invite_token_hash: inviteToken ? sha256(inviteToken) : null,
            invite_expires_at: inviteToken ? new Date(Date.now() + INVITE_DAYS * 86_400_000) : null,
          })
          .execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: inviteToken ? 'user.invited' : 'user.created',
          resourceType: 'user',
          resourceId: id,
          details: { email: value.email, role: value.role, agencyId: value.agencyId },
        });
        return { user: { id, email: value.email }, inviteToken };
      });
    },

    /** The command line's `users add`: finds or creates the agency by name. */
    async addUserByAgencyName(
      actor: Actor,
      input: { email: string; name: string; role: string; agencyName: string; sector?: string; password?: string },
    ) {
      const existing = await agencyByName(db, actor.partnershipId, input.agencyName);
      let agencyId = existing?.id;
      if (!agencyId) {
        if (!input.sector) {
          throw new ValidationProblem([
            { field: 'sector', message: `There is no agency called "${input.agencyName}": give --sector to create it` },
          ]);
        }
        agencyId = (await service.createAgency(actor, { name: input.agencyName, sector: input.sector })).id;
      }
      return service.createUser(actor, { ...input, agencyId });
    },

    async updateUser(actor: Actor, id: string, change: { role?: unknown; active?: boolean }): Promise<void> {
      requireScope(actor, 'user', 'manage');
      if (!isUuid(id)) throw notFound('The user');
      if (change.role !== undefined && !isRole(change.role)) throw new ValidationProblem([{ field: 'role', message: 'Select a role' }]);
      if (id === actor.userId && (change.active === false || (change.role && change.role !== actor.role))) {
        throw new ValidationProblem([{ field: 'role', message: 'You cannot remove your own administrator access' }]);
      }
      await db.transaction().execute(async (tx) => {
        const set: { role?: string; active?: boolean } = {};
        if (change.role !== undefined) set.role = change.role as string;
        if (change.active !== undefined) set.active = change.active;
        const res = await tx.updateTable('app_user').set(set).where('partnership_id', '=', actor.partnershipId).where('id', '=', id).executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw notFound('The user');
        if (change.active === false) await tx.deleteFrom('user_session').where('partnership_id', '=', actor.partnershipId).where('user_id', '=', id).execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'user.updated', resourceType: 'user', resourceId: id, details: set });
      });
    },

    async resetTwoFactor(actor: Actor, id: string): Promise<void> {
      requireScope(actor, 'user', 'manage');
      if (!isUuid(id)) throw notFound('The user');
      await db.transaction().execute(async (tx) => {
        const res = await tx
          .updateTable('app_user')
          .set({ mfa_enabled: false, mfa_secret: null })
          .where('partnership_id', '=', actor.partnershipId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw notFound('The user');
        await tx.deleteFrom('user_session').where('partnership_id', '=', actor.partnershipId).where('user_id', '=', id).execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'user.two_factor_reset', resourceType: 'user', resourceId: id });
      });
    },

    async invitation(token: string): Promise<{ email: string; name: string } | null> {
      const row = await db
        .selectFrom('app_user')
        .select(['email', 'name', 'invite_expires_at'])
        .where('invite_token_hash', '=', sha256(token))
        .executeTakeFirst();
      if (!row || !row.invite_expires_at || new Date(row.invite_expires_at) < new Date()) return null;
      return { email: row.email, name: row.name };
    },

    async acceptInvitation(token: string, password: string): Promise<void> {
      const problem = passwordProblems(password);
      if (problem) throw new ValidationProblem([{ field: 'password', message: problem }]);
      const hash = await hashPassword(password);
      await db.transaction().execute(async (tx) => {
        const user = await tx
          .updateTable('app_user')
          .set({ password_hash: hash, invite_token_hash: null, invite_expires_at: null })
          .where('invite_token_hash', '=', sha256(token))
          .where('invite_expires_at', '>', new Date())
          .returning(['partnership_id', 'id', 'name', 'email'])
          .executeTakeFirst();
        if (!user) throw new Problem(410, 'Invitation expired', 'This invitation link has expired or was already used. Ask your administrator for a new one.');
        await recordAudit(tx, user.partnership_id, { id: user.id, label: `${user.name} <${user.email}>` }, {
          action: 'user.invitation_accepted',
          resourceType: 'user',
          resourceId: user.id,
        });
      });
    },

    async listTokens(actor: Actor) {
      const scope = requireScope(actor, 'api_token', 'read');
      let q = db
        .selectFrom('api_token as t')
        .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 't.partnership_id').onRef('u.id', '=', 't.user_id'))
        .select(['t.id', 't.name', 't.prefix', 't.created_at', 't.last_used_at', 't.revoked_at', 'u.email', 'u.name as user_name'])
        .where('t.partnership_id', '=', actor.partnershipId);
      if (scope === 'own') q = q.where('t.user_id', '=', actor.userId);
      return q.orderBy('t.created_at', 'desc').execute();
    },

    /** Returns the token once; only its hash is kept. */
    async issueToken(actor: Actor, input: { email?: string; name?: string }): Promise<{ id: string; token: string; email: string }> {
      const scope = requireScope(actor, 'api_token', 'manage');
      const email = (input.email ?? actor.email).trim().toLowerCase();
      return db.transaction().execute(async (tx) => {
        const user = await tx
          .selectFrom('app_user')
          .select(['id', 'email', 'active'])
          .where('partnership_id', '=', actor.partnershipId)
          .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
          .executeTakeFirst();
        if (!user || !user.active) throw new ValidationProblem([{ field: 'email', message: `There is no active user with the email ${email}` }]);
        if (scope === 'own' && user.id !== actor.userId) throw new ValidationProblem([{ field: 'email', message: 'You may only issue tokens for yourself' }]);
        const token = `jgs_${newToken()}`;
        const id = randomUUID();
        await tx
          .insertInto('api_token')
          .values({
            partnership_id: actor.partnershipId,
            id,
            user_id: user.id,
            name: input.name?.trim() || 'API token',
            token_hash: sha256(token),
            prefix: token.slice(0, 8),
            last_used_at: null,
            revoked_at: null,
          })
          .execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'api_token.issued', resourceType: 'api_token', resourceId: id, details: { userId: user.id } });
        return { id, token, email: user.email };
      });
    },

    async revokeToken(actor: Actor, id: string): Promise<void> {
      const scope = requireScope(actor, 'api_token', 'manage');
      if (!isUuid(id)) throw notFound('The active token');
      await db.transaction().execute(async (tx) => {
        let q = tx.updateTable('api_token').set({ revoked_at: new Date() }).where('partnership_id', '=', actor.partnershipId).where('id', '=', id).where('revoked_at', 'is', null);
        if (scope === 'own') q = q.where('user_id', '=', actor.userId);
        const res = await q.executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw notFound('The active token');
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'api_token.revoked', resourceType: 'api_token', resourceId: id });
      });
    },
  };
  return service;
}

export type AdminService = ReturnType<typeof adminService>;
