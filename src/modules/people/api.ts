// /api/v1/persons: thin handlers over the people use cases.
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { PersonId, PersonSchema, PersonSearch, PersonSearchResultSchema } from './schemas.ts';
import { findPeople, getPerson, type PersonView } from './use-cases.ts';

export const personJson = (p: PersonView) => {
  const { age: _age, ethnicityLabel: _label, createdAt: _created, ...rest } = p;
  return rest;
};

export function peopleApi(api: FastifyInstance) {
  api.get(
    '/persons',
    {
      config: { useCases: [findPeople] },
      schema: {
        tags: ['persons'],
        summary: 'Find people as matching does, closest first, each with why they matched (the search is audited)',
        querystring: PersonSearch,
        response: withProblems({ 200: PersonSearchResultSchema }, { 422: 'No search given' }),
      },
    },
    async (req) => req.run(findPeople, req.query),
  );

  api.get(
    '/persons/:id',
    {
      config: { useCases: [getPerson] },
      schema: {
        tags: ['persons'],
        summary: 'One person (the read is audited)',
        params: PersonId,
        response: withProblems({ 200: PersonSchema }, { 404: 'No such person' }),
      },
    },
    async (req) => personJson(await req.run(getPerson, req.params)),
  );
}
