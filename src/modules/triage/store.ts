// SQL for triage meetings, attendance, decisions and actions.
import { randomUUID } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { TriageActionTable, TriageDecisionTable } from '../../platform/db/schema.ts';
import { URGENCY_ORDER } from './domain.ts';

/** The meeting of a UK day, created when first needed (one per day: concurrent callers get the same one). */
export async function meetingForDay(tx: Db, partnershipId: string, day: string, createdBy: string) {
  await tx
    .insertInto('triage_meeting')
    .values({ partnership_id: partnershipId, id: randomUUID(), meeting_date: day, chair_agency_id: null, chair_name: null, notes: null, created_by: createdBy })
    .onConflict((oc) => oc.columns(['partnership_id', 'meeting_date']).doNothing())
    .execute();
  return tx.selectFrom('triage_meeting').selectAll().where('partnership_id', '=', partnershipId).where('meeting_date', '=', day).executeTakeFirstOrThrow();
}

/** The partnership's active agencies' ids (chairs, attendees and action owners must be among them). */
export async function activeAgencyIds(db: Db, partnershipId: string): Promise<string[]> {
  return (await db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('active', '=', true).execute()).map((a) => a.id);
}

/** The core agencies whose turn it is to chair, by name. */
export function coreAgencies(db: Db, partnershipId: string) {
  return db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('triage_core', '=', true).orderBy('name').execute();
}

/** Sets a meeting's chair and replaces who attended. */
export async function recordAttendance(
  tx: Db,
  partnershipId: string,
  meetingId: string,
  chair: { agencyId: string; name: string },
  attendees: { agencyId: string; name: string }[],
) {
  await tx
    .updateTable('triage_meeting')
    .set({ chair_agency_id: chair.agencyId, chair_name: chair.name })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', meetingId)
    .execute();
  await tx.deleteFrom('triage_attendance').where('partnership_id', '=', partnershipId).where('meeting_id', '=', meetingId).execute();
  await tx
    .insertInto('triage_attendance')
    .values(attendees.map((a) => ({ partnership_id: partnershipId, meeting_id: meetingId, agency_id: a.agencyId, attendee_name: a.name })))
    .execute();
}

export async function insertDecision(tx: Db, decision: Insertable<TriageDecisionTable>, actions: Insertable<TriageActionTable>[]): Promise<void> {
  await tx.insertInto('triage_decision').values(decision).execute();
  if (actions.length) await tx.insertInto('triage_action').values(actions).execute();
}

