// /api/v1 for intelligence and disruption: thin handlers over the use cases. Handling is enforced by the use cases,
// in SQL. The permissions of a route's use cases are checked before its input is (preValidation), so a role
// without the right gets 403 whatever it sends.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireScope } from '../../platform/access/actor.ts';
import { Period, withProblems } from '../../platform/http/schemas.ts';
import {
  CommonalitiesQuery,
  DisruptionBody,
  DisruptionChanges,
  DisruptionQuery,
  EntitySearch,
  HotspotsQuery,
  Id,
  IntelligenceBody,
  NetworkQuery,
  TacticBody,
  TacticCode,
} from './schemas.ts';
import { getDisruptionReport, listDisruptions, listTactics, recordDisruption, setTactic, updateDisruption } from './use-cases/disruption.ts';
import { getEntity, searchEntities } from './use-cases/entities.ts';
import { getHotspots } from './use-cases/hotspots.ts';
import { getItem, recentIntelligence } from './use-cases/items.ts';
import { getCommonalities, getNetwork } from './use-cases/networks.ts';
import { getPanelPack } from './use-cases/panel.ts';
import { recordIntelligence } from './use-cases/record.ts';

const Any = Type.Any();

/** Every declared use case's permission, before the input is parsed: 403 comes before 400 or 422. */
export const permitted = async (req: FastifyRequest) => {
  for (const uc of req.routeOptions.config.useCases ?? []) requireScope(req.actor!, ...uc.permission);
};

