// SQL for cancelling an action and undoing that: the action with its child, and the status change with its reason.
import type { Db } from '../../../platform/db/connect.ts';

export function actionForChange(db: Db, partnershipId: string, id: string, ownerAgencyId: string | null) {
  let q = db
    .selectFrom('triage_action as t')
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 't.partnership_id').onRef('r.id', '=', 't.referral_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .select([
      't.id',
      't.status',
      't.status_reason',
      't.description',
      't.due_date',
      't.referral_id',
      'r.reference',
      'r.person_id',
      'a.name as owner_agency_name',
    ])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.id', '=', id);
  if (ownerAgencyId) q = q.where('t.owner_agency_id', '=', ownerAgencyId);
  return q.executeTakeFirst();
}

/** Sets the status only if it is still `from`, so two people cancelling at once make one change. */
export async function changeStatus(
  tx: Db,
  partnershipId: string,
  id: string,
  from: string,
  to: string,
  reason: string | null,
  by: string,
  at: Date,
): Promise<boolean> {
  const r = await tx
    .updateTable('triage_action')
    .set({ status: to, status_reason: reason, status_changed_at: at, status_changed_by: by })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
