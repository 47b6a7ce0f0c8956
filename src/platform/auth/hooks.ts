// Authentication on every request: a session cookie for pages, a bearer token for the API. Default deny:
// a route must say `auth: 'public'` to be reachable without one. Form posts must also come from this site.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../../config.ts';
import { paths } from '../http/paths.ts';
import { Problem, unauthenticated } from '../http/problems.ts';
import type { AuthService } from './service.ts';

export const SESSION_COOKIE = 'jigsaw_session';
const STATIC = ['/assets/', '/stylesheets/', '/javascripts/'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Mode = 'public' | 'page' | 'api' | 'partial';
const modeOf = (req: FastifyRequest, route: string): Mode => req.routeOptions.config?.auth ?? (route.startsWith('/api/') ? 'api' : 'page');

const crossSite = () => new Problem(403, 'Form refused', 'This form was not sent from Jigsaw. Go back to Jigsaw, reload the page and try again.');

export function authentication(app: FastifyInstance, auth: AuthService, config: Config) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const route = req.routeOptions.url;
    if (route === undefined || STATIC.some((prefix) => route.startsWith(prefix))) return;
    const mode = modeOf(req, route);
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

  sameOriginForms(app, config);
}

const needsCsrfHere = new WeakSet<FastifyRequest>();

/**
 * Every page POST (and PUT, PATCH, DELETE) must come from this site: an `Origin` equal to JIGSAW_PUBLIC_URL's, or,
 * without Origin (or with the opaque "null"), `Sec-Fetch-Site: same-origin`. Browsers send Origin on every POST; a request with neither header
 * (a script, not a browser) goes ahead only with a valid CSRF token, checked here whatever the route does. API
 * routes (bearer tokens, no cookies) are exempt. This is on top of each form's CSRF token.
 */
export function sameOriginForms(app: FastifyInstance, config: Config) {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const route = req.routeOptions.url;
    if (SAFE_METHODS.has(req.method) || route === undefined || modeOf(req, route) === 'api') return;
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if (origin !== undefined && origin !== 'null') {
      if (origin !== new URL(config.publicUrl).origin) throw crossSite();
    } else if (site !== undefined) {
      if (site !== 'same-origin') throw crossSite();
    } else if (origin === 'null') {
      throw crossSite(); // an opaque origin (sandboxed frame, data: URL) with nothing to show it is this site
    } else {
      needsCsrfHere.add(req);
    }
  });
  // The body is parsed by now, so the token in it can be checked.
  app.addHook('preHandler', (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (!needsCsrfHere.has(req)) return done();
    app.csrfProtection.call(app, req, reply, done);
  });
}
