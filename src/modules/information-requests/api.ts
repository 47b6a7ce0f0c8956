// /api/v1/information-requests: the hub asks agencies what they hold; an agency lists and answers its own.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { AnswerBody, InformationRequestSchema, RequestId, RequestQuery, SendRequestBody } from './schemas.ts';
import { answerInformationRequest, getInformationRequest, listInformationRequests, sendInformationRequests } from './use-cases.ts';
import { requestJson } from './view.ts';

const tags = ['information requests'];

export function informationRequestsApi(api: FastifyInstance) {
  api.post(
    '/information-requests',
    {
      config: { useCases: [sendInformationRequests] },
      schema: {
        tags,
        summary: 'Ask agencies what they hold about a referral’s person',
        description:
          'One request per agency in `agencyIds`; each agency is told in Jigsaw and sees the request only (name, date of birth, question), not the case. Send an `Idempotency-Key` header to make retries safe.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: SendRequestBody,
        response: withProblems(
          { 201: Type.Object({ items: Type.Array(InformationRequestSchema) }), 200: Type.Object({ items: Type.Array(InformationRequestSchema) }) },
          { 404: 'No such referral', 422: 'The request is not valid (see errors), or the Idempotency-Key was used for a different request' },
        ),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { requests, created } = await req.run(sendInformationRequests, { ...(req.body as object), ...(key ? { idempotencyKey: `api:${key}` } : {}) });
      return reply.status(created ? 201 : 200).send({ items: requests.map(requestJson) });
    },
  );

  api.get(
    '/information-requests',
    {
      config: { useCases: [listInformationRequests] },
      schema: {
        tags,
        summary: 'Information requests you may see',
        description: 'The hub sees every request; anyone else the requests sent to their agency. Outstanding first, earliest due first.',
        querystring: RequestQuery,
        response: withProblems({ 200: Type.Object({ items: Type.Array(InformationRequestSchema), page: Type.Integer(), more: Type.Boolean() }) }),
      },
    },
    async (req) => {
      const result = await req.run(listInformationRequests, req.query);
      return { ...result, items: result.items.map(requestJson) };
    },
  );

  api.get(
    '/information-requests/:id',
    {
      config: { useCases: [getInformationRequest] },
      schema: {
        tags,
        summary: 'One information request',
        params: RequestId,
        response: withProblems({ 200: InformationRequestSchema }, { 404: 'No such information request' }),
      },
    },
    async (req) => requestJson(await req.run(getInformationRequest, req.params)),
  );

  api.post(
    '/information-requests/:id/answer',
    {
      config: { useCases: [answerInformationRequest] },
      schema: {
        tags,
        summary: 'Answer an information request sent to your agency',
        description: 'Answered once: the same answer again changes nothing (200); a different answer to an answered request is refused (409).',
        params: RequestId,
        body: AnswerBody,
        response: withProblems(
          { 200: InformationRequestSchema },
          { 404: 'No such information request', 409: 'The request was answered already', 422: 'The answer is empty or too long' },
        ),
      },
    },
    async (req) => {
      const { request } = await req.run(answerInformationRequest, { ...(req.body as object), id: (req.params as { id: string }).id });
      return requestJson(request);
    },
  );
}
