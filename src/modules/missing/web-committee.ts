// The committee's missing figures as a page (with the trend chart and its table) and as CSV. Thin: the use case
// already publishes the figures for those who may not see exact counts.
import type { FastifyInstance } from 'fastify';
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import { type FormBody, readPeriod } from '../../platform/http/forms.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { periodControls } from '../reports/view.ts';
import { trendChart } from './committee-chart.ts';
import { TREND_RATES } from './committee-figures.ts';
import { committeeCsv, committeePage } from './committee-view.ts';
import { missingCommitteeFigures } from './use-cases/committee.ts';

const PAGE = '/missing/report/committee';
const TITLE = 'Missing children: figures for the committee';

export function committeePages(app: FastifyInstance) {
  app.get(PAGE, { config: { useCases: [missingCommitteeFigures] } }, async (req, reply) => {
    const { errors: dateErrors, ...period } = readPeriod(req.query as FormBody);
    const controls = (p: { from?: string; to?: string }) => periodControls(p, ukDate(new Date()), !maySeeExactCounts(req.actor!));
    try {
      if (dateErrors.length) throw new ValidationProblem(dateErrors);
      const result = await req.run(missingCommitteeFigures, period);
      const { from, to } = result.figures;
      return reply.render('missing-report-committee.njk', {
        pageTitle: TITLE,
        f: result.figures,
        disclosure: result.disclosure,
        page: committeePage(result),
        trend: result.trend,
        rates: TREND_RATES,
        chart: trendChart(result.trend),
        csv: `${PAGE}.csv?${new URLSearchParams({ from, to })}`,
        period: controls(result.figures),
      });
    } catch (err) {
      if (err instanceof ValidationProblem)
        return reply.status(422).render('missing-report-committee.njk', { pageTitle: TITLE, errors: err.errors, period: controls(period) });
      throw err;
    }
  });

  app.get(`${PAGE}.csv`, { config: { useCases: [missingCommitteeFigures] } }, async (req, reply) => {
    const q = req.query as { from?: string; to?: string };
    const result = await req.run(missingCommitteeFigures, { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
    const { from, to, published } = result.figures;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="missing-committee-figures-${from}-to-${to}${published ? '-published' : ''}.csv"`)
      .send(committeeCsv(result));
  });
}
