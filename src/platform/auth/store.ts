// SQL for sign-in: users by e-mail, sessions, two-factor state and API tokens.
import type { Db } from '../db/connect.ts';

export const userColumns = ['u.partnership_id', 'u.id', 'u.email', 'u.name', 'u.agency_id', 'u.role', 'u.active', 'u.mfa_enabled'] as const;

interface UserKey {
  partnershipId: string;
  userId: string;
}

export function userByEmail(db: Db, email: string) {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function setFailures(tx: Db, k: UserKey, failedAttempts: number, lockedUntil: Date | null): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ failed_attempts: failedAttempts, locked_until: lockedUntil })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .execute();
}

export async function insertSession(tx: Db, k: UserKey, tokenHash: string, mfaPassed: boolean): Promise<void> {
  await tx.insertInto('user_session').values({ token_hash: tokenHash, partnership_id: k.partnershipId, user_id: k.userId, mfa_passed: mfaPassed }).execute();
}

export function sessionWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 's.partnership_id').onRef('u.id', '=', 's.user_id'))
    .select([...userColumns, 's.mfa_passed', 's.created_at', 's.last_seen_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function passSessionMfa(tx: Db, tokenHash: string): Promise<void> {
  await tx.updateTable('user_session').set({ mfa_passed: true }).where('token_hash', '=', tokenHash).execute();
}

export function mfaState(db: Db, k: UserKey) {
  return db.selectFrom('app_user').select(['mfa_secret', 'mfa_enabled']).where('partnership_id', '=', k.partnershipId).where('id', '=', k.userId).executeTakeFirstOrThrow();
}

/** Accepts a two-factor time step once: only one later than the last used. True when it was accepted. */
export async function useMfaStep(tx: Db, k: UserKey, step: number): Promise<boolean> {
  const used = await tx
    .updateTable('app_user')
    .set({ mfa_last_step: step })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

export async function setMfaSecret(db: Db, k: UserKey, secret: string): Promise<void> {
  await db.updateTable('app_user').set({ mfa_secret: secret }).where('partnership_id', '=', k.partnershipId).where('id', '=', k.userId).execute();
}

export async function enableMfa(tx: Db, k: UserKey): Promise<void> {
  await tx.updateTable('app_user').set({ mfa_enabled: true }).where('partnership_id', '=', k.partnershipId).where('id', '=', k.userId).execute();
}

export function tokenWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 't.partnership_id').onRef('u.id', '=', 't.user_id'))
    .select([...userColumns, 't.id as token_id', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchToken(db: Db, partnershipId: string, tokenId: string, at: Date): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', tokenId).execute();
}
