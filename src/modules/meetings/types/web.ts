// The admin's meeting types pages: the list, adding one, and changing one (/admin/meeting-types).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../../platform/http/forms.ts';
import { type FieldError, notFound, ValidationProblem } from '../../../platform/http/problems.ts';
import {
  AGENDA_KIND_LABELS,
  AGENDA_KINDS,
  agendaLines,
  CADENCE_LABELS,
  CADENCES,
  defaultAgendaItems,
  MEETING_SUBJECT_LABELS,
  MEETING_SUBJECTS,
} from '../domain.ts';
import { allMeetingTypes, createMeetingType, getMeetingType, type MeetingTypeView, updateMeetingType } from './admin.ts';

const PATH = '/admin/meeting-types';
const label = <K extends string>(labels: Readonly<Record<K, string>>, v: string) => labels[v as K] ?? v;
const items = <K extends string>(values: readonly K[], labels: Readonly<Record<K, string>>, chosen: string) =>
  values.map((v) => ({ value: v, text: labels[v], checked: v === chosen }));
const typeCode = (req: FastifyRequest) => {
  const c = (req.params as { code: string }).code;
  if (!/^[a-z0-9_]{1,40}$/.test(c)) throw notFound('The meeting type');
  return c;
};
/** Errors on one agenda item (defaultAgenda/3) belong to the one textarea. */
const onPage = (errors: FieldError[]) => errors.map((e) => (e.field.startsWith('defaultAgenda') ? { ...e, field: 'defaultAgenda' } : e));

/** The form's fields as the use case takes them: a blank choice is left out, so the schema names it. */
function fromForm(form: FormBody) {
  const pick = (name: string) => (one(form[name]) ? { [name]: one(form[name]) } : {});
  return {
    name: one(form.name),
    ...pick('subject'),
    ...pick('agenda'),
    ...pick('cadence'),
    defaultAgenda: agendaLines(one(form.defaultAgenda)),
  };
}

export function meetingTypePages(app: FastifyInstance) {
  app.get(PATH, { config: { useCases: [allMeetingTypes] } }, async (req, reply) => {
    const types = (await req.run(allMeetingTypes)).map((t) => ({
      ...t,
      subjectLabel: label(MEETING_SUBJECT_LABELS, t.subject),
      cadenceLabel: label(CADENCE_LABELS, t.cadence),
    }));
    return reply.render('admin-meeting-types.njk', { pageTitle: 'Meeting types', types, path: PATH });
  });

  const formPage = async (reply: FastifyReply, t: Partial<MeetingTypeView> | null, form: FormBody | null, errors?: FieldError[]) => {
    const v = (name: keyof MeetingTypeView, fallback: string) => (form ? one(form[name]) : String(t?.[name] ?? fallback));
    const agenda = v('agenda', 'none');
    const agendaText = form ? one(form.defaultAgenda) : (t?.defaultAgenda?.length ? t.defaultAgenda : defaultAgendaItems(agenda as 'none')).join('\n');
    return reply.status(errors ? 422 : 200).render('admin-meeting-type.njk', {
      pageTitle: t?.code ? `Change ${t.name}` : 'Add a meeting type',
      action: t?.code ? `${PATH}/${t.code}` : PATH,
      type: t,
      name: v('name', ''),
      subjects: items(MEETING_SUBJECTS, MEETING_SUBJECT_LABELS, v('subject', '')),
      agendas: items(AGENDA_KINDS, AGENDA_KIND_LABELS, agenda),
      cadences: items(CADENCES, CADENCE_LABELS, v('cadence', 'as_needed')),
      agendaText,
      active: form ? one(form.active) === 'yes' : (t?.active ?? true),
      errors: errors && onPage(errors),
    });
  };

  app.get(`${PATH}/new`, { config: { useCases: [allMeetingTypes] } }, async (req, reply) => {
    await req.run(allMeetingTypes); // the admin's page: the same permission as the list
    return formPage(reply, null, null);
  });
  app.post(PATH, { preHandler: app.csrfProtection, config: { useCases: [createMeetingType] } }, async (req, reply) => {
    const form = req.body as FormBody;
    try {
      const t = await req.run(createMeetingType, fromForm(form) as never);
      await reply.flash(`Meeting type added: ${t.name}`);
    } catch (err) {
      if (err instanceof ValidationProblem) return formPage(reply, null, form, err.errors);
      throw err;
    }
    return reply.redirect(PATH, 303);
  });

  app.get(`${PATH}/:code`, { config: { useCases: [getMeetingType] } }, async (req, reply) =>
    formPage(reply, await req.run(getMeetingType, { code: typeCode(req) }), null),
  );
  app.post(`${PATH}/:code`, { preHandler: app.csrfProtection, config: { useCases: [updateMeetingType, getMeetingType] } }, async (req, reply) => {
    const code = typeCode(req);
    const form = req.body as FormBody;
    try {
      const t = await req.run(updateMeetingType, { code, ...fromForm(form), active: one(form.active) === 'yes' } as never);
      if (t.changed) await reply.flash(`Meeting type saved: ${t.name}`);
    } catch (err) {
      if (err instanceof ValidationProblem) return formPage(reply, await req.run(getMeetingType, { code }), form, err.errors);
      throw err;
    }
    return reply.redirect(PATH, 303);
  });
}
