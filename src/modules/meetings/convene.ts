// Meetings of issue 12: convening one (type, time, chair, subject, invitees), listing and reading them, sending the
// invitations (`meeting.invited`, which the notifications module turns into e-mails with an iCalendar file), and
// starting one (its agenda frozen) and recording it as held.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { requireScope } from '../../platform/access/actor.ts';
import { mayOnMeeting } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { claimRetryKey } from '../../platform/idempotency/retry.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { assembleAgenda } from './agenda/assemble.ts';
import * as agendaStore from './agenda/store.ts';
import * as attendanceStore from './attendance/store.ts';
import { type AgendaKind, defaultAgendaItems, subjectError, transitionError } from './domain.ts';
import { meetingView } from './meeting-view.ts';
import { CreateMeetingInput, InviteInput, MeetingRef, MeetingsQuery } from './schemas.ts';
import * as store from './store.ts';
import * as typesStore from './types/store.ts';

const PAGE_SIZE = 50;

/** The meeting if the actor may act on it (the hub: any; an agency: those it is invited to), with its invitees. */
export async function meetingInScope(db: Db, actor: Actor, id: string, action: 'read' | 'update' | 'manage', forUpdate = false) {
  requireScope(actor, 'meeting', action);
  const row = await store.meetingById(db, actor.partnershipId, id, forUpdate);
  if (!row) throw notFound('The meeting');
  const people = await attendanceStore.invitees(db, actor.partnershipId, [id]);
  if (!mayOnMeeting(actor, action, { inviteeAgencyIds: people.map((p) => p.agency_id) })) throw notFound('The meeting');
  return { row, people, view: meetingView(row, people) };
}

async function inviteeErrors(db: Db, partnershipId: string, list: { agencyId: string; userId?: string }[], field = 'invitees'): Promise<FieldError[]> {
  const users = await attendanceStore.usersOf(
    db,
    partnershipId,
    list.flatMap((i) => (i.userId ? [i.userId] : [])),
  );
  const errors: FieldError[] = [];
  list.forEach((i, n) => {
    if (i.userId && users.find((u) => u.id === i.userId)?.agency_id !== i.agencyId)
      errors.push({ field: `${field}/${n}/userId`, message: 'Select someone who works for the agency' });
  });
  return errors;
}

export const createMeeting = useCase({
  name: 'meetings.create',
  permission: ['meeting', 'create'],
  input: CreateMeetingInput,
  async run({ db, actor, now }, { idempotencyKey, ...input }) {
    const { partnershipId } = actor;
    const type = await typesStore.meetingType(db, partnershipId, input.typeCode);
    const errors: FieldError[] = [];
    if (!type?.active) errors.push({ field: 'typeCode', message: 'Select the type of meeting' });
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt <= startsAt) errors.push({ field: 'endsAt', message: 'The meeting must end after it starts' });
    const subjectMissing = type ? subjectError(type.subject, input) : null;
    if (subjectMissing) errors.push(subjectMissing);
    if (input.personId && !(await store.identity(db, partnershipId, input.personId)))
      errors.push({ field: 'personId', message: 'There is no child with that id' });
    errors.push(...(await inviteeErrors(db, partnershipId, input.invitees ?? [])));
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    if (idempotencyKey) {
      const earlier = await claimRetryKey(db, actor, idempotencyKey, id, input);
      if (earlier) return { meeting: (await meetingInScope(db, actor, earlier, 'read')).view, created: false };
    }
    const person = input.personId ? await store.identity(db, partnershipId, input.personId) : undefined;
    const title = input.title?.trim() || (person ? `${type?.name}: ${person.given_name} ${person.family_name}` : (type?.name ?? 'Meeting'));
    await store.insertMeeting(db, {
      partnership_id: partnershipId,
      id,
      type_code: input.typeCode,
      title,
      starts_at: startsAt,
      ends_at: endsAt,
      location: input.location?.trim() || null,
      chair_user_id: input.chairUserId ?? null,
      chair_name: input.chairName?.trim() || null,
      person_id: input.personId ?? null,
      entity_id: input.entityId ?? null,
      decision_id: input.decisionId ?? null,
      created_by: actor.userId,
      created_at: now,
    });
    await agendaStore.insertAgendaItems(
      db,
      partnershipId,
      id,
      (type?.default_agenda.length ? type.default_agenda : defaultAgendaItems((type?.agenda ?? 'none') as AgendaKind)).map((title, i) => ({
        id: randomUUID(),
        position: i + 1,
        title,
      })),
    );
    await attendanceStore.addInvitees(
      db,
      partnershipId,
      id,
      (input.invitees ?? []).map((i) => ({ id: randomUUID(), agency_id: i.agencyId, user_id: i.userId ?? null, name: i.name?.trim() || null })),
    );
    return { meeting: (await meetingInScope(db, actor, id, 'read')).view, created: true };
  },
  audit: {
    change: 'meeting.created',
    subject: (r) =>
      r.created
        ? {
            type: 'meeting',
            id: r.meeting.id,
            personId: r.meeting.personId,
            details: { meetingId: r.meeting.id, typeCode: r.meeting.typeCode, decisionId: r.meeting.decisionId },
          }
        : null,
  },
});

