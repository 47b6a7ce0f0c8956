// GET /api/v1/reports/triage
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { withProblems } from '../../platform/http/schemas.ts';

const Count = Type.Union([Type.Integer(), Type.Literal('c')], { description: 'A count, or "c" where disclosure control hides a count from 1 to 5' });

export function reportsApi(api: FastifyInstance, svc: Services) {
  api.get(
    '/reports/triage',
    {
      schema: {
        tags: ['reports'],
        summary: 'The triage report for a period',
        description:
          'Referrals received from `from` to `to` (UK calendar days, inclusive), each classified by its standing triage decision; referrals with no decision count only in awaitingTriage. Scrutiny members, and `publish=true`, get counts 1 to 5 as "c".',
        querystring: Type.Object({ from: Type.String(), to: Type.String(), publish: Type.Optional(Type.Boolean()) }),
        response: withProblems(
          {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              published: Type.Boolean(),
              total: Count,
              byOutcomeAndCategory: Type.Record(Type.String(), Type.Record(Type.String(), Count)),
              byReferrerSector: Type.Record(Type.String(), Count),
              awaitingTriage: Count,
            }),
          },
          { 422: 'The period is not valid' },
        ),
      },
    },
    async (req) => {
      const q = req.query as { from: string; to: string; publish?: boolean };
      return svc.reports.triage(req.actor!, q, { publish: q.publish });
    },
  );
}
