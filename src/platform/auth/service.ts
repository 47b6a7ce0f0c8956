// Sign-in, sessions, two-factor (TOTP codes or passkeys) and API-token authentication. Attempts at a password or a
// code are counted in SQL before they are checked, so concurrent guesses cannot share one count; each privilege
// step (password, second factor, enrolment, single sign-on) gives the session a new id.

import type { Config } from '../../config.ts';
import type { Actor } from '../access/actor.ts';
import { auditActor } from '../access/actor.ts';
import { isRole } from '../access/policy.ts';
import type { Db } from '../db/connect.ts';
import type { EventConsumer } from '../events/events.ts';
import { recordChange } from '../usecase/run.ts';
import { passkeyFunctions } from './passkeys.ts';
import { decoyHash, newToken, sha256, verifyPassword } from './secrets.ts';
import * as store from './store.ts';
import { newTotpSecret, totpQrSvg, totpStep } from './totp.ts';

export type SignInResult =
  | { outcome: 'signed_in'; sessionToken: string; next: 'done' | 'mfa' | 'mfa_setup' }
  | { outcome: 'invalid' }
  | { outcome: 'locked'; until: Date };

/** A second factor passed: the session's new token. */
export type MfaResult = { outcome: 'passed'; sessionToken: string } | { outcome: 'wrong' } | { outcome: 'locked'; until: Date };

export interface SessionState {
  actor: Actor;
  tokenHash: string;
  mfaPassed: boolean;
  mfaEnabled: boolean;
}

/** What an identity provider said about the person who signed in there. */
export interface Identity {
  email: string | undefined;
  emailVerified: boolean;
  /** The provider asserted multi-factor authentication (its `amr` claim). */
  mfa: boolean;
  issuer: string;
}

export type IdentitySignInResult = SignInResult | { outcome: 'unverified' } | { outcome: 'unknown' };

/** Wrong two-factor codes allowed per account before its two-factor is locked for the lock-out period. */
export const MFA_MAX_FAILURES = 5;

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
/** Who is told when an account's two-factor locks: the user and whoever the policy lets manage users. */