/** How many referrals await triage. */
export async function queueSize(db: Db, partnershipId: string): Promise<number> {
  const row = await db
    .selectFrom('referral')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('status', '=', 'new')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findMeeting(db: Db, partnershipId: string, id: string) {
  return db.selectFrom('triage_meeting').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
}

export function meetingOnDay(db: Db, partnershipId: string, day: string) {
  return db.selectFrom('triage_meeting').selectAll().where('partnership_id', '=', partnershipId).where('meeting_date', '=', day).executeTakeFirst();
}

export function attendance(db: Db, partnershipId: string, meetingId: string) {
  return db
    .selectFrom('triage_attendance as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.agency_id'))
    .select(['t.agency_id', 'a.name as agency_name', 't.attendee_name'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.meeting_id', '=', meetingId)
    .orderBy('a.name')
    .execute();
}

/** Chairs of earlier meetings, oldest first, for the rota. */
export async function previousChairs(db: Db, partnershipId: string, before: string): Promise<string[]> {
  const rows = await db
    .selectFrom('triage_meeting')
    .select('chair_agency_id')
    .where('partnership_id', '=', partnershipId)
    .where('meeting_date', '<', before)
    .where('chair_agency_id', 'is not', null)
    .orderBy('meeting_date', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => r.chair_agency_id as string).reverse();
}

/** Referrals awaiting triage, most urgent then oldest first (the order of `compareQueue`). */
export function queue(db: Db, partnershipId: string, limit: number) {
  return db
    .selectFrom('referral as r')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.referring_agency_id'))
    .select([
      'r.id',
      'r.reference',
      'r.person_id',
      'r.received_at',
      'r.urgency',
      'r.referrer_contact',
      'r.exploitation_types',
      'r.indicators',
      'r.concerns',
      'a.name as agency_name',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.address',
      'p.postcode',
      'p.ethnicity',
      'p.nhs_number',
      'p.school_upn',
    ])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.status', '=', 'new')
    .orderBy(sql`array_position(${sql.val([...URGENCY_ORDER])}::text[], r.urgency)`)
    .orderBy('r.received_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

export function decisionsFor(db: Db, partnershipId: string, referralId: string) {
  return db
    .selectFrom('triage_decision as d')
    .innerJoin('triage_meeting as m', (j) => j.onRef('m.partnership_id', '=', 'd.partnership_id').onRef('m.id', '=', 'd.meeting_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'd.partnership_id').onRef('u.id', '=', 'd.decided_by'))
    .select([
      'd.id',
      'd.referral_id',
      'd.meeting_id',
      'm.meeting_date',
      'd.outcome',
      'd.category',
      'd.rationale',
      'd.decided_at',
      'd.created_at',
      'u.name as decided_by_name',
    ])
    .where('d.partnership_id', '=', partnershipId)
    .where('d.referral_id', '=', referralId)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.created_at', 'desc')
    .execute();
}

/** Copies the standing decision (latest decided, then latest created) onto the referral for queues and reports. */
export async function refreshStanding(tx: Db, partnershipId: string, referralId: string) {
  const standing = await tx
    .selectFrom('triage_decision')
    .select(['outcome', 'category', 'decided_at'])
    .where('partnership_id', '=', partnershipId)
    .where('referral_id', '=', referralId)
    .orderBy('decided_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  await tx
    .updateTable('referral')
    .set({
      triage_outcome: standing?.outcome ?? null,
      triage_category: standing?.category ?? null,
      triaged_at: standing?.decided_at ?? null,
      status: standing ? 'triaged' : 'new',
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', referralId)
    .execute();
}

export interface ActionFilter {
  ownerAgencyId?: string | null;
  referralId?: string;
  openOnly?: boolean;
  dueBefore?: string;
  limit: number;
}

export function actions(db: Db, partnershipId: string, f: ActionFilter) {
  let q = db
    .selectFrom('triage_action as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 't.partnership_id').onRef('r.id', '=', 't.referral_id'))
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .select([
      't.id',
      't.decision_id',
      't.referral_id',
      't.description',
      't.owner_agency_id',
      'a.name as owner_agency_name',
      't.owner_name',
      't.due_date',
      't.status',
      't.created_at',
      'r.reference',
      'r.person_id',
      'p.given_name',
      'p.family_name',
    ])
    .where('t.partnership_id', '=', partnershipId);
  if (f.ownerAgencyId) q = q.where('t.owner_agency_id', '=', f.ownerAgencyId);
  if (f.referralId) q = q.where('t.referral_id', '=', f.referralId);
  if (f.openOnly) q = q.where('t.status', 'in', ['open', 'in_progress']);
  if (f.dueBefore) q = q.where('t.due_date', '<', f.dueBefore);
  return q.orderBy('t.due_date').orderBy('t.id').limit(f.limit).execute();
}

export function recentDecisions(db: Db, partnershipId: string, limit: number) {
  return db
    .selectFrom('triage_decision as d')
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 'd.partnership_id').onRef('r.id', '=', 'd.referral_id'))
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .select(['d.id', 'd.referral_id', 'r.reference', 'r.person_id', 'p.given_name', 'p.family_name', 'd.outcome', 'd.category', 'd.decided_at'])
    .where('d.partnership_id', '=', partnershipId)
    .orderBy('d.created_at', 'desc')
    .limit(limit)
    .execute();
}
