// SQL for the context assessment toolkit: the partnership's own rows over the default areas (migration 035).
import type { Db } from '../../../platform/db/connect.ts';
import '../schema.ts';

/** The partnership's rows of every kind; `forUpdate` locks them, so two changes to one kind run one after the other. */
export function ownAreas(db: Db, partnershipId: string, kind?: string, forUpdate = false) {
  let q = db
    .selectFrom('context_assessment_area')
    .select(['context_kind', 'code', 'label', 'active'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('context_kind')
    .orderBy('code');
  if (kind) q = q.where('context_kind', '=', kind);
  return (forUpdate ? q.forUpdate() : q).execute();
}

/** A new row, or the partnership's label and whether the area is offered, over what was there. */
export const saveArea = (db: Db, row: { partnership_id: string; context_kind: string; code: string; label: string; active: boolean }) =>
  db
    .insertInto('context_assessment_area')
    .values(row)
    .onConflict((oc) => oc.columns(['partnership_id', 'context_kind', 'code']).doUpdateSet({ label: row.label, active: row.active }))
    .execute();
