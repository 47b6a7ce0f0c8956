// Sign-in, sessions, two-factor and API-token authentication.
import type { Config } from '../../config.ts';
import type { Actor } from '../access/actor.ts';
import { auditActor } from '../access/actor.ts';
import { isRole } from '../access/policy.ts';
import { recordAudit } from '../audit/store.ts';
import type { Db } from '../db/connect.ts';
import { decoyHash, newToken, sha256, verifyPassword } from './secrets.ts';
import { newTotpSecret, totpQrSvg, totpStep } from './totp.ts';

export type SignInResult =
  | { outcome: 'signed_in'; sessionToken: string; next: 'done' | 'mfa' | 'mfa_setup' }
  | { outcome: 'invalid' }
  | { outcome: 'locked'; until: Date };

export interface SessionState {
  actor: Actor;
  tokenHash: string;
  mfaPassed: boolean;
  mfaEnabled: boolean;
}

type UserRow = {
  partnership_id: string;
  id: string;
  email: string;
  name: string;
  agency_id: string;
  role: string;
  active: boolean;
  mfa_enabled: boolean;
};

function toActor(u: UserRow, via: Actor['via']): Actor | null {
  if (!u.active || !isRole(u.role)) return null;
  return { userId: u.id, partnershipId: u.partnership_id, agencyId: u.agency_id, role: u.role, name: u.name, email: u.email, via };
}

const userColumns = ['u.partnership_id', 'u.id', 'u.email', 'u.name', 'u.agency_id', 'u.role', 'u.active', 'u.mfa_enabled'] as const;

