// SQL for agencies, user accounts and API tokens.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { ApiTokenTable, AppUserTable } from '../../platform/db/schema.ts';

export function listAgencies(db: Db, partnershipId: string) {
  return db.selectFrom('agency').select(['id', 'name', 'sector', 'active']).where('partnership_id', '=', partnershipId).orderBy('name').execute();
}

export function findAgency(db: Db, partnershipId: string, id: string) {
  return db.selectFrom('agency').select(['id', 'name', 'sector', 'active']).where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
}

/** Agency names are unique within a partnership, whatever their case. */
export function agencyByName(db: Db, partnershipId: string, name: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function insertAgency(tx: Db, values: { partnership_id: string; id: string; name: string; sector: string }): Promise<void> {
  await tx.insertInto('agency').values(values).execute();
}

function users(db: Db, partnershipId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'u.partnership_id').onRef('a.id', '=', 'u.agency_id'))
    .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.agency_id', 'a.name as agency_name', 'u.active', 'u.mfa_enabled', 'u.password_hash', 'u.locked_until'])
    .where('u.partnership_id', '=', partnershipId);
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

export function listUsers(db: Db, partnershipId: string) {
  return users(db, partnershipId).orderBy('u.name').execute();
}

export function findUser(db: Db, partnershipId: string, id: string) {
  return users(db, partnershipId).where('u.id', '=', id).executeTakeFirst();
}

/** Email addresses are unique across partnerships (they sign in with it), whatever their case. */
export function userByEmail(db: Db, email: string, partnershipId?: string) {
  let q = db
    .selectFrom('app_user')
    .select(['id', 'email', 'active'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()));
  if (partnershipId) q = q.where('partnership_id', '=', partnershipId);
  return q.executeTakeFirst();
}

export async function insertUser(tx: Db, values: Insertable<AppUserTable>): Promise<void> {
  await tx.insertInto('app_user').values(values).execute();
}

export async function updateUser(tx: Db, partnershipId: string, id: string, set: { role?: string; active?: boolean }): Promise<void> {
  await tx.updateTable('app_user').set(set).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}

/** Turns two-factor off so the user enrols again; false when there is no such user. */
export async function resetTwoFactor(tx: Db, partnershipId: string, id: string): Promise<boolean> {
  const res = await tx
    .updateTable('app_user')
    .set({ mfa_enabled: false, mfa_secret: null })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The partnership's tokens, or only one user's (`userId`), newest first. */
export function listTokens(db: Db, partnershipId: string, userId: string | null) {
  let q = db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 't.partnership_id').onRef('u.id', '=', 't.user_id'))
    .select(['t.id', 't.name', 't.prefix', 't.created_at', 't.last_used_at', 't.revoked_at', 'u.email', 'u.name as user_name'])
    .where('t.partnership_id', '=', partnershipId);
  if (userId) q = q.where('t.user_id', '=', userId);
  return q.orderBy('t.created_at', 'desc').execute();
}

export async function insertToken(tx: Db, values: Insertable<ApiTokenTable>): Promise<void> {
  await tx.insertInto('api_token').values(values).execute();
}

/** Revokes an active token (of `userId` only, when given); false when there is no such active token. */
export async function revokeToken(tx: Db, partnershipId: string, id: string, userId: string | null, at: Date): Promise<boolean> {
  let q = tx.updateTable('api_token').set({ revoked_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', id).where('revoked_at', 'is', null);
  if (userId) q = q.where('user_id', '=', userId);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** The account an unexpired invitation link is for. */
export function invitedUser(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('app_user')
    .select(['partnership_id', 'id', 'email', 'name'])
    .where('invite_token_hash', '=', tokenHash)
    .where('invite_expires_at', '>', now)
    .executeTakeFirst();
}

/** Sets the password of an unexpired invitation's account and spends the link; undefined when there is none. */
export function acceptInvitation(tx: Db, tokenHash: string, passwordHash: string, now: Date) {
  return tx
    .updateTable('app_user')
    .set({ password_hash: passwordHash, invite_token_hash: null, invite_expires_at: null })
    .where('invite_token_hash', '=', tokenHash)
    .where('invite_expires_at', '>', now)
    .returning(['partnership_id', 'id', 'name', 'email'])
    .executeTakeFirst();
}