export function intelligenceApi(api: FastifyInstance) {
  api.post(
    '/intelligence',
    {
      preValidation: permitted,
      config: { useCases: [recordIntelligence, getItem] },
      schema: {
        tags: ['intelligence'],
        summary: 'Record graded intelligence with the entities and links it describes',
        description:
          'All or nothing: any error (unknown grading, a link to itself, an implausible registration not confirmed, dates out of order) saves nothing. Send an `Idempotency-Key` header to make retries safe.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: IntelligenceBody,
        response: withProblems({ 201: Any, 200: Any }, { 422: 'Not valid: see errors' }),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const r = await req.run(recordIntelligence, { ...(req.body as object), ...(key ? { idempotencyKey: `api:${key}` } : {}) });
      const item = await req.run(getItem, { id: r.id });
      return reply
        .status(r.created ? 201 : 200)
        .header('location', `/api/v1/intelligence/${r.id}`)
        .send(item);
    },
  );

  api.get(
    '/intelligence',
    {
      preValidation: permitted,
      config: { useCases: [recentIntelligence] },
      schema: { tags: ['intelligence'], summary: 'Recent intelligence the caller may see', response: withProblems({ 200: Any }) },
    },
    async (req) => ({ items: await req.run(recentIntelligence) }),
  );

  api.get(
    '/intelligence/:id',
    {
      preValidation: permitted,
      config: { useCases: [getItem] },
      schema: {
        tags: ['intelligence'],
        summary: 'One intelligence report and its links',
        params: Id,
        response: withProblems({ 200: Any }, { 404: 'No such report, or not one you may see' }),
      },
    },
    async (req) => req.run(getItem, req.params),
  );

  api.get(
    '/entities',
    {
      preValidation: permitted,
      config: { useCases: [searchEntities] },
      schema: {
        tags: ['intelligence'],
        summary: 'Find entities (only those you may know of)',
        querystring: EntitySearch,
        response: withProblems({ 200: Any }),
      },
    },
    async (req) => ({ entities: await req.run(searchEntities, req.query) }),
  );

  api.get(
    '/entities/:id',
    {
      preValidation: permitted,
      config: { useCases: [getEntity] },
      schema: {
        tags: ['intelligence'],
        summary: 'One entity (only one you may know of)',
        params: Id,
        response: withProblems({ 200: Any }, { 404: 'No such entity, or not one you may know of' }),
      },
    },
    async (req) => req.run(getEntity, req.params),
  );

  const networkSchema = (summary: string) => ({
    tags: ['intelligence'],
    summary,
    description:
      'Nodes and links within `depth` steps, only through links you may see (handling code C is filtered before a link is followed). At most 500 nodes, nearest first; `truncated` says when some were left off.',
    params: Id,
    querystring: NetworkQuery,
    response: withProblems({ 200: Any }, { 404: 'No such person or entity, or not one you may know of' }),
  });
  const network = async (req: FastifyRequest) => req.run(getNetwork, { ...(req.params as object), ...(req.query as object) });
  const networkRoute = { preValidation: permitted, config: { useCases: [getNetwork] } };
  api.get('/persons/:id/network', { ...networkRoute, schema: networkSchema('A person’s network: associates, places, vehicles, phones and accounts') }, network);
  api.get('/entities/:id/network', { ...networkRoute, schema: networkSchema('An entity’s network') }, network);

  api.get(
    '/commonalities',
    {
      preValidation: permitted,
      config: { useCases: [getCommonalities] },
      schema: {
        tags: ['intelligence'],
        summary: 'What two or more people have in common: entities linked to two or more of them',
        querystring: CommonalitiesQuery,
        response: withProblems({ 200: Any }, { 422: 'Fewer than two, or unknown, people' }),
      },
    },
    async (req) =>
      req.run(getCommonalities, {
        personIds: (req.query as { personIds: string }).personIds
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      }),
  );

  api.get(
    '/hotspots',
    {
      preValidation: permitted,
      config: { useCases: [getHotspots] },
      schema: {
        tags: ['intelligence'],
        summary: 'Concerns by ward and category over a period, and the locations behind them',
        querystring: HotspotsQuery,
        response: withProblems({ 200: Any }, { 422: 'The period ends before it starts' }),
      },
    },
    async (req) => req.run(getHotspots, req.query),
  );

  api.get(
    '/reports/panel',
    {
      preValidation: permitted,
      config: { useCases: [getPanelPack] },
      schema: {
        tags: ['intelligence', 'reports'],
        summary: 'Exploitation Panel pack: themes, hotspots and problem profile (counts 1-5 shown as c unless you may see exact counts)',
        querystring: Period,
        response: withProblems({ 200: Any }, { 422: 'The period ends before it starts' }),
      },
    },
    async (req) => req.run(getPanelPack, req.query),
  );

  // ---- disruption ----

  api.get(
    '/disruption-tactics',
    {
      preValidation: permitted,
      config: { useCases: [listTactics] },
      schema: {
        tags: ['disruption'],
        summary: 'Disruption tactics (Home Office toolkit defaults and the partnership’s own)',
        response: withProblems({ 200: Any }),
      },
    },
    async (req) => ({ tactics: await req.run(listTactics) }),
  );

  api.put(
    '/disruption-tactics/:code',
    {
      preValidation: permitted,
      config: { useCases: [setTactic] },
      schema: {
        tags: ['disruption'],
        summary: 'Add, rename or withdraw a disruption tactic',
        params: TacticCode,
        body: TacticBody,
        response: withProblems({ 200: Any }, { 422: 'Not valid' }),
      },
    },
    async (req) => ({ tactics: (await req.run(setTactic, { ...(req.params as object), ...(req.body as object) })).tactics }),
  );

  api.post(
    '/disruptions',
    {
      preValidation: permitted,
      config: { useCases: [recordDisruption] },
      schema: {
        tags: ['disruption'],
        summary: 'Record disruption activity against a person, place, vehicle or business',
        body: DisruptionBody,
        response: withProblems({ 201: Any }, { 422: 'Not valid: see errors' }),
      },
    },
    async (req, reply) => {
      const d = await req.run(recordDisruption, req.body);
      return reply.status(201).header('location', `/api/v1/disruptions/${d.id}`).send(d);
    },
  );

  api.get(
    '/disruptions',
    {
      preValidation: permitted,
      config: { useCases: [listDisruptions] },
      schema: { tags: ['disruption'], summary: 'Disruption activity, newest first', querystring: DisruptionQuery, response: withProblems({ 200: Any }) },
    },
    async (req) => ({ disruptions: await req.run(listDisruptions, req.query) }),
  );

  api.patch(
    '/disruptions/:id',
    {
      preValidation: permitted,
      config: { useCases: [updateDisruption] },
      schema: {
        tags: ['disruption'],
        summary: 'Record progress: status, end date, outcome',
        params: Id,
        body: DisruptionChanges,
        response: withProblems({ 200: Any }, { 404: 'No such activity', 422: 'Not valid' }),
      },
    },
    async (req) => (await req.run(updateDisruption, { ...(req.params as object), ...(req.body as object) })).activity,
  );

  api.get(
    '/reports/disruption',
    {
      preValidation: permitted,
      config: { useCases: [getDisruptionReport] },
      schema: {
        tags: ['disruption', 'reports'],
        summary: 'Disruption activity started in a period, by tactic and outcome',
        querystring: Period,
        response: withProblems({ 200: Any }, { 422: 'The period ends before it starts' }),
      },
    },
    async (req) => req.run(getDisruptionReport, req.query),
  );
}
