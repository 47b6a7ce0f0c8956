// Passkeys: JSON endpoints for public/javascripts/passkeys.js (which runs @simplewebauthn/browser), used from the
// two-factor set-up page, the two-factor page and the account page. Each is a same-origin fetch with the page's
// CSRF token in its JSON body; the hooks check its Origin like any form post.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { paths } from '../http/paths.ts';
import { formatUkDateTime } from '../time.ts';
import { PasskeyRefused } from './passkeys.ts';
import type { AuthService } from './service.ts';
import { finishTarget } from './web-session.ts';

const LIMIT = { max: 20, timeWindow: '1 minute' };
const ukDateTime = (v: Date | string) => formatUkDateTime(v);
const minutesLeft = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));

export const passkeyPaths = {
  account: '/account/security',
  registrationOptions: '/sign-in/passkeys/registration/options',
  registration: '/sign-in/passkeys/registration',
  authenticationOptions: '/sign-in/passkeys/authentication/options',
  authentication: '/sign-in/passkeys/authentication',
};

type Body = { response?: unknown; name?: unknown };

export function passkeyWeb(app: FastifyInstance, auth: AuthService, config: Config) {
  const partial = { config: { auth: 'partial' as const, rateLimit: LIMIT }, preHandler: app.csrfProtection };

  const refused = (message: string) => ({ message });

  app.get(passkeyPaths.account, { config: { why: 'the signed-in user’s own sign-in settings (platform/auth, not a module use case)' } }, async (req, reply) => {
    const passkeys = await auth.passkeys(req.session!);
    const rows = passkeys.map((p) => [{ text: p.name }, { text: ukDateTime(p.created_at) }, { text: p.last_used_at ? ukDateTime(p.last_used_at) : 'Not yet' }]);
    return reply.render('account-security.njk', { pageTitle: 'Sign-in and security', passkeys, rows, passkeyPaths });
  });

  app.post(passkeyPaths.registrationOptions, partial, async (req, reply) => {
    try {
      return reply.send(await auth.passkeyRegistrationOptions(req.session!));
    } catch (err) {
      if (err instanceof PasskeyRefused) return reply.status(403).send(refused(err.message));
      throw err;
    }
  });

  app.post(passkeyPaths.registration, partial, async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    if (!body.response || typeof body.response !== 'object') return reply.status(400).send(refused('Send the passkey'));
    const session = req.session!;
    try {
      const { sessionToken } = await auth.registerPasskey(
        session,
        body.response as RegistrationResponseJSON,
        typeof body.name === 'string' ? body.name : 'Passkey',
      );
      // Enrolment passes two-factor: on to the page asked for. From the account page: back there.
      if (session.mfaPassed) await reply.flash({ heading: 'Passkey added', text: 'You can use it at the two-factor step when you sign in.' });
      const next = session.mfaPassed ? passkeyPaths.account : finishTarget(reply, config, sessionToken);
      return reply.send({ next });
    } catch (err) {
      if (err instanceof PasskeyRefused) return reply.status(400).send(refused(err.message));
      throw err;
    }
  });

  app.post(passkeyPaths.authenticationOptions, partial, async (req, reply) => reply.send(await auth.passkeyAuthenticationOptions(req.session!)));

  app.post(passkeyPaths.authentication, partial, async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    if (!body.response || typeof body.response !== 'object') return reply.status(400).send(refused('Send the passkey'));
    if (req.session!.mfaPassed) return reply.send({ next: paths.home() });
    try {
      const result = await auth.authenticatePasskey(req.session!, body.response as AuthenticationResponseJSON);
      if (result.outcome === 'passed') return reply.send({ next: finishTarget(reply, config, result.sessionToken) });
      if (result.outcome === 'locked')
        return reply.status(423).send(refused(`Too many failed attempts. Two-factor sign-in is locked for ${minutesLeft(result.until)} more minutes.`));
      return reply.status(401).send(refused('That passkey was not accepted. Try again, or enter a security code instead.'));
    } catch (err) {
      if (err instanceof PasskeyRefused) return reply.status(400).send(refused(err.message));
      throw err;
    }
  });
}
