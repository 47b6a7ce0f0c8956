// /api/v1/contexts: places, peer groups, schools and online spaces as subjects; refer one (or open an intelligence
// place or group), read it, assess it, link a child, record a survey of feelings of safety; the report by kind and ward.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Enum, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { CONTEXT_KINDS, CONTEXT_STATUSES, RESPONDENTS } from './domain.ts';
import { contextReport } from './report.ts';
import { AssessBody, ContextsQuery, LinkChildBody, ReferContextInput, SurveyBody } from './schemas.ts';
import { contextToolkitApi } from './toolkit/api.ts';
import { assessContext, getContext, linkChild, listContexts, recordSurvey, referContext } from './use-cases.ts';

const tags = ['contexts'];
const Params = Type.Object({ id: Uuid });
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });
const Summary = Type.Object(
  {
    id: Uuid,
    kind: Enum(CONTEXT_KINDS),
    kindLabel: Type.String(),
    name: Type.String(),
    ward: Type.Union([Type.String(), Type.Null()]),
    status: Enum(CONTEXT_STATUSES),
    children: Type.Optional(Type.Integer()),
  },
  { $id: 'ContextSummary' },
);
const ContextSchema = Type.Object(
  {
    ...Summary.properties,
    concerns: Type.String(),
    latitude: Type.Union([Type.Number(), Type.Null()]),
    longitude: Type.Union([Type.Number(), Type.Null()]),
    mapHref: Type.Union([Type.String(), Type.Null()], { description: 'An OpenStreetMap link to the coordinates' }),
    openedAt: Type.String({ format: 'date-time' }),
    reviewOn: Type.Union([Type.String(), Type.Null()]),
    reviewOverdue: Type.Boolean(),
    areas: Type.Array(Type.Object({ code: Type.String(), label: Type.String() }), { description: 'The assessment toolkit for this kind of context' }),
    assessments: Type.Array(Open('A dated assessment with a rating and notes per area')),
    childrenShown: Type.Boolean(),
    children: Type.Array(Open('A child linked to the context, with how')),
    surveys: Type.Array(Open('A survey of feelings of safety')),
    reviews: Type.Array(Open('A review of the context')),
    meetings: Type.Array(Open('A meeting (MACE) with this context as its subject')),
    actions: Type.Array(Open('An action in the tracker about the context')),
    disruption: Type.Array(Open('Disruption activity against the place or group')),
  },
  { $id: 'Context' },
);
const Cell = Type.Union([Type.Integer(), Type.Literal('c')]);
const Report = Type.Object(
  {
    kinds: Type.Array(Type.Object({ kind: Enum(CONTEXT_KINDS), label: Type.String() })),
    rows: Type.Array(Type.Object({ ward: Type.String(), counts: Type.Array(Cell), total: Cell })),
    totals: Type.Object({ counts: Type.Array(Cell), total: Cell }),
    suppressed: Type.Boolean({
      description:
        'Published figures by the partnership’s disclosure rule (default: counts of 1 to 5 as `c`, and others to protect them), for readers without exact counts',
    }),
    disclosure: Type.Optional(
      Type.Union([Type.String(), Type.Null()], { description: 'Published figures: the disclosure rule in words; null for exact counts' }),
    ),
  },
  { $id: 'ContextReport' },
);
const SurveyRecorded = Type.Object(
  {
    id: Uuid,
    contextId: Uuid,
    surveyedOn: Type.String({ format: 'date' }),
    respondents: Enum(RESPONDENTS),
    responses: Type.Integer(),
    percentSafe: Type.Number(),
    notes: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ContextSurveyRecorded' },
);
const id = (req: { params: unknown }) => (req.params as { id: string }).id;

export function contextsApi(api: FastifyInstance) {
  api.get(
    '/contexts',
    {
      config: { useCases: [listContexts] },
      schema: {
        tags,
        summary: 'Contexts, by name, filtered by kind and ward',
        querystring: ContextsQuery,
        response: withProblems({ 200: Type.Object({ items: Type.Array(Summary), wards: Type.Array(Type.String()) }) }),
      },
    },
    async (req) => req.run(listContexts, req.query as never),
  );
  api.post(
    '/contexts',
    {
      config: { useCases: [referContext] },
      schema: {
        tags,
        summary: 'Refer a context, or open an intelligence place or group as one (`entityId`: the same record, no duplicate)',
        body: ReferContextInput,
        response: withProblems(
          {
            201: Type.Object({
              id: Uuid,
              kind: Enum(CONTEXT_KINDS),
              name: Type.String(),
              ward: Type.Union([Type.String(), Type.Null()]),
              fromEntity: Type.Boolean(),
            }),
          },
          { 422: 'Not valid (already a context, not a place or group)' },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(referContext, req.body as never)),
  );
  api.get(
    '/contexts/report',
    {
      config: { useCases: [contextReport] },
      schema: { tags, summary: 'Contexts counted by kind and ward, with disclosure control for scrutiny', response: withProblems({ 200: Report }) },
    },
    async (req) => req.run(contextReport, undefined),
  );
  api.get(
    '/contexts/:id',
    {
      config: { useCases: [getContext] },
      schema: {
        tags,
        summary: 'A context with its assessments, children, meetings, actions, disruption, surveys and reviews',
        params: Params,
        response: withProblems({ 200: ContextSchema }, { 404: 'No such context' }),
      },
    },
    async (req) => req.run(getContext, { id: id(req) }),
  );
  const created = Type.Object({ id: Type.Optional(Uuid), contextId: Uuid }, { additionalProperties: true });
  api.post(
    '/contexts/:id/assessments',
    {
      config: { useCases: [assessContext] },
      schema: {
        tags,
        summary: 'Record a context assessment: a rating and notes per area of the toolkit',
        params: Params,
        body: AssessBody,
        response: withProblems({ 201: created }, { 404: 'No such context', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(assessContext, { ...(req.body as never as object), id: id(req) } as never)),
  );
  api.post(
    '/contexts/:id/children',
    {
      config: { useCases: [linkChild] },
      schema: {
        tags,
        summary: 'Link a child to the context, with how (frequents, member of the group ...)',
        params: Params,
        body: LinkChildBody,
        response: withProblems({ 201: created }, { 404: 'No such context', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(linkChild, { ...(req.body as never as object), id: id(req) } as never)),
  );
  api.post(
    '/contexts/:id/surveys',
    {
      config: { useCases: [recordSurvey] },
      schema: {
        tags,
        summary: 'Record a survey of feelings of safety (who answered, responses, % feeling safe)',
        params: Params,
        body: SurveyBody,
        response: withProblems({ 201: SurveyRecorded }, { 404: 'No such context', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(recordSurvey, { ...(req.body as never as object), id: id(req) } as never)),
  );
  contextToolkitApi(api);
}
