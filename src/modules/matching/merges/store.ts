// SQL for merges, "not the same" decisions and the suspected-duplicates queue.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';

export async function activeMergeOf(db: Db, partnershipId: string, mergedPersonId: string) {
  return db
    .selectFrom('person_merge')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('merged_person_id', '=', mergedPersonId)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
}

export async function findMerge(db: Db, partnershipId: string, id: string) {
  return db.selectFrom('person_merge').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
}

/** People currently merged into this one. */
export async function mergedInto(db: Db, partnershipId: string, survivingPersonId: string) {
  return db
    .selectFrom('person_merge as m')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'm.partnership_id').onRef('p.id', '=', 'm.merged_person_id'))
    .select(['m.id', 'm.merged_person_id', 'm.merged_at', 'm.merged_by_label', 'p.given_name', 'p.family_name', 'p.date_of_birth'])
    .where('m.partnership_id', '=', partnershipId)
    .where('m.surviving_person_id', '=', survivingPersonId)
    .where('m.undone_at', 'is', null)
    .orderBy('m.merged_at', 'desc')
    .execute();
}

export async function recentMerges(db: Db, partnershipId: string, limit = 50) {
  return db
    .selectFrom('person_merge as m')
    .innerJoin('person as b', (j) => j.onRef('b.partnership_id', '=', 'm.partnership_id').onRef('b.id', '=', 'm.merged_person_id'))
    .innerJoin('person as a', (j) => j.onRef('a.partnership_id', '=', 'm.partnership_id').onRef('a.id', '=', 'm.surviving_person_id'))
    .select([
      'm.id',
      'm.merged_person_id',
      'm.surviving_person_id',
      'm.merged_at',
      'm.merged_by_label',
      'm.undone_at',
      'm.undone_by_label',
      'b.given_name as merged_given_name',
      'b.family_name as merged_family_name',
      'a.given_name as surviving_given_name',
      'a.family_name as surviving_family_name',
    ])
    .where('m.partnership_id', '=', partnershipId)
    .orderBy('m.merged_at', 'desc')
    .limit(limit)
    .execute();
}

/** Moves B's referrals and involvements to A, remembering exactly what moved. Returns the merge id. */
export async function mergePeople(
  tx: Db,
  partnershipId: string,
  mergedId: string,
  survivingId: string,
  by: { id: string | null; label: string },
  comparison: unknown = null,
) {
  const moved = await tx
    .updateTable('referral')
    .set({ person_id: survivingId })
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', mergedId)
    .returning('id')
    .execute();
  const added = await sql<{ agency_id: string }>`
    insert into person_agency (partnership_id, person_id, agency_id, since)
    select partnership_id, ${survivingId}, agency_id, since from person_agency
    where partnership_id = ${partnershipId} and person_id = ${mergedId}
    on conflict do nothing
    returning agency_id`.execute(tx);
  const id = randomUUID();
  await tx
    .insertInto('person_merge')
    .values({
      partnership_id: partnershipId,
      id,
      merged_person_id: mergedId,
      surviving_person_id: survivingId,
      merged_by: by.id,
      merged_by_label: by.label,
      moved_referral_ids: moved.map((r) => r.id),
      added_agency_ids: added.rows.map((r) => r.agency_id),
      undone_by: null,
      undone_by_label: null,
      undone_at: null,
      comparison: comparison === null ? null : JSON.stringify(comparison),
    })
    .execute();
  await deleteSuspectsOf(tx, partnershipId, mergedId);
  return { id, movedReferrals: moved.length, addedAgencies: added.rows.length };
}

/**
 * Puts back what a merge moved: its referrals return to the merged person; involvements it added to the
 * survivor are removed unless a referral the survivor still has (made since) comes from that agency.
 */
