// The hub's pages: the dashboard, the day's triage meeting (attendance, chair, a decision per referral). The action pages are the tracker's (src/modules/actions).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { asList, type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, dateInputExample, formatDate, isIsoDate, ukDate } from '../../platform/time.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { reviewsDue } from '../cases/use-cases/read.ts';
import { macesDue } from '../meetings/types/use-cases.ts';
import { type DecisionFields, validateDecision } from './domain.ts';
import { triageMeetingWeb } from './meeting/web.ts';
import { DecisionBody } from './schemas.ts';
import { hubDashboard, queueSize, recordAttendance, recordDecision, triageMeeting, triageQueue } from './use-cases.ts';
import { TRIAGE_CATEGORIES, TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS, TRIAGE_OUTCOMES } from './vocab.ts';

/** The fields of `values` that were filled in: a blank field is absent, so the schema says it is required. */
const filled = <T extends Record<string, string>>(values: T) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) as Partial<T>;

/** The decision form's action slots: a decision can set up to three actions (each joins the action tracker). */
export const ACTION_SLOTS = ['action', 'action2', 'action3'] as const;

/** A decision form's fields in the shape of the API body; each action only when something was entered in its slot. */
export function decisionFromForm(form: FormBody) {
  const slots: string[] = [];
  const dueDateErrors: { index: number; message: string }[] = [];
  const actions: Partial<Record<'description' | 'ownerAgencyId' | 'dueDate', string>>[] = [];
  for (const slot of ACTION_SLOTS) {
    const due = readDate(form, `${slot}.dueDate`, 'the due date');
    const action = filled({
      description: one(form[`${slot}.description`]).trim(),
      ownerAgencyId: one(form[`${slot}.ownerAgencyId`]),
      dueDate: due.value,
    });
    if (!Object.keys(action).length && !due.error) continue;
    if (due.error) dueDateErrors.push({ index: actions.length, message: due.error });
    slots.push(slot);
    actions.push(action);
  }
  return {
    form: { slots, dueDateErrors },
    ...filled({ outcome: one(form.outcome), category: one(form.category), rationale: one(form.rationale) }),
    ...filled({ childViews: one(form.childViews).trim(), familyViews: one(form.familyViews).trim() }),
    actions,
  };
}

/** Every error the decision form would get before saving: the schema's, then the rules' on what was entered. */
function decisionErrors({ form, ...raw }: ReturnType<typeof decisionFromForm>, today: string): FieldError[] {
  // A due date typed wrongly is named as the date input says ("must include a month"), not as the schema would.
  const dates = form.dueDateErrors.map((d) => ({ field: `actions[${d.index}].dueDate`, message: d.message }));
  const shape = [...dates, ...inputErrors(DecisionBody, raw).filter((e) => !dates.some((d) => d.field === e.field))];
  return [...shape, ...validateDecision(raw as DecisionFields, today).filter((e) => !shape.some((s) => s.field === e.field))];
}

/** Errors of one referral's form, renamed so each links to that form's own fields (actions[i] is the i-th filled slot). */
const scoped = (referralId: string, errors: FieldError[], slots: readonly string[]) =>
  errors.map((e) => ({ field: `ref-${referralId}.${e.field.replace(/^actions\[(\d+)\]/, (_, i) => slots[Number(i)] ?? 'action')}`, message: e.message }));

const meetingDay = (req: FastifyRequest) => {
  const { day } = req.params as { day: string };
  if (!isIsoDate(day)) throw notFound('The meeting');
  return day;
};

