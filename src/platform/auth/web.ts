// Sign-in pages: password, two-factor code, two-factor enrolment by QR code, invitation, sign out; passkeys and
// single sign-on are in web-passkeys.ts and web-oidc.ts. Platform code: it knows no module, so what it needs from
// the admin module (invitations) is passed in.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import { type FormBody, one } from '../http/forms.ts';
import { paths } from '../http/paths.ts';
import { Problem } from '../http/problems.ts';
import { homeFor } from '../views/render.ts';
import { SESSION_COOKIE } from './hooks.ts';
import type { AuthService, MfaResult } from './service.ts';
import { oidcWeb } from './web-oidc.ts';
import { passkeyWeb } from './web-passkeys.ts';
import { afterFirstStep, finishTarget, safeReturnTo } from './web-session.ts';

export { safeReturnTo };

// A name sent more than once arrives as a list: each field is read as its first value, never as a list.
type Form = FormBody;

/** The two things the invitation pages need from whoever manages accounts. */
export interface Invitations {
  /** Who an unexpired invitation link is for, or null. */
  find(token: string): Promise<{ email: string; name: string } | null>;
  /** Sets the password and spends the link; a Problem (422 with field errors, or 410) when it cannot. */
  accept(token: string, password: string): Promise<void>;
}

const LIMIT = { max: 20, timeWindow: '1 minute' };
const minutesLeft = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));

export function mfaLockedMessage(until: Date) {
  return `Too many wrong security codes. Two-factor sign-in to this account is locked for ${minutesLeft(until)} more minute${minutesLeft(until) === 1 ? '' : 's'}, and your partnership administrator has been told.`;
}

