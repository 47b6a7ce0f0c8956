// Awareness pages: sessions, campaigns, the register of organisations to reach, and a session's evaluation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { AUDIENCE_LABELS, AUDIENCES, ORG_KIND_LABELS, ORG_KINDS, REACH_STATUS_LABELS, REACH_STATUSES, readResponses } from './domain.ts';
import { awarenessOverview, createCampaign, getSession, recordEvaluation, recordSession } from './use-cases/awareness.ts';
import { createOrg, listOrgs, setReach } from './use-cases/courses.ts';
import { orgKindLabel } from './view.ts';
import { dateField, filled, formPost, int } from './web.ts';

const options = (labels: Record<string, string>, values: readonly string[], chosen?: string | string[], blank?: string) => [
  ...(blank ? [{ value: '', text: blank }] : []),
  ...values.map((v) => ({ value: v, text: labels[v], selected: v === chosen, checked: v === chosen })),
];

export function trainingAwarenessWeb(app: FastifyInstance) {
  app.get('/training/awareness', { config: { useCases: [awarenessOverview] } }, async (req, reply) => {
    const a = await req.run(awarenessOverview);
    return reply.render('training-awareness.njk', {
      pageTitle: 'Awareness',
      a,
      audienceLabels: AUDIENCE_LABELS,
      reachLabels: REACH_STATUS_LABELS,
      reachItems: options(REACH_STATUS_LABELS, REACH_STATUSES),
      kindLabel: orgKindLabel,
      canCreate: may(req.actor!, 'training', 'create'),
      canUpdate: may(req.actor!, 'training', 'update'),
      totalReached: a.sessions.reduce((s, x) => s + x.reached, 0),
    });
  });

  const sessionPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const [a, orgs] = [await req.run(awarenessOverview), await req.run(listOrgs)];
    return reply.render('training-session-new.njk', {
      pageTitle: 'Record an awareness session',
      form,
      errors,
      audiences: options(AUDIENCE_LABELS, AUDIENCES, form.audience),
      orgs: [{ value: '', text: 'None' }, ...orgs.map((o) => ({ value: o.id, text: o.name, selected: o.id === form.organisationId }))],
      campaigns: [{ value: '', text: 'None' }, ...a.campaigns.map((c) => ({ value: c.id, text: c.name, selected: c.id === form.campaignId }))],
    });
  };
  const sessionUseCases = [recordSession, awarenessOverview, listOrgs];
  app.get('/training/awareness/sessions/new', { config: { useCases: sessionUseCases } }, async (req, reply) => sessionPage(req, reply));
  app.post('/training/awareness/sessions/new', { preHandler: app.csrfProtection, config: { useCases: sessionUseCases } }, async (req, reply) => {
    const form = req.body as FormBody;
    return formPost(
      reply,
      () =>
        req.run(
          recordSession,
          filled({
            heldOn: dateField(form.heldOn),
            title: one(form.title).trim(),
            audience: one(form.audience),
            organisationId: one(form.organisationId),
            campaignId: one(form.campaignId),
            reached: int(form.reached),
            language: one(form.language).trim(),
          }),
        ),
      (errors) => sessionPage(req, reply, form, errors),
      (r) => `/training/awareness/sessions/${r.id}`,
    );
  });

  const evalPage = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormBody = {}, errors?: FieldError[]) => {
    const s = await req.run(getSession, { id });
    return reply.render('training-session.njk', {
      pageTitle: s.title,
      s,
      form,
      errors,
      audienceLabels: AUDIENCE_LABELS,
      canCreate: may(req.actor!, 'training', 'create'),
    });
  };
  const sessionId = (req: FastifyRequest) => {
    const { id } = req.params as { id: string };
    if (!isUuid(id)) throw notFound('The session');
    return id;
  };
  app.get('/training/awareness/sessions/:id', { config: { useCases: [getSession] } }, async (req, reply) => evalPage(req, reply, sessionId(req)));
  app.post(
    '/training/awareness/sessions/:id/evaluation',
    { preHandler: app.csrfProtection, config: { useCases: [recordEvaluation, getSession] } },
    async (req, reply) => {
      const id = sessionId(req);
      const form = req.body as FormBody;
      const { responses, errors } = readResponses(one(form.responses));
      if (errors.length || responses.length === 0)
        return evalPage(req, reply.status(422), id, form, [{ field: 'responses', message: errors[0] ?? 'Enter at least one response, like 2, 4' }]);
      return formPost(
        reply,
        () => req.run(recordEvaluation, { sessionId: id, responses }),
        (e) => evalPage(req, reply, id, form, e),
        () => `/training/awareness/sessions/${id}`,
      );
    },
  );

  const campaignPage = (reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.render('training-campaign-new.njk', { pageTitle: 'Add a campaign', form, errors });
  app.get('/training/awareness/campaigns/new', { config: { useCases: [createCampaign] } }, async (_req, reply) => campaignPage(reply));
  app.post('/training/awareness/campaigns/new', { preHandler: app.csrfProtection, config: { useCases: [createCampaign] } }, async (req, reply) => {
    const form = req.body as FormBody;
    const languages = one(form.languages)
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    return formPost(
      reply,
      () =>
        req.run(
          createCampaign,
          filled({
            name: one(form.name).trim(),
            description: one(form.description).trim(),
            languages,
            startsOn: dateField(form.startsOn),
            endsOn: dateField(form.endsOn),
          }),
        ),
      (errors) => campaignPage(reply, form, errors),
      () => '/training/awareness',
    );
  });

  const orgPage = (reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.render('training-org-new.njk', {
      pageTitle: 'Add an organisation',
      form,
      errors,
      kinds: options(ORG_KIND_LABELS, ORG_KINDS, form.kind, 'Choose the kind'),
      statuses: options(REACH_STATUS_LABELS, REACH_STATUSES, form.reachStatus, 'Not on the register'),
    });
  app.get('/training/organisations/new', { config: { useCases: [createOrg] } }, async (_req, reply) => orgPage(reply));
  app.post('/training/organisations/new', { preHandler: app.csrfProtection, config: { useCases: [createOrg] } }, async (req, reply) => {
    const form = req.body as FormBody;
    return formPost(
      reply,
      () =>
        req.run(
          createOrg,
          filled({ name: one(form.name).trim(), kind: one(form.kind), reachStatus: one(form.reachStatus), reachNotes: one(form.reachNotes).trim() }),
        ),
      (errors) => orgPage(reply, form, errors),
      () => '/training/awareness',
    );
  });

  app.post('/training/organisations/:id/reach', { preHandler: app.csrfProtection, config: { useCases: [setReach] } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!isUuid(id)) throw notFound('The organisation');
    try {
      await req.run(setReach, { id, reachStatus: one((req.body as FormBody).reachStatus) });
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
    }
    return reply.redirect('/training/awareness#register', 303);
  });
}