export async function undoMerge(
  tx: Db,
  partnershipId: string,
  merge: { id: string; merged_person_id: string; surviving_person_id: string; moved_referral_ids: string[]; added_agency_ids: string[] },
  by: { id: string | null; label: string },
) {
  if (merge.moved_referral_ids.length > 0) {
    await tx
      .updateTable('referral')
      .set({ person_id: merge.merged_person_id })
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', merge.moved_referral_ids)
      .execute();
  }
  if (merge.added_agency_ids.length > 0) {
    await sql`
      delete from person_agency pa
      where pa.partnership_id = ${partnershipId} and pa.person_id = ${merge.surviving_person_id}
        and pa.agency_id = any(${merge.added_agency_ids}::uuid[])
        and not exists (
          select 1 from referral r where r.partnership_id = pa.partnership_id and r.person_id = pa.person_id and r.referring_agency_id = pa.agency_id
        )`.execute(tx);
  }
  await tx
    .updateTable('person_merge')
    .set({ undone_at: new Date(), undone_by: by.id, undone_by_label: by.label })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', merge.id)
    .execute();
}

// ---- "not the same" and the queue ----

export const orderedPair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

/** Records the decision; false when it had already been made (nothing changed). */
export async function recordNotSame(
  tx: Db,
  partnershipId: string,
  x: string,
  y: string,
  by: { id: string | null; label: string },
  comparison: unknown = null,
): Promise<boolean> {
  const [a, b] = orderedPair(x, y);
  const inserted = await tx
    .insertInto('person_not_same')
    .values({
      partnership_id: partnershipId,
      person_a: a,
      person_b: b,
      decided_by: by.id,
      decided_by_label: by.label,
      comparison: comparison === null ? null : JSON.stringify(comparison),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('person_a')
    .execute();
  await tx.deleteFrom('person_match_suspect').where('partnership_id', '=', partnershipId).where('person_a', '=', a).where('person_b', '=', b).execute();
  return inserted.length > 0;
}

export async function isNotSame(db: Db, partnershipId: string, x: string, y: string): Promise<boolean> {
  const [a, b] = orderedPair(x, y);
  const row = await db
    .selectFrom('person_not_same')
    .select('person_a')
    .where('partnership_id', '=', partnershipId)
    .where('person_a', '=', a)
    .where('person_b', '=', b)
    .executeTakeFirst();
  return !!row;
}

export interface SuspectInput {
  a: string;
  b: string;
  probability: number;
  matchWeight: number;
  explanation: unknown;
}

/** Adds or refreshes suspected pairs, skipping pairs decided "not the same". */
export async function upsertSuspects(tx: Db, partnershipId: string, suspects: readonly SuspectInput[]): Promise<void> {
  for (let i = 0; i < suspects.length; i += 500) {
    const chunk = suspects.slice(i, i + 500).map((s) => {
      const [a, b] = orderedPair(s.a, s.b);
      return { a, b, p: s.probability, w: s.matchWeight, e: JSON.stringify(s.explanation) };
    });
    await sql`
      insert into person_match_suspect (partnership_id, person_a, person_b, probability, match_weight, explanation)
      select ${partnershipId}::uuid, s.a, s.b, s.p, s.w, s.e::jsonb
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as s(a uuid, b uuid, p double precision, w double precision, e text)
      where not exists (select 1 from person_not_same ns where ns.partnership_id = ${partnershipId} and ns.person_a = s.a and ns.person_b = s.b)
      on conflict (partnership_id, person_a, person_b)
      do update set probability = excluded.probability, match_weight = excluded.match_weight, explanation = excluded.explanation, found_at = now()`.execute(tx);
  }
}

export async function clearSuspects(tx: Db, partnershipId: string): Promise<void> {
  await tx.deleteFrom('person_match_suspect').where('partnership_id', '=', partnershipId).execute();
}

export async function deleteSuspectsOf(tx: Db, partnershipId: string, personId: string): Promise<void> {
  await tx
    .deleteFrom('person_match_suspect')
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb.or([eb('person_a', '=', personId), eb('person_b', '=', personId)]))
    .execute();
}

export async function notSamePairs(db: Db, partnershipId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('person_not_same').select(['person_a', 'person_b']).where('partnership_id', '=', partnershipId).execute();
  return new Set(rows.map((r) => `${r.person_a}|${r.person_b}`));
}
