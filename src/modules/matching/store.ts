// SQL for online matching: blocking keys, the stored model, merges, "not the same" decisions and the
// suspected-duplicates queue. Pure rules live in the engine files; access and audit in service.ts.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { BlockingKey } from './blocking.ts';
import type { ModelParams } from './model.ts';
import type { PersonRecord } from './record.ts';

/** Person columns the matcher compares (and the few a candidate list shows). */
export interface MatchPersonRow {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  sex: string | null;
  postcode: string | null;
  address: string | null;
  nhs_number: string | null;
}

export function toRecord(row: MatchPersonRow): PersonRecord & { row: MatchPersonRow } {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    postcode: row.postcode,
    address: row.address,
    identifier: row.nhs_number,
    row,
  };
}

/** Rewrites a person's blocking keys (call in the transaction that creates or changes the person). */
export async function replaceKeys(tx: Db, partnershipId: string, personId: string, keys: readonly BlockingKey[]): Promise<void> {
  await tx.deleteFrom('person_match_key').where('partnership_id', '=', partnershipId).where('person_id', '=', personId).execute();
  if (keys.length === 0) return;
  await tx
    .insertInto('person_match_key')
    .values(keys.map((k) => ({ partnership_id: partnershipId, rule: k.rule, key: k.key, person_id: personId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface CandidateQuery {
  keys: readonly BlockingKey[];
  /** Blocks (people sharing one key) larger than this are skipped, as in the batch: other keys still find matches. */
  maxBlockSize: number;
  /** Only people this agency is involved with (agency read scope); null for partnership scope. */
  agencyId: string | null;
  /** Leave out this person and everyone decided "not the same" as them. */
  forPersonId?: string | null;
}

/**
 * People sharing at least one blocking key with the query, excluding people merged into someone else.
 * One statement: per key an index range scan capped at maxBlockSize + 1 rows (a block that reaches the cap
 * is dropped whole), then the person rows.
 */
export async function candidates(db: Db, partnershipId: string, q: CandidateQuery): Promise<MatchPersonRow[]> {
  if (q.keys.length === 0) return [];
  const rules = q.keys.map((k) => k.rule);
  const keys = q.keys.map((k) => k.key);
  const cap = q.maxBlockSize + 1;
  const result = await sql<MatchPersonRow>`
    with q as (select * from unnest(${rules}::text[], ${keys}::text[]) as q(rule, key)),
    hits as (
      select q.rule, q.key, b.person_id, count(*) over (partition by q.rule, q.key) as n
      from q cross join lateral (
        select k.person_id from person_match_key k
        where k.partnership_id = ${partnershipId} and k.rule = q.rule and k.key = q.key
        limit ${cap}
      ) b
    ),
    ids as (select distinct person_id from hits where n < ${cap})
    select p.id, p.given_name, p.family_name, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth, p.sex, p.postcode, p.address, p.nhs_number
    from ids join person p on p.partnership_id = ${partnershipId} and p.id = ids.person_id
    where not exists (
      select 1 from person_merge m
      where m.partnership_id = ${partnershipId} and m.merged_person_id = p.id and m.undone_at is null
    )
    ${q.agencyId ? sql`and exists (select 1 from person_agency pa where pa.partnership_id = ${partnershipId} and pa.person_id = p.id and pa.agency_id = ${q.agencyId})` : sql``}
    ${
      q.forPersonId
        ? sql`and p.id <> ${q.forPersonId} and not exists (
            select 1 from person_not_same ns where ns.partnership_id = ${partnershipId}
            and ((ns.person_a = ${q.forPersonId} and ns.person_b = p.id) or (ns.person_b = ${q.forPersonId} and ns.person_a = p.id)))`
        : sql``
    }`.execute(db);
  return result.rows;
}

export async function matchPerson(db: Db, partnershipId: string, personId: string): Promise<MatchPersonRow | undefined> {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'postcode', 'address', 'nhs_number'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** Every person not merged away, for training and rebuilding the queue. */
export async function allMatchPeople(db: Db, partnershipId: string): Promise<MatchPersonRow[]> {
  return db
    .selectFrom('person as p')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'p.sex', 'p.postcode', 'p.address', 'p.nhs_number'])
    .where('p.partnership_id', '=', partnershipId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('person_merge as m')
            .select('m.id')
            .whereRef('m.partnership_id', '=', 'p.partnership_id')
            .whereRef('m.merged_person_id', '=', 'p.id')
            .where('m.undone_at', 'is', null),
        ),
      ),
    )
    .orderBy('p.id')
    .execute();
}

// ---- the model ----

export async function modelStamp(db: Db, partnershipId: string): Promise<number | null> {
  const row = await db.selectFrom('person_match_model').select('trained_at').where('partnership_id', '=', partnershipId).executeTakeFirst();
  return row ? new Date(row.trained_at).getTime() : null;
}

export async function loadModel(db: Db, partnershipId: string) {
  const row = await db.selectFrom('person_match_model').selectAll().where('partnership_id', '=', partnershipId).executeTakeFirst();
  if (!row) return null;
  const params = (typeof row.params === 'string' ? JSON.parse(row.params) : row.params) as ModelParams;
  return { params, trainedAt: new Date(row.trained_at), trainedOn: row.trained_on, trainedBy: row.trained_by };
}

export async function saveModel(tx: Db, partnershipId: string, params: ModelParams, trainedOn: number, trainedBy: string): Promise<void> {
  const values = { partnership_id: partnershipId, params: JSON.stringify(params), trained_on: trainedOn, trained_at: new Date(), trained_by: trainedBy };
  await tx
    .insertInto('person_match_model')
    .values(values)
    .onConflict((oc) => oc.column('partnership_id').doUpdateSet({ params: values.params, trained_on: trainedOn, trained_at: values.trained_at, trained_by: trainedBy }))
    .execute();
}

// ---- merges ----

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
export async function mergePeople(tx: Db, partnershipId: string, mergedId: string, survivingId: string, by: { id: string | null; label: string }) {
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
    })
    .execute();
  await deleteSuspectsOf(tx, partnershipId, mergedId);
  return { id, movedReferrals: moved.length, addedAgencies: added.rows.length };
}

