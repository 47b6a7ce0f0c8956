// buildApp: the Fastify instance with its plugins in order (health, security headers, cookies, parsing, static,
// views, authentication, CSRF, routes, 404, errors) and every module's routes.
import { createHmac, randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import qs from 'node:querystring';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { actionsApi } from './modules/actions/api.ts';
import { actionsWeb } from './modules/actions/web.ts';
import { agenciesApi } from './modules/admin/api.ts';
import { ownAgency } from './modules/admin/use-cases.ts';
import { adminWeb } from './modules/admin/web.ts';
import { alertsApi } from './modules/alerts/api.ts';
import { alertsWeb } from './modules/alerts/web.ts';
import { caseAuditsApi } from './modules/case-audits/api.ts';
import { caseAuditsWeb } from './modules/case-audits/web.ts';
import { casesApi } from './modules/cases/api.ts';
import { casesWeb } from './modules/cases/web.ts';
import { chronologyApi } from './modules/chronology/api.ts';
import { chronologyWeb } from './modules/chronology/web.ts';
import { committeeApi } from './modules/committee/api.ts';
import { committeeWeb } from './modules/committee/web.ts';
import { contextsApi } from './modules/contexts/api.ts';
import { contextsWeb } from './modules/contexts/web.ts';
import { deliveryPlanApi } from './modules/delivery-plan/api.ts';
import { deliveryPlanWeb } from './modules/delivery-plan/web.ts';
import { flagsApi } from './modules/flags/api.ts';
import { flagsWeb } from './modules/flags/web.ts';
import { governanceWeb } from './modules/governance/web.ts';
import { informationRequestsApi } from './modules/information-requests/api.ts';
import { informationRequestsWeb } from './modules/information-requests/web.ts';
import { intelligenceApi } from './modules/intelligence/api.ts';
import { intelligenceWeb } from './modules/intelligence/web.ts';
import { matchingApi } from './modules/matching/api.ts';
import { matchingModelWeb } from './modules/matching/labels/web.ts';
import { matchingWeb } from './modules/matching/web.ts';
import { meetingsApi } from './modules/meetings/api.ts';
import { meetingsWeb } from './modules/meetings/web.ts';
import { missingApi } from './modules/missing/api.ts';
import { missingWeb } from './modules/missing/web.ts';
import { notificationsApi } from './modules/notifications/api.ts';
import { countUnread } from './modules/notifications/use-cases.ts';
import { notificationsWeb } from './modules/notifications/web.ts';
import { peopleApi } from './modules/people/api.ts';
import { peopleWeb } from './modules/people/web.ts';
import { plansApi } from './modules/plans/api.ts';
import { problemProfileWeb } from './modules/problem-profile/web.ts';
import { programmesApi } from './modules/programmes/api.ts';
import { programmesWeb } from './modules/programmes/web.ts';
import { referralsApi } from './modules/referrals/api.ts';
import { referralsWeb } from './modules/referrals/web.ts';
import { regionalApi } from './modules/regional/api.ts';
import { reportBuilderApi } from './modules/report-builder/api.ts';
import { reportBuilderWeb } from './modules/report-builder/web.ts';
import { reportsApi } from './modules/reports/api.ts';
import { reportsWeb } from './modules/reports/web.ts';
import { retentionApi } from './modules/retention/api.ts';
import { retentionWeb } from './modules/retention/web.ts';
import { reviewsApi } from './modules/reviews/api.ts';
import { reviewsWeb } from './modules/reviews/web.ts';
import { screeningApi } from './modules/screening/api.ts';
import { screeningWeb } from './modules/screening/web.ts';
import { sharingAgreementsApi } from './modules/sharing-agreements/api.ts';
import { sharingAgreementsWeb } from './modules/sharing-agreements/web.ts';
import { standardsApi } from './modules/standards/api.ts';
import { standardsWeb } from './modules/standards/web.ts';
import { subjectAccessWeb } from './modules/subject-access/web.ts';
import { supportApi } from './modules/support/api.ts';
import { supportWeb } from './modules/support/web.ts';
import { trainingApi } from './modules/training/api.ts';
import { trainingWeb } from './modules/training/web.ts';
import { transitionApi } from './modules/transition/api.ts';
import { triageApi } from './modules/triage/api.ts';
import { triageWeb } from './modules/triage/web.ts';
import { voiceWeb } from './modules/voice/web.ts';
import { requireScope } from './platform/access/actor.ts';
import { may } from './platform/access/rules.ts';
import { resolveAuditKey } from './platform/audit/key.ts';
import { auditSealing } from './platform/audit/sealer.ts';
import { authentication } from './platform/auth/hooks.ts';
import { loggerOptions } from './platform/auth/logging.ts';
import { authWeb } from './platform/auth/web.ts';
import type { Database } from './platform/db/connect.ts';
import { errorHandling } from './platform/http/errors.ts';
import { bodyAjv, nulErrors, textAjv } from './platform/http/input.ts';
import { Problem, unauthenticated, ValidationProblem } from './platform/http/problems.ts';
import { databaseRateLimitStore } from './platform/http/rate-limit/store.ts';
import { operations } from './platform/ops/http.ts';
import type { AnyUseCase } from './platform/usecase/usecase.ts';
import './platform/http/types.ts';
import { flashMessages } from './platform/flash/flash.ts';
import { pageRendering } from './platform/views/render.ts';
import { services as buildServices, type Services } from './services.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface RouteInfo {
  method: string;
  url: string;
  auth?: string;
  useCases: AnyUseCase[];
  /** Why a signed-in route runs no use case (a redirect, say). */
  why?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: RouteInfo[];
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  services?: Services;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp({ config, database, services, logStream }: AppDeps): Promise<FastifyInstance> {
  const svc = services ?? buildServices(database, config);
  const app = Fastify({
    // Never bodies, query strings or values from error messages: see platform/auth/logging.ts.
    logger: loggerOptions(config.logLevel, logStream),
    // The client address (rate limits, logs) is the socket's, unless it is one of the trusted proxies.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1_048_576,
    // A random request id, never the caller's: it is echoed as x-request-id and carried by every log line.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Refuses to build without the audit key on PostgreSQL; seals audit events from ready until close (decision 0007).
  auditSealing(app, database, config);

  // The route inventory lets the access tests check every route, including ones added later.
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: r.url, auth: r.config?.auth, useCases: r.config?.useCases ?? [], why: r.config?.why });
  });
  app.decorate('routeInventory', routes);

  // JSON bodies are parsed without type coercion (12345 is not text); query strings and path parameters are text,
  // so numbers in them are read as numbers.
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  // The route's first use case is its own: its permission is checked before the input is read, so a role without
  // the right gets 403, not a list of field errors that tells it what the form would take.
  app.addHook('preValidation', async (req) => {
    const own = req.routeOptions.config?.useCases?.[0];
    if (own && req.actor) requireScope(req.actor, ...own.permission);
  });

  // PostgreSQL cannot store a NUL character in text: a body, form or query value holding one is refused (422,
  // naming the field) before any handler sees it, and a path with one names no record (404).
  app.addHook('preValidation', async (req) => {
    if (nulErrors(req.params).length > 0) throw new Problem(404, 'Not found', 'The record was not found');
    const errors = [...nulErrors(req.query), ...nulErrors(req.body)];
    if (errors.length > 0) throw new ValidationProblem(errors);
  });

  // A handler runs only the use cases its route declares, as the request's actor.
  app.decorateRequest('run', function run(this: FastifyRequest, useCase: AnyUseCase, input?: unknown) {
    const declared = this.routeOptions.config.useCases ?? [];
    if (!declared.includes(useCase)) throw new Error(`Route ${this.routeOptions.url} runs ${useCase.name} without declaring it`);
    if (!this.actor) throw unauthenticated();
    return svc.run(useCase, this.actor, input);
  });

  app.get('/health', { config: { auth: 'public' } }, async (_req, reply) => {
    const ok = await svc.health();
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable' });
  });
  // /ready, /metrics (JIGSAW_METRICS_TOKEN) and x-request-id: platform/ops/.
  operations(app, database.db, config);

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies ? undefined : false,
    // Not helmet's no-referrer: with it browsers send "Origin: null" on this site's own form posts, and the Origin
    // check (platform/auth/hooks.ts) needs the real one. Other sites still get no referrer.
    referrerPolicy: { policy: 'same-origin' },
  });
  // Cookies (the CSRF secret's among them) are signed with a key every process serving this database derives alike
  // from the audit key, so a form served by one process posts to another behind a load balancer.
  const cookieSecret =
    process.env.JIGSAW_COOKIE_SECRET || createHmac('sha256', resolveAuditKey(config, database)).update('jigsaw cookie signing').digest('hex');
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  // Counted in the database, so the limit holds across every process (platform/http/rate-limit/store.ts).
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(database.db) });
  await app.register(fastifyCsrf, {
    cookieKey: 'jigsaw_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.secureCookies, signed: true },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf,
  });

  // GOV.UK and MOJ stylesheets both look for fonts and images under /assets/.
  await app.register(fastifyStatic, {
    root: [join(root, 'node_modules/govuk-frontend/dist/govuk/assets'), join(root, 'node_modules/@ministryofjustice/frontend/moj/assets')],
    prefix: '/assets/',
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: [join(root, 'node_modules/govuk-frontend/dist/govuk'), join(root, 'node_modules/@ministryofjustice/frontend/moj'), join(root, 'public')],
    prefix: '/stylesheets/',
    decorateReply: false,
    allowedPath: (path) => path.endsWith('.css'),
  });
  await app.register(fastifyStatic, {
    root: [join(root, 'node_modules/govuk-frontend/dist/govuk'), join(root, 'public')],
    prefix: '/javascripts/',
    decorateReply: false,
    allowedPath: (path) => path.endsWith('.js') || path === '/northmoor-wards.geojson',
  });

  // Cytoscape.js (link charts) and Leaflet (hotspot maps) for the intelligence pages, and @simplewebauthn/browser
  // (as index.umd.min.js) for passkeys: only these files.
  const vendorFiles = new Set(['/cytoscape.esm.min.mjs', '/leaflet-src.esm.js', '/leaflet.css', '/index.umd.min.js']);
  await app.register(fastifyStatic, {
    root: [join(root, 'node_modules/cytoscape/dist'), join(root, 'node_modules/leaflet/dist'), join(root, 'node_modules/@simplewebauthn/browser/dist/bundle')],
    prefix: '/javascripts/vendor/',
    decorateReply: false,
    allowedPath: (path) => vendorFiles.has(path),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jigsaw API',
        version: '1.0.0',
        description:
          'Multi-agency exploitation safeguarding. Authenticate with `Authorization: Bearer <token>` (see `jigsaw tokens issue`). Errors are RFC 9457 application/problem+json.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: true,
    // Shared schemas are named by their $id in components.schemas ("Referral", not "def-3").
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `Schema${i}`) },
  });
  app.get('/api/openapi.json', { config: { auth: 'public' } }, async () => app.swagger());

  // Server time per response, for benchmarks and browser dev tools.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
    // Pages hold people's details: never keep them in the browser's cache, so Back after signing out shows nothing.
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('cache-control', 'no-store');
  });

  flashMessages(app, database.db);
  pageRendering(app, config, {
    // A role that may not read agencies (scrutiny: aggregate figures only) is shown without one.
    agencyName: async (actor) => (may(actor, 'agency', 'read') ? ((await svc.run(ownAgency, actor, undefined))?.name ?? '') : ''),
    unreadNotifications: (actor) => svc.run(countUnread, actor, undefined),
  });
  authentication(app, svc.auth, config);
  errorHandling(app);

  authWeb(app, svc.auth, svc.invitations, config);
  referralsWeb(app);
  peopleWeb(app);
  voiceWeb(app);
  casesWeb(app);
  chronologyWeb(app);
  matchingWeb(app);
  matchingModelWeb(app);
  adminWeb(app);
  governanceWeb(app);
  retentionWeb(app);
  missingWeb(app);
  notificationsWeb(app, config.mail?.transport ?? null);
  triageWeb(app);
  actionsWeb(app);
  screeningWeb(app);
  reportsWeb(app);
  problemProfileWeb(app);
  reportBuilderWeb(app);
  intelligenceWeb(app);
  trainingWeb(app);
  informationRequestsWeb(app);
  meetingsWeb(app);
  subjectAccessWeb(app);
  sharingAgreementsWeb(app);
  reviewsWeb(app);
  contextsWeb(app);
  supportWeb(app);
  programmesWeb(app);
  alertsWeb(app);
  caseAuditsWeb(app);
  committeeWeb(app);
  standardsWeb(app);
  deliveryPlanWeb(app);
  flagsWeb(app);

  await app.register(
    async (api) => {
      referralsApi(api);
      peopleApi(api);
      casesApi(api);
      transitionApi(api);
      chronologyApi(api);
      matchingApi(api);
      agenciesApi(api);
      missingApi(api);
      screeningApi(api);
      triageApi(api);
      actionsApi(api);
      meetingsApi(api);
      reviewsApi(api);
      contextsApi(api);
      supportApi(api);
      regionalApi(api);
      programmesApi(api);
      alertsApi(api);
      caseAuditsApi(api);
      committeeApi(api);
      standardsApi(api);
      deliveryPlanApi(api);
      flagsApi(api, config.flagLookupsPerMinute);
      plansApi(api);
      reportsApi(api);
      reportBuilderApi(api);
      intelligenceApi(api);
      trainingApi(api);
      informationRequestsApi(api);
      retentionApi(api);
      sharingAgreementsApi(api);
      notificationsApi(api, config.mail?.transport ?? null);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
