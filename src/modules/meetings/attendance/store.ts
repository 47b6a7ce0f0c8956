// SQL for a meeting's invitees and their attendance.
import type { Db } from '../../../platform/db/connect.ts';
import '../schema.ts';

export function invitees(db: Db, partnershipId: string, meetingIds: string[]) {
  if (!meetingIds.length) return Promise.resolve([]);
  return db
    .selectFrom('meeting_invitee as i')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'i.partnership_id').onRef('a.id', '=', 'i.agency_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'i.partnership_id').onRef('u.id', '=', 'i.user_id'))
    .select([
      'i.id',
      'i.meeting_id',
      'i.agency_id',
      'a.name as agency_name',
      'i.user_id',
      'i.name',
      'u.name as user_name',
      'u.role as user_role',
      'i.attendance',
    ])
    .where('i.partnership_id', '=', partnershipId)
    .where('i.meeting_id', 'in', meetingIds)
    .orderBy('a.name')
    .orderBy('i.name')
    .execute();
}

/** Adds invitees; one already invited (same agency and person) is left as it is, so a double submission adds none. */
export async function addInvitees(
  db: Db,
  partnershipId: string,
  meetingId: string,
  rows: { id: string; agency_id: string; user_id: string | null; name: string | null }[],
) {
  if (!rows.length) return;
  await db
    .insertInto('meeting_invitee')
    .values(rows.map((r) => ({ partnership_id: partnershipId, meeting_id: meetingId, ...r })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function setAttendance(db: Db, partnershipId: string, meetingId: string, inviteeId: string, attendance: string) {
  const r = await db
    .updateTable('meeting_invitee')
    .set({ attendance })
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .where('id', '=', inviteeId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function usersOf(db: Db, partnershipId: string, userIds: string[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db.selectFrom('app_user').select(['id', 'agency_id', 'name']).where('partnership_id', '=', partnershipId).where('id', 'in', userIds).execute();
}
