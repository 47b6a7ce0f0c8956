// SQL for reviewers' decisions read as labels: merges (and their undoing) and "not the same", each with the level
// snapshot kept when it was decided (migration 040). The decisions stay in person_merge and person_not_same.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';
import type { ReviewDecision } from '../accuracy.ts';
import type { MatchPersonRow } from '../store.ts';

export interface DecisionRow extends ReviewDecision {
  comparison: unknown;
  by: string;
}

/** Every decision in the order made: a merge, its undo (if undone), each "not the same". */
export async function decisions(db: Db, partnershipId: string): Promise<DecisionRow[]> {
  const result = await sql<{ left: string; right: string; decision: ReviewDecision['decision']; at: Date; comparison: unknown; by: string }>`
    select merged_person_id as left, surviving_person_id as right, 'merge' as decision, merged_at as at, comparison, merged_by_label as by
    from person_merge where partnership_id = ${partnershipId}
    union all
    select merged_person_id, surviving_person_id, 'undo', undone_at, comparison, undone_by_label
    from person_merge where partnership_id = ${partnershipId} and undone_at is not null
    union all
    select person_a, person_b, 'not_same', decided_at, comparison, decided_by_label
    from person_not_same where partnership_id = ${partnershipId}
    order by at`.execute(db);
  return result.rows.map((r) => ({
    left: r.left,
    right: r.right,
    decision: r.decision,
    at: new Date(r.at).toISOString(),
    comparison: typeof r.comparison === 'string' ? JSON.parse(r.comparison) : r.comparison,
    by: r.by,
  }));
}

/** The people a set of labels names, merged away or not (a merged person's row is kept as it was). */
export async function peopleByIds(db: Db, partnershipId: string, ids: readonly string[]): Promise<MatchPersonRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'postcode', 'address', 'nhs_number'])
    .where('partnership_id', '=', partnershipId)
    .where('id', 'in', ids)
    .execute();
}
