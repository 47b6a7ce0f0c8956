// Hub pages for suspected duplicates (same person / not the same) and undoing merges; the referral form's
// "possible matches" step (matchStep) is rendered from here too.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { asList, type FormBody } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, isUuid, notFound, Problem } from '../../platform/http/problems.ts';
import { duplicatesView, percent } from './clusters/page.ts';
import { explanationView } from './explanation-view.ts';
import { findMatches, listDuplicates, mergePeople, recordNotSame, submissionUsed, undoMerge } from './use-cases.ts';

const PAGE = paths.duplicates();

export function matchingWeb(app: FastifyInstance) {
  const page = async (req: FastifyRequest, reply: FastifyReply, extra: { errors?: FieldError[] } = {}) => {
    const { clusters, links, merges } = await req.run(listDuplicates);
    return reply.status(extra.errors ? 422 : 200).render('duplicates.njk', {
      pageTitle: 'Suspected duplicate people',
      ...extra,
      canDecide: may(req.actor!, 'match', 'manage'),
      ...duplicatesView(clusters, links),
      merges,
    });
  };

  app.get(PAGE, { config: { useCases: [listDuplicates] } }, async (req, reply) => {
    return page(req, reply, {});
  });

  app.post(`${PAGE}/decision`, { preHandler: app.csrfProtection, config: { useCases: [listDuplicates, mergePeople, recordNotSame] } }, async (req, reply) => {
    if (!may(req.actor!, 'match', 'manage')) throw forbidden('Only hub coordinators decide whether two records are the same person');
    const form = req.body as FormBody;
    const a = String(form.personA ?? '');
    const b = String(form.personB ?? '');
    const decision = asList(form.decision)[0];
    const field = `decision-${form.index ?? 0}`;
    try {
      if (decision === 'keep_a') await req.run(mergePeople, { mergedPersonId: b, survivingPersonId: a });
      else if (decision === 'keep_b') await req.run(mergePeople, { mergedPersonId: a, survivingPersonId: b });
      else if (decision === 'not_same') await req.run(recordNotSame, { personA: a, personB: b });
      else return page(req, reply, { errors: [{ field, message: 'Choose whether these records are the same person' }] });
    } catch (err) {
      if (err instanceof Problem && (err.status === 409 || err.status === 422))
        return page(req, reply, { errors: [{ field, message: err.errors[0]?.message ?? err.message }] });
      throw err;
    }
    await reply.flash(
      decision === 'not_same'
        ? { heading: 'Recorded as not the same person: they will not be suggested again.', qa: 'duplicates-notice' }
        : { heading: 'The two records were merged.', qa: 'duplicates-notice' },
    );
    return reply.redirect(PAGE, 303);
  });

  app.post('/people/merges/:id/undo', { preHandler: app.csrfProtection, config: { useCases: [undoMerge, listDuplicates] } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The merge');
    try {
      await req.run(undoMerge, { id });
    } catch (err) {
      if (err instanceof Problem && err.status === 409) return page(req, reply, { errors: [{ field: 'merges', message: err.message }] });
      throw err;
    }
    await reply.flash({ heading: 'The merge was undone.', qa: 'duplicates-notice' });
    return reply.redirect(PAGE, 303);
  });
}

/**
 * The referral form's second step (its route declares submissionUsed and findMatches): renders the people already held who may be the subject and returns true,
 * or returns false when there are none (or the submission already went through) and the referral goes ahead.
 * (Not the reply itself: a reply is thenable, so awaiting it would wait for the page to be sent.)
 */
export async function matchStep(req: FastifyRequest, reply: FastifyReply, form: FormBody, subject: Record<string, unknown>, errors?: FieldError[]) {
  if (typeof form.submissionId === 'string' && form.submissionId && (await req.run(submissionUsed, { idempotencyKey: `form:${form.submissionId}` })))
    return false;
  const query = Object.fromEntries(
    ['givenName', 'familyName', 'dateOfBirth', 'sex', 'postcode', 'address', 'nhsNumber']
      .filter((k) => typeof subject[k] === 'string' && subject[k])
      .map((k) => [k, subject[k]]),
  );
  const { candidates, searched } = await req.run(findMatches, query);
  if (candidates.length === 0) return false;
  const hidden: { name: string; value: string }[] = [];
  for (const [name, value] of Object.entries(form)) {
    if (name === '_csrf' || name === 'subjectMatch' || name === 'matchStep' || value === undefined) continue;
    for (const v of asList(value)) hidden.push({ name, value: v });
  }
  reply.status(errors ? 422 : 200).render('referral-matches.njk', {
    pageTitle: 'Is this someone already known?',
    errors,
    searched,
    subjectName: `${subject.givenName ?? ''} ${subject.familyName ?? ''}`.trim(),
    hidden,
    candidates: candidates.map((c) => ({
      ...c,
      probabilityText: percent(c.probability),
      view: explanationView(
        { fields: c.explanation, matchWeight: c.matchWeight, probability: c.probability, priorWeight: c.priorWeight },
        `candidate-${c.personId}`,
      ),
    })),
    action: paths.referrals(),
  });
  return true;
}
