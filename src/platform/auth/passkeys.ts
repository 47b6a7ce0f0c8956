// Passkeys (WebAuthn, with @simplewebauthn/server) as a second factor besides TOTP codes. The challenge of each
// ceremony is kept on the session it was issued to and spent when answered. A passkey can be added only by a user
// who has passed two-factor, or who has no second factor yet (enrolment): never with a password alone.
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  RegistrationResponseJSON,
  verifyRegistrationResponse as VerifyRegistration,
} from '@simplewebauthn/server';
import type { Config } from '../../config.ts';
import type { Db } from '../db/connect.ts';
import type { MfaResult, SessionState } from './service.ts';
import * as store from './store.ts';

// Loaded at the first passkey ceremony, not at start: most servers never hold one (about 20 MB resident).
const webauthn = () => import('@simplewebauthn/server');

interface Helpers {
  passMfa(tx: Db, state: SessionState): Promise<string>;
  takeMfaAttempt(state: SessionState, now: Date): Promise<{ attempt: number } | { until: Date }>;
  mfaFailed(tx: Db, state: SessionState, attempt: number, now: Date): Promise<MfaResult>;
  recordPasskey(tx: Db, state: SessionState, name: string): Promise<void>;
}

export class PasskeyRefused extends Error {}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fromB64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const keyOf = (state: SessionState) => ({ partnershipId: state.actor.partnershipId, userId: state.actor.userId });

/** The relying party is the site at JIGSAW_PUBLIC_URL: its host name and its origin. */
export function relyingParty(config: Config) {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

export function passkeyFunctions(db: Db, config: Config, h: Helpers) {
  const mayAdd = (state: SessionState) => state.mfaPassed || !state.mfaEnabled;

  return {
    /** The signed-in user's passkeys, for the account page. */
    passkeys(state: SessionState) {
      return store.passkeysOf(db, keyOf(state));
    },

    async passkeyRegistrationOptions(state: SessionState) {
      if (!mayAdd(state)) throw new PasskeyRefused('Pass two-factor authentication before adding a passkey');
      const existing = await store.passkeysOf(db, keyOf(state));
      const { generateRegistrationOptions } = await webauthn();
      const options = await generateRegistrationOptions({
        rpName: 'Jigsaw',
        rpID: relyingParty(config).rpID,
        userName: state.actor.email,
        userDisplayName: state.actor.name,
        userID: new TextEncoder().encode(state.actor.userId),
        attestationType: 'none',
        excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports as AuthenticatorTransportFuture[] })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      });
      await store.setChallenge(db, state.tokenHash, options.challenge);
      return options;
    },

    /**
     * Verifies and stores a new passkey. At enrolment it switches two-factor on and passes it, so the session gets a
     * new id (returned); a user already past two-factor keeps theirs (null).
     */
    async registerPasskey(state: SessionState, response: RegistrationResponseJSON, name: string): Promise<{ sessionToken: string | null }> {
      if (!mayAdd(state)) throw new PasskeyRefused('Pass two-factor authentication before adding a passkey');
      const challenge = await store.takeChallenge(db, state.tokenHash);
      if (!challenge) throw new PasskeyRefused('Start adding the passkey again');
      const rp = relyingParty(config);
      let verified: Awaited<ReturnType<typeof VerifyRegistration>>;
      const { verifyRegistrationResponse } = await webauthn();
      try {
        verified = await verifyRegistrationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          requireUserVerification: true,
        });
      } catch {
        throw new PasskeyRefused('The passkey could not be checked: try again');
      }
      if (!verified.verified) throw new PasskeyRefused('The passkey could not be checked: try again');
      const { credential } = verified.registrationInfo;
      return db.transaction().execute(async (tx) => {
        await store.insertPasskey(tx, keyOf(state), {
          id: credential.id,
          publicKey: b64url(credential.publicKey),
          counter: credential.counter,
          transports: credential.transports ?? [],
          name: name.trim().slice(0, 100) || 'Passkey',
        });
        await h.recordPasskey(tx, state, 'two_factor.passkey_added');
        if (state.mfaPassed) return { sessionToken: null };
        await store.enableMfaWithoutTotp(tx, keyOf(state));
        await h.recordPasskey(tx, state, 'two_factor.enrolled');
        return { sessionToken: await h.passMfa(tx, state) };
      });
    },

    async passkeyAuthenticationOptions(state: SessionState) {
      const existing = await store.passkeysOf(db, keyOf(state));
      const { generateAuthenticationOptions } = await webauthn();
      const options = await generateAuthenticationOptions({
        rpID: relyingParty(config).rpID,
        allowCredentials: existing.map((c) => ({ id: c.id, transports: c.transports as AuthenticatorTransportFuture[] })),
        userVerification: 'required',
      });
      await store.setChallenge(db, state.tokenHash, options.challenge);
      return options;
    },

    /** A passkey at the two-factor step; a failed one counts towards the same per-account limit as wrong codes. */
    async authenticatePasskey(state: SessionState, response: AuthenticationResponseJSON, now = new Date()): Promise<MfaResult> {
      const challenge = await store.takeChallenge(db, state.tokenHash);
      if (!challenge) throw new PasskeyRefused('Start signing in with your passkey again');
      const taken = await h.takeMfaAttempt(state, now);
      if ('until' in taken) return { outcome: 'locked', until: taken.until };
      const credential = (await store.passkeysOf(db, keyOf(state))).find((c) => c.id === response.id);
      const rp = relyingParty(config);
      let newCounter: number | null = null;
      if (credential) {
        try {
          const { verifyAuthenticationResponse } = await webauthn();
          const v = await verifyAuthenticationResponse({
            response,
            expectedChallenge: challenge,
            expectedOrigin: rp.origin,
            expectedRPID: rp.rpID,
            requireUserVerification: true,
            credential: {
              id: credential.id,
              publicKey: fromB64url(credential.public_key),
              counter: Number(credential.counter),
              transports: credential.transports as AuthenticatorTransportFuture[],
            },
          });
          if (v.verified) newCounter = v.authenticationInfo.newCounter;
        } catch {
          newCounter = null;
        }
      }
      return db.transaction().execute(async (tx) => {
        if (newCounter === null || !credential) return h.mfaFailed(tx, state, taken.attempt, now);
        await store.usePasskey(tx, keyOf(state), credential.id, newCounter, now);
        await store.clearMfaAttempts(tx, keyOf(state));
        await h.recordPasskey(tx, state, 'sign_in.passkey');
        return { outcome: 'passed' as const, sessionToken: await h.passMfa(tx, state) };
      });
    },
  };
}
