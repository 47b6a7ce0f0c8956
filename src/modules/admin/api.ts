// /api/v1/agencies: the partnership's agencies, for partner systems choosing a referringAgencyId.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { SECTORS } from './domain.ts';

const AgencySchema = Type.Object({ id: Uuid, name: Type.String(), sector: Type.Union(SECTORS.map((s) => Type.Literal(s))), active: Type.Boolean() }, { $id: 'Agency' });

export function agenciesApi(api: FastifyInstance, svc: Services) {
  api.get(
    '/agencies',
    {
      schema: { tags: ['agencies'], summary: 'The partnership’s agencies', response: withProblems({ 200: Type.Object({ items: Type.Array(AgencySchema) }) }) },
    },
    async (req) => ({ items: await svc.admin.listAgencies(req.actor!) }),
  );
}
