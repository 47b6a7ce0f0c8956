// SQL for the partnership's meeting types and its MACE setting.
import type { Db } from '../../../platform/db/connect.ts';
import '../schema.ts';

export function meetingTypes(db: Db, partnershipId: string) {
  return db
    .selectFrom('meeting_type')
    .select(['code', 'name', 'subject', 'agenda', 'cadence', 'active'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

export function meetingType(db: Db, partnershipId: string, code: string) {
  return db
    .selectFrom('meeting_type')
    .select(['code', 'name', 'subject', 'agenda', 'cadence', 'active'])
    .where('partnership_id', '=', partnershipId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function saveMeetingType(
  db: Db,
  partnershipId: string,
  t: { code: string; name: string; subject: string; agenda: string; cadence: string; active: boolean },
) {
  await db
    .insertInto('meeting_type')
    .values({ partnership_id: partnershipId, ...t })
    .onConflict((oc) =>
      oc.columns(['partnership_id', 'code']).doUpdateSet({ name: t.name, subject: t.subject, agenda: t.agenda, cadence: t.cadence, active: t.active }),
    )
    .execute();
}

export async function maceDueWorkingDays(db: Db, partnershipId: string): Promise<number> {
  const r = await db.selectFrom('partnership').select('mace_due_working_days').where('id', '=', partnershipId).executeTakeFirst();
  return r?.mace_due_working_days ?? 5;
}

export async function setMaceDueWorkingDays(db: Db, partnershipId: string, days: number) {
  await db.updateTable('partnership').set({ mace_due_working_days: days }).where('id', '=', partnershipId).execute();
}
