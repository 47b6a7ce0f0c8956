// The screening toolkit as a page: one question per indicator, the suggested level, and the practitioner's judgement.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { screeningForm, screenReferral } from './use-cases.ts';
import { toolkitForm } from './view.ts';

/** The form's fields as the screen use case takes them: answered questions only, the override when chosen. */
export function screeningFromForm(form: FormBody) {
  const answers = Object.fromEntries(
    Object.entries(form)
      .filter(([k, v]) => k.startsWith('answers.') && one(v) !== '')
      .map(([k, v]) => [k.slice('answers.'.length), one(v)]),
  );
  const overrideLevel = one(form.overrideLevel);
  const overrideReason = one(form.overrideReason);
  return { answers, ...(overrideLevel ? { overrideLevel } : {}), ...(overrideReason ? { overrideReason } : {}) };
}

const referralId = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The referral');
  return id;
};

export function screeningWeb(app: FastifyInstance) {
  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormBody = {}, errors?: FieldError[]) => {
    const { referral, toolkit } = await req.run(screeningForm, { id });
    return reply.status(errors ? 422 : 200).render('screening-form.njk', {
      pageTitle: `Screening for ${referral.reference}`,
      referral,
      toolkit: toolkitForm(toolkit),
      form,
      errors,
      submissionId: one(form.submissionId) || randomUUID(),
    });
  };

  const useCases = [screeningForm, screenReferral];

  app.get('/referrals/:id/screening', { config: { useCases } }, async (req, reply) => page(req, reply, referralId(req)));

  app.post('/referrals/:id/screening', { preHandler: app.csrfProtection, config: { useCases } }, async (req, reply) => {
    const id = referralId(req);
    const form = req.body as FormBody;
    const key = one(form.submissionId);
    try {
      await req.run(screenReferral, { referralId: id, ...screeningFromForm(form), ...(key ? { idempotencyKey: `form:${key}` } : {}) });
    } catch (err) {
      if (err instanceof ValidationProblem) return page(req, reply, id, form, err.errors);
      throw err;
    }
    await reply.flash({ heading: 'Screening saved', qa: 'screening-saved' });
    return reply.redirect(`${paths.referral(id)}#screening`, 303);
  });
}
