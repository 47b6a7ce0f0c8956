// SQL for the partnership's meeting types and its MACE setting.
import type { Db } from '../../../platform/db/connect.ts';
import '../schema.ts';

export function meetingTypes(db: Db, partnershipId: string) {
  return db
    .selectFrom('meeting_type')
    .select(['code', 'name', 'subject', 'agenda', 'cadence', 'active', 'default_agenda'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

export function meetingType(db: Db, partnershipId: string, code: string) {
  return db
    .selectFrom('meeting_type')
    .select(['code', 'name', 'subject', 'agenda', 'cadence', 'active', 'default_agenda'])
    .where('partnership_id', '=', partnershipId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export interface MeetingTypeRow {
  code: string;
  name: string;
  subject: string;
  agenda: string;
  cadence: string;
  active: boolean;
  default_agenda: string[];
}

/** A new type; false when the partnership already has one with that code. */
export async function insertMeetingType(db: Db, partnershipId: string, t: MeetingTypeRow): Promise<boolean> {
  const r = await db
    .insertInto('meeting_type')
    .values({ partnership_id: partnershipId, ...t })
    .onConflict((oc) => oc.columns(['partnership_id', 'code']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateMeetingType(db: Db, partnershipId: string, code: string, t: Omit<MeetingTypeRow, 'code'>) {
  await db.updateTable('meeting_type').set(t).where('partnership_id', '=', partnershipId).where('code', '=', code).execute();
}

/** Locks the type's row for a change (two admins saving at once: the later reads the earlier's result). */
export function meetingTypeForUpdate(db: Db, partnershipId: string, code: string) {
  return db
    .selectFrom('meeting_type')
    .select(['code', 'name', 'subject', 'agenda', 'cadence', 'active', 'default_agenda'])
    .where('partnership_id', '=', partnershipId)
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

/** The partnership's names in use, for "a type with that name already exists". */
export async function typeNamed(db: Db, partnershipId: string, name: string) {
  return db
    .selectFrom('meeting_type')
    .select('code')
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function maceDueWorkingDays(db: Db, partnershipId: string): Promise<number> {
  const r = await db.selectFrom('partnership').select('mace_due_working_days').where('id', '=', partnershipId).executeTakeFirst();
  return r?.mace_due_working_days ?? 5;
}

export async function setMaceDueWorkingDays(db: Db, partnershipId: string, days: number) {
  await db.updateTable('partnership').set({ mace_due_working_days: days }).where('id', '=', partnershipId).execute();
}
