// /api/v1/sharing-agreements: the partnership's data sharing agreements: list, create, update.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { AgreementBody, AgreementSchema } from './schemas.ts';
import { createAgreement, getAgreement, listAgreements, updateAgreement } from './use-cases.ts';

const tags = ['sharing-agreements'];
const Params = Type.Object({ id: Uuid });

export function sharingAgreementsApi(api: FastifyInstance) {
  api.get(
    '/sharing-agreements',
    {
      config: { useCases: [listAgreements] },
      schema: {
        tags,
        summary: 'The partnership’s data sharing agreements',
        description: '`status` is overdue when the review date has passed. Ordered by review date.',
        response: withProblems({ 200: Type.Object({ items: Type.Array(AgreementSchema) }) }),
      },
    },
    async (req) => ({ items: (await req.run(listAgreements)).items }),
  );

  api.get(
    '/sharing-agreements/:id',
    {
      config: { useCases: [getAgreement] },
      schema: { tags, summary: 'One data sharing agreement', params: Params, response: withProblems({ 200: AgreementSchema }, { 404: 'No such agreement' }) },
    },
    async (req) => req.run(getAgreement, { id: (req.params as { id: string }).id }),
  );

  api.post(
    '/sharing-agreements',
    {
      config: { useCases: [createAgreement] },
      schema: {
        tags,
        summary: 'Record a data sharing agreement',
        description: 'Partnership administrators and information governance only.',
        body: AgreementBody,
        response: withProblems({ 201: AgreementSchema }, { 422: 'The agreement is not valid (see errors)' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createAgreement, req.body as never)),
  );

  api.put(
    '/sharing-agreements/:id',
    {
      config: { useCases: [updateAgreement] },
      schema: {
        tags,
        summary: 'Update a data sharing agreement',
        description: 'Replaces the agreement’s fields and parties. A later review date re-arms the overdue flag.',
        params: Params,
        body: AgreementBody,
        response: withProblems({ 200: AgreementSchema }, { 404: 'No such agreement', 422: 'The agreement is not valid (see errors)' }),
      },
    },
    async (req) => req.run(updateAgreement, { id: (req.params as { id: string }).id, ...(req.body as object) }),
  );
}
