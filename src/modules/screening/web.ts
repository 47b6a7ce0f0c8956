// The screening toolkit as a page: one question per indicator, the suggested level, and the practitioner's judgement.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { toolkitForm } from './service.ts';

export function screeningWeb(app: FastifyInstance, svc: Services) {
  const page = async (reply: FastifyReply, actor: Actor, referralId: string, form: FormBody = {}, errors?: FieldError[]) => {
    const { referral, toolkit } = await svc.screening.toolkit(actor, referralId);
    return reply.status(errors ? 422 : 200).render('screening-form.njk', {
      pageTitle: `Screening for ${referral.reference}`,
      referral,
      toolkit: toolkitForm(toolkit),
      form,
      errors,
      submissionId: one(form.submissionId) || randomUUID(),
    });
  };

  app.get('/referrals/:id/screening', async (req, reply) => page(reply, req.actor!, (req.params as { id: string }).id));

  app.post('/referrals/:id/screening', { preHandler: app.csrfProtection }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const form = req.body as FormBody;
    const answers = Object.fromEntries(
      Object.entries(form)
        .filter(([k]) => k.startsWith('answers.'))
        .map(([k, v]) => [k.slice('answers.'.length), one(v)]),
    );
    try {
      await svc.screening.screen(
        req.actor!,
        id,
        { answers, overrideLevel: one(form.overrideLevel) || null, overrideReason: one(form.overrideReason) || null },
        one(form.submissionId) ? `form:${one(form.submissionId)}` : undefined,
      );
    } catch (err) {
      if (err instanceof ValidationProblem) return page(reply, req.actor!, id, form, err.errors);
      throw err;
    }
    return reply.redirect(`${paths.referral(id)}?screened=1#screening`, 303);
  });
}
