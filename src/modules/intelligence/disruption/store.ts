// SQL for disruption: the partnership's tactics (over the Home Office defaults), activities against entities, and
// counts by tactic and outcome. An activity is listed only when its target is an entity the viewer may know of.
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { RestrictedViewer } from '../../../platform/access/rules.ts';
import type { Db } from '../../../platform/db/connect.ts';
import type { DB } from '../../../platform/db/schema.ts';
import { describedSql, knownEntitySql } from '../store.ts';

export async function tacticOverrides(db: Db, partnershipId: string) {
  return db.selectFrom('disruption_tactic').selectAll().where('partnership_id', '=', partnershipId).execute();
}

export async function upsertTactic(tx: Db, row: Insertable<DB['disruption_tactic']>) {
  await tx
    .insertInto('disruption_tactic')
    .values(row)
    .onConflict((oc) => oc.columns(['partnership_id', 'code']).doUpdateSet({ label: row.label, target_kinds: row.target_kinds, active: row.active }))
    .execute();
}

export async function agencyExists(db: Db, partnershipId: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst());
}

export async function insertActivities(tx: Db, rows: Insertable<DB['disruption_activity']> | Insertable<DB['disruption_activity']>[]) {
  await tx.insertInto('disruption_activity').values(rows).execute();
}

export async function updateActivity(tx: Db, partnershipId: string, id: string, set: Partial<Insertable<DB['disruption_activity']>>) {
  await tx
    .updateTable('disruption_activity')
    .set({ ...set, updated_at: new Date() })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
}

/** Activities, newest first, against targets the viewer may know of (a target named only in hidden intelligence is left out). */
export async function activities(db: Db, partnershipId: string, v: RestrictedViewer, filter: { id?: string; targetEntityId?: string; limit?: number } = {}) {
  let q = db
    .selectFrom('disruption_activity as d')
    .innerJoin('intel_entity as e', (j) => j.onRef('e.partnership_id', '=', 'd.partnership_id').onRef('e.id', '=', 'd.target_entity_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'd.partnership_id').onRef('a.id', '=', 'd.owner_agency_id'))
    .selectAll('d')
    .select([
      'e.label as target_label',
      'e.registration as target_registration',
      'e.kind as target_kind',
      'e.person_id as target_person_id',
      'a.name as owner_agency_name',
    ])
    .select(describedSql(v, 'e').as('target_described'))
    .where('d.partnership_id', '=', partnershipId)
    .where(knownEntitySql(v, 'e'));
  if (filter.id) q = q.where('d.id', '=', filter.id);
  if (filter.targetEntityId) q = q.where('d.target_entity_id', '=', filter.targetEntityId);
  return q
    .orderBy('d.started_on', 'desc')
    .orderBy('d.id')
    .limit(filter.limit ?? 200)
    .execute();
}
export type ActivityRow = Awaited<ReturnType<typeof activities>>[number];

/**
 * Activities started in the period by tactic, outcome and status: counts only, no target, and only of activities
 * whose target the viewer may know of ("1 closure order" would otherwise tell them of a target they may not see).
 */
export async function disruptionCounts(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string) {
  const r = await sql<{ tactic: string; outcome: string | null; status: string; n: number }>`
    select d.tactic, d.outcome, d.status, count(*)::int as n from disruption_activity d
    join intel_entity e on e.partnership_id = d.partnership_id and e.id = d.target_entity_id
    where d.partnership_id = ${partnershipId} and d.started_on between ${from} and ${to} and ${knownEntitySql(v, 'e')}
    group by d.tactic, d.outcome, d.status`.execute(db);
  return r.rows;
}
