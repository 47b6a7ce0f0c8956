// GET /api/v1/reports/triage
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { disclosureRuleApi } from './disclosure-rule/api.ts';
import { TriageReportQuery, TriageReportSchema } from './schemas.ts';
import { triageReport } from './use-cases.ts';

export function reportsApi(api: FastifyInstance) {
  disclosureRuleApi(api);
  api.get(
    '/reports/triage',
    {
      config: { useCases: [triageReport] },
      schema: {
        tags: ['reports'],
        summary: 'The triage report for a period',
        description:
          'Referrals received from `from` to `to` (UK calendar days, inclusive), each classified by its standing triage decision; referrals with no decision count only in awaitingTriage. Scrutiny members, and `publish=true`, get the partnership’s disclosure rule (`GET /api/v1/disclosure-rule`; default: counts 1 to 5 as "c"), stated in `disclosure`, for whole months that have ended only (`from` the 1st of a month, `to` the last day of a month): a period a day longer or shorter could be subtracted to recover a "c".',
        querystring: TriageReportQuery,
        response: withProblems(
          { 200: TriageReportSchema },
          { 422: 'The period ends before it starts, or (published figures) is not whole months that have ended' },
        ),
      },
    },
    async (req) => req.run(triageReport, req.query),
  );
}
