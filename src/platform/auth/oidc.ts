// Single sign-on with OpenID Connect (authorisation code flow with PKCE, openid-client v6), as councils use with
// Microsoft Entra ID. The state, nonce and PKCE verifier live in a short-lived signed cookie, so a callback only
// completes in the browser that started it. Who the person is: their e-mail, only when the provider says it is verified.
import * as client from 'openid-client';
import type { Config, OidcConfig } from '../../config.ts';
import type { Identity } from './service.ts';

export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';

/** `amr` values (RFC 8176) that mean the provider checked more than a password. */
const MFA_AMR = new Set(['mfa', 'otp', 'hwk']);

export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

export class OidcRefused extends Error {}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export function oidcClient(settings: OidcConfig, config: Config) {
  let discovered: Promise<client.Configuration> | undefined;
  const issuer = new URL(settings.issuer);
  const redirectUri = () => new URL(OIDC_CALLBACK_PATH, config.publicUrl).toString();

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        // Plain http only for a provider on this machine (tests, local development); anywhere else HTTPS.
        execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((err) => {
        discovered = undefined; // try again on the next sign-in rather than failing until restart
        throw err;
      });
    return discovered;
  }

  return {
    /** Where to send the browser, and what to remember (in the signed cookie) until it comes back. */
    async start(returnTo: string): Promise<{ url: string; pending: OidcPending }> {
      const cfg = await configuration();
      const pending: OidcPending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), returnTo };
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri(),
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.toString(), pending };
    },

    /** Exchanges the code (checking state, nonce, PKCE and the ID token) and says who signed in. */
    async finish(callbackQuery: string, pending: OidcPending): Promise<Identity> {
      const cfg = await configuration();
      const current = new URL(`${OIDC_CALLBACK_PATH}${callbackQuery}`, config.publicUrl);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(cfg, current, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        throw new OidcRefused(`The identity provider's answer was refused (${(err as Error).name})`);
      }
      const claims = tokens.claims();
      if (!claims) throw new OidcRefused('The identity provider sent no ID token');
      let email = typeof claims.email === 'string' ? claims.email : undefined;
      let verified = claims.email_verified === true;
      if (!email || !verified) {
        // Providers often keep e-mail out of the ID token and give it from the userinfo endpoint.
        const info = await client.fetchUserInfo(cfg, tokens.access_token, claims.sub);
        email = typeof info.email === 'string' ? info.email : email;
        verified = info.email_verified === true;
      }
      const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
      return { email, emailVerified: verified, mfa: amr.some((a) => MFA_AMR.has(a)), issuer: settings.issuer };
    },
  };
}

export type OidcClient = ReturnType<typeof oidcClient>;