export function triageWeb(app: FastifyInstance) {
  // The minutes of a meeting day and corrections of its decisions (issue 12.5).
  triageMeetingWeb(app);
  app.get('/hub', { config: { useCases: [hubDashboard, reviewsDue, macesDue] } }, async (req, reply) => {
    const dashboard = await req.run(hubDashboard);
    const caseReviews = await req.run(reviewsDue);
    // A High decision asks for a MACE within the partnership's working days; it shows here until one is held.
    const maces = await req.run(macesDue);
    return reply.render('hub.njk', { pageTitle: 'Exploitation hub', today: ukDate(new Date()), ...dashboard, caseReviews, macesDue: maces });
  });

  app.get('/triage', { config: { why: 'a redirect to today’s meeting' } }, async (req, reply) => {
    if (!may(req.actor!, 'triage', 'read')) throw forbidden('Your role may not see triage meetings');
    return reply.redirect(paths.triageMeeting(ukDate(new Date())));
  });

  const meetingPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    day: string,
    extra: { errors?: FieldError[]; form?: FormBody; formFor?: string; decided?: string } = {},
  ) => {
    const meeting = await req.run(triageMeeting, { day });
    const queue = await req.run(triageQueue, {});
    const size = await req.run(queueSize);
    const agencies = (await req.run(listAgencies)).filter((a) => a.active);
    const attending = new Map(meeting.attendance.map((a) => [a.agency_id, a.attendee_name]));
    return reply.status(extra.errors ? 422 : 200).render('triage-meeting.njk', {
      pageTitle: `Triage meeting, ${formatDate(day)}`,
      exampleDueDate: dateInputExample(addDays(ukDate(new Date()), 7)),
      actionSlots: ACTION_SLOTS,
      day,
      previousDay: addDays(day, -1),
      nextDay: addDays(day, 1),
      isToday: day === ukDate(new Date()),
      meeting: meeting.meeting,
      attendance: meeting.attendance,
      chairAgencies: [
        { value: '', text: 'Choose the chairing agency' },
        ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === meeting.suggestedChairAgencyId })),
      ],
      attendanceItems: agencies.map((a) => ({ id: a.id, name: a.name, checked: attending.has(a.id), attendee: attending.get(a.id) ?? '' })),
      queue,
      queueSize: size,
      outcomes: TRIAGE_OUTCOMES.map((o) => ({ value: o, text: TRIAGE_OUTCOME_LABELS[o] })),
      categories: TRIAGE_CATEGORIES.map((c) => ({ value: c, text: TRIAGE_CATEGORY_LABELS[c] })),
      ownerAgencies: [{ value: '', text: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name }))],
      submissionId: randomUUID(),
      ...extra,
    });
  };

  const pageUseCases = [triageMeeting, triageQueue, queueSize, listAgencies];

  app.get('/triage/:day', { config: { useCases: pageUseCases } }, async (req, reply) => meetingPage(req, reply, meetingDay(req)));

  app.post('/triage/:day', { preHandler: app.csrfProtection, config: { useCases: [...pageUseCases, recordAttendance] } }, async (req, reply) => {
    const day = meetingDay(req);
    const form = req.body as FormBody;
    const attendees = asList(form.attending).map((agencyId) => ({ agencyId, name: one(form[`attendee-${agencyId}`]) }));
    try {
      await req.run(recordAttendance, { day, ...filled({ chairAgencyId: one(form.chairAgencyId), chairName: one(form.chairName) }), attendees });
    } catch (err) {
      if (err instanceof ValidationProblem) return meetingPage(req, reply, day, { errors: err.errors, form, formFor: 'attendance' });
      throw err;
    }
    return reply.redirect(`${paths.triageMeeting(day)}#attendance`, 303);
  });

  app.post('/triage/:day/referrals/:id', { preHandler: app.csrfProtection, config: { useCases: [...pageUseCases, recordDecision] } }, async (req, reply) => {
    const day = meetingDay(req);
    const { id } = req.params as { id: string };
    if (!isUuid(id)) throw notFound('The referral');
    // Before the form's own checks, so that a role that may not decide is refused rather than shown errors.
    if (!may(req.actor!, 'triage', 'create')) throw forbidden('Your role may not record triage decisions');
    const form = req.body as FormBody;
    const { form: slotsOf, ...raw } = decisionFromForm(form);
    try {
      const errors = decisionErrors({ form: slotsOf, ...raw }, ukDate(new Date()));
      if (errors.length) throw new ValidationProblem(errors);
      const { meeting } = await req.run(triageMeeting, { day });
      const key = one(form.submissionId);
      await req.run(recordDecision, {
        ...raw,
        referralId: id,
        ...(meeting ? { meetingId: meeting.id } : {}),
        // A decision recorded on another day's meeting page is dated that day.
        ...(day === ukDate(new Date()) ? {} : { decidedAt: `${day}T12:00:00Z` }),
        ...(key ? { idempotencyKey: `form:${key}` } : {}),
      });
    } catch (err) {
      if (err instanceof ValidationProblem) return meetingPage(req, reply, day, { errors: scoped(id, err.errors, slotsOf.slots), form, formFor: id });
      throw err;
    }
    await reply.flash({ heading: 'Decision recorded', qa: 'decision-recorded' });
    return reply.redirect(paths.triageMeeting(day), 303);
  });
}
