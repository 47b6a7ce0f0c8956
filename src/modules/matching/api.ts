// /api/v1/persons/matches and the merge decisions: thin handlers over the matching use cases.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { MatchesSchema, MatchQuery, MergeId, MergeInput, MergeResultSchema, NotSameInput, UnmergeResultSchema } from './schemas.ts';
import { findMatches, mergePeople, recordNotSame, undoMerge } from './use-cases.ts';

export function matchingApi(api: FastifyInstance) {
  api.get(
    '/persons/matches',
    {
      config: { useCases: [findMatches] },
      schema: {
        tags: ['persons'],
        summary: 'People already held who may be the person described, most probable first, each field explained (the query is audited)',
        querystring: MatchQuery,
        response: withProblems({ 200: MatchesSchema }, { 422: 'Give at least a name or an NHS number; each detail must be valid' }),
      },
    },
    async (req) => req.run(findMatches, req.query),
  );

  api.post(
    '/persons/merges',
    {
      config: { useCases: [mergePeople] },
      schema: {
        tags: ['persons'],
        summary: 'Merge one person into another (hub coordinator); reversible',
        body: MergeInput,
        response: withProblems({ 201: MergeResultSchema }, { 404: 'No such person', 409: 'Already merged, or decided not the same', 422: 'Invalid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(mergePeople, req.body)),
  );

  api.post(
    '/persons/merges/:id/undo',
    {
      config: { useCases: [undoMerge] },
      schema: {
        tags: ['persons'],
        summary: 'Undo a merge: everything it moved goes back',
        params: MergeId,
        response: withProblems({ 200: UnmergeResultSchema }, { 404: 'No such merge', 409: 'Already undone' }),
      },
    },
    async (req) => req.run(undoMerge, req.params),
  );

  api.post(
    '/persons/not-same',
    {
      config: { useCases: [recordNotSame] },
      schema: {
        tags: ['persons'],
        summary: 'Record that two people are not the same: never suggested again',
        body: NotSameInput,
        response: withProblems({ 204: Type.Null() }, { 404: 'No such person', 422: 'Invalid' }),
      },
    },
    async (req, reply) => {
      await req.run(recordNotSame, req.body);
      return reply.status(204).send();
    },
  );
}
