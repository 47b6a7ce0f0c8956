// POST /api/v1/referrals/{id}/screenings
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { ANSWERS, SCREENING_LEVELS } from './domain.ts';
import type { ScreeningView } from './service.ts';

const Level = Type.Union(SCREENING_LEVELS.map((l) => Type.Literal(l)));

const ScreeningSchema = Type.Object(
  {
    id: Uuid,
    referralId: Uuid,
    toolkit: Type.Object({ id: Type.String(), version: Type.Integer() }),
    score: Type.Integer(),
    suggestedLevel: Level,
    level: Level,
    overridden: Type.Boolean(),
    overrideReason: Type.Union([Type.String(), Type.Null()]),
    drivers: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), group: Type.String(), answer: Type.String(), points: Type.Integer() }), {
      description: 'The indicators that drove the score, highest first',
    }),
    forcedBy: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), answer: Type.String() }), { description: 'Significant incidents that force the highest level' }),
    screenedAt: Type.String({ format: 'date-time' }),
    rescreenDue: Type.String({ format: 'date' }),
  },
  { $id: 'Screening' },
);

const json = (s: ScreeningView) => ({ ...s, screenedAt: s.screenedAt.toISOString() });

export function screeningApi(api: FastifyInstance, svc: Services) {
  api.post(
    '/referrals/:id/screenings',
    {
      schema: {
        tags: ['screening'],
        summary: 'Screen a referral with the partnership’s toolkit',
        description:
          'Answers are keyed by indicator key (see the toolkit), each one of current, past_6_months, 6_to_12_months, not_present; unanswered counts as not present. A level different from the suggested one needs overrideReason.',
        params: Type.Object({ id: Uuid }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: Type.Object(
          {
            answers: Type.Record(Type.String(), Type.Union(ANSWERS.map((a) => Type.Literal(a)))),
            overrideLevel: Type.Optional(Level),
            overrideReason: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: ScreeningSchema, 200: ScreeningSchema }, { 404: 'No such referral', 422: 'Answers that are not in the toolkit, or an override without a reason' }),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { screening, created } = await svc.screening.screen(req.actor!, (req.params as { id: string }).id, req.body as Record<string, never>, key ? `api:${key}` : undefined);
      return reply.status(created ? 201 : 200).send(json(screening));
    },
  );
}
