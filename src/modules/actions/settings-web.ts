// The escalation settings page: days overdue before an action goes to the owner's manager, and each person's manager.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { actionSettings, setEscalationDays, setManager } from './settings.ts';

const PATH = '/admin/action-settings';

export function actionSettingsPages(app: FastifyInstance) {
  const page = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], days?: string) => {
    const s = await req.run(actionSettings, undefined);
    const choices = [{ value: '', text: 'No manager' }, ...s.staff.map((u) => ({ value: u.id, text: `${u.name} (${u.agencyName})` }))];
    return reply.status(errors ? 422 : 200).render('action-settings.njk', {
      pageTitle: 'Action escalation',
      escalationDays: days ?? String(s.escalationDays),
      staff: s.staff.map((u) => ({
        ...u,
        choices: choices.filter((c) => c.value !== u.id).map((c) => ({ ...c, selected: c.value === (u.managerUserId ?? '') })),
      })),
      path: PATH,
      errors,
    });
  };
  app.get(PATH, { config: { useCases: [actionSettings] } }, async (req, reply) => page(req, reply));

  app.post(PATH, { preHandler: app.csrfProtection, config: { useCases: [setEscalationDays, actionSettings] } }, async (req, reply) => {
    const raw = one((req.body as FormBody).escalationDays).trim();
    try {
      if (!/^\d+$/.test(raw)) throw new ValidationProblem([{ field: 'escalationDays', message: 'The number of days must be a whole number from 1 to 90' }]);
      const r = await req.run(setEscalationDays, { escalationDays: Number(raw) });
      if (r.changed) await reply.flash(`Overdue actions now escalate after ${r.escalationDays} days`);
    } catch (err) {
      if (err instanceof ValidationProblem) return page(req, reply, err.errors, raw);
      throw err;
    }
    return reply.redirect(PATH, 303);
  });

  app.post(`${PATH}/manager/:id`, { preHandler: app.csrfProtection, config: { useCases: [setManager, actionSettings] } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!isUuid(id)) throw notFound('The user');
    const manager = one((req.body as FormBody).managerUserId);
    try {
      const r = await req.run(setManager, { userId: id, managerUserId: manager || null });
      if (r.changed) await reply.flash('Manager saved');
    } catch (err) {
      if (err instanceof ValidationProblem) return page(req, reply, err.errors);
      throw err;
    }
    return reply.redirect(PATH, 303);
  });
}
