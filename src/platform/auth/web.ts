// Sign-in pages: password, two-factor code, two-factor enrolment by QR code, invitation, sign out.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import type { Services } from '../../services.ts';
import { paths } from '../http/paths.ts';
import { Problem } from '../http/problems.ts';
import { homeFor } from '../views/render.ts';
import { SESSION_COOKIE } from './hooks.ts';

type Form = Record<string, string | undefined>;

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : paths.home();
}

export function authWeb(app: FastifyInstance, svc: Services, config: Config) {
  const cookie = { path: '/', httpOnly: true, secure: config.secureCookies, sameSite: 'lax' as const };
  const returnCookie = 'jigsaw_return';

  app.get('/', { config: { why: 'redirects to the home page for the role' } }, async (req, reply) => reply.redirect(req.actor ? homeFor(req.actor.role) : paths.signIn()));

  app.get('/sign-in', { config: { auth: 'public' } }, async (req, reply) => {
    const returnTo = safeReturnTo((req.query as Form).returnTo);
    return reply.render('sign-in.njk', { pageTitle: 'Sign in', returnTo });
  });

  app.post('/sign-in', { config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } }, preHandler: app.csrfProtection }, async (req, reply) => {
    const form = req.body as Form;
    const email = (form.email ?? '').trim();
    const returnTo = safeReturnTo(form.returnTo);
    const errors = [];
    if (!email) errors.push({ field: 'email', message: 'Enter your email address' });
    if (!form.password) errors.push({ field: 'password', message: 'Enter your password' });
    if (errors.length === 0) {
      const result = await svc.auth.signIn(email, form.password as string);
      if (result.outcome === 'signed_in') {
        reply.setCookie(SESSION_COOKIE, result.sessionToken, cookie);
        if (result.next === 'done') return reply.redirect(returnTo);
        reply.setCookie(returnCookie, returnTo, cookie);
        return reply.redirect(result.next === 'mfa' ? paths.twoFactor() : paths.twoFactorSetup());
      }
      errors.push(
        result.outcome === 'locked'
          ? { field: 'email', message: 'This account is locked after too many failed attempts. Try again in a few minutes, or ask your administrator.' }
          : { field: 'email', message: 'The email address or password is not right' },
      );
    }
    return reply.status(errors.length && errors[0].message.includes('locked') ? 423 : 401).render('sign-in.njk', { pageTitle: 'Sign in', errors, email, returnTo });
  });

  const finish = (reply: FastifyReply) => {
    const to = safeReturnTo(reply.request.cookies[returnCookie]);
    reply.clearCookie(returnCookie, { path: '/' });
    return reply.redirect(to);
  };

  app.get('/sign-in/two-factor', { config: { auth: 'partial' } }, async (req, reply) => {
    if (req.session?.mfaPassed) return finish(reply);
    return reply.render('two-factor.njk', { pageTitle: 'Enter your security code' });
  });

  app.post('/sign-in/two-factor', { config: { auth: 'partial', rateLimit: { max: 20, timeWindow: '1 minute' } }, preHandler: app.csrfProtection }, async (req, reply) => {
    const session = req.session!;
    const code = (req.body as Form).code ?? '';
    if (await svc.auth.verifyMfa(session, code)) return finish(reply);
    const errors = [{ field: 'code', message: code.trim() ? 'The security code is not right or has expired: enter the current 6-digit code' : 'Enter the 6-digit security code from your authenticator app' }];
    return reply.status(401).render('two-factor.njk', { pageTitle: 'Enter your security code', errors });
  });

  const setupPage = async (reply: FastifyReply, errors?: unknown[]) => {
    const { secret, qrSvg } = await svc.auth.mfaEnrolment(reply.request.session!);
    return reply.status(errors ? 401 : 200).render('two-factor-setup.njk', { pageTitle: 'Set up two-factor authentication', secret, qrSvg, errors });
  };

  app.get('/sign-in/two-factor/setup', { config: { auth: 'partial' } }, async (req, reply) => {
    if (req.session?.mfaEnabled) return reply.redirect(req.session.mfaPassed ? paths.home() : paths.twoFactor());
    return setupPage(reply);
  });

  app.post('/sign-in/two-factor/setup', { config: { auth: 'partial', rateLimit: { max: 20, timeWindow: '1 minute' } }, preHandler: app.csrfProtection }, async (req, reply) => {
    if (req.session?.mfaEnabled) return reply.redirect(req.session.mfaPassed ? paths.home() : paths.twoFactor(), 303);
    const code = (req.body as Form).code ?? '';
    if (await svc.auth.confirmMfaEnrolment(req.session!, code)) return finish(reply);
    return setupPage(reply, [{ field: 'code', message: 'The security code is not right: scan the QR code again and enter the current 6-digit code' }]);
  });

  app.post('/sign-out', { config: { auth: 'partial' }, preHandler: app.csrfProtection }, async (req, reply) => {
    if (req.session) await svc.auth.signOut(req.session.tokenHash, req.session.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`${paths.signIn()}?signedOut=1`);
  });

  app.get('/invitation/:token', { config: { auth: 'public' } }, async (req, reply) => {
    const invitation = await svc.admin.invitation((req.params as { token: string }).token);
    if (!invitation) throw new Problem(410, 'Invitation expired', 'This invitation link has expired or was already used. Ask your administrator for a new one.');
    return reply.render('invitation.njk', { pageTitle: 'Choose your password', invitation });
  });

  app.post('/invitation/:token', { config: { auth: 'public' }, preHandler: app.csrfProtection }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const form = req.body as Form;
    const invitation = await svc.admin.invitation(token);
    if (!invitation) throw new Problem(410, 'Invitation expired', 'This invitation link has expired or was already used. Ask your administrator for a new one.');
    if ((form.password ?? '') !== (form.confirmPassword ?? '')) {
      return reply.status(422).render('invitation.njk', { pageTitle: 'Choose your password', invitation, errors: [{ field: 'confirmPassword', message: 'The passwords do not match' }] });
    }
    try {
      await svc.admin.acceptInvitation(token, form.password ?? '');
    } catch (err) {
      if (err instanceof Problem && err.status === 422) return reply.status(422).render('invitation.njk', { pageTitle: 'Choose your password', invitation, errors: err.errors });
      throw err;
    }
    return reply.redirect(`${paths.signIn()}?invited=1`);
  });
}
