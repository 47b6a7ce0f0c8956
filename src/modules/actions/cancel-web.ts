// The pages for cancelling an action: asked why, confirmed, a success banner with an undo button.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { actionToCancel, cancelAction, reinstateAction } from './changes.ts';
import { isLive, REASON_MAX } from './domain.ts';

export const cancelPath = (id: string) => `${paths.action(id)}/cancel`;
export const reinstatePath = (id: string) => `${paths.action(id)}/reinstate`;

export const actionId = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The action');
  return id;
};

export function actionCancelPages(app: FastifyInstance) {
  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormBody = {}, errors?: FieldError[]) => {
    const action = await req.run(actionToCancel, { id });
    if (!isLive(action.status)) return reply.redirect(paths.action(id), 303);
    return reply.status(errors ? 422 : 200).render('action-cancel.njk', {
      pageTitle: 'Cancel the action',
      action,
      reason: one(form.reason),
      reasonMax: REASON_MAX,
      cancelPath: cancelPath(id),
      errors,
    });
  };

  app.get('/actions/:id/cancel', { config: { useCases: [actionToCancel] } }, async (req, reply) => page(req, reply, actionId(req)));

  app.post('/actions/:id/cancel', { preHandler: app.csrfProtection, config: { useCases: [actionToCancel, cancelAction] } }, async (req, reply) => {
    const id = actionId(req);
    const form = req.body as FormBody;
    try {
      const a = await req.run(cancelAction, { id, reason: one(form.reason) });
      await reply.flash({
        heading: `Action cancelled: ${a.description}`,
        text: `Reason: ${a.reason ?? ''}`,
        qa: 'action-cancelled',
        undo: { action: reinstatePath(id), text: 'Undo: reinstate the action' },
      });
      return reply.redirect(paths.actions(), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return page(req, reply, id, form, err.errors);
      throw err;
    }
  });

  app.post('/actions/:id/reinstate', { preHandler: app.csrfProtection, config: { useCases: [reinstateAction] } }, async (req, reply) => {
    const a = await req.run(reinstateAction, { id: actionId(req) });
    await reply.flash({ heading: a.changed ? `Action reinstated: ${a.description}` : `The action is ${a.status}: ${a.description}`, qa: 'action-reinstated' });
    return reply.redirect(paths.actions(), 303);
  });
}
