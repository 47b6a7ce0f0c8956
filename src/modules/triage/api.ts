// POST /api/v1/referrals/{id}/triage-decision; the meeting day's minutes and corrections are in meeting/api.ts
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { triageMeetingApi } from './meeting/api.ts';
import { DecisionBody, DecisionSchema } from './schemas.ts';
import { recordDecision } from './use-cases.ts';

export function triageApi(api: FastifyInstance) {
  triageMeetingApi(api);
  api.post(
    '/referrals/:id/triage-decision',
    {
      config: { useCases: [recordDecision] },
      schema: {
        tags: ['triage'],
        summary: 'Record a triage decision on a referral',
        description:
          'Without meetingId the decision joins the triage meeting of the (UK) day it was decided, created when needed. A later decision supersedes earlier ones. Send an `Idempotency-Key` header to make retries safe.',
        params: Type.Object({ id: Uuid }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: DecisionBody,
        response: withProblems(
          { 201: DecisionSchema, 200: DecisionSchema },
          { 404: 'No such referral', 422: 'The decision is not valid (see errors), or the Idempotency-Key was used for a different request' },
        ),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { id } = req.params as { id: string };
      const { decision, created } = await req.run(recordDecision, {
        ...(req.body as object),
        referralId: id,
        ...(key ? { idempotencyKey: `api:${key}` } : {}),
      });
      return reply.status(created ? 201 : 200).send({ ...decision, decidedAt: decision.decidedAt.toISOString() });
    },
  );
}
