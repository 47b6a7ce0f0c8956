// POST /api/v1/referrals/{id}/screenings
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { ScreeningBody, ScreeningSchema } from './schemas.ts';
import { type ScreeningView, screenReferral } from './use-cases.ts';

const json = (s: ScreeningView) => ({ ...s, screenedAt: s.screenedAt.toISOString() });

export function screeningApi(api: FastifyInstance) {
  api.post(
    '/referrals/:id/screenings',
    {
      config: { useCases: [screenReferral] },
      schema: {
        tags: ['screening'],
        summary: 'Screen a referral with the partnership’s toolkit for the subject’s age (the adult toolkit from 18)',
        description:
          'Answers are keyed by indicator key (see the toolkit), each one of current, past_6_months, 6_to_12_months, not_present; unanswered counts as not present. A level different from the suggested one needs overrideReason. Send an `Idempotency-Key` header to make retries safe.',
        params: Type.Object({ id: Uuid }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: ScreeningBody,
        response: withProblems(
          { 201: ScreeningSchema, 200: ScreeningSchema },
          {
            404: 'No such referral',
            422: 'Answers that are not in the toolkit, an override without a reason, or an Idempotency-Key used for a different request',
          },
        ),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { id } = req.params as { id: string };
      const { screening, created } = await req.run(screenReferral, {
        ...(req.body as object),
        referralId: id,
        ...(key ? { idempotencyKey: `api:${key}` } : {}),
      });
      return reply.status(created ? 201 : 200).send(json(screening));
    },
  );
}
