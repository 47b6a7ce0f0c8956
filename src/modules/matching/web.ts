// Hub pages for suspected duplicates (same person / not the same) and undoing merges; the referral form's
// "possible matches" step (matchStep) is rendered from here too.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { can, scopeFor } from '../../platform/access/policy.ts';
import { asList, type FormBody } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, Problem } from '../../platform/http/problems.ts';
import type { Candidate } from './service.ts';

const percent = (p: number) => `${p >= 0.995 && p < 1 ? '>99' : p < 0.01 && p > 0 ? '<1' : Math.round(p * 100)}%`;
const signed = (w: number) => `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(1)}`;

/** Rows for an explanation table: field, what was found, weight. */
export function explanationRows(explanation: Candidate['explanation']) {
  return explanation.map((e) => ({ field: e.field, level: e.level, weight: signed(e.weight), positive: e.weight > 0 }));
}

const PAGE = paths.duplicates();

export function matchingWeb(app: FastifyInstance, svc: Services) {
  const page = async (reply: FastifyReply, actor: Actor, extra: { errors?: FieldError[]; notice?: string } = {}) => {
    const { pairs, merges } = await svc.matching.duplicates(actor);
    return reply.status(extra.errors ? 422 : 200).render('duplicates.njk', {
      pageTitle: 'Suspected duplicate people',
      ...extra,
      canDecide: can(actor.role, 'match', 'manage'),
      pairs: pairs.map((p, i) => ({
        index: i,
        a: p.a,
        b: p.b,
        probability: percent(p.probability),
        matchWeight: p.matchWeight.toFixed(1),
        explanation: explanationRows(p.explanation),
      })),
      merges,
    });
  };

  app.get(PAGE, async (req, reply) => {
    const q = req.query as { done?: string };
    const notice = { merged: 'The two records were merged.', not_same: 'Recorded as not the same person: they will not be suggested again.', undone: 'The merge was undone.' }[q.done ?? ''];
    return page(reply, req.actor!, { notice });
  });

  app.post(`${PAGE}/decision`, { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    if (!can(actor.role, 'match', 'manage')) throw forbidden('Only hub coordinators decide whether two records are the same person');
    const form = req.body as FormBody;
    const a = String(form.personA ?? '');
    const b = String(form.personB ?? '');
    const decision = asList(form.decision)[0];
    try {
      if (decision === 'keep_a') await svc.matching.merge(actor, b, a);
      else if (decision === 'keep_b') await svc.matching.merge(actor, a, b);
      else if (decision === 'not_same') await svc.matching.notSame(actor, a, b);
      else return page(reply, actor, { errors: [{ field: `decision-${form.index ?? 0}`, message: 'Choose whether these records are the same person' }] });
    } catch (err) {
      if (err instanceof Problem && (err.status === 409 || err.status === 422)) return page(reply, actor, { errors: [{ field: `decision-${form.index ?? 0}`, message: err.message }] });
      throw err;
    }
    return reply.redirect(`${PAGE}?done=${decision === 'not_same' ? 'not_same' : 'merged'}`, 303);
  });

  app.post('/people/merges/:id/undo', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    try {
      await svc.matching.unmerge(actor, (req.params as { id: string }).id);
    } catch (err) {
      if (err instanceof Problem && err.status === 409) return page(reply, actor, { errors: [{ field: 'merges', message: err.message }] });
      throw err;
    }
    return reply.redirect(`${PAGE}?done=undone`, 303);
  });
}

/** Whether the referral form should offer possible matches to this actor before creating a new person. */
export const offersMatches = (actor: Actor) => scopeFor(actor.role, 'match', 'read') !== null && scopeFor(actor.role, 'person', 'read') !== null;

/**
 * The referral form's second step: renders the people already held who may be the subject and returns true,
 * or returns false when there are none (or the submission already went through) and the referral goes ahead.
 * (Not the reply itself: a reply is thenable, so awaiting it would wait for the page to be sent.)
 */
export async function matchStep(svc: Services, reply: FastifyReply, actor: Actor, form: FormBody, subject: Record<string, unknown>, errors?: FieldError[]) {
  if (typeof form.submissionId === 'string' && (await svc.matching.submitted(actor, `form:${form.submissionId}`))) return false;
  const query = Object.fromEntries(
    ['givenName', 'familyName', 'dateOfBirth', 'sex', 'postcode', 'address', 'nhsNumber'].filter((k) => typeof subject[k] === 'string' && subject[k]).map((k) => [k, subject[k]]),
  );
  const { candidates, searched } = await svc.matching.matches(actor, query);
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
      rows: explanationRows(c.explanation),
    })),
    action: paths.referrals(),
  });
  return true;
}
