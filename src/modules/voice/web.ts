// The child's voice on the plan: a page in the child's frame to record the child's and the family's views.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { frameUseCases, loadPersonFrame } from '../cases/frame.ts';
import { VOICE_MAX } from './schemas.ts';
import { recordPlanVoice } from './use-cases.ts';

export function voiceWeb(app: FastifyInstance) {
  const page = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The person');
    const { person, frame } = await loadPersonFrame(req, id, 'actions');
    if (errors) reply.status(422);
    return reply.render('voice-form.njk', {
      pageTitle: `${errors ? 'Error: ' : ''}The child’s voice in the plan – ${person.givenName} ${person.familyName}`,
      frame,
      person,
      form: { childViews: one(form.childViews), familyViews: one(form.familyViews) },
      max: VOICE_MAX,
      errors,
    });
  };
  const useCases = [...frameUseCases, recordPlanVoice];
  app.get('/people/:id/voice', { config: { useCases } }, async (req, reply) => page(req, reply));
  app.post('/people/:id/voice', { preHandler: app.csrfProtection, config: { useCases } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The person');
    const form = req.body as FormBody;
    try {
      await req.run(recordPlanVoice, { personId: id, childViews: one(form.childViews), familyViews: one(form.familyViews) });
    } catch (err) {
      if (err instanceof ValidationProblem) return page(req, reply, form, err.errors);
      throw err;
    }
    await reply.flash({ heading: 'Views recorded', text: 'They are on the overview.', qa: 'voice-banner' });
    return reply.redirect(paths.person(id), 303);
  });
}
