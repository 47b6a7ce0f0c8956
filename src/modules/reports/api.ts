// GET /api/v1/reports/triage
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { TriageReportQuery, TriageReportSchema } from './schemas.ts';
import { triageReport } from './use-cases.ts';

export function reportsApi(api: FastifyInstance) {
  api.get(
    '/reports/triage',
    {
      config: { useCases: [triageReport] },
      schema: {
        tags: ['reports'],
        summary: 'The triage report for a period',
        description:
          'Referrals received from `from` to `to` (UK calendar days, inclusive), each classified by its standing triage decision; referrals with no decision count only in awaitingTriage. Scrutiny members, and `publish=true`, get counts 1 to 5 as "c".',
        querystring: TriageReportQuery,
        response: withProblems({ 200: TriageReportSchema }, { 422: 'The period ends before it starts' }),
      },
    },
    async (req) => req.run(triageReport, req.query),
  );
}
