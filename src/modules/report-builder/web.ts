// Report builder pages: /reports/builder (the ad hoc GET form, the report, its trend chart, CSV and XLSX with
// ?format=), saving it under a name, /reports/builder/{name} (a saved report, with the viewer's own access) and the
// referrer groups. Works without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may, maySeeExactCounts } from '../../platform/access/rules.ts';
import { asList, type FormBody, one, readPeriod } from '../../platform/http/forms.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, ukDate } from '../../platform/time.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { lastWholeQuarter } from '../reports/domain.ts';
import { periodControls } from '../reports/view.ts';
import { DIMENSION_LABELS, DIMENSIONS, dimensionsOf, MEASURE_INFO, MEASURES, type ReportSpec, specFromQuery, specToQuery } from './domain.ts';
import { trendOf } from './trend.ts';
import { buildReport, listReferrerGroups, listSavedReports, openSavedReport, saveReferrerGroup, saveReport } from './use-cases.ts';
import { type ReportView, reportCsv, reportXlsx, tableLayout } from './view.ts';

const BUILDER = '/reports/builder';

function formChoices(spec: { measure: string; dimensions: string[] }) {
  return {
    measures: MEASURES.map((m) => ({ value: m, text: MEASURE_INFO[m].label, selected: m === spec.measure })),
    breakdowns: [0, 1, 2, 3, 4].map((i) => [
      { value: '', text: 'None' },
      ...DIMENSIONS.map((d) => ({ value: d, text: DIMENSION_LABELS[d], selected: spec.dimensions[i] === d })),
    ]),
    availability: MEASURES.map((m) => ({
      label: MEASURE_INFO[m].label,
      dimensions: dimensionsOf(m)
        .map((d) => DIMENSION_LABELS[d])
        .join(', '),
    })),
  };
}

async function send(reply: FastifyReply, format: string, report: ReportView) {
  const file = (report.name ?? 'report').replace(/[^a-z0-9-]/g, '');
  const suffix = `${report.spec.from}-to-${report.spec.to}${report.exact ? '' : '-published'}`;
  if (format === 'csv')
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}-${suffix}.csv"`).send(reportCsv(report));
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${file}-${suffix}.xlsx"`)
    .send(await reportXlsx(report));
}

/** The page of a report (ad hoc or saved) with the form, or the form with its errors. */
async function page(
  req: FastifyRequest,
  reply: FastifyReply,
  report: ReportView | null,
  spec: { measure: string; dimensions: string[]; from?: string; to?: string },
  errors?: FieldError[],
  saveForm: { name?: string; title?: string } = {},
) {
  const actor = req.actor!;
  const today = ukDate(new Date());
  const monthly = !maySeeExactCounts(actor);
  const link = report ? (report.name ? `${BUILDER}/${report.name}` : `${BUILDER}?${specToQuery(report.spec)}`) : null;
  const saved = await req.run(listSavedReports, undefined);
  return reply.status(errors ? 422 : 200).render('report-builder.njk', {
    pageTitle: report ? report.title : 'Report builder',
    errors,
    form: spec,
    choices: formChoices(spec),
    period: periodControls({ from: spec.from, to: spec.to }, today, monthly),
    report,
    table: report ? tableLayout(report) : null,
    trend: report ? trendOf(report) : null,
    link,
    csv: link ? `${link}${link.includes('?') ? '&' : '?'}format=csv` : null,
    xlsx: link ? `${link}${link.includes('?') ? '&' : '?'}format=xlsx` : null,
    maySave: may(actor, 'report_builder', 'create') && report && !report.name,
    saveSpec: report ? JSON.stringify(report.spec) : '',
    saveForm: { name: saveForm.name ?? '', title: saveForm.title ?? report?.title ?? '' },
    saved,
    mayManageGroups: may(actor, 'referrer_group', 'manage'),
  });
}

