// /api/v1/agencies: the partnership's agencies, for partner systems choosing a referringAgencyId.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { AgencySchema } from './schemas.ts';
import { listAgencies } from './use-cases.ts';

export function agenciesApi(api: FastifyInstance) {
  api.get(
    '/agencies',
    {
      config: { useCases: [listAgencies] },
      schema: { tags: ['agencies'], summary: 'The partnership’s agencies', response: withProblems({ 200: Type.Object({ items: Type.Array(AgencySchema) }) }) },
    },
    async (req) => ({ items: await req.run(listAgencies) }),
  );
}
