// Context pages: the list filtered by kind and ward, a context's page (overview, map link, children, assessments,
// meetings, actions, disruption, surveys, reviews), its chronology and the report by kind and ward.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { CONTEXT_KINDS, KIND_LABELS } from './domain.ts';
import { contextReport } from './report.ts';
import { contextToolkitWeb } from './toolkit/web.ts';
import { contextChronology, entityToOpen, getContext, listContexts, referContext } from './use-cases.ts';
import { contextFormsWeb } from './web-forms.ts';

const contextId = (req: FastifyRequest) => {
  const id = (req.params as { id: string }).id;
  if (!isUuid(id)) throw notFound('The context');
  return id;
};

export function contextsWeb(app: FastifyInstance) {
  app.get('/contexts', { config: { useCases: [listContexts] } }, async (req, reply) => {
    const q = req.query as { kind?: string; ward?: string };
    const kind = (CONTEXT_KINDS as readonly string[]).includes(q.kind ?? '') ? (q.kind as 'place') : undefined;
    const ward = q.ward?.trim().slice(0, 100) || undefined;
    const list = await req.run(listContexts, { ...(kind ? { kind } : {}), ...(ward ? { ward } : {}) });
    return reply.render('contexts.njk', {
      pageTitle: 'Contexts: places and groups',
      list,
      kinds: [{ value: '', text: 'Any kind' }, ...CONTEXT_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], selected: k === kind }))],
      wards: [{ value: '', text: 'Any ward' }, ...list.wards.map((w) => ({ value: w, text: w, selected: w === ward }))],
    });
  });
  const newPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) => {
    const entityId = one(form.entityId);
    const entity = entityId && isUuid(entityId) ? await req.run(entityToOpen, { id: entityId }) : undefined;
    // "Open as a context" on a place or group that already is one goes to it: never a second record.
    if (entity?.isContext) return reply.redirect(`/contexts/${entity.id}`, 303);
    return reply.status(errors ? 422 : 200).render('context-new.njk', {
      pageTitle: entity ? `Open ${entity.label} as a context` : 'Refer a context',
      form,
      errors,
      entity,
      kinds: CONTEXT_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], checked: k === one(form.kind) })),
    });
  };
  const refer = { config: { useCases: [referContext, entityToOpen] } };
  app.get('/contexts/new', refer, (req, reply) => newPage(req, reply, req.query as FormBody));
  app.post('/contexts', { ...refer, preHandler: app.csrfProtection }, async (req, reply) => {
    const form = req.body as FormBody;
    const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
    const coordinate = (field: 'latitude' | 'longitude'): FieldError[] =>
      one(form[field]).trim() !== '' && !Number.isFinite(Number(one(form[field]))) ? [{ field, message: `Enter the ${field} as a number` }] : [];
    try {
      const errors = [...coordinate('latitude'), ...coordinate('longitude')];
      if (errors.length) throw new ValidationProblem(errors);
      const c = await req.run(referContext, {
        ...(one(form.entityId) ? { entityId: one(form.entityId) } : {}),
        ...(one(form.kind) ? { kind: one(form.kind) as 'place' } : {}),
        ...(one(form.name) ? { name: one(form.name) } : {}),
        ...(one(form.ward) ? { ward: one(form.ward) } : {}),
        ...(num(one(form.latitude)) !== undefined ? { latitude: num(one(form.latitude)) } : {}),
        ...(num(one(form.longitude)) !== undefined ? { longitude: num(one(form.longitude)) } : {}),
        concerns: one(form.concerns),
      });
      await reply.flash({ heading: `Context opened: ${c.name}`, qa: 'context-opened' });
      return reply.redirect(`/contexts/${c.id}`, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return newPage(req, reply, form, err.errors);
      throw err;
    }
  });
  app.get('/contexts/report', { config: { useCases: [contextReport] } }, async (req, reply) =>
    reply.render('contexts-report.njk', { pageTitle: 'Contexts by kind and ward', report: await req.run(contextReport, undefined) }),
  );
  app.get('/contexts/:id', { config: { useCases: [getContext] } }, async (req, reply) => {
    const c = await req.run(getContext, { id: contextId(req) });
    return reply.render('context.njk', {
      pageTitle: c.name,
      c,
      mayUpdate: may(req.actor!, 'context', 'update'),
      mayDisrupt: may(req.actor!, 'disruption', 'create'),
      mayConvene: may(req.actor!, 'meeting', 'create'),
    });
  });
  app.get('/contexts/:id/chronology', { config: { useCases: [contextChronology] } }, async (req, reply) => {
    const c = await req.run(contextChronology, { id: contextId(req) });
    return reply.render('context-chronology.njk', { pageTitle: `Chronology: ${c.name}`, c });
  });
  contextFormsWeb(app);
  contextToolkitWeb(app);
}
