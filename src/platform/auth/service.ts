// Sign-in, sessions, two-factor and API-token authentication.
import type { Config } from '../../config.ts';
import type { Actor } from '../access/actor.ts';
import { auditActor } from '../access/actor.ts';
import { isRole } from '../access/policy.ts';
import { recordChange } from '../usecase/run.ts';
import type { Db } from '../db/connect.ts';
import { decoyHash, newToken, sha256, verifyPassword } from './secrets.ts';
import * as store from './store.ts';
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

const keyOf = (state: SessionState) => ({ partnershipId: state.actor.partnershipId, userId: state.actor.userId });
const userEvent = (userId: string) => ({ type: 'user', id: userId });

export function authService(db: Db, config: Config) {
  /** Accepts a code once: its time step must be later than the last one this user used. */
  async function useCode(tx: Db, state: SessionState, secret: string | null, code: string): Promise<boolean> {
    const step = secret ? totpStep(secret, code) : null;
    return step !== null && (await store.useMfaStep(tx, keyOf(state), step));
  }

  const needsMfa = (mfaEnabled: boolean) => mfaEnabled || config.requireMfa;

  return {
    async signIn(email: string, password: string, now = new Date()): Promise<SignInResult> {
      const user = await store.userByEmail(db, email);
      if (!user || !user.active || !user.password_hash) {
        await verifyPassword(await decoyHash(), password);
        return { outcome: 'invalid' };
      }
      if (user.locked_until && new Date(user.locked_until) > now) return { outcome: 'locked', until: new Date(user.locked_until) };
      const ok = await verifyPassword(user.password_hash, password);
      const who = { id: user.id, label: `${user.name} <${user.email}>` };
      const key = { partnershipId: user.partnership_id, userId: user.id };
      return db.transaction().execute(async (tx) => {
        if (!ok) {
          const attempts = user.failed_attempts + 1;
          const lock = attempts >= config.lockoutThreshold;
          const until = new Date(now.getTime() + config.lockoutMinutes * 60_000);
          await store.setFailures(tx, key, lock ? 0 : attempts, lock ? until : null);
          await recordChange(tx, user.partnership_id, who, lock ? 'sign_in.locked_out' : 'sign_in.failed', userEvent(user.id));
          return lock ? { outcome: 'locked' as const, until } : { outcome: 'invalid' as const };
        }
        await store.setFailures(tx, key, 0, null);
        const sessionToken = newToken();
        const mfaNeeded = needsMfa(user.mfa_enabled);
        await store.insertSession(tx, key, sha256(sessionToken), !mfaNeeded);
        await recordChange(tx, user.partnership_id, who, 'sign_in.password', userEvent(user.id));
        const next = !mfaNeeded ? 'done' : user.mfa_enabled ? 'mfa' : 'mfa_setup';
        return { outcome: 'signed_in' as const, sessionToken, next };
      });
    },

    /** The session behind a cookie, if it is neither idle too long nor past its absolute lifetime. */
    async session(token: string | undefined, now = new Date()): Promise<SessionState | null> {
      if (!token) return null;
      const tokenHash = sha256(token);
      const row = await store.sessionWithUser(db, tokenHash);
      if (!row) return null;
      const idle = now.getTime() - new Date(row.last_seen_at).getTime() > config.sessionIdleMinutes * 60_000;
      const old = now.getTime() - new Date(row.created_at).getTime() > config.sessionMaxHours * 3_600_000;
      const actor = toActor(row, 'session');
      if (idle || old || !actor) {
        await store.deleteSession(db, tokenHash);
        return null;
      }
      // Touch at most once a minute: a page with many assets should not write on every request.
      if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) await store.touchSession(db, tokenHash, now);
      return { actor, tokenHash, mfaPassed: row.mfa_passed, mfaEnabled: row.mfa_enabled };
    },

    async signOut(tokenHash: string, actor: Actor): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await store.deleteSession(tx, tokenHash);
        await recordChange(tx, actor.partnershipId, auditActor(actor), 'sign_out', userEvent(actor.userId));
      });
    },

    async verifyMfa(state: SessionState, code: string): Promise<boolean> {
      const user = await store.mfaState(db, keyOf(state));
      return db.transaction().execute(async (tx) => {
        const ok = user.mfa_enabled && (await useCode(tx, state, user.mfa_secret, code));
        if (ok) await store.passSessionMfa(tx, state.tokenHash);
        await recordChange(tx, state.actor.partnershipId, auditActor(state.actor), ok ? 'sign_in.two_factor' : 'sign_in.two_factor_failed', userEvent(state.actor.userId));
        return ok;
      });
    },

    /** Starts (or restarts) enrolment: a new secret that is only switched on once a code from it is confirmed. */
    async mfaEnrolment(state: SessionState): Promise<{ secret: string; qrSvg: string }> {
      const user = await store.mfaState(db, keyOf(state));
      if (user.mfa_enabled) throw new Error('Two-factor authentication is already set up');
      let secret = user.mfa_secret;
      if (!secret) {
        secret = newTotpSecret();
        await store.setMfaSecret(db, keyOf(state), secret);
      }
      return { secret, qrSvg: await totpQrSvg(secret, state.actor.email) };
    },

    async confirmMfaEnrolment(state: SessionState, code: string): Promise<boolean> {
      const user = await store.mfaState(db, keyOf(state));
      if (user.mfa_enabled) return false;
      return db.transaction().execute(async (tx) => {
        if (!(await useCode(tx, state, user.mfa_secret, code))) return false;
        await store.enableMfa(tx, keyOf(state));
        await store.passSessionMfa(tx, state.tokenHash);
        await recordChange(tx, state.actor.partnershipId, auditActor(state.actor), 'two_factor.enrolled', userEvent(state.actor.userId));
        return true;
      });
    },

    /** The user behind an API bearer token, acting with that user's permissions. */
    async tokenActor(bearer: string): Promise<Actor | null> {
      const row = await store.tokenWithUser(db, sha256(bearer));
      if (!row) return null;
      if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) await store.touchToken(db, row.partnership_id, row.token_id, new Date());
      return toActor(row, 'token');
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