/** `consumers` see sign-in's domain events (a two-factor lock-out), as the use-case runner's do. */
export function authService(db: Db, config: Config, consumers: EventConsumer[] = []) {
  const needsMfa = (mfaEnabled: boolean) => mfaEnabled || config.requireMfa;
  const lockEnd = (now: Date) => new Date(now.getTime() + config.lockoutMinutes * 60_000);

  /** A new session after the password (or the identity provider); any session the browser had is ended. */
  async function startSession(tx: Db, user: UserRow, previousToken: string | undefined, mfaDone: boolean) {
    if (previousToken) await store.deleteSession(tx, sha256(previousToken));
    const sessionToken = newToken();
    const mfaNeeded = needsMfa(user.mfa_enabled) && !mfaDone;
    await store.insertSession(tx, { partnershipId: user.partnership_id, userId: user.id }, sha256(sessionToken), !mfaNeeded);
    const next = !mfaNeeded ? ('done' as const) : user.mfa_enabled ? ('mfa' as const) : ('mfa_setup' as const);
    return { outcome: 'signed_in' as const, sessionToken, next };
  }

  /** The second factor passed: the same sign-in continues under a new session id. */
  async function passMfa(tx: Db, state: SessionState): Promise<string> {
    const sessionToken = newToken();
    if (!(await store.renewSession(tx, state.tokenHash, sha256(sessionToken), true))) throw new Error('The session ended during two-factor authentication');
    return sessionToken;
  }

  /** Counts one two-factor attempt; null when it may go ahead, else the lock's end. */
  async function takeMfaAttempt(state: SessionState, now: Date): Promise<{ attempt: number } | { until: Date }> {
    const attempt = await store.takeMfaAttempt(db, keyOf(state), now);
    if (attempt !== null && attempt <= MFA_MAX_FAILURES) return { attempt };
    const { mfa_locked_until } = await store.mfaLockedUntil(db, keyOf(state));
    return { until: mfa_locked_until ? new Date(mfa_locked_until) : lockEnd(now) };
  }

  /** A wrong code: at the limit, two-factor locks and the user and the partnership's administrators are told. */
  async function mfaFailed(tx: Db, state: SessionState, attempt: number, now: Date): Promise<MfaResult> {
    const who = auditActor(state.actor);
    if (attempt < MFA_MAX_FAILURES) {
      await recordChange(tx, state.actor.partnershipId, who, 'sign_in.two_factor_failed', userEvent(state.actor.userId));
      return { outcome: 'wrong' };
    }
    const until = lockEnd(now);
    await store.lockMfa(tx, keyOf(state), until);
    // The user and the partnership's administrators are told (in-app) by the notifications that consume this event.
    await recordChange(
      tx,
      state.actor.partnershipId,
      who,
      'sign_in.two_factor_locked',
      {
        ...userEvent(state.actor.userId),
        details: { failures: MFA_MAX_FAILURES, minutes: config.lockoutMinutes, name: state.actor.name, email: state.actor.email },
      },
      now,
      consumers,
    );
    return { outcome: 'locked', until };
  }

  const passkeys = passkeyFunctions(db, config, {
    passMfa,
    takeMfaAttempt,
    mfaFailed,
    recordPasskey: (tx, state, name) => recordChange(tx, state.actor.partnershipId, auditActor(state.actor), name, userEvent(state.actor.userId)),
  });

  return {
    async signIn(email: string, password: string, previousToken?: string, now = new Date()): Promise<SignInResult> {
      const user = await store.userByEmail(db, email);
      if (!user?.active || !user.password_hash) {
        await verifyPassword(await decoyHash(), password);
        return { outcome: 'invalid' };
      }
      const key = { partnershipId: user.partnership_id, userId: user.id };
      const attempt = await store.takePasswordAttempt(db, key, now);
      // Locked, or a concurrent attempt already took the last one: the password is not even checked.
      if (attempt === null || attempt > config.lockoutThreshold) {
        const fresh = await store.userByEmail(db, email);
        return { outcome: 'locked', until: fresh?.locked_until ? new Date(fresh.locked_until) : lockEnd(now) };
      }
      const ok = await verifyPassword(user.password_hash, password);
      const who = { id: user.id, label: `${user.name} <${user.email}>` };
      return db.transaction().execute(async (tx) => {
        if (!ok) {
          const lock = attempt >= config.lockoutThreshold;
          if (lock) await store.lockPassword(tx, key, lockEnd(now));
          await recordChange(tx, user.partnership_id, who, lock ? 'sign_in.locked_out' : 'sign_in.failed', userEvent(user.id));
          return lock ? { outcome: 'locked' as const, until: lockEnd(now) } : { outcome: 'invalid' as const };
        }
        await store.clearPasswordAttempts(tx, key);
        await recordChange(tx, user.partnership_id, who, 'sign_in.password', userEvent(user.id));
        return startSession(tx, user, previousToken, false);
      });
    },

    /**
     * Single sign-on: the identity provider's verified e-mail names an existing account (no self-registration).
     * Jigsaw's own second factor is skipped only when the provider asserted multi-factor authentication.
     */
    async signInWithIdentity(identity: Identity, previousToken?: string): Promise<IdentitySignInResult> {
      if (!identity.email || !identity.emailVerified) return { outcome: 'unverified' };
      const user = await store.userByEmail(db, identity.email);
      if (!user?.active) return { outcome: 'unknown' };
      const who = { id: user.id, label: `${user.name} <${user.email}>` };
      return db.transaction().execute(async (tx) => {
        await recordChange(tx, user.partnership_id, who, 'sign_in.single_sign_on', {
          ...userEvent(user.id),
          details: { issuer: identity.issuer, mfa: identity.mfa },
        });
        return startSession(tx, user, previousToken, identity.mfa);
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

    /** What the two-factor page offers this user: a code (TOTP set up) and/or passkeys. */
    async mfaMethods(state: SessionState): Promise<{ totp: boolean; passkeys: number }> {
      const user = await store.mfaState(db, keyOf(state));
      return { totp: user.mfa_enabled && !!user.mfa_secret, passkeys: (await store.passkeysOf(db, keyOf(state))).length };
    },

    /** A TOTP code at the two-factor step: at most MFA_MAX_FAILURES wrong ones per account per lock-out period. */
    async verifyMfa(state: SessionState, code: string, now = new Date()): Promise<MfaResult> {
      const taken = await takeMfaAttempt(state, now);
      if ('until' in taken) return { outcome: 'locked', until: taken.until };
      const user = await store.mfaState(db, keyOf(state));
      return db.transaction().execute(async (tx) => {
        const step = user.mfa_enabled && user.mfa_secret ? totpStep(user.mfa_secret, code, now.getTime()) : null;
        const ok = step !== null && (await store.useMfaStep(tx, keyOf(state), step));
        if (!ok) return mfaFailed(tx, state, taken.attempt, now);
        await store.clearMfaAttempts(tx, keyOf(state));
        await recordChange(tx, state.actor.partnershipId, auditActor(state.actor), 'sign_in.two_factor', userEvent(state.actor.userId));
        return { outcome: 'passed' as const, sessionToken: await passMfa(tx, state) };
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

    /** The first code from a new secret switches two-factor on; the session's new token, or null. */
    async confirmMfaEnrolment(state: SessionState, code: string): Promise<string | null> {
      const user = await store.mfaState(db, keyOf(state));
      if (user.mfa_enabled) return null;
      return db.transaction().execute(async (tx) => {
        const step = user.mfa_secret ? totpStep(user.mfa_secret, code) : null;
        if (step === null || !(await store.useMfaStep(tx, keyOf(state), step))) return null;
        await store.enableMfa(tx, keyOf(state));
        await recordChange(tx, state.actor.partnershipId, auditActor(state.actor), 'two_factor.enrolled', userEvent(state.actor.userId));
        return passMfa(tx, state);
      });
    },

    ...passkeys,

    /** The user behind an API bearer token, acting with that user's permissions. */
    async tokenActor(bearer: string): Promise<Actor | null> {
      const row = await store.tokenWithUser(db, sha256(bearer));
      if (!row) return null;
      if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000)
        await store.touchToken(db, row.partnership_id, row.token_id, new Date());
      return toActor(row, 'token');
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
