// SQL for sign-in: users by e-mail, attempt counters, sessions, two-factor state, passkeys and API tokens.
import { sql } from 'kysely';
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

/**
 * Takes one password attempt for the account, atomically in SQL, before the password is checked: the attempt's
 * number since the last success, or null while the account is locked. An expired lock starts the count again.
 * Concurrent attempts each get their own number, so they cannot all be "the first failure".
 */
export async function takePasswordAttempt(db: Db, k: UserKey, now: Date): Promise<number | null> {
  const row = await db
    .updateTable('app_user')
    .set({ failed_attempts: sql`failed_attempts + 1`, locked_until: null })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_attempts')
    .executeTakeFirst();
  return row ? row.failed_attempts : null;
}

/** After a right password: the count starts again. */
export async function clearPasswordAttempts(tx: Db, k: UserKey): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ failed_attempts: 0, locked_until: null })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .execute();
}

/** Locks password sign-in until `until`; the count starts again when the lock ends. */
export async function lockPassword(tx: Db, k: UserKey, until: Date): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ failed_attempts: 0, locked_until: until })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .execute();
}

/** As takePasswordAttempt, for two-factor codes: the attempt's number, or null while two-factor is locked. */
export async function takeMfaAttempt(db: Db, k: UserKey, now: Date): Promise<number | null> {
  const row = await db
    .updateTable('app_user')
    .set({ mfa_failed_attempts: sql`mfa_failed_attempts + 1`, mfa_locked_until: null })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .where((eb) => eb.or([eb('mfa_locked_until', 'is', null), eb('mfa_locked_until', '<=', now)]))
    .returning('mfa_failed_attempts')
    .executeTakeFirst();
  return row ? row.mfa_failed_attempts : null;
}

export async function clearMfaAttempts(tx: Db, k: UserKey): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ mfa_failed_attempts: 0, mfa_locked_until: null })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .execute();
}

export async function lockMfa(tx: Db, k: UserKey, until: Date): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ mfa_failed_attempts: 0, mfa_locked_until: until })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .execute();
}

export function mfaLockedUntil(db: Db, k: UserKey) {
  return db
    .selectFrom('app_user')
    .select('mfa_locked_until')
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .executeTakeFirstOrThrow();
}

export async function insertSession(tx: Db, k: UserKey, tokenHash: string, mfaPassed: boolean): Promise<void> {
  await tx.insertInto('user_session').values({ token_hash: tokenHash, partnership_id: k.partnershipId, user_id: k.userId, mfa_passed: mfaPassed }).execute();
}

/**
 * A new session id for the same sign-in (same user, same start time, so the absolute lifetime still counts from
 * the password), with `mfaPassed` set; the old row is deleted. False when the old session no longer exists.
 */
export async function renewSession(tx: Db, oldHash: string, newHash: string, mfaPassed: boolean): Promise<boolean> {
  const made = await tx
    .insertInto('user_session')
    .columns(['token_hash', 'partnership_id', 'user_id', 'mfa_passed', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('user_session')
        .select([eb.val(newHash).as('token_hash'), 'partnership_id', 'user_id', eb.val(mfaPassed).as('mfa_passed'), 'created_at'])
        .where('token_hash', '=', oldHash),
    )
    .executeTakeFirst();
  await tx.deleteFrom('user_session').where('token_hash', '=', oldHash).execute();
  return Number(made.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Ends every session of a user (their role or access changed, or they were deactivated). */
export async function endSessionsOf(tx: Db, partnershipId: string, userId: string): Promise<void> {
  await tx.deleteFrom('user_session').where('partnership_id', '=', partnershipId).where('user_id', '=', userId).execute();
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
  return db
    .selectFrom('app_user')
    .select(['mfa_secret', 'mfa_enabled', 'name', 'email'])
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .executeTakeFirstOrThrow();
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

/** Two-factor switched on by a passkey alone: an unconfirmed TOTP secret from the set-up page is dropped. */
export async function enableMfaWithoutTotp(tx: Db, k: UserKey): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ mfa_enabled: true, mfa_secret: null })
    .where('partnership_id', '=', k.partnershipId)
    .where('id', '=', k.userId)
    .execute();
}

export async function setChallenge(db: Db, tokenHash: string, challenge: string | null): Promise<void> {
  await db.updateTable('user_session').set({ webauthn_challenge: challenge }).where('token_hash', '=', tokenHash).execute();
}

/** The session's WebAuthn challenge, spent by reading it: a challenge is answered once. */
export async function takeChallenge(db: Db, tokenHash: string): Promise<string | null> {
  const row = await db.selectFrom('user_session').select('webauthn_challenge').where('token_hash', '=', tokenHash).executeTakeFirst();
  if (row?.webauthn_challenge) await setChallenge(db, tokenHash, null);
  return row?.webauthn_challenge ?? null;
}

export function passkeysOf(db: Db, k: UserKey) {
  return db
    .selectFrom('passkey_credential')
    .select(['id', 'public_key', 'counter', 'transports', 'name', 'created_at', 'last_used_at'])
    .where('partnership_id', '=', k.partnershipId)
    .where('user_id', '=', k.userId)
    .orderBy('created_at')
    .execute();
}

export async function insertPasskey(
  tx: Db,
  k: UserKey,
  p: { id: string; publicKey: string; counter: number; transports: string[]; name: string },
): Promise<void> {
  await tx
    .insertInto('passkey_credential')
    .values({
      partnership_id: k.partnershipId,
      id: p.id,
      user_id: k.userId,
      public_key: p.publicKey,
      counter: p.counter,
      transports: p.transports,
      name: p.name,
    })
    .execute();
}

export async function usePasskey(tx: Db, k: UserKey, id: string, counter: number, at: Date): Promise<void> {
  await tx
    .updateTable('passkey_credential')
    .set({ counter, last_used_at: at })
    .where('partnership_id', '=', k.partnershipId)
    .where('user_id', '=', k.userId)
    .where('id', '=', id)
    .execute();
}

/** For an administrator's two-factor reset: the user's passkeys go with their TOTP secret. */
export async function deletePasskeysOf(tx: Db, partnershipId: string, userId: string): Promise<void> {
  await tx.deleteFrom('passkey_credential').where('partnership_id', '=', partnershipId).where('user_id', '=', userId).execute();
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
