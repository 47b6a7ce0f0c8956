// SQL for programmes (settings, indicators, allocations, the comparison group) and outcome scales and records.
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import './schema.ts';

export const scales = (db: Db, partnershipId: string) =>
  db.selectFrom('outcome_scale').selectAll().where('partnership_id', '=', partnershipId).orderBy('name').execute();
export type ScaleRow = Awaited<ReturnType<typeof scales>>[number];

export const scaleNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('outcome_scale').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();

export const insertScale = (db: Db, row: Insertable<DB['outcome_scale']>) => db.insertInto('outcome_scale').values(row).execute();

export const insertRecord = (db: Db, row: Insertable<DB['outcome_record']>) => db.insertInto('outcome_record').values(row).execute();

export const recordsOf = (db: Db, partnershipId: string, personIds: readonly string[]) =>
  personIds.length
    ? db
        .selectFrom('outcome_record')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('person_id', 'in', personIds)
        .orderBy('recorded_on')
        .orderBy('id')
        .execute()
    : Promise.resolve([]);
export type RecordRow = Awaited<ReturnType<typeof recordsOf>>[number];

export const programmes = (db: Db, partnershipId: string) =>
  db
    .selectFrom('programme as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('programme_allocation as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.partnership_id', '=', 'p.partnership_id')
        .whereRef('a.programme_id', '=', 'p.id')
        .where('a.left_on', 'is', null)
        .as('current'),
    )
    .where('p.partnership_id', '=', partnershipId)
    .orderBy('p.name')
    .execute();

export const programmeById = (db: Db, partnershipId: string, id: string, { forUpdate = false } = {}) => {
  const q = db.selectFrom('programme').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
};
export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof programmeById>>>;

export const programmeNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('programme').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();

export const insertProgramme = (db: Db, row: Insertable<DB['programme']>) => db.insertInto('programme').values(row).execute();

export async function insertIndicators(db: Db, rows: Insertable<DB['programme_indicator']>[]) {
  if (rows.length) await db.insertInto('programme_indicator').values(rows).execute();
}

export const indicatorsOf = (db: Db, partnershipId: string, programmeId: string) =>
  db
    .selectFrom('programme_indicator')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('programme_id', '=', programmeId)
    .orderBy('position')
    .execute();

/** Allocations of a programme (current and past), with the child's name and the worker's. */
export const allocationsOf = (db: Db, partnershipId: string, programmeId: string) =>
  db
    .selectFrom('programme_allocation as a')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'a.partnership_id').onRef('p.id', '=', 'a.person_id'))
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'a.partnership_id').onRef('u.id', '=', 'a.worker_id'))
    .innerJoin('exploitation_case as c', (j) => j.onRef('c.partnership_id', '=', 'a.partnership_id').onRef('c.id', '=', 'a.case_id'))
    .select(['a.id', 'a.person_id', 'a.worker_id', 'a.joined_on', 'a.left_on', 'a.left_reason', 'p.given_name', 'p.family_name', 'u.name as worker_name'])
    .select(['c.risk_level', 'c.review_due'])
    .where('a.partnership_id', '=', partnershipId)
    .where('a.programme_id', '=', programmeId)
    .orderBy('a.joined_on')
    .orderBy('a.id')
    .execute();
export type AllocationRow = Awaited<ReturnType<typeof allocationsOf>>[number];

export const allocationById = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('programme_allocation').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().executeTakeFirst();

/** False when the child joined a programme in another transaction a moment ago (one current programme each). */
export const insertAllocation = async (db: Db, row: Insertable<DB['programme_allocation']>) =>
  (
    await db
      .insertInto('programme_allocation')
      .values(row)
      .onConflict((oc) => oc.columns(['partnership_id', 'person_id']).where('left_on', 'is', null).doNothing())
      .executeTakeFirst()
  ).numInsertedOrUpdatedRows === 1n;

export const endAllocation = (db: Db, partnershipId: string, id: string, leftOn: string, reason: string | null) =>
  db
    .updateTable('programme_allocation')
    .set({ left_on: leftOn, left_reason: reason })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();

/** What allocating a child turns on: their case, date of birth and the programme they are in now (if any). */
export async function allocationFacts(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('person as p')
    .leftJoin('exploitation_case as c', (j) => j.onRef('c.partnership_id', '=', 'p.partnership_id').onRef('c.person_id', '=', 'p.id'))
    .leftJoin('programme_allocation as a', (j) =>
      j.onRef('a.partnership_id', '=', 'p.partnership_id').onRef('a.person_id', '=', 'p.id').on('a.left_on', 'is', null),
    )
    .leftJoin('programme as g', (j) => j.onRef('g.partnership_id', '=', 'a.partnership_id').onRef('g.id', '=', 'a.programme_id'))
    .select(['p.id', 'p.date_of_birth', 'c.id as case_id', 'c.risk_level', 'c.status', 'g.name as programme_name'])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.id', '=', personId)
    .executeTakeFirst();
}

export const currentCount = async (db: Db, partnershipId: string, programmeId: string) =>
  Number(
    (
      await db
        .selectFrom('programme_allocation')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('partnership_id', '=', partnershipId)
        .where('programme_id', '=', programmeId)
        .where('left_on', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The comparison group by rule: cases at one of the risk levels, open at some time in the period, never in the programme. */
export async function comparisonGroup(db: Db, partnershipId: string, programmeId: string, riskLevels: string[], from: string, to: string) {
  const r = await sql<{ person_id: string; review_due: string | null }>`
    select c.person_id, c.review_due::text as review_due from exploitation_case c
    where c.partnership_id = ${partnershipId} and c.risk_level = any(${riskLevels}::text[])
      and c.opened_at < (${to}::date + 1) and (c.closed_at is null or c.closed_at >= ${from}::date)
      and not exists (select 1 from programme_allocation a where a.partnership_id = c.partnership_id
        and a.programme_id = ${programmeId} and a.person_id = c.person_id)
    order by c.person_id`.execute(db);
  return r.rows;
}

/** Eligible open cases not in any programme, for the allocate form's choice (the hub's). */
export async function candidates(db: Db, partnershipId: string, riskLevels: string[]) {
  const r = await sql<{ person_id: string; given_name: string; family_name: string; risk_level: string }>`
    select c.person_id, p.given_name, p.family_name, c.risk_level from exploitation_case c
    join person p on p.partnership_id = c.partnership_id and p.id = c.person_id
    where c.partnership_id = ${partnershipId} and c.status <> 'closed' and c.risk_level = any(${riskLevels}::text[])
      and not exists (select 1 from programme_allocation a where a.partnership_id = c.partnership_id and a.person_id = c.person_id and a.left_on is null)
    order by p.family_name, p.given_name limit 200`.execute(db);
  return r.rows;
}

export const workers = (db: Db, partnershipId: string) =>
  db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('role', 'in', ['practitioner', 'hub_member', 'hub_coordinator'])
    .orderBy('name')
    .execute();

export const userInPartnership = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('app_user').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

/** The programmes in which this worker holds a current or past case ('own' scope reads those). */
export const programmesOfWorker = async (db: Db, partnershipId: string, workerId: string) =>
  (
    await db
      .selectFrom('programme_allocation')
      .select('programme_id')
      .distinct()
      .where('partnership_id', '=', partnershipId)
      .where('worker_id', '=', workerId)
      .execute()
  ).map((r) => r.programme_id);
