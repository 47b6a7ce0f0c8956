// Episode pages: record an episode, see one, record the return and the return home interview, raise a referral,
// and a child's missing history. Forms become the use cases' input; the use cases do the rest.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import type { FormBody } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, isUuid, ValidationProblem } from '../../platform/http/problems.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { getPerson, searchPeople } from '../people/use-cases.ts';
import { CLASSIFICATION_LABELS, DECLINE_REASON_LABELS, NOTICE_KIND_LABELS, POLICE_RISK_GRADE_LABELS } from './domain.ts';
import { followUpSlots, followUpsFromForm, onSlots } from './follow-ups.ts';
import { dateTimeFromForm, dateTimeParts, episodeFromForm, merge, options, pageId, submissionKey, text } from './forms.ts';
import { childMissing, createEpisode, getEpisode, updateEpisode } from './use-cases/episodes.ts';
import { raiseReferral, recordInterview } from './use-cases/interviews.ts';

const CONTENT_FIELDS = ['whereWent', 'whoWith', 'travel', 'pushFactors', 'pullFactors', 'disclosures', 'nextSteps'];

/** Runs a form's use case; on field errors, shows the form again with them. */
async function submit(errors: FieldError[], act: () => Promise<unknown>, again: (errors: FieldError[]) => Promise<unknown>) {
  try {
    if (errors.length) throw new ValidationProblem(errors);
    return await act();
  } catch (err) {
    if (err instanceof ValidationProblem) return again(merge(errors, err.errors));
    throw err;
  }
}

