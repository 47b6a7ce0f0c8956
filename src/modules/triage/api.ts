// POST /api/v1/referrals/{id}/triage-decision
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { TRIAGE_CATEGORIES, TRIAGE_OUTCOMES } from './vocab.ts';

const DecisionSchema = Type.Object(
  {
    id: Uuid,
    referralId: Uuid,
    meetingId: Uuid,
    meetingDate: IsoDate,
    outcome: Type.String(),
    category: Type.String(),
    rationale: Type.String(),
    decidedAt: Type.String({ format: 'date-time' }),
    superseded: Type.Boolean(),
    actions: Type.Array(
      Type.Object({ id: Uuid, description: Type.String(), ownerAgencyId: Uuid, ownerName: Type.Union([Type.String(), Type.Null()]), dueDate: IsoDate, status: Type.String(), rag: Type.String() }),
    ),
  },
  { $id: 'TriageDecision' },
);

export function triageApi(api: FastifyInstance, svc: Services) {
  api.post(
    '/referrals/:id/triage-decision',
    {
      schema: {
        tags: ['triage'],
        summary: 'Record a triage decision on a referral',
        description: 'Without meetingId the decision joins the triage meeting of the (UK) day it was decided, created when needed. A later decision supersedes earlier ones.',
        params: Type.Object({ id: Uuid }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: Type.Object(
          {
            outcome: Type.Union(TRIAGE_OUTCOMES.map((o) => Type.Literal(o))),
            category: Type.Union(TRIAGE_CATEGORIES.map((c) => Type.Literal(c))),
            rationale: Type.String({ minLength: 1, maxLength: 5000 }),
            decidedAt: Type.Optional(Type.String({ format: 'date-time' })),
            meetingId: Type.Optional(Uuid),
            actions: Type.Optional(
              Type.Array(
                Type.Object(
                  { description: Type.String({ maxLength: 1000 }), ownerAgencyId: Type.String(), ownerName: Type.Optional(Type.String({ maxLength: 120 })), dueDate: Type.String() },
                  { additionalProperties: false },
                ),
                { maxItems: 20 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: DecisionSchema, 200: DecisionSchema }, { 404: 'No such referral', 422: 'The decision is not valid: see errors' }),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { decision, created } = await svc.triage.decide(req.actor!, (req.params as { id: string }).id, req.body as Record<string, never>, key ? `api:${key}` : undefined);
      return reply.status(created ? 201 : 200).send({ ...decision, decidedAt: decision.decidedAt.toISOString() });
    },
  );
}
