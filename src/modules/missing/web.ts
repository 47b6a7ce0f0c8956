// Missing children pages: the coordinator's dashboard (interviews due, children missing now, repeat-missing
// alerts), the repeat-missing rule and the quarterly report here; episodes, notices and the Philomena Protocol
// profile in web-episodes, web-notices and web-philomena. Thin handlers: forms become the use cases' input.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may, maySeeExactCounts } from '../../platform/access/rules.ts';
import { type FormBody, readPeriod } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { periodControls } from '../reports/view.ts';
import { DECLINE_REASON_LABELS } from './domain.ts';
import { pageId, text } from './forms.ts';
import { acknowledgeAlert, getRule, setRule } from './use-cases/repeat-missing.ts';
import { missingDashboard, missingReport } from './use-cases/reports.ts';
import { committeePages } from './web-committee.ts';
import { episodePages } from './web-episodes.ts';
import { noticePages } from './web-notices.ts';
import { philomenaPages } from './web-philomena.ts';

/** A whole number typed in a box, for the schema to judge (text that is not a number stays text). */
const wholeNumber = (v: string | undefined) => (v !== undefined && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v);

export function missingWeb(app: FastifyInstance) {
  app.get('/missing', { config: { useCases: [missingDashboard] } }, async (req, reply) => {
    const actor = req.actor!;
    const dash = await req.run(missingDashboard);
    return reply.render('missing-dashboard.njk', {
      pageTitle: 'Missing children',
      dash,
      canCreate: may(actor, 'missing', 'create'),
      canManage: may(actor, 'missing', 'manage'),
      canUpdate: may(actor, 'missing', 'update'),
      canReport: may(actor, 'report', 'read'),
    });
  });

  app.post('/missing/alerts/:id/acknowledge', { preHandler: app.csrfProtection, config: { useCases: [acknowledgeAlert] } }, async (req, reply) => {
    await req.run(acknowledgeAlert, { id: pageId(req.params, 'The alert') });
    return reply.redirect(paths.missing(), 303);
  });

  const rulePage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) => {
    const rule = await req.run(getRule);
    return reply.status(errors ? 422 : 200).render('missing-rule.njk', {
      pageTitle: 'Repeat-missing rule',
      errors,
      episodes: form.episodes ?? rule.episodes,
      withinDays: form.withinDays ?? rule.withinDays,
    });
  };
  app.get('/missing/rule', { config: { useCases: [getRule] } }, async (req, reply) => {
    if (!may(req.actor!, 'missing', 'manage')) throw forbidden('Your role may not change the repeat-missing rule');
    return rulePage(req, reply, {});
  });
  app.post('/missing/rule', { preHandler: app.csrfProtection, config: { useCases: [getRule, setRule] } }, async (req, reply) => {
    const form = req.body as FormBody;
    try {
      await req.run(setRule, { episodes: wholeNumber(text(form, 'episodes')), withinDays: wholeNumber(text(form, 'withinDays')) });
      await reply.flash('Rule saved');
      return reply.redirect(paths.missingRule(), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return rulePage(req, reply, form, err.errors);
      throw err;
    }
  });

  // The figures come from the use case already published for those who may not see exact counts (for whole months
  // only, so the controls offer months and quarters to them); the page only says so.
  app.get('/missing/report', { config: { useCases: [missingReport] } }, async (req, reply) => {
    const { errors: dateErrors, ...period } = readPeriod(req.query as FormBody);
    const controls = (p: { from?: string; to?: string }) => periodControls(p, ukDate(new Date()), !maySeeExactCounts(req.actor!));
    try {
      if (dateErrors.length) throw new ValidationProblem(dateErrors);
      const { report, rule, suppressed, disclosure } = await req.run(missingReport, period);
      return reply.render('missing-report.njk', {
        pageTitle: 'Missing children: quarterly figures',
        report,
        rule,
        sdc: suppressed,
        disclosure,
        period: controls(report),
        reasons: DECLINE_REASON_LABELS,
      });
    } catch (err) {
      if (err instanceof ValidationProblem)
        return reply
          .status(422)
          .render('missing-report.njk', { pageTitle: 'Missing children: quarterly figures', errors: err.errors, period: controls(period) });
      throw err;
    }
  });

  episodePages(app);
  noticePages(app);
  philomenaPages(app);
  committeePages(app);
}
