// GET /api/v1/reports/missing/committee-figures: the committee's missing figures, as the page and the CSV give them.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IsoDate, withProblems } from '../../platform/http/schemas.ts';
import { committeeJson } from './committee-view.ts';
import { ReportQuery } from './schemas.ts';
import { missingCommitteeFigures } from './use-cases/committee.ts';

const Count = Type.Union([Type.Integer(), Type.Literal('c')], { description: 'A count, or "c" where disclosure control hides it' });
const Pct = Type.Union([Type.Number(), Type.Null(), Type.Literal('c')], {
  description: 'Percentage to 1 decimal place; null when nothing to divide by; "c" when worked from a hidden count',
});
const Figure = Type.Object({
  key: Type.String(),
  label: Type.String(),
  counts: Type.Union([Type.Literal('episodes'), Type.Literal('interviews')], { description: 'What the figure counts' }),
  value: Count,
  shares: Type.Array(Type.Object({ of: Type.String({ description: 'The key of the figure this is a share of' }), ofLabel: Type.String(), pct: Pct })),
});
const CommitteeFiguresSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  suppressed: Type.Boolean({
    description:
      'True for published figures: the partnership’s disclosure rule applies (default: counts from 1 to 5, and figures that would reveal them, as c)',
  }),
  disclosure: Type.Union([Type.String(), Type.Null()], { description: 'Published figures: the disclosure rule in words; null for exact counts' }),
  episodes: Count,
  children: Count,
  notReturned: Count,
  figures: Type.Array(Figure),
  splits: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      groups: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), figures: Type.Array(Figure) })),
    }),
  ),
  trend: Type.Array(
    Type.Object({
      from: IsoDate,
      to: IsoDate,
      label: Type.String(),
      returns: Count,
      rates: Type.Array(Type.Object({ key: Type.String(), n: Count, of: Count, pct: Pct })),
    }),
  ),
});

export function committeeApi(api: FastifyInstance) {
  api.get(
    '/reports/missing/committee-figures',
    {
      config: { useCases: [missingCommitteeFigures] },
      schema: {
        tags: ['missing', 'reports'],
        summary:
          'Missing figures for the committee: interviews offered and held within 72 hours, declined, not offered, found within 24 hours, by care status and missing or absent, and the last 8 quarters',
        description:
          'Episodes reported on a UK date from `from` to `to` inclusive; without dates, the last whole quarter. Each figure says what it counts and what each share is of (returned episodes, interviews offered or interviews held). Those who may not see exact counts get published figures, as on the page and in the CSV.',
        querystring: ReportQuery,
        response: withProblems({ 200: CommitteeFiguresSchema }, { 422: 'The period is not valid' }),
      },
    },
    async (req) => committeeJson(await req.run(missingCommitteeFigures, req.query)),
  );
}
