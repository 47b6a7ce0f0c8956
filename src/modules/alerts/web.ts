// Alert pages: the hub's open alerts with what added up and a dismiss form each (/alerts), and the partnership's
// cumulative concern rule (/alerts/settings, hub coordinator and administrator).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { dismissAlert, getAlertSettings, listAlerts, updateAlertSettings } from './use-cases.ts';

/** The dismiss form of each alert has its own field, so an error names the one that was sent. */
const reasonField = (id: string) => `reason-${id}`;
const whole = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : (v as unknown as number));

export function alertsWeb(app: FastifyInstance) {
  const listPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: Record<string, string> = {}) =>
    reply.status(errors ? 422 : 200).render('alerts.njk', {
      pageTitle: 'Alerts',
      alerts: await req.run(listAlerts, undefined),
      errors,
      form,
      mayChangeRule: may(req.actor!, 'alert', 'manage'),
    });
  app.get('/alerts', { config: { useCases: [listAlerts] } }, (req, reply) => listPage(req, reply));
  app.post('/alerts/:id/dismiss', { preHandler: app.csrfProtection, config: { useCases: [dismissAlert, listAlerts] } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The alert');
    const reason = one((req.body as FormBody).reason);
    try {
      await req.run(dismissAlert, { id, reason });
      await reply.flash('Alert dismissed');
      return reply.redirect('/alerts', 303);
    } catch (err) {
      if (err instanceof ValidationProblem)
        return listPage(
          req,
          reply,
          err.errors.map((e) => ({ ...e, field: e.field === 'reason' ? reasonField(id) : e.field })),
          { [reasonField(id)]: reason },
        );
      throw err;
    }
  });

  const settingsPage = (reply: FastifyReply, form: Record<string, unknown>, errors?: FieldError[]) =>
    reply.status(errors ? 422 : 200).render('alert-settings.njk', { pageTitle: 'Cumulative concern alerts', form, errors });
  app.get('/alerts/settings', { config: { useCases: [getAlertSettings, updateAlertSettings] } }, async (req, reply) =>
    settingsPage(reply, { ...(await req.run(getAlertSettings, undefined)) }),
  );
  app.post('/alerts/settings', { preHandler: app.csrfProtection, config: { useCases: [updateAlertSettings] } }, async (req, reply) => {
    const f = req.body as FormBody;
    const form = { minAgencies: one(f.minAgencies), windowDays: one(f.windowDays) };
    try {
      await req.run(updateAlertSettings, { minAgencies: whole(form.minAgencies), windowDays: whole(form.windowDays) });
      await reply.flash('Cumulative concern rule saved');
      return reply.redirect('/alerts/settings', 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return settingsPage(reply, form, err.errors);
      throw err;
    }
  });
}
