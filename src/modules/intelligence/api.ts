// /api/v1 for intelligence and disruption: record graded intelligence, a person's or entity's network, commonalities,
// hotspots, disruption activity and tactics, and the panel pack. Access is checked before the body is parsed
// (preValidation), so a role without the right gets 403, not 400. Handling is enforced by the service, in SQL.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { requireScope } from '../../platform/access/actor.ts';
import type { Action, Resource } from '../../platform/access/policy.ts';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { CATEGORIES, DISRUPTION_OUTCOMES, DISRUPTION_STATUSES, ENTITY_KINDS, LINK_ROLES, LINK_TYPES, LOCATION_TYPES } from './domain.ts';

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Any = Type.Any();

const guard = (resource: Resource, action: Action) => async (req: FastifyRequest) => {
  requireScope(req.actor!, resource, action);
};

const EntityRef = Type.Object(
  {
    ref: Type.String({ minLength: 1, maxLength: 40, description: 'How the links of this report refer to the entity' }),
    id: Type.Optional(Uuid),
    personId: Type.Optional(Type.String({ description: 'A Jigsaw person (child or adult) by id' })),
    kind: Type.Optional(oneOf(ENTITY_KINDS)),
    label: Type.Optional(Type.String({ maxLength: 200 })),
    locationType: Type.Optional(oneOf(LOCATION_TYPES)),
    ward: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    x: Type.Optional(Nullable(Type.Number())),
    y: Type.Optional(Nullable(Type.Number())),
    registration: Type.Optional(Type.String({ maxLength: 20 })),
    registrationConfirmed: Type.Optional(Type.Boolean({ description: 'Keep a registration that is not a UK format (recorded as seen)' })),
    make: Type.Optional(Type.String({ maxLength: 100 })),
    colour: Type.Optional(Type.String({ maxLength: 50 })),
    organisationType: Type.Optional(Type.String()),
    groupType: Type.Optional(Type.String()),
    phoneNumber: Type.Optional(Type.String({ maxLength: 30 })),
    platform: Type.Optional(Type.String({ maxLength: 100 })),
    handle: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false, description: 'An existing entity (id), a Jigsaw person (personId), or a new entity (kind and its fields)' },
);

const LinkIn = Type.Object(
  {
    from: Type.String({ description: 'ref of an entity of this report' }),
    to: Type.String({ description: 'ref of an entity of this report' }),
    type: Type.String({ description: `One of ${LINK_TYPES.join(', ')}` }),
    fromRole: Type.Optional(Nullable(Type.String({ description: `${LINK_ROLES.join(', ')}` }))),
    toRole: Type.Optional(Nullable(Type.String())),
    since: Type.Optional(Nullable(Type.String({ description: 'YYYY-MM-DD' }))),
    until: Type.Optional(Nullable(Type.String({ description: 'YYYY-MM-DD' }))),
  },
  { additionalProperties: false },
);

const IntelligenceBody = Type.Object(
  {
    summary: Type.String({ maxLength: 10000 }),
    category: Type.String({ description: `One of ${CATEGORIES.join(', ')}` }),
    occurredOn: Type.String({ description: 'YYYY-MM-DD' }),
    grading: Type.String({ description: '3x5x2: source 1-3, intelligence A-E, handling P or C, like 2BC' }),
    handlingConditions: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    releaseRoles: Type.Optional(Type.Array(Type.String(), { description: 'Roles a C item is also released to' })),
    releaseAgencyIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { description: 'Agencies a C item is also released to' })),
    sourceRecord: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    entities: Type.Array(EntityRef, { maxItems: 50 }),
    links: Type.Array(LinkIn, { maxItems: 100 }),
  },
  { additionalProperties: false },
);

const DisruptionBody = Type.Object(
  {
    tactic: Type.String(),
    targetEntityId: Uuid,
    ownerAgencyId: Uuid,
    ownerName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    startedOn: IsoDate,
    endedOn: Type.Optional(Nullable(Type.String())),
    status: oneOf(DISRUPTION_STATUSES),
    outcome: Type.Optional(Nullable(oneOf(DISRUPTION_OUTCOMES))),
    outcomeNotes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  },
  { additionalProperties: false },
);