export function authWeb(app: FastifyInstance, auth: AuthService, invitations: Invitations, config: Config) {
  app.get('/', { config: { why: 'redirects to the home page for the role' } }, async (req, reply) =>
    reply.redirect(req.actor ? homeFor(req.actor.role) : paths.signIn()),
  );

  const signInPage = (returnTo: string, extra: Record<string, unknown> = {}) => ({ pageTitle: 'Sign in', returnTo, oidc: !!config.oidc, ...extra });

  app.get('/sign-in', { config: { auth: 'public' } }, async (req, reply) => {
    return reply.render('sign-in.njk', signInPage(safeReturnTo((req.query as Form).returnTo)));
  });

  app.post('/sign-in', { config: { auth: 'public', rateLimit: LIMIT }, preHandler: app.csrfProtection }, async (req, reply) => {
    const form = req.body as Form;
    const email = one(form.email).trim();
    const password = one(form.password);
    const returnTo = safeReturnTo(one(form.returnTo));
    const errors = [];
    if (!email) errors.push({ field: 'email', message: 'Enter your email address' });
    if (!password) errors.push({ field: 'password', message: 'Enter your password' });
    let status = 401;
    if (errors.length === 0) {
      const result = await auth.signIn(email, password, req.cookies[SESSION_COOKIE]);
      if (result.outcome === 'signed_in') return afterFirstStep(reply, config, result, returnTo);
      if (result.outcome === 'locked') status = 423;
      errors.push(
        result.outcome === 'locked'
          ? { field: 'email', message: 'This account is locked after too many failed attempts. Try again in a few minutes, or ask your administrator.' }
          : { field: 'email', message: 'The email address or password is not right' },
      );
    }
    return reply.status(status).render('sign-in.njk', signInPage(returnTo, { errors, email }));
  });

  const twoFactorPage = async (reply: FastifyReply, status = 200, errors?: unknown[]) => {
    const methods = await auth.mfaMethods(reply.request.session!);
    return reply.status(status).render('two-factor.njk', { pageTitle: 'Enter your security code', methods, errors });
  };

  app.get('/sign-in/two-factor', { config: { auth: 'partial' } }, async (req, reply) => {
    if (req.session?.mfaPassed) return reply.redirect(finishTarget(reply, config, null));
    if (!req.session?.mfaEnabled) return reply.redirect(paths.twoFactorSetup());
    return twoFactorPage(reply);
  });

  const mfaError = (result: Exclude<MfaResult, { outcome: 'passed' }>, code: string) => {
    if (result.outcome === 'locked') return { status: 423, message: mfaLockedMessage(result.until) };
    return {
      status: 401,
      message: code.trim()
        ? 'The security code is not right or has expired: enter the current 6-digit code'
        : 'Enter the 6-digit security code from your authenticator app',
    };
  };

  app.post('/sign-in/two-factor', { config: { auth: 'partial', rateLimit: LIMIT }, preHandler: app.csrfProtection }, async (req, reply) => {
    const session = req.session!;
    if (session.mfaPassed) return reply.redirect(finishTarget(reply, config, null), 303);
    const code = one((req.body as Form).code);
    const result = await auth.verifyMfa(session, code);
    if (result.outcome === 'passed') return reply.redirect(finishTarget(reply, config, result.sessionToken));
    const { status, message } = mfaError(result, code);
    return twoFactorPage(reply, status, [{ field: 'code', message }]);
  });

  const setupPage = async (reply: FastifyReply, errors?: unknown[]) => {
    const { secret, qrSvg } = await auth.mfaEnrolment(reply.request.session!);
    return reply.status(errors ? 401 : 200).render('two-factor-setup.njk', { pageTitle: 'Set up two-factor authentication', secret, qrSvg, errors });
  };

  app.get('/sign-in/two-factor/setup', { config: { auth: 'partial' } }, async (req, reply) => {
    if (req.session?.mfaEnabled) return reply.redirect(req.session.mfaPassed ? paths.home() : paths.twoFactor());
    return setupPage(reply);
  });

  app.post('/sign-in/two-factor/setup', { config: { auth: 'partial', rateLimit: LIMIT }, preHandler: app.csrfProtection }, async (req, reply) => {
    if (req.session?.mfaEnabled) return reply.redirect(req.session.mfaPassed ? paths.home() : paths.twoFactor(), 303);
    const code = one((req.body as Form).code);
    const sessionToken = await auth.confirmMfaEnrolment(req.session!, code);
    if (sessionToken) return reply.redirect(finishTarget(reply, config, sessionToken));
    return setupPage(reply, [{ field: 'code', message: 'The security code is not right: scan the QR code again and enter the current 6-digit code' }]);
  });

  app.post('/sign-out', { config: { auth: 'partial' }, preHandler: app.csrfProtection }, async (req, reply) => {
    if (req.session) await auth.signOut(req.session.tokenHash, req.session.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`${paths.signIn()}?signedOut=1`);
  });

  const expired = () => new Problem(410, 'Invitation expired', 'This invitation link has expired or was already used. Ask your administrator for a new one.');

  app.get('/invitation/:token', { config: { auth: 'public' } }, async (req, reply) => {
    const invitation = await invitations.find((req.params as { token: string }).token);
    if (!invitation) throw expired();
    return reply.render('invitation.njk', { pageTitle: 'Choose your password', invitation });
  });

  app.post('/invitation/:token', { config: { auth: 'public', rateLimit: LIMIT }, preHandler: app.csrfProtection }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const form = req.body as Form;
    const invitation = await invitations.find(token);
    if (!invitation) throw expired();
    if (one(form.password) !== one(form.confirmPassword)) {
      return reply.status(422).render('invitation.njk', {
        pageTitle: 'Choose your password',
        invitation,
        errors: [{ field: 'confirmPassword', message: 'The passwords do not match' }],
      });
    }
    try {
      await invitations.accept(token, one(form.password));
    } catch (err) {
      if (err instanceof Problem && err.status === 422)
        return reply.status(422).render('invitation.njk', { pageTitle: 'Choose your password', invitation, errors: err.errors });
      throw err;
    }
    return reply.redirect(`${paths.signIn()}?invited=1`);
  });

  passkeyWeb(app, auth, config);
  if (config.oidc) oidcWeb(app, auth, config, config.oidc);
}
