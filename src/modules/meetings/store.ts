// SQL for the child's Meetings tab: the triage meetings that decided a referral about the person, who attended, and
// what was decided there; and the meetings of issue 12 (their rows; attendance, agenda and minutes have their own stores).
import type { Db } from '../../platform/db/connect.ts';
import './schema.ts';

/** The person's identity, for the identity bar of a viewer who may read only what a meeting covered. */
export function identity(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'dob_precision', 'placed_by_other_la', 'placing_authority'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** Each decision about the person's referrals with its meeting and referral, newest meeting first. */
export function decisionsAbout(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('triage_decision as d')
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 'd.partnership_id').onRef('r.id', '=', 'd.referral_id'))
    .innerJoin('triage_meeting as m', (j) => j.onRef('m.partnership_id', '=', 'd.partnership_id').onRef('m.id', '=', 'd.meeting_id'))
    .leftJoin('agency as ca', (j) => j.onRef('ca.partnership_id', '=', 'm.partnership_id').onRef('ca.id', '=', 'm.chair_agency_id'))
    .innerJoin('agency as ra', (j) => j.onRef('ra.partnership_id', '=', 'r.partnership_id').onRef('ra.id', '=', 'r.referring_agency_id'))
    .select([
      'm.id as meeting_id',
      'm.meeting_date',
      'm.chair_name',
      'ca.name as chair_agency_name',
      'd.id as decision_id',
      'd.outcome',
      'd.category',
      'd.rationale',
      'd.decided_at',
      'r.id as referral_id',
      'r.reference',
      'r.received_at',
      'r.referring_agency_id',
      'ra.name as referring_agency_name',
    ])
    .where('d.partnership_id', '=', partnershipId)
    .where('r.person_id', '=', personId)
    .orderBy('m.meeting_date', 'desc')
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.id')
    .execute();
}

/** The agencies that attended the meetings, by agency name. */
export async function attendanceOf(db: Db, partnershipId: string, meetingIds: string[]) {
  if (!meetingIds.length) return [];
  return db
    .selectFrom('triage_attendance as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.agency_id'))
    .select(['t.meeting_id', 't.agency_id', 'a.name as agency_name', 't.attendee_name'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.meeting_id', 'in', meetingIds)
    .orderBy('a.name')
    .orderBy('t.attendee_name')
    .execute();
}

/** The actions the decisions set, by due date. */
export async function actionsOf(db: Db, partnershipId: string, decisionIds: string[]) {
  if (!decisionIds.length) return [];
  return db
    .selectFrom('triage_action as x')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'x.partnership_id').onRef('a.id', '=', 'x.owner_agency_id'))
    .select(['x.decision_id', 'x.id', 'x.description', 'x.owner_agency_id', 'a.name as owner_agency_name', 'x.owner_name', 'x.due_date', 'x.status'])
    .where('x.partnership_id', '=', partnershipId)
    .where('x.decision_id', 'in', decisionIds)
    .orderBy('x.due_date')
    .orderBy('x.id')
    .execute();
}

// ---- meetings of issue 12 (migration 016) ----

export type MeetingRow = Awaited<ReturnType<typeof meetingById>> & object;

const meetingColumns = [
  'm.id',
  'm.type_code',
  't.name as type_name',
  't.agenda as agenda_kind',
  'm.title',
  'm.starts_at',
  'm.ends_at',
  'm.location',
  'm.chair_user_id',
  'm.chair_name',
  'm.person_id',
  'm.entity_id',
  'm.decision_id',
  'm.status',
  'm.invited_at',
  'm.started_at',
  'm.agenda_snapshot',
  'm.minutes_published_at',
  'm.created_at',
  'm.version',
] as const;

function meetingsQuery(db: Db, partnershipId: string) {
  return db
    .selectFrom('meeting as m')
    .innerJoin('meeting_type as t', (j) => j.onRef('t.partnership_id', '=', 'm.partnership_id').onRef('t.code', '=', 'm.type_code'))
    .select([...meetingColumns])
    .where('m.partnership_id', '=', partnershipId);
}

export function meetingById(db: Db, partnershipId: string, id: string, forUpdate = false) {
  let q = meetingsQuery(db, partnershipId).where('m.id', '=', id);
  if (forUpdate) q = q.forUpdate('m');
  return q.executeTakeFirst();
}

/** Meetings, newest first; for an agency-scope reader only those its agency is invited to. */
export function listMeetings(
  db: Db,
  partnershipId: string,
  o: { invitedAgencyId: string | null; typeCode?: string; personId?: string; limit: number; offset: number },
) {
  let q = meetingsQuery(db, partnershipId);
  if (o.invitedAgencyId) {
    const agencyId = o.invitedAgencyId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('meeting_invitee as i')
          .select('i.id')
          .whereRef('i.partnership_id', '=', 'm.partnership_id')
          .whereRef('i.meeting_id', '=', 'm.id')
          .where('i.agency_id', '=', agencyId),
      ),
    );
  }
  if (o.typeCode) q = q.where('m.type_code', '=', o.typeCode);
  if (o.personId) q = q.where('m.person_id', '=', o.personId);
  return q.orderBy('m.starts_at', 'desc').orderBy('m.id').limit(o.limit).offset(o.offset).execute();
}

export async function insertMeeting(
  db: Db,
  row: {
    partnership_id: string;
    id: string;
    type_code: string;
    title: string;
    starts_at: Date;
    ends_at: Date;
    location: string | null;
    chair_user_id: string | null;
    chair_name: string | null;
    person_id: string | null;
    entity_id: string | null;
    decision_id: string | null;
    created_by: string;
    created_at: Date;
  },
) {
  await db.insertInto('meeting').values(row).execute();
}

export async function updateMeeting(
  db: Db,
  partnershipId: string,
  id: string,
  set: Partial<{ status: string; invited_at: Date; started_at: Date; agenda_snapshot: string; minutes_published_at: Date }>,
) {
  await db
    .updateTable('meeting')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
}

/** The last held meeting about the child before a time: the MACE agenda's chronology starts there. */
export function lastHeldAbout(db: Db, partnershipId: string, personId: string, before: Date, exceptId: string) {
  return db
    .selectFrom('meeting')
    .select(['id', 'starts_at'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .where('status', 'in', ['started', 'held'])
    .where('starts_at', '<', before)
    .where('id', '!=', exceptId)
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
