// Single sign-on pages: the button's start (off to the identity provider) and the callback (back, signed in or
// refused). No self-registration: an e-mail with no Jigsaw account gets a refusal page naming what to do.
import type { FastifyInstance } from 'fastify';
import type { Config, OidcConfig } from '../../config.ts';
import { Problem } from '../http/problems.ts';
import { SESSION_COOKIE } from './hooks.ts';
import { OIDC_CALLBACK_PATH, type OidcPending, OidcRefused, oidcClient } from './oidc.ts';
import type { AuthService } from './service.ts';
import { afterFirstStep, cookieOptions, safeReturnTo } from './web-session.ts';

const PENDING_COOKIE = 'jigsaw_oidc';
const LIMIT = { max: 20, timeWindow: '1 minute' };

const incomplete = () =>
  new Problem(400, 'Sign-in did not complete', 'Signing in with your organisation’s account did not complete. Go back to the sign-in page and try again.');

function readPending(value: string | null): OidcPending | null {
  try {
    const p = JSON.parse(value ?? '');
    return typeof p?.state === 'string' && typeof p.nonce === 'string' && typeof p.verifier === 'string' ? { ...p, returnTo: safeReturnTo(p.returnTo) } : null;
  } catch {
    return null;
  }
}

export function oidcWeb(app: FastifyInstance, auth: AuthService, config: Config, settings: OidcConfig) {
  const oidc = oidcClient(settings, config);

  app.get('/sign-in/oidc', { config: { auth: 'public', rateLimit: LIMIT } }, async (req, reply) => {
    const returnTo = safeReturnTo((req.query as { returnTo?: string }).returnTo);
    let started: Awaited<ReturnType<typeof oidc.start>>;
    try {
      started = await oidc.start(returnTo);
    } catch (err) {
      req.log.error(err);
      throw new Problem(
        503,
        'Single sign-on unavailable',
        'Your organisation’s sign-in service cannot be reached. Try again later, or sign in with your Jigsaw email address and password.',
      );
    }
    reply.setCookie(PENDING_COOKIE, JSON.stringify(started.pending), { ...cookieOptions(config), signed: true, maxAge: 600 });
    return reply.redirect(started.url);
  });

  app.get(OIDC_CALLBACK_PATH, { config: { auth: 'public', rateLimit: LIMIT } }, async (req, reply) => {
    const raw = req.cookies[PENDING_COOKIE];
    reply.clearCookie(PENDING_COOKIE, { path: '/' });
    const unsigned = raw ? req.unsignCookie(raw) : null;
    const pending = unsigned?.valid ? readPending(unsigned.value) : null;
    if (!pending) throw incomplete();
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    let identity: Awaited<ReturnType<typeof oidc.finish>>;
    try {
      identity = await oidc.finish(query, pending);
    } catch (err) {
      if (err instanceof OidcRefused) throw incomplete();
      req.log.error(err);
      throw incomplete();
    }
    const result = await auth.signInWithIdentity(identity, req.cookies[SESSION_COOKIE]);
    if (result.outcome === 'signed_in') return afterFirstStep(reply, config, result, pending.returnTo);
    const reason = result.outcome === 'unknown' ? 'unknown' : 'unverified';
    return reply.status(403).render('sign-in-refused.njk', { pageTitle: 'You cannot sign in to Jigsaw with this account', reason });
  });
}
