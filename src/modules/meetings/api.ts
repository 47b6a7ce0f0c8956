// /api/v1/meetings: meetings of issue 12 (list, create, get), invitations, start and held, agenda, attendance,
// minutes and their publishing, actions; the partnership's meeting types, MACEs due and the MACE setting.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { openAgenda } from './agenda/use-cases.ts';
import { recordAttendance } from './attendance/use-cases.ts';
import { createMeeting, getMeeting, holdMeeting, inviteToMeeting, listMeetings, startMeeting } from './convene.ts';
import { addMeetingAction, publishMinutes, readMinutes, recordMinute } from './minutes/use-cases.ts';
import { AttendanceBody, CreateMeetingBody, InviteBody, MeetingActionBody, MeetingSettingsInput, MeetingsQuery, MinuteBody } from './schemas.ts';
import { meetingTypesApi } from './types/api.ts';
import { macesDue, meetingSettings, meetingTypes, setMeetingSettings } from './types/use-cases.ts';

const Any = Type.Object({}, { additionalProperties: true });
const Invitee = Type.Object({
  id: Uuid,
  agencyId: Uuid,
  agencyName: Type.String(),
  userId: Type.Union([Uuid, Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  attendance: Type.String(),
});
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const MeetingSchema = Type.Object(
  {
    id: Uuid,
    typeCode: Type.String(),
    typeName: Type.String(),
    title: Type.String(),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    location: nullable(Type.String()),
    chairUserId: nullable(Type.String()),
    chairName: nullable(Type.String()),
    personId: nullable(Type.String()),
    entityId: nullable(Type.String()),
    decisionId: nullable(Type.String()),
    status: Type.String({ description: 'scheduled, started (agenda frozen), held or cancelled' }),
    invitedAt: nullable(Type.String()),
    startedAt: nullable(Type.String()),
    minutesPublishedAt: nullable(Type.String()),
    version: Type.Integer(),
    invitees: Type.Array(Invitee),
  },
  { $id: 'Meeting' },
);
const Id = Type.Object({ id: Uuid });
const tags = ['meetings'];

export function meetingsApi(api: FastifyInstance) {
  meetingTypesApi(api);
  api.get(
    '/meetings',
    {
      config: { useCases: [listMeetings] },
      schema: {
        tags,
        summary: 'Meetings you may see, newest first',
        querystring: MeetingsQuery,
        response: withProblems({ 200: Type.Object({ items: Type.Array(MeetingSchema), page: Type.Integer(), pageSize: Type.Integer() }) }),
      },
    },
    async (req) => req.run(listMeetings, req.query as never),
  );
  api.post(
    '/meetings',
    {
      config: { useCases: [createMeeting] },
      schema: {
        tags,
        summary: 'Convene a meeting',
        description:
          'A MACE names the child (`personId`) or the context (`entityId`); `decisionId` the High triage decision that asked for it. Send an `Idempotency-Key` to make retries safe.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: CreateMeetingBody,
        response: withProblems({ 201: MeetingSchema, 200: MeetingSchema }, { 422: 'Not valid (see errors)' }),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { meeting, created } = await req.run(createMeeting, { ...(req.body as object), ...(key ? { idempotencyKey: `api:${key}` } : {}) } as never);
      return reply.status(created ? 201 : 200).send(meeting);
    },
  );
  api.get(
    '/meetings/types',
    { config: { useCases: [meetingTypes] }, schema: { tags, summary: 'The partnership’s meeting types', response: withProblems({ 200: Type.Array(Any) }) } },
    async (req) => req.run(meetingTypes),
  );
  api.get(
    '/meetings/maces-due',
    {
      config: { useCases: [macesDue] },
      schema: { tags, summary: 'MACEs that High triage decisions ask for, with the date each is due', response: withProblems({ 200: Type.Array(Any) }) },
    },
    async (req) => req.run(macesDue),
  );
  api.get(
    '/meetings/settings',
    { config: { useCases: [meetingSettings] }, schema: { tags, summary: 'The MACE due setting', response: withProblems({ 200: MeetingSettingsInput }) } },
    async (req) => req.run(meetingSettings),
  );
  api.put(
    '/meetings/settings',
    {
      config: { useCases: [setMeetingSettings] },
      schema: {
        tags,
        summary: 'Set the working days within which a High decision asks for a MACE',
        body: MeetingSettingsInput,
        response: withProblems({ 200: MeetingSettingsInput }, { 422: 'Not valid' }),
      },
    },
    async (req) => req.run(setMeetingSettings, req.body as never),
  );
  api.get(
    '/meetings/:id',
    {
      config: { useCases: [getMeeting] },
      schema: { tags, summary: 'One meeting', params: Id, response: withProblems({ 200: MeetingSchema }, { 404: 'No such meeting you may see' }) },
    },
    async (req) => req.run(getMeeting, req.params as never),
  );
  api.post(
    '/meetings/:id/invitations',
    {
      config: { useCases: [inviteToMeeting] },
      schema: {
        tags,
        summary: 'Invite agencies and people and send the invitations (e-mail with an iCalendar file)',
        params: Id,
        body: InviteBody,
        response: withProblems({ 200: MeetingSchema }, { 404: 'No such meeting', 409: 'The meeting is over', 422: 'Not valid' }),
      },
    },
    async (req) => req.run(inviteToMeeting, { ...(req.params as { id: string }), ...(req.body as object) } as never),
  );
  api.post(
    '/meetings/:id/start',
    {
      config: { useCases: [startMeeting] },
      schema: {
        tags,
        summary: 'Start the meeting: its agenda is frozen',
        params: Id,
        response: withProblems({ 200: MeetingSchema }, { 404: 'No such meeting', 409: 'Already started' }),
      },
    },
    async (req) => req.run(startMeeting, req.params as never),
  );
  api.post(
    '/meetings/:id/held',
    {
      config: { useCases: [holdMeeting] },
      schema: {
        tags,
        summary: 'Record the meeting as held',
        params: Id,
        response: withProblems({ 200: MeetingSchema }, { 404: 'No such meeting', 409: 'Not started' }),
      },
    },
    async (req) => req.run(holdMeeting, req.params as never),
  );
  api.get(
    '/meetings/:id/agenda',
    {
      config: { useCases: [openAgenda] },
      schema: {
        tags,
        summary: 'The agenda: assembled from live data until the meeting starts, then the frozen copy',
        params: Id,
        response: withProblems({ 200: Any }, { 404: 'No such meeting' }),
      },
    },
    async (req) => req.run(openAgenda, req.params as never),
  );
  api.put(
    '/meetings/:id/attendance',
    {
      config: { useCases: [recordAttendance] },
      schema: {
        tags,
        summary: 'Record attendance: present, apologies or absent per invitee',
        params: Id,
        body: AttendanceBody,
        response: withProblems({ 200: MeetingSchema }, { 404: 'No such meeting', 422: 'Not valid' }),
      },
    },
    async (req) => req.run(recordAttendance, { ...(req.params as { id: string }), ...(req.body as object) } as never),
  );
  api.get(
    '/meetings/:id/minutes',
    {
      config: { useCases: [readMinutes] },
      schema: {
        tags,
        summary: 'The minutes as you may read them (restricted sections withheld and counted)',
        params: Id,
        response: withProblems({ 200: Any }, { 404: 'No such meeting' }),
      },
    },
    async (req) => req.run(readMinutes, req.params as never),
  );
  api.post(
    '/meetings/:id/minutes',
    {
      config: { useCases: [recordMinute] },
      schema: {
        tags,
        summary: 'Record a section of minutes (optionally restricted, optionally with a decision)',
        params: Id,
        body: MinuteBody,
        response: withProblems({ 201: Any }, { 404: 'No such meeting', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(recordMinute, { ...(req.params as { id: string }), ...(req.body as object) } as never)),
  );
  api.post(
    '/meetings/:id/minutes/publish',
    {
      config: { useCases: [publishMinutes] },
      schema: {
        tags,
        summary: 'Publish the minutes: the invitees are told',
        params: Id,
        response: withProblems({ 200: Any }, { 404: 'No such meeting', 409: 'Not started' }),
      },
    },
    async (req) => req.run(publishMinutes, req.params as never),
  );
  api.post(
    '/meetings/:id/actions',
    {
      config: { useCases: [addMeetingAction] },
      schema: {
        tags,
        summary: 'Record an action the meeting agreed (in the one action tracker)',
        params: Id,
        body: MeetingActionBody,
        response: withProblems({ 201: Any }, { 404: 'No such meeting', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(addMeetingAction, { ...(req.params as { id: string }), ...(req.body as object) } as never)),
  );
}
