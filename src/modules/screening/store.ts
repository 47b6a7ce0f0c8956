// SQL for screening toolkits and screenings.
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { ScreeningTable } from '../../platform/db/schema.ts';
import { defaultToolkitFor, type Toolkit, type ToolkitAudience } from './domain.ts';

/** The partnership's active toolkit for children or adults (newest active version), installing the default on first use. */
export async function activeToolkit(db: Db, partnershipId: string, audience: ToolkitAudience = 'child'): Promise<Toolkit> {
  const DEFAULT_TOOLKIT = defaultToolkitFor(audience);
  const find = () =>
    db
      .selectFrom('screening_toolkit')
      .select('definition')
      .where('partnership_id', '=', partnershipId)
      .where('active', '=', true)
      .where(sql<string>`coalesce(definition->>'audience', 'child')`, '=', audience)
      .orderBy('created_at', 'desc')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  const found = await find();
  if (found) return found.definition as Toolkit;
  await db
    .insertInto('screening_toolkit')
    .values({
      partnership_id: partnershipId,
      id: DEFAULT_TOOLKIT.id,
      version: DEFAULT_TOOLKIT.version,
      name: DEFAULT_TOOLKIT.name,
      definition: JSON.stringify(DEFAULT_TOOLKIT),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return ((await find())?.definition as Toolkit) ?? DEFAULT_TOOLKIT;
}

export async function toolkitVersion(db: Db, partnershipId: string, id: string, version: number): Promise<Toolkit | null> {
  const row = await db
    .selectFrom('screening_toolkit')
    .select('definition')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return (row?.definition as Toolkit) ?? null;
}

export async function insertToolkit(tx: Db, partnershipId: string, toolkit: Toolkit): Promise<void> {
  await tx
    .insertInto('screening_toolkit')
    .values({ partnership_id: partnershipId, id: toolkit.id, version: toolkit.version, name: toolkit.name, definition: JSON.stringify(toolkit) })
    .execute();
}

export async function insertScreening(tx: Db, values: Insertable<ScreeningTable>): Promise<void> {
  await tx.insertInto('screening').values(values).execute();
}

function screenings(db: Db, partnershipId: string) {
  return db
    .selectFrom('screening as s')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 's.partnership_id').onRef('u.id', '=', 's.screened_by'))
    .leftJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 's.partnership_id').onRef('a.id', '=', 's.screened_by_agency_id'))
    .selectAll('s')
    .select(['u.name as screened_by_name', 'a.name as screened_by_agency'])
    .where('s.partnership_id', '=', partnershipId);
}

export type ScreeningRow = Awaited<ReturnType<typeof screeningsFor>>[number];

/** A referral's screenings, newest first. */
export function screeningsFor(db: Db, partnershipId: string, referralId: string) {
  return screenings(db, partnershipId).where('s.referral_id', '=', referralId).orderBy('s.screened_at', 'desc').execute();
}

export function findScreening(db: Db, partnershipId: string, id: string) {
  return screenings(db, partnershipId).where('s.id', '=', id).executeTakeFirst();
}

/** The latest screening of each referral, for the triage queue. */
export async function latestLevels(
  db: Db,
  partnershipId: string,
  referralIds: string[],
): Promise<Map<string, { level: string; score: number; rescreenDue: string }>> {
  if (referralIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('screening')
    .select(['referral_id', 'level', 'score', 'rescreen_due'])
    .distinctOn('referral_id')
    .where('partnership_id', '=', partnershipId)
    .where('referral_id', 'in', referralIds)
    .orderBy('referral_id')
    .orderBy('screened_at', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.referral_id, { level: r.level, score: r.score, rescreenDue: r.rescreen_due }]));
}

/** The screened person's date of birth (YYYY-MM-DD), which decides the child or adult toolkit. */
export async function subjectDateOfBirth(db: Db, partnershipId: string, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person')
    .select(sql<string | null>`to_char(date_of_birth, 'YYYY-MM-DD')`.as('dob'))
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return row?.dob ?? null;
}
