// Minutes: sections per agenda item (restricted by handling code or to named agencies, read under mayReadMinute),
// decisions, actions in the one tracker (source 'meeting'), and publishing them (`meeting.minutes_ready`).
import { randomUUID } from 'node:crypto';
import { mayReadMinute } from '../../../platform/access/rules.ts';
import { type FieldError, Problem, ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { createAction } from '../../actions/use-cases.ts';
import * as agendaStore from '../agenda/store.ts';
import { meetingInScope } from '../convene.ts';
import { MeetingActionInput, MeetingRef, MinuteInput } from '../schemas.ts';
import * as meetingStore from '../store.ts';
import * as store from './store.ts';

/** The minutes as the reader may read them: a restricted section they may not read is counted, not shown. */
export const readMinutes = useCase({
  name: 'meetings.minutes',
  permission: ['meeting', 'read'],
  input: MeetingRef,
  async run({ db, actor }, { id }) {
    const { view } = await meetingInScope(db, actor, id, 'read');
    const [items, sections, decisions, actions] = await Promise.all([
      agendaStore.agendaItems(db, actor.partnershipId, id),
      store.minutesOf(db, actor.partnershipId, id),
      store.decisionsOf(db, actor.partnershipId, id),
      store.actionsOfMeeting(db, actor.partnershipId, id),
    ]);
    const readable = sections.filter((s) => mayReadMinute(actor, { handling: s.handling, recordedAgencyId: s.recorded_agency_id, agencyIds: s.agency_ids }));
    const section = (s: (typeof sections)[number]) => ({
      id: s.id,
      itemId: s.item_id,
      body: s.body,
      handling: s.handling,
      agencyIds: s.agency_ids,
      restricted: s.handling === 'C' || s.agency_ids.length > 0,
      recordedAt: new Date(s.recorded_at).toISOString(),
      recordedBy: s.recorded_by_name,
    });
    return {
      meeting: view,
      items: items.map((i) => ({ ...i, sections: readable.filter((s) => s.item_id === i.id).map(section) })),
      otherSections: readable.filter((s) => !s.item_id || !items.some((i) => i.id === s.item_id)).map(section),
      withheld: sections.length - readable.length,
      decisions: decisions.map((d) => ({ id: d.id, itemId: d.item_id, text: d.text, recordedAt: new Date(d.recorded_at).toISOString() })),
      actions: actions.map((a) => ({
        id: a.id,
        title: a.description,
        ownerAgencyId: a.owner_agency_id,
        ownerAgencyName: a.owner_agency_name,
        ownerUserId: a.owner_user_id,
        dueOn: a.due_date,
        status: a.status,
      })),
    };
  },
  audit: {
    read: 'meeting.minutes_viewed',
    subject: (m) => ({ type: 'meeting', id: m.meeting.id, personId: m.meeting.personId, details: { withheld: m.withheld } }),
  },
});

export const recordMinute = useCase({
  name: 'meetings.recordMinute',
  permission: ['meeting', 'update'],
  input: MinuteInput,
  async run({ db, actor, now }, input) {
    const { view } = await meetingInScope(db, actor, input.id, 'update', true);
    const errors: FieldError[] = [];
    if (view.status === 'scheduled' || view.status === 'cancelled') errors.push({ field: 'body', message: 'Start the meeting before recording its minutes' });
    if (input.itemId && !(await agendaStore.agendaItems(db, actor.partnershipId, input.id)).some((i) => i.id === input.itemId))
      errors.push({ field: 'itemId', message: 'There is no such agenda item' });
    if (errors.length) throw new ValidationProblem(errors);
    const sectionId = input.sectionId ?? randomUUID();
    await store.insertMinute(db, {
      partnership_id: actor.partnershipId,
      meeting_id: input.id,
      id: sectionId,
      item_id: input.itemId ?? null,
      body: input.body.trim(),
      handling: input.handling ?? 'P',
      agency_ids: input.agencyIds ?? [],
      recorded_by: actor.userId,
      recorded_agency_id: actor.agencyId,
      recorded_at: now,
    });
    if (input.decision?.trim()) {
      await store.insertDecision(db, {
        partnership_id: actor.partnershipId,
        meeting_id: input.id,
        id: sectionId,
        item_id: input.itemId ?? null,
        text: input.decision.trim(),
        recorded_by: actor.userId,
        recorded_at: now,
      });
    }
    return { meetingId: input.id, personId: view.personId, sectionId, handling: input.handling ?? 'P', decided: !!input.decision?.trim() };
  },
  audit: {
    change: 'meeting.minuted',
    subject: (r) => ({
      type: 'meeting',
      id: r.meetingId,
      personId: r.personId,
      details: { meetingId: r.meetingId, sectionId: r.sectionId, decided: r.decided },
      handling: r.handling === 'C' ? { code: 'C' } : null,
    }),
  },
});

/** An action the meeting agreed, in the one tracker: source 'meeting', the meeting's id, about its child. */
export const addMeetingAction = useCase({
  name: 'meetings.addAction',
  permission: ['meeting', 'update'],
  input: MeetingActionInput,
  async run(ctx, { id, ...a }) {
    const { view } = await meetingInScope(ctx.db, ctx.actor, id, 'update', true);
    if (view.status === 'cancelled')
      throw new Problem(409, 'Meeting cancelled', 'A cancelled meeting agrees no actions.', [{ field: 'title', message: 'This meeting was cancelled' }]);
    return ctx.call(createAction, {
      sourceKind: 'meeting',
      sourceId: id,
      ...(view.personId ? { personId: view.personId } : { context: view.title.slice(0, 200) }),
      title: a.title,
      ownerAgencyId: a.ownerAgencyId,
      ...(a.ownerUserId ? { ownerUserId: a.ownerUserId } : {}),
      dueOn: a.dueOn,
    });
  },
  audit: { none: 'the tracker’s actions.create it calls writes action.assigned' },
});

/** Publishes the minutes once; the invitees are told they are ready. */
export const publishMinutes = useCase({
  name: 'meetings.publishMinutes',
  permission: ['meeting', 'update'],
  input: MeetingRef,
  async run({ db, actor, now }, { id }) {
    const { view } = await meetingInScope(db, actor, id, 'update', true);
    if (view.status === 'scheduled' || view.status === 'cancelled')
      throw new Problem(409, 'Not started', 'Minutes are published after the meeting.', [{ field: 'id', message: 'Start the meeting first' }]);
    if (view.minutesPublishedAt) return { meeting: view, published: false };
    await meetingStore.updateMeeting(db, actor.partnershipId, id, { minutes_published_at: now });
    return { meeting: (await meetingInScope(db, actor, id, 'read')).view, published: true };
  },
  audit: {
    change: 'meeting.minutes_ready',
    subject: (r) =>
      r.published
        ? {
            type: 'meeting',
            id: r.meeting.id,
            personId: r.meeting.personId,
            details: {
              meetingId: r.meeting.id,
              title: r.meeting.title,
              inviteeUserIds: [...new Set(r.meeting.invitees.flatMap((i) => (i.userId ? [i.userId] : [])))],
            },
          }
        : null,
  },
});
