// SQL for flags that travel. A look-up reads only flags not ended and joins their person: a partnership holds few
// flags whatever its population, so the answer costs the same for 10,000 people as for 100.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Identified } from './domain.ts';
import './schema.ts';

export const flagsOfPerson = (db: Db, partnershipId: string, personId: string) =>
  db
    .selectFrom('person_flag as f')
    .leftJoin('app_user as s', (j) => j.onRef('s.partnership_id', '=', 'f.partnership_id').onRef('s.id', '=', 'f.set_by'))
    .leftJoin('app_user as e', (j) => j.onRef('e.partnership_id', '=', 'f.partnership_id').onRef('e.id', '=', 'f.ended_by'))
    .selectAll('f')
    .select(['s.name as set_by_name', 'e.name as ended_by_name'])
    .where('f.partnership_id', '=', partnershipId)
    .where('f.person_id', '=', personId)
    .orderBy('f.set_at', 'desc')
    .execute();
export type FlagRow = Awaited<ReturnType<typeof flagsOfPerson>>[number];

export const insertFlag = (db: Db, row: Insertable<DB['person_flag']>) => db.insertInto('person_flag').values(row).execute();

/** Ends the flag if it is not ended yet: whether it was. */
export async function endFlag(db: Db, partnershipId: string, personId: string, id: string, by: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('person_flag')
    .set({ ended_at: at, ended_by: by })
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The flag in force today on a person the question identifies exactly (names case-insensitively), or undefined. */
export function flagInForce(db: Db, partnershipId: string, q: Identified, today: string) {
  let query = db
    .selectFrom('person_flag as f')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'f.partnership_id').onRef('p.id', '=', 'f.person_id'))
    .select(['f.id', 'f.person_id', 'f.flag', 'f.from_on', 'f.until_on', 'f.contact_name', 'f.contact_phone', 'f.contact_email', 'f.contact_agency'])
    .where('f.partnership_id', '=', partnershipId)
    .where('f.ended_at', 'is', null)
    .where('f.from_on', '<=', today)
    .where((eb) => eb.or([eb('f.until_on', 'is', null), eb('f.until_on', '>=', today)]));
  query =
    q.by === 'nhsNumber'
      ? query.where('p.nhs_number', '=', q.nhsNumber)
      : query
          .where((eb) => eb(eb.fn('lower', ['p.given_name']), '=', q.givenName.toLowerCase()))
          .where((eb) => eb(eb.fn('lower', ['p.family_name']), '=', q.familyName.toLowerCase()))
          .where('p.date_of_birth', '=', q.dateOfBirth);
  return query.orderBy('f.set_at', 'desc').limit(1).executeTakeFirst();
}

/** The child's case lead agency (null: no case, or none named). */
export async function leadAgencyOf(db: Db, partnershipId: string, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('exploitation_case')
    .select('lead_agency_id')
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row?.lead_agency_id ?? null;
}

export async function agencyName(db: Db, partnershipId: string, agencyId: string): Promise<string | null> {
  const row = await db.selectFrom('agency').select('name').where('partnership_id', '=', partnershipId).where('id', '=', agencyId).executeTakeFirst();
  return row?.name ?? null;
}

export async function personName(db: Db, partnershipId: string, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person')
    .select(['given_name', 'family_name'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return row ? `${row.given_name} ${row.family_name}` : null;
}