export function reportBuilderWeb(app: FastifyInstance) {
  app.get(BUILDER, { config: { useCases: [buildReport, listSavedReports] } }, async (req, reply) => {
    const q = req.query as FormBody;
    const period = readPeriod(q);
    const asked = specFromQuery(q);
    const today = ukDate(new Date());
    const fallback = maySeeExactCounts(req.actor!) ? { from: addDays(today, -364), to: today } : lastWholeQuarter(today);
    const spec = { ...asked, from: period.from ?? fallback.from, to: period.to ?? fallback.to };
    if (!asked.measure) return page(req, reply, null, spec);
    try {
      if (period.errors.length) throw new ValidationProblem(period.errors);
      const report = await req.run(buildReport, { spec });
      const format = one(q.format);
      if (format === 'csv' || format === 'xlsx') return send(reply, format, report);
      return page(req, reply, report, spec);
    } catch (err) {
      if (err instanceof ValidationProblem) return page(req, reply, null, spec, formFields(err.errors));
      throw err;
    }
  });

  app.post(`${BUILDER}/save`, { preHandler: app.csrfProtection, config: { useCases: [saveReport, buildReport, listSavedReports] } }, async (req, reply) => {
    const f = req.body as FormBody;
    const name = one(f.name).trim();
    const title = one(f.title);
    let spec: ReportSpec;
    try {
      spec = JSON.parse(one(f.spec)) as ReportSpec;
    } catch {
      return reply.status(422).send('The report to save was not readable: build it again');
    }
    try {
      await req.run(saveReport, { name, title, spec });
      await reply.flash(`${title.trim()} saved: anyone who may read reports can open it at ${BUILDER}/${name}`);
      return reply.redirect(`${BUILDER}/${encodeURIComponent(name)}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      let report: ReportView | null = null;
      try {
        report = await req.run(buildReport, { spec });
      } catch (e) {
        if (!(e instanceof ValidationProblem)) throw e;
      }
      return page(req, reply, report, { ...spec, dimensions: spec.dimensions ?? [] }, formFields(err.errors), { name, title });
    }
  });

  app.get(`${BUILDER}/referrer-groups`, { config: { useCases: [listReferrerGroups, saveReferrerGroup, listAgencies] } }, (req, reply) =>
    groupsPage(req, reply, {}),
  );
  app.post(
    `${BUILDER}/referrer-groups`,
    { preHandler: app.csrfProtection, config: { useCases: [saveReferrerGroup, listReferrerGroups, listAgencies] } },
    async (req, reply) => {
      const f = req.body as FormBody;
      const form = { name: one(f.name), agencyIds: asList(f.agencyIds) };
      try {
        await req.run(saveReferrerGroup, form);
        await reply.flash(`Referrer group ${form.name.trim()} saved`);
        return reply.redirect(`${BUILDER}/referrer-groups`, 303);
      } catch (err) {
        if (err instanceof ValidationProblem)
          return groupsPage(
            req,
            reply,
            form,
            err.errors.map((e) => (e.field.startsWith('agencyIds') ? { ...e, field: 'agencyIds' } : e)),
          );
        throw err;
      }
    },
  );

  app.get(`${BUILDER}/:name`, { config: { useCases: [openSavedReport, listSavedReports] } }, async (req, reply) => {
    const { name } = req.params as { name: string };
    const q = req.query as FormBody;
    try {
      const report = await req.run(openSavedReport, { name });
      const format = one(q.format);
      if (format === 'csv' || format === 'xlsx') return send(reply, format, report);
      return page(req, reply, report, report.spec);
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      // The saved period is not one this viewer may see (published figures are for whole months that have ended).
      const saved = (await req.run(listSavedReports, undefined)).find((s) => s.name === name);
      return page(req, reply, null, saved?.spec ?? { measure: '', dimensions: [] }, formFields(err.errors));
    }
  });
}

/** Errors on dimensions[i] belong to the form's i-th breakdown select. */
const formFields = (errors: FieldError[]) =>
  errors.map((e) => {
    const m = /^(?:spec\.)?dimensions\[(\d)\]$/.exec(e.field);
    if (m) return { ...e, field: `dimension${Number(m[1]) + 1}` };
    return { ...e, field: e.field.replace(/^spec\./, '').replace(/^filters\..*/, 'measure') };
  });

async function groupsPage(req: FastifyRequest, reply: FastifyReply, form: { name?: string; agencyIds?: string[] }, errors?: FieldError[]) {
  const [groups, agencies] = await Promise.all([req.run(listReferrerGroups, undefined), req.run(listAgencies, undefined)]);
  const agencyName = new Map(agencies.map((a: { id: string; name: string }) => [a.id, a.name]));
  return reply.status(errors ? 422 : 200).render('report-builder-groups.njk', {
    pageTitle: 'Referrer groups',
    errors,
    form,
    groups: groups.map((g) => ({ ...g, agencies: g.agencyIds.map((id) => agencyName.get(id) ?? id).join(', ') })),
    agencies: agencies.map((a: { id: string; name: string }) => ({ value: a.id, text: a.name, checked: (form.agencyIds ?? []).includes(a.id) })),
  });
}
