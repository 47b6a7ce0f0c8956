// The screening toolkit as a page: one question per indicator, the suggested level, and the practitioner's judgement.
// Nothing is pre-selected except what the referrer ticked; every question needs an answer ("Not known" is one); the
// score so far is shown as answers are chosen (with JavaScript) or on "Show the score" (without).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { getReferral } from '../referrals/use-cases.ts';
import { type Answer, applyOverride, isAnswer, scoreScreening, type Toolkit } from './domain.ts';
import { levelWords, NOT_KNOWN, referrerAnswers, TRIAGE_LEVEL_WORDS, unansweredErrors } from './form.ts';
import { screeningForm, screenReferral } from './use-cases.ts';
import { toolkitForm } from './view.ts';

/** The form's fields as the screen use case takes them: answered questions only ("Not known" is no answer), the override when chosen. */
export function screeningFromForm(form: FormBody) {
  const answers = Object.fromEntries(
    Object.entries(form)
      .filter(([k, v]) => k.startsWith('answers.') && one(v) !== '' && one(v) !== NOT_KNOWN)
      .map(([k, v]) => [k.slice('answers.'.length), one(v)]),
  );
  const overrideLevel = one(form.overrideLevel);
  const overrideReason = one(form.overrideReason);
  return { answers, ...(overrideLevel ? { overrideLevel } : {}), ...(overrideReason ? { overrideReason } : {}) };
}

/** With "the rest are not known" ticked, every blank question is answered "Not known". */
function withRestNotKnown(toolkit: Toolkit, form: FormBody): FormBody {
  if (one(form.restNotKnown) !== 'yes') return form;
  const filled: FormBody = { ...form };
  for (const q of [...toolkit.indicators, ...toolkit.significantIncidents]) if (!one(filled[`answers.${q.key}`])) filled[`answers.${q.key}`] = NOT_KNOWN;
  return filled;
}

/** The score of the answers chosen so far (blank and "Not known" count as not present, as in the saved screening). */
function scoreSoFar(toolkit: Toolkit, form: FormBody) {
  const answers: Record<string, Answer> = {};
  for (const q of [...toolkit.indicators, ...toolkit.significantIncidents]) {
    const v = one(form[`answers.${q.key}`]);
    if (isAnswer(v)) answers[q.key] = v;
  }
  const result = scoreScreening(toolkit, answers);
  return { score: result.score, level: result.band, levelWords: levelWords(result.band), forced: result.forcedBy.length > 0 };
}

/** What the judgement part would be refused for (a different level without a reason), as the use case would say. */
function overrideErrors(toolkit: Toolkit, form: FormBody): FieldError[] {
  const r = applyOverride(scoreSoFar(toolkit, form).level, one(form.overrideLevel) || null, one(form.overrideReason) || null);
  return r.ok ? [] : r.errors;
}

const referralId = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The referral');
  return id;
};

export function screeningWeb(app: FastifyInstance) {
  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, posted?: FormBody, errors?: FieldError[]) => {
    const { referral, toolkit } = await req.run(screeningForm, { id });
    // The referrer's ticks answer their questions ("Current") until the screener changes them.
    const ticked = referrerAnswers(toolkit, (await req.run(getReferral, { id })).indicators ?? []);
    const form: FormBody = posted ?? Object.fromEntries(Object.entries(ticked).map(([k, v]) => [`answers.${k}`, v]));
    return reply.status(errors ? 422 : 200).render('screening-form.njk', {
      pageTitle: `Screening for ${referral.reference}`,
      referral,
      toolkit: toolkitForm(toolkit),
      ticked,
      form,
      errors,
      running: scoreSoFar(toolkit, form),
      // For the running score in the browser: the same points and bands the server uses.
      scoring: JSON.stringify({
        points: toolkit.points,
        bands: toolkit.bands,
        forcing: toolkit.incidentForcingAnswers,
        groups: Object.fromEntries(toolkit.indicators.map((i) => [i.key, i.group])),
        incidents: toolkit.significantIncidents.map((i) => i.key),
        words: Object.fromEntries(toolkit.bands.map((b) => [b.level, levelWords(b.level)])),
      }),
      triageWords: TRIAGE_LEVEL_WORDS,
      submissionId: one(form.submissionId) || randomUUID(),
    });
  };

  const useCases = [screeningForm, getReferral, screenReferral];

  app.get('/referrals/:id/screening', { config: { useCases } }, async (req, reply) => page(req, reply, referralId(req)));

  app.post('/referrals/:id/screening', { preHandler: app.csrfProtection, config: { useCases } }, async (req, reply) => {
    const id = referralId(req);
    const { toolkit } = await req.run(screeningForm, { id });
    const form = withRestNotKnown(toolkit, req.body as FormBody);
    // "Show the score": the page again with the score of the answers so far; nothing saved.
    if (one(form.intent) === 'score') return page(req, reply, id, form);
    const key = one(form.submissionId);
    try {
      const unanswered = unansweredErrors(toolkit, form);
      // With the professional judgement's own errors, so the summary lists everything to fix at once.
      if (unanswered.length) throw new ValidationProblem([...unanswered, ...overrideErrors(toolkit, form)]);
      await req.run(screenReferral, { referralId: id, ...screeningFromForm(form), ...(key ? { idempotencyKey: `form:${key}` } : {}) });
    } catch (err) {
      if (err instanceof ValidationProblem) return page(req, reply, id, form, err.errors);
      throw err;
    }
    await reply.flash({ heading: 'Screening saved', qa: 'screening-saved' });
    return reply.redirect(`${paths.referral(id)}#screening`, 303);
  });
}