export function authService(db: Db, config: Config) {
  /** Accepts a code once: its time step must be later than the last one this user used. */
  async function useCode(tx: Db, state: SessionState, secret: string | null, code: string): Promise<boolean> {
    const step = secret ? totpStep(secret, code) : null;
    if (step === null) return false;
    const used = await tx
      .updateTable('app_user')
      .set({ mfa_last_step: step })
      .where('partnership_id', '=', state.actor.partnershipId)
      .where('id', '=', state.actor.userId)
      .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(used.numUpdatedRows) === 1;
  }

  const mfaOf = (state: SessionState) =>
    db
      .selectFrom('app_user')
      .select(['mfa_secret', 'mfa_enabled'])
      .where('partnership_id', '=', state.actor.partnershipId)
      .where('id', '=', state.actor.userId)
      .executeTakeFirstOrThrow();

  const needsMfa = (mfaEnabled: boolean) => mfaEnabled || config.requireMfa;

  return {
    async signIn(email: string, password: string, now = new Date()): Promise<SignInResult> {
      const user = await db
        .selectFrom('app_user')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
        .executeTakeFirst();
      if (!user || !user.active || !user.password_hash) {
        await verifyPassword(await decoyHash(), password);
        return { outcome: 'invalid' };
      }
      if (user.locked_until && new Date(user.locked_until) > now) return { outcome: 'locked', until: new Date(user.locked_until) };
      const ok = await verifyPassword(user.password_hash, password);
      const actor = { id: user.id, label: `${user.name} <${user.email}>` };
      return db.transaction().execute(async (tx) => {
        if (!ok) {
          const attempts = user.failed_attempts + 1;
          const lock = attempts >= config.lockoutThreshold;
          const until = new Date(now.getTime() + config.lockoutMinutes * 60_000);
          await tx
            .updateTable('app_user')
            .set({ failed_attempts: lock ? 0 : attempts, locked_until: lock ? until : null })
            .where('partnership_id', '=', user.partnership_id)
            .where('id', '=', user.id)
            .execute();
          await recordAudit(tx, user.partnership_id, actor, {
            action: lock ? 'sign_in.locked_out' : 'sign_in.failed',
            resourceType: 'user',
            resourceId: user.id,
          });
          return lock ? { outcome: 'locked' as const, until } : { outcome: 'invalid' as const };
        }
        await tx
          .updateTable('app_user')
          .set({ failed_attempts: 0, locked_until: null })
          .where('partnership_id', '=', user.partnership_id)
          .where('id', '=', user.id)
          .execute();
        const sessionToken = newToken();
        const mfaNeeded = needsMfa(user.mfa_enabled);
        await tx
          .insertInto('user_session')
          .values({ token_hash: sha256(sessionToken), partnership_id: user.partnership_id, user_id: user.id, mfa_passed: !mfaNeeded })
          .execute();
        await recordAudit(tx, user.partnership_id, actor, { action: 'sign_in.password', resourceType: 'user', resourceId: user.id });
        const next = !mfaNeeded ? 'done' : user.mfa_enabled ? 'mfa' : 'mfa_setup';
        return { outcome: 'signed_in' as const, sessionToken, next };
      });
    },

    /** The session behind a cookie, if it is neither idle too long nor past its absolute lifetime. */
    async session(token: string | undefined, now = new Date()): Promise<SessionState | null> {
      if (!token) return null;
      const tokenHash = sha256(token);
      const row = await db
        .selectFrom('user_session as s')
        .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 's.partnership_id').onRef('u.id', '=', 's.user_id'))
        .select([...userColumns, 's.mfa_passed', 's.created_at', 's.last_seen_at'])
        .where('s.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return null;
      const idle = now.getTime() - new Date(row.last_seen_at).getTime() > config.sessionIdleMinutes * 60_000;
      const old = now.getTime() - new Date(row.created_at).getTime() > config.sessionMaxHours * 3_600_000;
      const actor = toActor(row, 'session');
      if (idle || old || !actor) {
        await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
        return null;
      }
      // Touch at most once a minute: a page with many assets should not write on every request.
      if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
        await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
      }
      return { actor, tokenHash, mfaPassed: row.mfa_passed, mfaEnabled: row.mfa_enabled };
    },

    async signOut(tokenHash: string, actor: Actor): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'sign_out', resourceType: 'user', resourceId: actor.userId });
      });
    },

    async verifyMfa(state: SessionState, code: string): Promise<boolean> {
      const user = await mfaOf(state);
      return db.transaction().execute(async (tx) => {
        const ok = user.mfa_enabled && (await useCode(tx, state, user.mfa_secret, code));
        if (ok) await tx.updateTable('user_session').set({ mfa_passed: true }).where('token_hash', '=', state.tokenHash).execute();
        await recordAudit(tx, state.actor.partnershipId, auditActor(state.actor), {
          action: ok ? 'sign_in.two_factor' : 'sign_in.two_factor_failed',
          resourceType: 'user',
          resourceId: state.actor.userId,
        });
        return ok;
      });
    },

    /** Starts (or restarts) enrolment: a new secret that is only switched on once a code from it is confirmed. */
    async mfaEnrolment(state: SessionState): Promise<{ secret: string; qrSvg: string }> {
      const user = await mfaOf(state);
      if (user.mfa_enabled) throw new Error('Two-factor authentication is already set up');
      let secret = user.mfa_secret;
      if (!secret) {
        secret = newTotpSecret();
        await db
          .updateTable('app_user')
          .set({ mfa_secret: secret })
          .where('partnership_id', '=', state.actor.partnershipId)
          .where('id', '=', state.actor.userId)
          .execute();
      }
      return { secret, qrSvg: await totpQrSvg(secret, state.actor.email) };
    },

    async confirmMfaEnrolment(state: SessionState, code: string): Promise<boolean> {
      const user = await mfaOf(state);
      if (user.mfa_enabled) return false;
      return db.transaction().execute(async (tx) => {
        if (!(await useCode(tx, state, user.mfa_secret, code))) return false;
        await tx
          .updateTable('app_user')
          .set({ mfa_enabled: true })
          .where('partnership_id', '=', state.actor.partnershipId)
          .where('id', '=', state.actor.userId)
          .execute();
        await tx.updateTable('user_session').set({ mfa_passed: true }).where('token_hash', '=', state.tokenHash).execute();
        await recordAudit(tx, state.actor.partnershipId, auditActor(state.actor), {
          action: 'two_factor.enrolled',
          resourceType: 'user',
          resourceId: state.actor.userId,
        });
        return true;
      });
    },

    /** The user behind an API bearer token, acting with that user's permissions. */
    async tokenActor(bearer: string): Promise<Actor | null> {
      const row = await db
        .selectFrom('api_token as t')
        .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 't.partnership_id').onRef('u.id', '=', 't.user_id'))
        .select([...userColumns, 't.id as token_id', 't.last_used_at'])
        .where('t.token_hash', '=', sha256(bearer))
        .where('t.revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
        await db
          .updateTable('api_token')
          .set({ last_used_at: new Date() })
          .where('partnership_id', '=', row.partnership_id)
          .where('id', '=', row.token_id)
          .execute();
      }
      return toActor(row, 'token');
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
