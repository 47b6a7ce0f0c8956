// Opening a meeting's agenda: assembled from live data until the meeting starts, the frozen copy after.
import { useCase } from '../../../platform/usecase/usecase.ts';
import { meetingInScope } from '../convene.ts';
import { MeetingRef } from '../schemas.ts';
import { type Agenda, assembleAgenda } from './assemble.ts';
import * as store from './store.ts';

export const openAgenda = useCase({
  name: 'meetings.agenda',
  permission: ['meeting', 'read'],
  input: MeetingRef,
  async run(ctx, { id }) {
    const { row, view } = await meetingInScope(ctx.db, ctx.actor, id, 'read');
    const items = await store.agendaItems(ctx.db, ctx.actor.partnershipId, id);
    const frozen = row.agenda_snapshot as (Agenda & { frozenAt: string }) | null;
    const agenda = frozen ?? (await assembleAgenda(ctx, row));
    return { meeting: view, items, frozen: !!frozen, frozenAt: frozen?.frozenAt ?? null, ...agenda };
  },
  audit: {
    read: 'meeting.agenda_viewed',
    subject: (a) => ({ type: 'meeting', id: a.meeting.id, personId: a.meeting.personId, details: { frozen: a.frozen, sections: a.sections.length } }),
  },
});