export function episodePages(app: FastifyInstance) {
  const newPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) => {
    const personId = text(form, 'personId');
    const person = personId && isUuid(personId) ? await req.run(getPerson, { id: personId }) : null;
    const q = text(form, 'q');
    const results = !person && q ? await req.run(searchPeople, { q }) : [];
    return reply.status(errors ? 422 : 200).render('missing-episode-new.njk', {
      pageTitle: 'Record a missing episode',
      errors,
      form,
      person,
      q,
      results,
      submissionId: form.submissionId || randomUUID(),
      classifications: options(CLASSIFICATION_LABELS, text(form, 'classification')),
      riskGrades: options(POLICE_RISK_GRADE_LABELS, text(form, 'riskGrade')),
      reported: dateTimeParts(form, 'reportedAt'),
      lastSeen: dateTimeParts(form, 'lastSeenAt'),
      returned: dateTimeParts(form, 'returnedAt'),
      placedDefault: person?.placedByOtherLa ?? false,
    });
  };
  const newUseCases = [getPerson, searchPeople, createEpisode];

  app.get('/missing/episodes/new', { config: { useCases: newUseCases } }, async (req, reply) => {
    if (!may(req.actor!, 'missing', 'create')) throw forbidden('Your role may not record missing episodes');
    const q = req.query as { personId?: string; q?: string };
    return newPage(req, reply, { ...(q.personId ? { personId: q.personId } : {}), ...(q.q ? { q: q.q } : {}) });
  });

  app.post('/missing/episodes', { preHandler: app.csrfProtection, config: { useCases: newUseCases } }, async (req, reply) => {
    const form = req.body as FormBody;
    const { input, errors } = episodeFromForm(form);
    return submit(
      errors,
      async () => {
        const { episode } = await req.run(createEpisode, { ...input, ...submissionKey(form) });
        await reply.flash({ heading: 'Missing episode recorded', qa: 'created-banner' });
        return reply.redirect(paths.missingEpisode(episode.id), 303);
      },
      (all) => newPage(req, reply, form, all),
    );
  });

  app.get('/missing/episodes/:id', { config: { useCases: [getEpisode] } }, async (req, reply) => {
    const actor = req.actor!;
    const episode = await req.run(getEpisode, { id: pageId(req.params, 'The missing episode') });
    return reply.render('missing-episode.njk', {
      pageTitle: `Missing episode: ${episode.personName}`,
      episode,
      canUpdate: may(actor, 'missing', 'update'),
      canRefer: may(actor, 'referral', 'create'),
      noticeKinds: NOTICE_KIND_LABELS,
    });
  });

  // ---- the return ----
  const returnPage = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormBody, errors?: FieldError[]) => {
    const episode = await req.run(getEpisode, { id });
    return reply
      .status(errors ? 422 : 200)
      .render('missing-return.njk', { pageTitle: 'Record the return', errors, form, episode, returned: dateTimeParts(form, 'returnedAt', episode.returnedAt) });
  };
  const mayUpdate = (req: FastifyRequest) => {
    if (!may(req.actor!, 'missing', 'update')) throw forbidden('Your role may not change missing episodes');
  };

  app.get('/missing/episodes/:id/return', { config: { useCases: [getEpisode] } }, async (req, reply) => {
    const id = pageId(req.params, 'The missing episode');
    mayUpdate(req);
    return returnPage(req, reply, id, {});
  });

  app.post('/missing/episodes/:id/return', { preHandler: app.csrfProtection, config: { useCases: [getEpisode, updateEpisode] } }, async (req, reply) => {
    const id = pageId(req.params, 'The missing episode');
    const form = req.body as FormBody;
    const errors: FieldError[] = [];
    const returnedAt = dateTimeFromForm(form, 'returnedAt', 'Date returned', errors);
    if (!returnedAt && errors.length === 0) errors.push({ field: 'returnedAt', message: 'Enter the date and time the child returned or was found' });
    return submit(
      errors,
      async () => {
        await req.run(updateEpisode, { id, returnedAt, foundPlace: text(form, 'foundPlace') || null });
        await reply.flash({ heading: 'Return recorded', text: 'The 72-hour clock for the return home interview has started.' });
        return reply.redirect(paths.missingEpisode(id), 303);
      },
      (all) => returnPage(req, reply, id, form, all),
    );
  });

  // ---- the return home interview ----
  const interviewPage = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormBody, errors?: FieldError[]) => {
    const [episode, agencies] = await Promise.all([req.run(getEpisode, { id }), req.run(listAgencies)]);
    const i = episode.interview;
    const value = (name: string) => (form[name] !== undefined ? form[name] : ((i as unknown as Record<string, unknown> | null)?.[name] ?? ''));
    // Nothing chosen until something is recorded: a pre-selected "offered" would be saved as if it were true.
    const status = text(form, 'status') ?? (i ? (i.completedAt ? 'completed' : i.declinedAt ? 'declined' : 'offered') : undefined);
    return reply.status(errors ? 422 : 200).render('missing-interview.njk', {
      pageTitle: 'Return home interview',
      errors,
      episode,
      status,
      value,
      offered: dateTimeParts(form, 'offeredAt', i?.offeredAt),
      completed: dateTimeParts(form, 'completedAt', i?.completedAt),
      declined: dateTimeParts(form, 'declinedAt', i?.declinedAt),
      reasons: options(DECLINE_REASON_LABELS, String(value('declinedReason') ?? '')),
      followUps: followUpSlots(form, agencies),
    });
  };

  app.get('/missing/episodes/:id/interview', { config: { useCases: [getEpisode, listAgencies] } }, async (req, reply) => {
    const id = pageId(req.params, 'The missing episode');
    mayUpdate(req);
    return interviewPage(req, reply, id, {});
  });

  const interviewUseCases = [getEpisode, recordInterview, listAgencies];
  app.post('/missing/episodes/:id/interview', { preHandler: app.csrfProtection, config: { useCases: interviewUseCases } }, async (req, reply) => {
    const id = pageId(req.params, 'The missing episode');
    const form = req.body as FormBody;
    const errors: FieldError[] = [];
    const input: Record<string, unknown> = { id, ...(text(form, 'status') ? { status: text(form, 'status') } : {}) };
    const offeredAt = dateTimeFromForm(form, 'offeredAt', 'Date offered', errors);
    if (offeredAt !== undefined) input.offeredAt = offeredAt;
    if (input.status === 'completed') {
      const completedAt = dateTimeFromForm(form, 'completedAt', 'Date of the interview', errors);
      if (completedAt !== undefined) input.completedAt = completedAt;
      for (const f of CONTENT_FIELDS) input[f] = text(form, f) ?? null;
    }
    if (input.status === 'declined') {
      const declinedAt = dateTimeFromForm(form, 'declinedAt', 'Date declined', errors);
      if (declinedAt) input.declinedAt = declinedAt;
      input.declinedReason = text(form, 'declinedReason') || null;
      input.declinedReasonDetail = text(form, 'declinedReasonDetail') || null;
    }
    // Follow-up actions (each joins the action tracker).
    const followUps = followUpsFromForm(form);
    errors.push(...followUps.errors);
    if (followUps.actions.length) input.actions = followUps.actions;
    return submit(
      errors,
      async () => {
        const { changes, actions } = await req.run(recordInterview, input);
        const set = actions.length ? [`${actions.length} follow-up action${actions.length === 1 ? '' : 's'} added to the action tracker`] : [];
        await reply.flash(
          changes.length || set.length
            ? { heading: 'Return home interview saved', text: [...changes, ...set].join('. ') }
            : { heading: 'No changes to save', text: 'The interview record is as it was.' },
        );
        return reply.redirect(paths.missingEpisode(id), 303);
      },
      (all) => interviewPage(req, reply, id, form, onSlots(all, followUps.slots)),
    );
  });

  app.post('/missing/episodes/:id/referral', { preHandler: app.csrfProtection, config: { useCases: [raiseReferral] } }, async (req, reply) => {
    const { referral } = await req.run(raiseReferral, { id: pageId(req.params, 'The missing episode') });
    await reply.flash({ heading: `Referral ${referral.reference} sent to the hub`, qa: 'referral-created' });
    return reply.redirect(paths.referral(referral.id), 303);
  });

  // ---- a child's missing history ----
  app.get('/people/:id/missing', { config: { useCases: [childMissing] } }, async (req, reply) => {
    const actor = req.actor!;
    const child = await req.run(childMissing, { personId: pageId(req.params, 'The person') });
    return reply.render('missing-child.njk', {
      pageTitle: `Missing episodes: ${child.person.name}`,
      child,
      canCreate: may(actor, 'missing', 'create'),
      canUpdate: may(actor, 'missing', 'update'),
    });
  });
}
