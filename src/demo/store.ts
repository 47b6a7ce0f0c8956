// SQL for loading the demo partnership: bulk inserts in chunks, and the few updates the generated history needs.
import { type Insertable, sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import type { DB } from '../platform/db/schema.ts';

export function findDemoPartnership(db: Db) {
  return db.selectFrom('partnership').select(['id']).where('is_demo', '=', true).executeTakeFirst();
}

/** Inserts rows 500 at a time (a statement's parameters are limited). */
export async function insertRows<T extends keyof DB & string>(tx: Db, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
}

export async function markTriageCore(tx: Db, pid: string, agencyIds: string[]): Promise<void> {
  await tx.updateTable('agency').set({ triage_core: true }).where('partnership_id', '=', pid).where('id', 'in', agencyIds).execute();
}

/** Copies each referral's standing decision onto it, in one statement. */
export async function copyStandingDecisions(tx: Db, pid: string, standing: { id: string; outcome: string; category: string; at: Date }[]): Promise<void> {
  if (standing.length === 0) return;
  await sql`
    update referral r set triage_outcome = s.outcome, triage_category = s.category, triaged_at = s.at
    from (select * from jsonb_to_recordset(${JSON.stringify(standing.map((s) => ({ id: s.id, outcome: s.outcome, category: s.category, at: s.at.toISOString() })))}::jsonb)
          as x(id uuid, outcome text, category text, at timestamptz)) s
    join triage_decision d on d.partnership_id = ${pid}::uuid and d.id = s.id
    where r.partnership_id = ${pid}::uuid and r.id = d.referral_id`.execute(tx);
}

/** The demo teacher made their school's referrals (so "My referrals" and its outcome notifications have something). */
export async function setReferrerUser(tx: Db, pid: string, agencyId: string, userId: string): Promise<void> {
  await tx.updateTable('referral').set({ referrer_user_id: userId }).where('partnership_id', '=', pid).where('referring_agency_id', '=', agencyId).execute();
}

/** An agency's most recently triaged referrals with their outcome and the child's name. */
export function latestOutcomes(tx: Db, pid: string, agencyId: string, limit: number) {
  return tx
    .selectFrom('referral as r')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .select(['r.id', 'r.reference', 'r.triage_outcome', 'r.triage_category', 'r.triaged_at', 'p.given_name', 'p.family_name'])
    .where('r.partnership_id', '=', pid)
    .where('r.referring_agency_id', '=', agencyId)
    .where('r.triaged_at', 'is not', null)
    .orderBy('r.triaged_at', 'desc')
    .limit(limit)
    .execute();
}

/** Referrals awaiting triage first, then the latest triaged, newest first, with reference and the person's name. */
export function awaitingTriage(tx: Db, pid: string, limit: number) {
  return tx
    .selectFrom('referral as r')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .select(['r.id', 'r.reference', 'r.person_id', 'r.received_at', 'p.given_name', 'p.family_name'])
    .where('r.partnership_id', '=', pid)
    .orderBy(sql`r.status = 'new'`, 'desc')
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** The child of the worker's first open case (by opening date), for the demo's multi-agency plan. */
export async function firstOpenCaseOf(tx: Db, pid: string, userId: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('exploitation_case')
    .select('person_id')
    .where('partnership_id', '=', pid)
    .where('allocated_worker_id', '=', userId)
    .where('status', '=', 'open')
    .orderBy('opened_at')
    .orderBy('person_id')
    .executeTakeFirst();
  return row?.person_id;
}

export async function setDemoManager(tx: Db, pid: string, userIds: string[], managerId: string): Promise<void> {
  await tx.updateTable('app_user').set({ manager_user_id: managerId }).where('partnership_id', '=', pid).where('id', 'in', userIds).execute();
}

/** People with open (not closed) cases, the longest open first. */
export const peopleWithOpenCases = (tx: Db, pid: string, limit: number) =>
  tx
    .selectFrom('exploitation_case')
    .select('person_id')
    .where('partnership_id', '=', pid)
    .where('status', '<>', 'closed')
    .orderBy('opened_at')
    .limit(limit)
    .execute();

/** The intelligence demo's places and people, for the earlier intelligence (intelligence-history.ts) to link to. */
export const intelPlacesAndPeople = (tx: Db, pid: string) =>
  tx
    .selectFrom('intel_entity')
    .select(['id', 'kind', 'ward', 'person_id', 'label'])
    .where('partnership_id', '=', pid)
    .where('kind', 'in', ['location', 'person'])
    .execute();
