// The triage report as a page and as CSV. Those who may see exact counts choose any period; published figures are
// for whole months that have ended, so the page offers months and quarters to those who get them.
import type { FastifyInstance } from 'fastify';
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import { type FormBody, readPeriod } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, ukDate } from '../../platform/time.ts';
import { disclosureRuleWeb } from './disclosure-rule/web.ts';
import { lastWholeQuarter, publishedPeriodErrors } from './domain.ts';
import { triageReport } from './use-cases.ts';
import { periodControls, triageCsv, triageTables } from './view.ts';

export function reportsWeb(app: FastifyInstance) {
  disclosureRuleWeb(app);
  app.get('/reports/triage', { config: { useCases: [triageReport] } }, async (req, reply) => {
    const q = readPeriod(req.query as FormBody);
    const today = ukDate(new Date());
    const monthly = !maySeeExactCounts(req.actor!);
    const fallback = monthly ? lastWholeQuarter(today) : { from: addDays(today, -30), to: today };
    const from = q.from || fallback.from;
    const to = q.to || fallback.to;
    const page = { pageTitle: 'Triage report', from, to, period: periodControls({ from, to }, today, monthly) };
    try {
      if (q.errors.length) throw new ValidationProblem(q.errors);
      const report = await req.run(triageReport, { from, to });
      const publishable = publishedPeriodErrors({ from, to }, today).length === 0;
      return reply.render('triage-report.njk', {
        ...page,
        report,
        tables: triageTables(report),
        csv: paths.triageReportCsv(from, to),
        csvPublished: publishable ? paths.triageReportCsv(from, to, true) : null,
      });
    } catch (err) {
      if (err instanceof ValidationProblem) return reply.status(422).render('triage-report.njk', { ...page, errors: err.errors });
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
