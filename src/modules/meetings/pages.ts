// The meetings pages: the list with the MACEs due, convening one (from a High decision), the meeting page (agenda,
// attendance, minutes, decisions, actions) and its minutes printed or exported (HTML, CSV).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../platform/http/forms.ts';
import type { FieldError } from '../../platform/http/problems.ts';
import { isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukLocalToInstant } from '../../platform/time.ts';
import type { UseCase } from '../../platform/usecase/usecase.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { openAgenda } from './agenda/use-cases.ts';
import { recordAttendance } from './attendance/use-cases.ts';
import { createMeeting, holdMeeting, inviteToMeeting, listMeetings, startMeeting } from './convene.ts';
import { ATTENDANCE, ATTENDANCE_LABELS } from './domain.ts';
import { minutesCsv } from './minutes/export.ts';
import { addMeetingAction, publishMinutes, readMinutes, recordMinute } from './minutes/use-cases.ts';
import type { MeetingRef } from './schemas.ts';
import { macesDue, meetingTypes } from './types/use-cases.ts';

const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const meetingId = (req: FastifyRequest) => {
  const id = (req.params as { id: string }).id;
  if (!isUuid(id)) throw notFound('The meeting');
  return id;
};
const instant = (v: string) => ukLocalToInstant(v)?.toISOString() ?? v;

