// /api/v1/persons/matches, the hub's clusters and the merge decisions: thin handlers over the matching use cases.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import type { PersonSummary, ReviewPair } from './clusters/review.ts';
import { ClustersSchema, MatchesSchema, MatchQuery, MergeId, MergeInput, MergeResultSchema, NotSameInput, UnmergeResultSchema } from './schemas.ts';
import { findMatches, listDuplicates, mergePeople, recordNotSame, undoMerge } from './use-cases.ts';

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

  api.get(
    '/persons/clusters',
    {
      config: { useCases: [listDuplicates] },
      schema: {
        tags: ['persons'],
        summary: 'Suspected duplicate clusters for the hub to review, each pair scored and explained (hub roles; the read is audited)',
        response: withProblems({ 200: ClustersSchema }, { 403: 'Only hub roles review suspected duplicates across the partnership' }),
      },
    },
    async (req) => clustersJson(await req.run(listDuplicates)),
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

type Review = { clusters: { id: string; members: PersonSummary[]; pairs: ReviewPair[] }[]; links: ReviewPair[] };

const personJson = (p: PersonSummary) => ({
  personId: p.id,
  givenName: p.given_name,
  familyName: p.family_name,
  dateOfBirth: p.date_of_birth,
  sex: p.sex,
  postcode: p.postcode,
  referrals: Number(p.referrals),
});
const pairJson = (p: ReviewPair) => ({ personA: p.a.id, personB: p.b.id, probability: p.probability, matchWeight: p.matchWeight, explanation: p.explanation });

function clustersJson(review: Review) {
  return {
    clusters: review.clusters.map((c) => ({ id: c.id, members: c.members.map(personJson), pairs: c.pairs.map(pairJson) })),
    links: review.links.map(pairJson),
  };
}
