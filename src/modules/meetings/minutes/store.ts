// SQL for a meeting's minutes (sections per agenda item) and decisions.
import type { Db } from '../../../platform/db/connect.ts';
import '../schema.ts';

export function minutesOf(db: Db, partnershipId: string, meetingId: string) {
  return db
    .selectFrom('meeting_minute as n')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'n.partnership_id').onRef('u.id', '=', 'n.recorded_by'))
    .select(['n.id', 'n.item_id', 'n.body', 'n.handling', 'n.agency_ids', 'n.recorded_agency_id', 'n.recorded_at', 'u.name as recorded_by_name'])
    .where('n.partnership_id', '=', partnershipId)
    .where('n.meeting_id', '=', meetingId)
    .orderBy('n.recorded_at')
    .orderBy('n.id')
    .execute();
}

export async function insertMinute(
  db: Db,
  row: {
    partnership_id: string;
    meeting_id: string;
    id: string;
    item_id: string | null;
    body: string;
    handling: string;
    agency_ids: string[];
    recorded_by: string;
    recorded_agency_id: string;
    recorded_at: Date;
  },
) {
  await db
    .insertInto('meeting_minute')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function decisionsOf(db: Db, partnershipId: string, meetingId: string) {
  return db
    .selectFrom('meeting_decision')
    .select(['id', 'item_id', 'text', 'recorded_at'])
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export async function insertDecision(
  db: Db,
  row: { partnership_id: string; meeting_id: string; id: string; item_id: string | null; text: string; recorded_by: string; recorded_at: Date },
) {
  await db
    .insertInto('meeting_decision')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The meeting's actions in the one tracker (source 'meeting'). */
export function actionsOfMeeting(db: Db, partnershipId: string, meetingId: string) {
  return db
    .selectFrom('triage_action as x')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'x.partnership_id').onRef('a.id', '=', 'x.owner_agency_id'))
    .select(['x.id', 'x.description', 'x.owner_agency_id', 'a.name as owner_agency_name', 'x.owner_user_id', 'x.owner_name', 'x.due_date', 'x.status'])
    .where('x.partnership_id', '=', partnershipId)
    .where('x.source_kind', '=', 'meeting')
    .where('x.source_id', '=', meetingId)
    .orderBy('x.due_date')
    .orderBy('x.id')
    .execute();
}
