// /api/v1/reports (an ad hoc report from the query string), /api/v1/reports/{name} (a saved report, with the
// caller's own access) and /api/v1/saved-reports (list, save). Same use cases, same disclosure as the pages.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { DIMENSIONS, MEASURES, specFromQuery } from './domain.ts';
import { ReportSchema, SaveInput } from './schemas.ts';
import { buildReport, listSavedReports, openSavedReport, saveReport } from './use-cases.ts';
import { reportJson } from './view.ts';

const tags = ['reports'];
const filterProps = Object.fromEntries(
  DIMENSIONS.map((d) => [d, Type.Optional(Type.String({ maxLength: 2000, description: `Only these values of ${d}, comma-separated` }))]),
);
const AdHocQuery = Type.Object(
  {
    measure: Type.String({ maxLength: 40, description: MEASURES.join(', ') }),
    dimensions: Type.Optional(Type.String({ maxLength: 400, description: 'Up to five breakdowns, comma-separated, e.g. quarter,sex' })),
    from: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
    to: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
    publish: Type.Optional(Type.Boolean({ description: 'true: published figures (counts 1 to 5 as c) even for those who may see exact ones' })),
    ...filterProps,
  },
  { additionalProperties: false },
);
const SavedReport = Type.Object({ name: Type.String(), title: Type.String(), spec: Type.Unknown(), updatedAt: Type.String() });
const DESCRIPTION =
  'Cells of the measure by each combination of the breakdowns (every combination with up to two breakdowns, the non-empty ones with more), totals by the first and second breakdowns, and the grand total. `counts` says what a count is (referrals, distinct children, episodes ...). Those who may not see exact counts (scrutiny members), and `publish=true`, get disclosure control (`suppression`: table or cells) and whole months that have ended only. A measure without the breakdown asked for is a 422 naming `dimensions[i]`.';

export function reportBuilderApi(api: FastifyInstance) {
  api.get(
    '/reports',
    {
      config: { useCases: [buildReport] },
      schema: {
        tags,
        summary: 'An ad hoc report: a measure by up to five breakdowns over a period',
        description: DESCRIPTION,
        querystring: AdHocQuery,
        response: withProblems({ 200: ReportSchema }, { 422: 'An unknown measure or breakdown, one the measure does not have, or a period refused' }),
      },
    },
    async (req) => {
      const q = req.query as Record<string, string> & { publish?: boolean };
      const { publish, ...rest } = q;
      return reportJson(await req.run(buildReport, { spec: specFromQuery(rest), ...(publish === undefined ? {} : { publish }) }));
    },
  );

  api.get(
    '/reports/:name',
    {
      config: { useCases: [openSavedReport] },
      schema: {
        tags,
        summary: 'A saved report, with the caller’s own access',
        description: DESCRIPTION,
        params: Type.Object({ name: Type.String({ maxLength: 60 }) }),
        querystring: Type.Object({ publish: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: withProblems({ 200: ReportSchema }, { 404: 'No saved report of that name', 422: 'The saved period is not one the caller may see' }),
      },
    },
    async (req) => {
      const { name } = req.params as { name: string };
      const { publish } = req.query as { publish?: boolean };
      return reportJson(await req.run(openSavedReport, { name, ...(publish === undefined ? {} : { publish }) }));
    },
  );

  api.get(
    '/saved-reports',
    {
      config: { useCases: [listSavedReports] },
      schema: { tags, summary: 'The partnership’s saved reports', response: withProblems({ 200: Type.Array(SavedReport) }) },
    },
    async (req) => req.run(listSavedReports, undefined),
  );

  api.post(
    '/saved-reports',
    {
      config: { useCases: [saveReport] },
      schema: {
        tags,
        summary: 'Save a report under a name (its link: /reports/builder/{name}, GET /api/v1/reports/{name})',
        description: 'The same name, title and specification again changes nothing (200). Another report of the same name is a 422 unless `replace` is true.',
        body: SaveInput,
        response: withProblems({ 200: Type.Object({ name: Type.String(), title: Type.String(), changed: Type.Boolean() }) }),
      },
    },
    async (req) => {
      const r = await req.run(saveReport, req.body as never);
      return { name: r.name, title: r.title, changed: r.changed };
    },
  );
}
