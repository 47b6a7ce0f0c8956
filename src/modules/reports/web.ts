// The triage report as a page and as CSV, for any period.
import type { FastifyInstance } from 'fastify';
import { paths } from '../../platform/http/paths.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, ukDate } from '../../platform/time.ts';
import { triageReport } from './use-cases.ts';
import { triageCsv, triageTables } from './view.ts';

export function reportsWeb(app: FastifyInstance) {
  app.get('/reports/triage', { config: { useCases: [triageReport] } }, async (req, reply) => {
    const q = req.query as { from?: string; to?: string };
    const today = ukDate(new Date());
    const from = q.from ?? addDays(today, -30);
    const to = q.to ?? today;
    try {
      const report = await req.run(triageReport, { from, to });
      return reply.render('triage-report.njk', { pageTitle: 'Triage report', from, to, report, tables: triageTables(report), csv: paths.triageReportCsv(from, to), csvPublished: paths.triageReportCsv(from, to, true) });
    } catch (err) {
      if (err instanceof ValidationProblem) return reply.status(422).render('triage-report.njk', { pageTitle: 'Triage report', from, to, errors: err.errors });
      throw err;
    }
  });

  app.get('/reports/triage.csv', { config: { useCases: [triageReport] } }, async (req, reply) => {
    const q = req.query as { from?: string; to?: string; publish?: string };
    const report = await req.run(triageReport, { from: q.from, to: q.to, ...(q.publish === 'true' ? { publish: true } : {}) });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="triage-report-${report.from}-to-${report.to}${report.published ? '-published' : ''}.csv"`)
      .send(triageCsv(report));
  });
}
