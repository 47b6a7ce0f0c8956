// A meeting as the API and the pages show it.

import type { invitees } from './attendance/store.ts';
import { ATTENDANCE_LABELS, type Attendance, MEETING_STATUS_LABELS, type MeetingStatus } from './domain.ts';
import type { MeetingRow } from './store.ts';

type InviteeRow = Awaited<ReturnType<typeof invitees>>[number];

export function meetingView(m: MeetingRow, people: InviteeRow[]) {
  return {
    id: m.id,
    typeCode: m.type_code,
    typeName: m.type_name,
    agendaKind: m.agenda_kind,
    title: m.title,
    startsAt: new Date(m.starts_at).toISOString(),
    endsAt: new Date(m.ends_at).toISOString(),
    location: m.location,
    chairUserId: m.chair_user_id,
    chairName: m.chair_name,
    personId: m.person_id,
    entityId: m.entity_id,
    decisionId: m.decision_id,
    status: m.status,
    statusLabel: MEETING_STATUS_LABELS[m.status as MeetingStatus] ?? m.status,
    invitedAt: m.invited_at ? new Date(m.invited_at).toISOString() : null,
    startedAt: m.started_at ? new Date(m.started_at).toISOString() : null,
    minutesPublishedAt: m.minutes_published_at ? new Date(m.minutes_published_at).toISOString() : null,
    version: m.version,
    invitees: people
      .filter((p) => p.meeting_id === m.id)
      .map((p) => ({
        id: p.id,
        agencyId: p.agency_id,
        agencyName: p.agency_name,
        userId: p.user_id,
        name: p.name ?? p.user_name,
        attendance: p.attendance,
        attendanceLabel: ATTENDANCE_LABELS[p.attendance as Attendance] ?? p.attendance,
      })),
  };
}
export type MeetingView = ReturnType<typeof meetingView>;
