// /api/v1/persons/matches and the merge decisions: thin handlers over the matching service.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';

const Str = (max: number, description?: string) => Type.Optional(Type.String({ maxLength: max, ...(description ? { description } : {}) }));

const MatchQuerySchema = Type.Object({
  givenName: Str(100),
  familyName: Str(100),
  dateOfBirth: Str(10, 'YYYY-MM-DD'),
  sex: Str(10, 'female, male or unknown'),
  postcode: Str(10),
  address: Str(300),
  nhsNumber: Str(12),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$', description: 'Most candidates (1-50, default 10)' })),
  minProbability: Type.Optional(Type.String({ pattern: '^(0(\\.[0-9]+)?|1(\\.0+)?)$', description: 'Leave out candidates below this probability (default 0.1)' })),
});

const CandidateSchema = Type.Object({
  personId: Uuid,
  probability: Type.Number({ minimum: 0, maximum: 1 }),
  matchWeight: Type.Number({ description: 'log2 odds: prior weight plus the field weights' }),
  priorWeight: Type.Number(),
  explanation: Type.Array(
    Type.Object({
      field: Type.String(),
      level: Type.String({ description: 'Comparison level reached, e.g. "nickname or variant", "day and month swapped"' }),
      weight: Type.Number({ description: 'log2 Bayes factor this field contributed' }),
    }),
  ),
  summary: Type.String(),
  person: Type.Object({
    givenName: Type.String(),
    familyName: Type.String(),
    dateOfBirth: Type.Union([Type.String(), Type.Null()]),
    sex: Type.Union([Type.String(), Type.Null()]),
    postcode: Type.Union([Type.String(), Type.Null()]),
  }),
});

const MatchesSchema = Type.Object(
  {
    candidates: Type.Array(CandidateSchema),
    searched: Type.Union([Type.Literal('partnership'), Type.Literal('agency')], {
      description: 'agency: only people your agency is involved with were considered (nothing is said about anyone else)',
    }),
  },
  { $id: 'PersonMatches' },
);

export function matchingApi(api: FastifyInstance, svc: Services) {
  api.get(
    '/persons/matches',
    {
      schema: {
        tags: ['persons'],
        summary: 'People already held who may be the person described, most probable first, each field explained (the query is audited)',
        querystring: MatchQuerySchema,
        response: withProblems({ 200: MatchesSchema }, { 422: 'Give at least a name or an NHS number; each detail must be valid' }),
      },
    },
    async (req) => svc.matching.matches(req.actor!, req.query as Record<string, unknown>),
  );

  api.post(
    '/persons/merges',
    {
      schema: {
        tags: ['persons'],
        summary: 'Merge one person into another (hub coordinator); reversible',
        body: Type.Object({ mergedPersonId: Type.Optional(Type.String({ description: 'The person merged away (kept, read through the survivor)' })), survivingPersonId: Type.Optional(Type.String()) }),
        response: withProblems({ 201: Type.Object({ id: Uuid, movedReferrals: Type.Integer(), addedAgencies: Type.Integer() }) }, { 404: 'No such person', 409: 'Already merged, or decided not the same', 422: 'Invalid' }),
      },
    },
    async (req, reply) => {
      const body = req.body as { mergedPersonId: string; survivingPersonId: string };
      return reply.status(201).send(await svc.matching.merge(req.actor!, body.mergedPersonId, body.survivingPersonId));
    },
  );

  api.post(
    '/persons/merges/:id/undo',
    {
      schema: {
        tags: ['persons'],
        summary: 'Undo a merge: everything it moved goes back',
        params: Type.Object({ id: Type.String() }),
        response: withProblems({ 200: Type.Object({ mergedPersonId: Uuid, survivingPersonId: Uuid }) }, { 404: 'No such merge', 409: 'Already undone' }),
      },
    },
    async (req) => svc.matching.unmerge(req.actor!, (req.params as { id: string }).id),
  );

  api.post(
    '/persons/not-same',
    {
      schema: {
        tags: ['persons'],
        summary: 'Record that two people are not the same: never suggested again',
        body: Type.Object({ personA: Type.Optional(Type.String()), personB: Type.Optional(Type.String()) }),
        response: withProblems({ 204: Type.Null() }, { 404: 'No such person', 422: 'Invalid' }),
      },
    },
    async (req, reply) => {
      const body = req.body as { personA: string; personB: string };
      await svc.matching.notSame(req.actor!, body.personA, body.personB);
      return reply.status(204).send();
    },
  );
}
