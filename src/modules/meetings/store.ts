// SQL for the child's Meetings tab: the triage meetings that decided a referral about the person, who attended, and
// what was decided there.
import type { Db } from '../../platform/db/connect.ts';

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