export const listMeetings = useCase({
  name: 'meetings.list',
  permission: ['meeting', 'read'],
  input: MeetingsQuery,
  async run({ db, actor, scope }, q) {
    const page = q.page ?? 1;
    const rows = await store.listMeetings(db, actor.partnershipId, {
      invitedAgencyId: scope === 'partnership' ? null : actor.agencyId,
      typeCode: q.type,
      personId: q.personId,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const people = await attendanceStore.invitees(
      db,
      actor.partnershipId,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => meetingView(r, people)), page, pageSize: PAGE_SIZE };
  },
  audit: { read: 'meeting.listed', subject: (r, q) => ({ type: 'meeting', personId: q.personId ?? null, details: { ...q, count: r.items.length } }) },
});

export const getMeeting = useCase({
  name: 'meetings.get',
  permission: ['meeting', 'read'],
  input: MeetingRef,
  async run({ db, actor }, { id }) {
    return (await meetingInScope(db, actor, id, 'read')).view;
  },
  audit: { read: 'meeting.viewed', subject: (m) => ({ type: 'meeting', id: m.id, personId: m.personId }) },
});

/** Adds invitees and sends the invitations to every invited person; sending again re-sends to all (a changed time). */
export const inviteToMeeting = useCase({
  name: 'meetings.invite',
  permission: ['meeting', 'update'],
  input: InviteInput,
  async run({ db, actor, now }, { id, invitees }) {
    const { row } = await meetingInScope(db, actor, id, 'update', true);
    if (row.status === 'cancelled' || row.status === 'held')
      throw new Problem(409, 'Meeting over', 'Invitations go out only for a meeting still to be held.', [
        { field: 'invitees', message: 'This meeting is over' },
      ]);
    const errors = await inviteeErrors(db, actor.partnershipId, invitees);
    if (errors.length) throw new ValidationProblem(errors);
    await attendanceStore.addInvitees(
      db,
      actor.partnershipId,
      id,
      invitees.map((i) => ({ id: randomUUID(), agency_id: i.agencyId, user_id: i.userId ?? null, name: i.name?.trim() || null })),
    );
    await store.updateMeeting(db, actor.partnershipId, id, { invited_at: now });
    return (await meetingInScope(db, actor, id, 'read')).view;
  },
  audit: {
    change: 'meeting.invited',
    subject: (m) => ({
      type: 'meeting',
      id: m.id,
      personId: m.personId,
      details: {
        meetingId: m.id,
        title: m.title,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        location: m.location,
        inviteeUserIds: [...new Set(m.invitees.flatMap((i) => (i.userId ? [i.userId] : [])))],
      },
    }),
  },
});

/** Starts the meeting: the agenda as assembled now is stored, and is what the meeting shows from then on. */
export const startMeeting = useCase({
  name: 'meetings.start',
  permission: ['meeting', 'update'],
  input: MeetingRef,
  async run(ctx, { id }) {
    const { db, actor, now } = ctx;
    const { row } = await meetingInScope(db, actor, id, 'update', true);
    const error = transitionError(row.status, 'started');
    if (error) throw new Problem(409, 'Already started', error, [{ field: 'id', message: error }]);
    const agenda = await assembleAgenda(ctx, row);
    await store.updateMeeting(db, actor.partnershipId, id, {
      status: 'started',
      started_at: now,
      agenda_snapshot: JSON.stringify({ ...agenda, frozenAt: now.toISOString() }),
    });
    return (await meetingInScope(db, actor, id, 'read')).view;
  },
  audit: { change: 'meeting.started', subject: (m) => ({ type: 'meeting', id: m.id, personId: m.personId, details: { meetingId: m.id } }) },
});

export const holdMeeting = useCase({
  name: 'meetings.hold',
  permission: ['meeting', 'update'],
  input: MeetingRef,
  async run({ db, actor }, { id }) {
    const { row } = await meetingInScope(db, actor, id, 'update', true);
    const error = transitionError(row.status, 'held');
    if (error) throw new Problem(409, 'Not started', error, [{ field: 'id', message: error }]);
    await store.updateMeeting(db, actor.partnershipId, id, { status: 'held' });
    return (await meetingInScope(db, actor, id, 'read')).view;
  },
  audit: {
    change: 'meeting.held',
    subject: (m) => ({ type: 'meeting', id: m.id, personId: m.personId, details: { meetingId: m.id, decisionId: m.decisionId } }),
  },
});
