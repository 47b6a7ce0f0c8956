// GET /api/v1/training/cohorts, POST /api/v1/training/completions, GET /api/v1/training/reports/committee
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { CohortFigures, CompletionBody, CompletionSchema, ReportInput } from './schemas.ts';
import { cohortFigures, recordCompletion } from './use-cases/courses.ts';
import { committeeReport } from './use-cases/reports.ts';

export function trainingApi(api: FastifyInstance) {
  api.get(
    '/training/cohorts',
    {
      config: { useCases: [cohortFigures] },
      schema: {
        tags: ['training'],
        summary: 'Every training cohort with its compliance today',
        description:
          'Compliant: a completion of the cohort’s course still valid. Due soon: must complete or renew within the cohort’s due-soon days (a compliant member whose training expires soon counts in both). Overdue: past the deadline without a valid completion. RAG by the cohort’s thresholds.',
        response: withProblems({ 200: Type.Array(CohortFigures) }),
      },
    },
    async (req) =>
      (await req.run(cohortFigures)).map((c) => ({
        id: c.id,
        name: c.name,
        course: c.course,
        members: c.members,
        compliant: c.compliant,
        percentCompliant: c.percentCompliant,
        dueSoon: c.dueSoon,
        overdue: c.overdue,
        neverTrained: c.neverTrained,
        rag: c.rag,
      })),
  );

  api.post(
    '/training/completions',
    {
      config: { useCases: [recordCompletion] },
      schema: {
        tags: ['training'],
        summary: 'Record that a member of a cohort completed its course',
        description:
          'The member is found by `reference` within the cohort, or added. The same completion (member, course, day) sent again is 200 with `created: false` and adds nothing.',
        body: CompletionBody,
        response: withProblems({ 201: CompletionSchema, 200: CompletionSchema }, { 422: 'The completion is not valid (see errors)' }),
      },
    },
    async (req, reply) => {
      const done = await req.run(recordCompletion, req.body);
      return reply.status(done.created ? 201 : 200).send(done);
    },
  );

  api.get(
    '/training/reports/committee',
    {
      config: { useCases: [committeeReport] },
      schema: {
        tags: ['training'],
        summary: 'The training and awareness report for committees',
        description:
          'Compliance by cohort, awareness reached by audience over the last 12 months, and evaluation (% whose knowledge and skills improved, with its count). Those who may not see exact counts (scrutiny members), and `publish=true`, get counts 1 to 5 as "c" and the percentages resting on them withheld.',
        querystring: ReportInput,
        response: withProblems({ 200: Type.Unsafe({ type: 'object', description: 'The report: cohorts, awareness, evaluation, published' }) }),
      },
    },
    async (req) => req.run(committeeReport, req.query),
  );
}
