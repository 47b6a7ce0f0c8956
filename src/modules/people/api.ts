// /api/v1/persons: thin handlers over the people use cases.
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { PersonId, PersonSchema } from './schemas.ts';
import { getPerson, type PersonView } from './use-cases.ts';

export const personJson = (p: PersonView) => {
  const { age: _age, ethnicityLabel: _label, createdAt: _created, ...rest } = p;
  return rest;
};

export function peopleApi(api: FastifyInstance) {
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