export function meetingPages(app: FastifyInstance) {
  app.get('/meetings', { config: { useCases: [listMeetings, macesDue] } }, async (req, reply) => {
    const [list, due] = await Promise.all([req.run(listMeetings, {}), req.run(macesDue)]);
    return reply.render('meetings.njk', { pageTitle: 'Meetings', meetings: list.items, due });
  });

  const newPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) => {
    const [types, agencies] = await Promise.all([req.run(meetingTypes), req.run(listAgencies)]);
    return reply.status(errors ? 422 : 200).render('meeting-new.njk', {
      pageTitle: 'Convene a meeting',
      types: types.map((t) => ({ value: t.code, text: t.name, selected: t.code === (one(form.typeCode) || 'mace') })),
      agencies: agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name, checked: many(form.agencyIds).includes(a.id) })),
      form,
      errors,
    });
  };
  app.get('/meetings/new', { config: { useCases: [meetingTypes, listAgencies] } }, async (req, reply) => newPage(req, reply, req.query as FormBody));
  app.post(
    '/meetings',
    { preHandler: app.csrfProtection, config: { useCases: [createMeeting, inviteToMeeting, meetingTypes, listAgencies] } },
    async (req, reply) => {
      const form = req.body as FormBody;
      try {
        const { meeting } = await req.run(createMeeting, {
          typeCode: one(form.typeCode),
          startsAt: instant(one(form.startsAt)),
          endsAt: instant(one(form.endsAt)),
          ...(one(form.title) ? { title: one(form.title) } : {}),
          ...(one(form.location) ? { location: one(form.location) } : {}),
          ...(one(form.chairName) ? { chairName: one(form.chairName) } : {}),
          ...(one(form.personId) ? { personId: one(form.personId) } : {}),
          ...(one(form.decisionId) ? { decisionId: one(form.decisionId) } : {}),
          // A MACE on a context (a place or group: its intelligence entity), from the context's page.
          ...(one(form.entityId) ? { entityId: one(form.entityId) } : {}),
          ...(one(form.submissionId) ? { idempotencyKey: `form:${one(form.submissionId)}` } : {}),
        });
        if (!meeting.invitedAt) await req.run(inviteToMeeting, { id: meeting.id, invitees: many(form.agencyIds).map((agencyId) => ({ agencyId })) });
        await reply.flash({ heading: `Meeting convened: ${meeting.title}`, qa: 'meeting-convened' });
        return reply.redirect(`/meetings/${meeting.id}`, 303);
      } catch (err) {
        if (err instanceof ValidationProblem) return newPage(req, reply, form, err.errors);
        throw err;
      }
    },
  );

  const meetingPage = async (req: FastifyRequest, reply: FastifyReply, id: string, errors?: FieldError[], form: FormBody = {}) => {
    const [agenda, minutes, agencies] = await Promise.all([req.run(openAgenda, { id }), req.run(readMinutes, { id }), req.run(listAgencies)]);
    return reply.status(errors ? 422 : 200).render('meeting.njk', {
      pageTitle: agenda.meeting.title,
      m: agenda.meeting,
      agenda,
      minutes,
      attendanceItems: (current: string) =>
        ATTENDANCE.filter((a) => a !== 'invited').map((a) => ({ value: a, text: ATTENDANCE_LABELS[a], checked: a === current })),
      itemChoices: [{ value: '', text: 'Not on one item' }, ...agenda.items.map((i) => ({ value: i.id, text: i.title, selected: i.id === one(form.itemId) }))],
      agencies: agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name })),
      form,
      errors,
    });
  };
  app.get('/meetings/:id', { config: { useCases: [openAgenda, readMinutes, listAgencies] } }, async (req, reply) => meetingPage(req, reply, meetingId(req)));

  // biome-ignore lint/suspicious/noExplicitAny: one of three use cases taking { id }
  const step = (path: string, uc: UseCase<typeof MeetingRef, any>, done: string) =>
    app.post(`/meetings/:id/${path}`, { preHandler: app.csrfProtection, config: { useCases: [uc] } }, async (req, reply) => {
      const id = meetingId(req);
      await req.run(uc, { id });
      await reply.flash(done);
      return reply.redirect(`/meetings/${id}`, 303);
    });
  step('start', startMeeting, 'Meeting started: the agenda is frozen');
  step('held', holdMeeting, 'Meeting recorded as held');
  step('publish', publishMinutes, 'Minutes published: the invitees are told');

  const withForm =
    (run: (req: FastifyRequest, id: string, form: FormBody) => Promise<unknown>, done: string) => async (req: FastifyRequest, reply: FastifyReply) => {
      const id = meetingId(req);
      const form = req.body as FormBody;
      try {
        await run(req, id, form);
      } catch (err) {
        if (err instanceof ValidationProblem) return meetingPage(req, reply, id, err.errors, form);
        throw err;
      }
      await reply.flash(done);
      return reply.redirect(`/meetings/${id}`, 303);
    };
  const formUseCases = [openAgenda, readMinutes, listAgencies];
  app.post(
    '/meetings/:id/attendance',
    { preHandler: app.csrfProtection, config: { useCases: [recordAttendance, ...formUseCases] } },
    withForm(async (req, id, form) => {
      const attendance = Object.entries(form)
        .filter(([k, v]) => k.startsWith('attendance-') && typeof v === 'string' && v)
        .map(([k, v]) => ({ inviteeId: k.slice('attendance-'.length), attendance: v as 'present' }));
      if (!attendance.length) throw new ValidationProblem([{ field: 'attendance', message: 'Select present, apologies or absent for someone' }]);
      return req.run(recordAttendance, { id, attendance });
    }, 'Attendance recorded'),
  );
  app.post(
    '/meetings/:id/minutes',
    { preHandler: app.csrfProtection, config: { useCases: [recordMinute, ...formUseCases] } },
    withForm(
      (req, id, form) =>
        req.run(recordMinute, {
          id,
          body: one(form.body),
          ...(one(form.itemId) ? { itemId: one(form.itemId) } : {}),
          ...(one(form.handling) ? { handling: one(form.handling) as 'P' } : {}),
          ...(many(form.agencyIds).length ? { agencyIds: many(form.agencyIds) } : {}),
          ...(one(form.decision) ? { decision: one(form.decision) } : {}),
          ...(one(form.sectionId) && isUuid(one(form.sectionId)) ? { sectionId: one(form.sectionId) } : {}),
        }),
      'Minutes recorded',
    ),
  );
  app.post(
    '/meetings/:id/actions',
    { preHandler: app.csrfProtection, config: { useCases: [addMeetingAction, ...formUseCases] } },
    withForm(
      (req, id, form) =>
        req.run(addMeetingAction, {
          id,
          title: one(form.title),
          ownerAgencyId: one(form.ownerAgencyId),
          dueOn: one(form.dueOn),
          ...(one(form.ownerUserId) ? { ownerUserId: one(form.ownerUserId) } : {}),
        }),
      'Action recorded',
    ),
  );

  app.get('/meetings/:id/minutes.html', { config: { useCases: [readMinutes] } }, async (req, reply) => {
    const minutes = await req.run(readMinutes, { id: meetingId(req) });
    reply.header('content-disposition', `attachment; filename="minutes-${minutes.meeting.id}.html"`);
    return reply.render('meeting-minutes.njk', { pageTitle: `Minutes: ${minutes.meeting.title}`, minutes, m: minutes.meeting });
  });
  app.get('/meetings/:id/minutes/print', { config: { useCases: [readMinutes] } }, async (req, reply) => {
    const minutes = await req.run(readMinutes, { id: meetingId(req) });
    return reply.render('meeting-minutes.njk', { pageTitle: `Minutes: ${minutes.meeting.title}`, minutes, m: minutes.meeting, print: true });
  });
  app.get('/meetings/:id/minutes.csv', { config: { useCases: [readMinutes] } }, async (req, reply) => {
    const minutes = await req.run(readMinutes, { id: meetingId(req) });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="minutes-${minutes.meeting.id}.csv"`)
      .send(minutesCsv(minutes));
  });
}
