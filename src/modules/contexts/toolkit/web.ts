// The context assessment toolkit pages under Admin (/admin/context-toolkit): each kind's areas, adding an area,
// and renaming, withdrawing or bringing back one. Errors come back on the form with what was typed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { may } from '../../../platform/access/rules.ts';
import { type FormBody, one } from '../../../platform/http/forms.ts';
import { inputErrors } from '../../../platform/http/input.ts';
import { type FieldError, Problem, ValidationProblem } from '../../../platform/http/problems.ts';
import { type ContextKind, KIND_LABELS } from '../domain.ts';
import { areaPath } from './api.ts';
import { AREA_LABEL_MAX, KIND_PLURALS, type ToolkitArea } from './domain.ts';
import { ChangeAreaInput } from './schemas.ts';
import { addToolkitArea, changeToolkitArea, contextToolkit, toolkitArea } from './use-cases.ts';

export const TOOLKIT_PATH = '/admin/context-toolkit';

const SOURCE_LABELS: Record<ToolkitArea['source'], string> = { default: 'Default', renamed: 'Default, renamed', own: 'Added by the partnership' };

/** A field error (422) or a duplicate label (409) goes back to the form; anything else is the error page's. */
const formErrors = (err: unknown): { status: number; errors: FieldError[] } | null =>
  err instanceof Problem && (err.status === 422 || err.status === 409) && err.errors.length ? { status: err.status, errors: err.errors } : null;

export function contextToolkitWeb(app: FastifyInstance) {
  app.get(TOOLKIT_PATH, { config: { useCases: [contextToolkit] } }, async (req, reply) => {
    const toolkit = await req.run(contextToolkit, undefined);
    return reply.render('admin-context-toolkit.njk', {
      pageTitle: 'Context assessment toolkit',
      path: TOOLKIT_PATH,
      mayChange: may(req.actor!, 'context_toolkit', 'manage'),
      kinds: toolkit.kinds.map((k) => ({
        ...k,
        plural: KIND_PLURALS[k.kind],
        areas: k.areas.map((a) => ({ ...a, sourceLabel: SOURCE_LABELS[a.source] })),
      })),
    });
  });

  type Area = { kind: ContextKind; code?: string; label: string; defaultLabel?: string | null; active: boolean };
  const formPage = (reply: FastifyReply, area: Area, status = 200, errors?: FieldError[]) =>
    reply.status(status).render('admin-context-toolkit-area.njk', {
      pageTitle: area.code ? `Change an area for ${KIND_PLURALS[area.kind]}` : `Add an area for ${KIND_PLURALS[area.kind]}`,
      kindLabel: KIND_LABELS[area.kind],
      action: area.code ? `${TOOLKIT_PATH}/${area.kind}/${area.code}` : `${TOOLKIT_PATH}/${area.kind}`,
      back: TOOLKIT_PATH,
      area,
      maxLength: AREA_LABEL_MAX,
      errors,
    });

  // The first use case named is the permission checked before anything is read: adding is the manager's.
  app.get(`${TOOLKIT_PATH}/:kind/new`, { config: { useCases: [addToolkitArea] } }, async (req, reply) =>
    formPage(reply, { kind: areaPath(req).kind, label: '', active: true }),
  );
  app.post(`${TOOLKIT_PATH}/:kind`, { preHandler: app.csrfProtection, config: { useCases: [addToolkitArea] } }, async (req, reply) => {
    const { kind } = areaPath(req);
    const label = one((req.body as FormBody).label);
    try {
      const a = await req.run(addToolkitArea, { kind, label });
      await reply.flash({ heading: `Area added for ${KIND_PLURALS[kind]}: ${a.label}`, qa: 'toolkit-saved' });
      return reply.redirect(TOOLKIT_PATH, 303);
    } catch (err) {
      const bad = formErrors(err);
      if (bad) return formPage(reply, { kind, label, active: true }, bad.status, bad.errors);
      throw err;
    }
  });

  app.get(`${TOOLKIT_PATH}/:kind/:code`, { config: { useCases: [toolkitArea] } }, async (req, reply) =>
    formPage(reply, await req.run(toolkitArea, areaPath(req))),
  );
  app.post(`${TOOLKIT_PATH}/:kind/:code`, { preHandler: app.csrfProtection, config: { useCases: [changeToolkitArea, toolkitArea] } }, async (req, reply) => {
    const ref = areaPath(req);
    const form = req.body as FormBody;
    const label = one(form.label);
    const chosen = one(form.active);
    try {
      if (chosen !== 'yes' && chosen !== 'no')
        throw new ValidationProblem([
          ...inputErrors(ChangeAreaInput, { ...ref, label, active: true }),
          { field: 'active', message: 'Select whether the area is offered on new assessments' },
        ]);
      const a = await req.run(changeToolkitArea, { ...ref, label, active: chosen === 'yes' });
      if (a.changed) await reply.flash({ heading: `Area saved: ${a.label}${a.active ? '' : ' (withdrawn)'}`, qa: 'toolkit-saved' });
      return reply.redirect(TOOLKIT_PATH, 303);
    } catch (err) {
      const bad = formErrors(err);
      if (!bad) throw err;
      const current = await req.run(toolkitArea, ref);
      return formPage(reply, { ...current, label, active: chosen === 'yes' || (chosen !== 'no' && current.active) }, bad.status, bad.errors);
    }
  });
}
