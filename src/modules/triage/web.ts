// The hub's pages: the dashboard, the day's triage meeting (attendance, chair, a decision per referral), actions.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.ts';
import { type Actor, requireScope } from '../../platform/access/actor.ts';
import { asList, type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, isIsoDate, ukDate } from '../../platform/time.ts';
import { TRIAGE_CATEGORIES, TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS, TRIAGE_OUTCOMES } from './vocab.ts';

/** A decision form's fields as the service takes them; the optional action only when something was entered. */
export function decisionFromForm(form: FormBody) {
  const action = { description: one(form['action.description']).trim(), ownerAgencyId: one(form['action.ownerAgencyId']), dueDate: one(form['action.dueDate']) };
  const anyAction = action.description || action.ownerAgencyId || action.dueDate;
  return {
    outcome: one(form.outcome),
    category: one(form.category),
    rationale: one(form.rationale),
    actions: anyAction ? [action] : [],
  };
}

/** Errors of one referral's form, renamed so each links to that form's own fields. */
const scoped = (referralId: string, errors: FieldError[]) =>
  errors.map((e) => ({ field: `ref-${referralId}.${e.field.replace(/^actions\[0\]/, 'action')}`, message: e.message }));

export function triageWeb(app: FastifyInstance, svc: Services) {
  app.get('/hub', async (req, reply) => {
    const dashboard = await svc.triage.dashboard(req.actor!);
    return reply.render('hub.njk', { pageTitle: 'Exploitation hub', today: ukDate(new Date()), ...dashboard });
  });

  app.get('/triage', async (req, reply) => {
    requireScope(req.actor!, 'triage', 'read');
    return reply.redirect(paths.triageMeeting(ukDate(new Date())));
  });

  const meetingPage = async (reply: FastifyReply, actor: Actor, day: string, extra: { errors?: FieldError[]; form?: FormBody; formFor?: string; decided?: string } = {}) => {
    const [meeting, queue, queueSize, agencies] = await Promise.all([
      svc.triage.meeting(actor, day),
      svc.triage.queue(actor),
      svc.triage.queueSize(actor),
      svc.admin.listAgencies(actor),
    ]);
    const attending = new Map(meeting.attendance.map((a) => [a.agency_id, a.attendee_name]));
    return reply.status(extra.errors ? 422 : 200).render('triage-meeting.njk', {
      pageTitle: `Triage meeting, ${day}`,
      day,
      previousDay: addDays(day, -1),
      nextDay: addDays(day, 1),
      isToday: day === ukDate(new Date()),
      meeting: meeting.meeting,
      attendance: meeting.attendance,
      chairAgencies: [{ value: '', text: 'Choose the chairing agency' }, ...agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name, selected: a.id === meeting.suggestedChairAgencyId }))],
      attendanceItems: agencies.filter((a) => a.active).map((a) => ({ id: a.id, name: a.name, checked: attending.has(a.id), attendee: attending.get(a.id) ?? '' })),
      queue,
      queueSize,
      outcomes: TRIAGE_OUTCOMES.map((o) => ({ value: o, text: TRIAGE_OUTCOME_LABELS[o] })),
      categories: TRIAGE_CATEGORIES.map((c) => ({ value: c, text: TRIAGE_CATEGORY_LABELS[c] })),
      ownerAgencies: [{ value: '', text: 'Choose an agency' }, ...agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name }))],
      submissionId: randomUUID(),
      ...extra,
    });
  };

  app.get('/triage/:day', async (req, reply) => {
    const { day } = req.params as { day: string };
    if (!isIsoDate(day)) throw notFound('The meeting');
    return meetingPage(reply, req.actor!, day, { decided: (req.query as { decided?: string }).decided });
  });

  app.post('/triage/:day', { preHandler: app.csrfProtection }, async (req, reply) => {
    const { day } = req.params as { day: string };
    if (!isIsoDate(day)) throw notFound('The meeting');
    const form = req.body as FormBody;
    const attendees = asList(form.attending).map((agencyId) => ({ agencyId, name: one(form[`attendee-${agencyId}`]) }));
    try {
      await svc.triage.recordAttendance(req.actor!, day, { chairAgencyId: one(form.chairAgencyId), chairName: one(form.chairName), attendees });
    } catch (err) {
      if (err instanceof ValidationProblem) return meetingPage(reply, req.actor!, day, { errors: err.errors, form, formFor: 'attendance' });
      throw err;
    }
    return reply.redirect(`${paths.triageMeeting(day)}#attendance`, 303);
  });

  app.post('/triage/:day/referrals/:id', { preHandler: app.csrfProtection }, async (req, reply) => {
    const { day, id } = req.params as { day: string; id: string };
    if (!isIsoDate(day)) throw notFound('The meeting');
    const form = req.body as FormBody;
    const meeting = await svc.triage.meeting(req.actor!, day);
    const isToday = day === ukDate(new Date());
    try {
      await svc.triage.decide(
        req.actor!,
        id,
        { ...decisionFromForm(form), meetingId: meeting.meeting?.id, decidedAt: isToday ? undefined : `${day}T12:00:00Z` },
        one(form.submissionId) ? `form:${one(form.submissionId)}` : undefined,
      );
    } catch (err) {
      if (err instanceof ValidationProblem) return meetingPage(reply, req.actor!, day, { errors: scoped(id, err.errors), form, formFor: id });
      throw err;
    }
    return reply.redirect(`${paths.triageMeeting(day)}?decided=${id}#decided`, 303);
  });

  app.get('/actions', async (req, reply) => {
    const overdueOnly = (req.query as { overdue?: string }).overdue === '1';
    const actions = await svc.triage.actions(req.actor!, { openOnly: true, overdueOnly });
    return reply.render('actions.njk', { pageTitle: overdueOnly ? 'Overdue actions' : 'Open actions', actions, overdueOnly });
  });

  app.post('/actions/:id', { preHandler: app.csrfProtection }, async (req, reply) => {
    await svc.triage.setActionStatus(req.actor!, (req.params as { id: string }).id, one((req.body as FormBody).status));
    return reply.redirect(`${paths.actions()}?updated=1`, 303);
  });
}
