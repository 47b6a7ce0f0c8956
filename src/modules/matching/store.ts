// SQL for online matching: people as the matcher sees them, blocking keys and the stored model. Merges, "not the
// same" decisions and the suspected-duplicates queue are in merges-store.ts; pure rules in the engine files.
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

/** Rewrites every person's blocking keys at once (after a bulk load, or a change to the blocking rules). */
export async function replaceAllKeys(tx: Db, partnershipId: string, keys: readonly { personId: string; rule: string; key: string }[]): Promise<void> {
  await tx.deleteFrom('person_match_key').where('partnership_id', '=', partnershipId).execute();
  const rows = keys.map((k) => ({ partnership_id: partnershipId, rule: k.rule, key: k.key, person_id: k.personId }));
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('person_match_key')
      .values(rows.slice(i, i + 1000))
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
    .onConflict((oc) =>
      oc.column('partnership_id').doUpdateSet({ params: values.params, trained_on: trainedOn, trained_at: values.trained_at, trained_by: trainedBy }),
    )
    .execute();
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