const Period = Type.Object({ from: Type.String({ description: 'YYYY-MM-DD' }), to: Type.String({ description: 'YYYY-MM-DD' }) });

export function intelligenceApi(api: FastifyInstance, svc: Services) {
  api.post(
    '/intelligence',
    {
      preValidation: guard('intelligence', 'create'),
      schema: {
        tags: ['intelligence'],
        summary: 'Record graded intelligence with the entities and links it describes',
        description: 'All or nothing: any error (unknown grading, a link to itself, an implausible registration not confirmed, dates out of order) saves nothing. Send an `Idempotency-Key` header to make retries safe.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: IntelligenceBody,
        response: withProblems({ 201: Any, 200: Any }, { 422: 'Not valid: see errors' }),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const r = await svc.intelligence.record(req.actor!, req.body as Record<string, unknown>, key ? `api:${key}` : undefined);
      const item = await svc.intelligence.getItem(req.actor!, r.id);
      return reply.status(r.created ? 201 : 200).header('location', `/api/v1/intelligence/${r.id}`).send(item);
    },
  );

  api.get(
    '/intelligence',
    { preValidation: guard('intelligence', 'read'), schema: { tags: ['intelligence'], summary: 'Recent intelligence the caller may see', response: withProblems({ 200: Any }) } },
    async (req) => ({ items: await svc.intelligence.recent(req.actor!) }),
  );

  api.get(
    '/intelligence/:id',
    {
      preValidation: guard('intelligence', 'read'),
      schema: { tags: ['intelligence'], summary: 'One intelligence report and its links', params: Type.Object({ id: Type.String() }), response: withProblems({ 200: Any }, { 404: 'No such report, or not one you may see' }) },
    },
    async (req) => svc.intelligence.getItem(req.actor!, (req.params as { id: string }).id),
  );

  api.get(
    '/entities',
    {
      preValidation: guard('intelligence', 'read'),
      schema: { tags: ['intelligence'], summary: 'Find entities (only those you may know of)', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(oneOf(ENTITY_KINDS)) }), response: withProblems({ 200: Any }) },
    },
    async (req) => {
      const q = req.query as { q?: string; kind?: string };
      return { entities: await svc.intelligence.searchEntities(req.actor!, q.q ?? '', q.kind) };
    },
  );

  const networkSchema = (summary: string) => ({
    tags: ['intelligence'],
    summary,
    description: 'Nodes and links within `depth` steps, only through links you may see (handling code C is filtered before a link is followed). At most 500 nodes, nearest first; `truncated` says when some were left off.',
    params: Type.Object({ id: Type.String() }),
    querystring: Type.Object({ depth: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal('1'), Type.Literal('2')])) }),
    response: withProblems({ 200: Any }, { 404: 'No such person or entity' }),
  });
  const network = async (req: FastifyRequest) => {
    const depth = Number((req.query as { depth?: string | number }).depth ?? 2) === 1 ? 1 : 2;
    return svc.intelligence.network(req.actor!, (req.params as { id: string }).id, depth);
  };
  api.get('/persons/:id/network', { preValidation: guard('intelligence', 'read'), schema: networkSchema('A person’s network: associates, places, vehicles, phones and accounts') }, network);
  api.get('/entities/:id/network', { preValidation: guard('intelligence', 'read'), schema: networkSchema('An entity’s network') }, network);

  api.get(
    '/commonalities',
    {
      preValidation: guard('intelligence', 'read'),
      schema: {
        tags: ['intelligence'],
        summary: 'What two or more people have in common: entities linked to two or more of them',
        querystring: Type.Object({ personIds: Type.String({ description: 'Comma-separated person (or entity) ids, 2 to 20' }) }),
        response: withProblems({ 200: Any }, { 422: 'Fewer than two, or unknown, people' }),
      },
    },
    async (req) => svc.intelligence.commonalities(req.actor!, (req.query as { personIds: string }).personIds.split(',')),
  );

  api.get(
    '/hotspots',
    {
      preValidation: guard('intelligence', 'read'),
      schema: { tags: ['intelligence'], summary: 'Concerns by ward and category over a period, and the locations behind them', querystring: Type.Object({ ...Period.properties, category: Type.Optional(Type.String()) }), response: withProblems({ 200: Any }, { 422: 'The period is not valid' }) },
    },
    async (req) => svc.intelligence.hotspots(req.actor!, req.query as Record<string, unknown>),
  );

  api.get(
    '/reports/panel',
    {
      preValidation: guard('intelligence', 'read'),
      schema: { tags: ['intelligence', 'reports'], summary: 'Exploitation Panel pack: themes, hotspots and problem profile (counts 1-5 shown as c)', querystring: Period, response: withProblems({ 200: Any }, { 422: 'The period is not valid' }) },
    },
    async (req) => svc.intelligence.panelPack(req.actor!, req.query as Record<string, unknown>),
  );

  // ---- disruption ----

  api.get(
    '/disruption-tactics',
    { preValidation: guard('disruption', 'read'), schema: { tags: ['disruption'], summary: 'Disruption tactics (Home Office toolkit defaults and the partnership’s own)', response: withProblems({ 200: Any }) } },
    async (req) => ({ tactics: await svc.intelligence.tactics(req.actor!) }),
  );

  api.put(
    '/disruption-tactics/:code',
    {
      preValidation: guard('disruption', 'manage'),
      schema: {
        tags: ['disruption'],
        summary: 'Add, rename or withdraw a disruption tactic',
        params: Type.Object({ code: Type.String() }),
        body: Type.Object({ label: Type.String({ maxLength: 200 }), targetKinds: Type.Array(oneOf(ENTITY_KINDS), { minItems: 1 }), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: withProblems({ 200: Any }, { 422: 'Not valid' }),
      },
    },
    async (req) => ({ tactics: await svc.intelligence.setTactic(req.actor!, (req.params as { code: string }).code, req.body as Record<string, unknown>) }),
  );

  api.post(
    '/disruptions',
    { preValidation: guard('disruption', 'create'), schema: { tags: ['disruption'], summary: 'Record disruption activity against a person, place, vehicle or business', body: DisruptionBody, response: withProblems({ 201: Any }, { 422: 'Not valid: see errors' }) } },
    async (req, reply) => {
      const d = await svc.intelligence.recordDisruption(req.actor!, req.body as Record<string, unknown>);
      return reply.status(201).header('location', `/api/v1/disruptions/${d.id}`).send(d);
    },
  );

  api.get(
    '/disruptions',
    { preValidation: guard('disruption', 'read'), schema: { tags: ['disruption'], summary: 'Disruption activity, newest first', querystring: Type.Object({ targetEntityId: Type.Optional(Uuid) }), response: withProblems({ 200: Any }) } },
    async (req) => ({ disruptions: await svc.intelligence.disruptions(req.actor!, req.query as { targetEntityId?: string }) }),
  );

  api.patch(
    '/disruptions/:id',
    {
      preValidation: guard('disruption', 'update'),
      schema: {
        tags: ['disruption'],
        summary: 'Record progress: status, end date, outcome',
        params: Type.Object({ id: Type.String() }),
        body: Type.Partial(Type.Object({ status: oneOf(DISRUPTION_STATUSES), endedOn: Nullable(Type.String()), outcome: Nullable(oneOf(DISRUPTION_OUTCOMES)), outcomeNotes: Nullable(Type.String({ maxLength: 5000 })) }), { additionalProperties: false, minProperties: 1 }),
        response: withProblems({ 200: Any }, { 404: 'No such activity', 422: 'Not valid' }),
      },
    },
    async (req) => svc.intelligence.updateDisruption(req.actor!, (req.params as { id: string }).id, req.body as Record<string, unknown>),
  );

  api.get(
    '/reports/disruption',
    { preValidation: guard('disruption', 'read'), schema: { tags: ['disruption', 'reports'], summary: 'Disruption activity started in a period, by tactic and outcome', querystring: Period, response: withProblems({ 200: Any }, { 422: 'The period is not valid' }) } },
    async (req) => svc.intelligence.disruptionReport(req.actor!, req.query as Record<string, unknown>),
  );
}
