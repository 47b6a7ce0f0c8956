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