/**
 * Puts back what a merge moved: its referrals return to the merged person; involvements it added to the
 * survivor are removed unless a referral the survivor still has (made since) comes from that agency.
 */
export async function undoMerge(tx: Db, partnershipId: string, merge: { id: string; merged_person_id: string; surviving_person_id: string; moved_referral_ids: string[]; added_agency_ids: string[] }, by: { id: string | null; label: string }) {
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

export async function recordNotSame(tx: Db, partnershipId: string, x: string, y: string, by: { id: string | null; label: string }): Promise<void> {
  const [a, b] = orderedPair(x, y);
  await tx
    .insertInto('person_not_same')
    .values({ partnership_id: partnershipId, person_a: a, person_b: b, decided_by: by.id, decided_by_label: by.label })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await tx.deleteFrom('person_match_suspect').where('partnership_id', '=', partnershipId).where('person_a', '=', a).where('person_b', '=', b).execute();
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

/** The queue, strongest first, leaving out pairs where either person has since been merged away. */
export async function listSuspects(db: Db, partnershipId: string, limit = 100) {
  const result = await sql<{
    person_a: string;
    person_b: string;
    probability: number;
    match_weight: number;
    explanation: unknown;
    found_at: Date;
  }>`
    select s.person_a, s.person_b, s.probability, s.match_weight, s.explanation, s.found_at
    from person_match_suspect s
    where s.partnership_id = ${partnershipId}
      and not exists (select 1 from person_merge m where m.partnership_id = s.partnership_id and m.undone_at is null and m.merged_person_id in (s.person_a, s.person_b))
      and not exists (select 1 from person_not_same ns where ns.partnership_id = s.partnership_id and ns.person_a = s.person_a and ns.person_b = s.person_b)
    order by s.match_weight desc, s.person_a, s.person_b
    limit ${limit}`.execute(db);
  return result.rows;
}

export async function suspect(db: Db, partnershipId: string, x: string, y: string) {
  const [a, b] = orderedPair(x, y);
  return db
    .selectFrom('person_match_suspect')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('person_a', '=', a)
    .where('person_b', '=', b)
    .executeTakeFirst();
}

export async function notSamePairs(db: Db, partnershipId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('person_not_same').select(['person_a', 'person_b']).where('partnership_id', '=', partnershipId).execute();
  return new Set(rows.map((r) => `${r.person_a}|${r.person_b}`));
}

/** Summary rows (name, date of birth, postcode, agencies) for people shown side by side. */
export async function peopleSummaries(db: Db, partnershipId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person as p')
    .select((eb) => [
      'p.id',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.sex',
      'p.postcode',
      'p.address',
      'p.nhs_number',
      eb
        .selectFrom('referral as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.partnership_id', '=', 'p.partnership_id')
        .whereRef('r.person_id', '=', 'p.id')
        .as('referrals'),
    ])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.id', 'in', ids)
    .execute();
}

/** Whether a form submission (idempotency key) has already made its record: a retry must not stop for matches. */
export async function submissionUsed(db: Db, partnershipId: string, userId: string, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('idempotency_key')
    .select('key')
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  return !!row;
}
