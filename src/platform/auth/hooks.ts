// Authentication on every request: a session cookie for pages, a bearer token for the API. Default deny:
// a route must say `auth: 'public'` to be reachable without one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, unauthenticated } from '../http/problems.ts';
import { paths } from '../http/paths.ts';
import type { AuthService } from './service.ts';

export const SESSION_COOKIE = 'jigsaw_session';
const STATIC = ['/assets/', '/stylesheets/', '/javascripts/'];

export function authentication(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const route = req.routeOptions.url;
    if (route === undefined || STATIC.some((prefix) => route.startsWith(prefix))) return;
    const mode = req.routeOptions.config?.auth ?? (route.startsWith('/api/') ? 'api' : 'page');
    if (mode === 'public') return;
    if (mode === 'api') {
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
      const actor = bearer ? await auth.tokenActor(bearer) : null;
      if (!actor) throw unauthenticated(bearer ? 'The API token is not valid or has been revoked' : undefined);
      req.actor = actor;
      return;
    }
    const state = await auth.session(req.cookies[SESSION_COOKIE]);
    req.session = state;
    if (!state) {
      if (req.method !== 'GET') throw new Problem(401, 'Signed out', 'Your session has ended. Sign in again.');
      return reply.redirect(`${paths.signIn()}?returnTo=${encodeURIComponent(req.url)}`);
    }
    if (mode === 'partial') return; // two-factor pages: password passed, second factor not yet
    if (!state.mfaPassed) return reply.redirect(state.mfaEnabled ? paths.twoFactor() : paths.twoFactorSetup());
    req.actor = state.actor;
  });
}
