// SQL for committee meetings, their questions and resolutions, and the reports resolutions promised.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import '../actions/schema.ts';
import './schema.ts';

export function listMeetings(db: Db, partnershipId: string) {
  return db
    .selectFrom('committee_meeting as m')
    .select((eb) => [
      'm.id',
      'm.committee',
      'm.held_on',
      'm.title',
      eb
        .selectFrom('committee_question as q')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('q.partnership_id', '=', 'm.partnership_id')
        .whereRef('q.meeting_id', '=', 'm.id')
        .as('questions'),
      eb
        .selectFrom('committee_question as q')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('q.partnership_id', '=', 'm.partnership_id')
        .whereRef('q.meeting_id', '=', 'm.id')
        .where('q.answer', 'is', null)
        .as('unanswered'),
      eb
        .selectFrom('committee_resolution as r')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('r.partnership_id', '=', 'm.partnership_id')
        .whereRef('r.meeting_id', '=', 'm.id')
        .as('resolutions'),
    ])
    .where('m.partnership_id', '=', partnershipId)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.created_at', 'desc')
    .execute();
}

export const meetingById = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('committee_meeting').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingById>>>;

export const insertMeeting = (db: Db, row: Insertable<DB['committee_meeting']>) => db.insertInto('committee_meeting').values(row).execute();

export async function insertQuestions(db: Db, rows: Insertable<DB['committee_question']>[]) {
  if (rows.length) await db.insertInto('committee_question').values(rows).execute();
}

export async function insertResolutions(db: Db, rows: Insertable<DB['committee_resolution']>[]) {
  if (rows.length) await db.insertInto('committee_resolution').values(rows).execute();
}

export const questionsOf = (db: Db, partnershipId: string, meetingId: string) =>
  db.selectFrom('committee_question').selectAll().where('partnership_id', '=', partnershipId).where('meeting_id', '=', meetingId).orderBy('number').execute();

export type QuestionRow = Awaited<ReturnType<typeof questionsOf>>[number];

export const resolutionsOf = (db: Db, partnershipId: string, meetingId: string) =>
  db.selectFrom('committee_resolution').selectAll().where('partnership_id', '=', partnershipId).where('meeting_id', '=', meetingId).orderBy('number').execute();

export type ResolutionRow = Awaited<ReturnType<typeof resolutionsOf>>[number];

/** The next free number of a meeting's questions or resolutions (locks the meeting so two adds do not take one). */
export async function nextNumber(db: Db, partnershipId: string, meetingId: string, table: 'committee_question' | 'committee_resolution') {
  await db.selectFrom('committee_meeting').select('id').where('partnership_id', '=', partnershipId).where('id', '=', meetingId).forUpdate().execute();
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('number').as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return (r?.n ?? 0) + 1;
}

export function questionByNumber(db: Db, partnershipId: string, meetingId: string, number: number) {
  return db
    .selectFrom('committee_question')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirst();
}

export const answerQuestion = (db: Db, partnershipId: string, id: string, set: { answer: string; answered_by: string | null; answered_on: string }) =>
  db.updateTable('committee_question').set(set).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();

export function resolutionById(db: Db, partnershipId: string, id: string, { forUpdate = false } = {}) {
  const q = db
    .selectFrom('committee_resolution as r')
    .innerJoin('committee_meeting as m', (j) => j.onRef('m.partnership_id', '=', 'r.partnership_id').onRef('m.id', '=', 'r.meeting_id'))
    .selectAll('r')
    .select(['m.committee', 'm.held_on', 'm.title as meeting_title'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** Resolutions with a promised report, soonest due first, with their meeting. */
export function promisedReports(db: Db, partnershipId: string) {
  return db
    .selectFrom('committee_resolution as r')
    .innerJoin('committee_meeting as m', (j) => j.onRef('m.partnership_id', '=', 'r.partnership_id').onRef('m.id', '=', 'r.meeting_id'))
    .select(['r.id', 'r.number', 'r.text', 'r.report_kind', 'r.cadence', 'r.next_due_on', 'm.id as meeting_id', 'm.committee', 'm.held_on'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.next_due_on', 'is not', null)
    .orderBy('r.next_due_on')
    .orderBy('m.held_on')
    .execute();
}

/** Resolutions whose next report is due by `today` (the sweep's work), locked so two servers take turns. */
export function dueResolutions(db: Db, partnershipId: string, today: string) {
  return db
    .selectFrom('committee_resolution')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('next_due_on', '<=', today)
    .orderBy('next_due_on')
    .forUpdate()
    .execute();
}

export const setNextDue = (db: Db, partnershipId: string, id: string, nextDueOn: string) =>
  db.updateTable('committee_resolution').set({ next_due_on: nextDueOn }).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();

export async function producedPeriods(db: Db, partnershipId: string, resolutionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('committee_report')
    .select('period_from')
    .where('partnership_id', '=', partnershipId)
    .where('resolution_id', '=', resolutionId)
    .execute();
  return new Set(rows.map((r) => r.period_from));
}

/** Inserts the report unless its period was produced already; true when this call produced it. */
export async function insertReport(db: Db, row: Insertable<DB['committee_report']>): Promise<boolean> {
  const r = await db
    .insertInto('committee_report')
    .values(row)
    .onConflict((oc) => oc.columns(['partnership_id', 'resolution_id', 'period_from']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const reportsOf = (db: Db, partnershipId: string, resolutionId: string) =>
  db
    .selectFrom('committee_report')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('resolution_id', '=', resolutionId)
    .orderBy('period_from', 'desc')
    .execute();

export type ReportRow = Awaited<ReturnType<typeof reportsOf>>[number];

export const reportById = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('committee_report').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export const reportForPeriod = (db: Db, partnershipId: string, resolutionId: string, from: string) =>
  db
    .selectFrom('committee_report')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('resolution_id', '=', resolutionId)
    .where('period_from', '=', from)
    .executeTakeFirst();

/** Actions in the tracker that a resolution spawned (source 'committee'). */
export function actionsFor(db: Db, partnershipId: string, resolutionId: string) {
  return db
    .selectFrom('triage_action as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .select(['t.id', 't.description', 't.status', 't.due_date', 'a.name as owner_agency_name'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.source_kind', '=', 'committee')
    .where('t.source_id', '=', resolutionId)
    .orderBy('t.due_date')
    .execute();
}
