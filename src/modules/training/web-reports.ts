// Committee reports: the training and awareness report and the six-monthly councillor-training report, as pages,
// CSV and XLSX (the same cells), with the partnership's disclosure control; scrutiny members see them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { halfYearOf } from './domain.ts';
import { committeeReport, councillorReport, linkResolution } from './use-cases/reports.ts';
import { committeeTables, councillorTables, type Table, toCsv, toXlsx } from './view.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function send(reply: FastifyReply, kind: 'csv' | 'xlsx', name: string, tables: Table[]) {
  if (kind === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(tables));
  return reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename="${name}.xlsx"`)
    .send(await toXlsx(tables));
}

/** The half years to choose from: the current one and the five before. */
function halves(today: string) {
  const out: string[] = [];
  let y = Number(today.slice(0, 4));
  let h = Number(today.slice(5, 7)) <= 6 ? 1 : 2;
  for (let i = 0; i < 6; i++) {
    out.push(`${y}-H${h}`);
    if (h === 1) {
      y--;
      h = 2;
    } else h = 1;
  }
  return out;
}

export function trainingReportsWeb(app: FastifyInstance) {
  const publish = (q: unknown) => ((q as { publish?: string }).publish === 'true' ? { publish: true } : {});

  app.get('/training/reports', { config: { useCases: [committeeReport] } }, async (req, reply) => {
    const r = await req.run(committeeReport, publish(req.query));
    return reply.render('training-report.njk', { pageTitle: 'Training and awareness report', r, tables: committeeTables(r), published: r.published });
  });
  for (const kind of ['csv', 'xlsx'] as const) {
    app.get(`/training/reports.${kind}`, { config: { useCases: [committeeReport] } }, async (req, reply) => {
      const r = await req.run(committeeReport, publish(req.query));
      return send(reply, kind, `training-report-${r.today}${r.published ? '-published' : ''}`, committeeTables(r));
    });
  }

  const councillorPage = async (req: FastifyRequest, reply: FastifyReply, period: string, errors?: FieldError[]) => {
    const today = ukDate(new Date());
    const choices = halves(today).map((p) => ({ value: p, text: p, selected: p === period }));
    try {
      const r = await req.run(councillorReport, { period, ...publish(req.query) });
      return reply.status(errors ? 422 : 200).render('training-councillors.njk', {
        pageTitle: `Councillor training, ${period}`,
        r,
        tables: councillorTables(r),
        choices,
        errors,
        canLink: may(req.actor!, 'training', 'manage'),
      });
    } catch (err) {
      if (err instanceof ValidationProblem)
        return reply.status(422).render('training-councillors.njk', { pageTitle: 'Councillor training', choices, errors: err.errors });
      throw err;
    }
  };
  app.get('/training/reports/councillors', { config: { useCases: [councillorReport] } }, async (req, reply) =>
    councillorPage(req, reply, (req.query as { period?: string }).period || halfYearOf(ukDate(new Date()))),
  );
  for (const kind of ['csv', 'xlsx'] as const) {
    app.get(`/training/reports/councillors.${kind}`, { config: { useCases: [councillorReport] } }, async (req, reply) => {
      const r = await req.run(councillorReport, { period: (req.query as { period?: string }).period || halfYearOf(ukDate(new Date())), ...publish(req.query) });
      return send(reply, kind, `councillor-training-${r.period}${r.published ? '-published' : ''}`, councillorTables(r));
    });
  }
  app.post(
    '/training/reports/councillors/resolution',
    { preHandler: app.csrfProtection, config: { useCases: [linkResolution, councillorReport] } },
    async (req, reply) => {
      const form = req.body as FormBody;
      const period = one(form.period);
      try {
        await req.run(linkResolution, { period, resolution: one(form.resolution).trim() });
        return reply.redirect(`/training/reports/councillors?period=${encodeURIComponent(period)}`, 303);
      } catch (err) {
        if (err instanceof ValidationProblem)
          return councillorPage(req, reply, /^\d{4}-H[12]$/.test(period) ? period : halfYearOf(ukDate(new Date())), err.errors);
        throw err;
      }
    },
  );
}
