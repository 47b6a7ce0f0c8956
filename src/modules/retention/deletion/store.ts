// Deleting a record and everything that belongs to it, found from the catalogue (foreign keys and person columns)
// rather than a list kept by hand, so a table a later module adds is covered without anyone remembering it. Rows
// that need the record (a not-null foreign key) go with it; rows that only mention it (a nullable one) are unlinked.
// The audit trail is never touched (decision 0014).
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';
import { type ForeignKey, foreignKeysToId } from '../../../platform/db/foreign-keys.ts';
import { NEVER_DELETED } from '../domain.ts';

/** Columns that say whom a row is about. */
const PERSON_COLUMNS = ['person_id', 'merged_person_id', 'surviving_person_id', 'person_a', 'person_b'];

interface Catalogue {
  keys: ForeignKey[];
  /** Tenant tables with an `id` column. */
  withId: Set<string>;
  personColumns: { table: string; column: string }[];
}

async function catalogue(db: Db): Promise<Catalogue> {
  const keys = await foreignKeysToId(db);
  const { rows: cols } = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
    join pg_attribute a on a.attrelid = c.oid and not a.attisdropped and a.attnum > 0
    where c.relkind = 'r' and exists (select 1 from pg_attribute p where p.attrelid = c.oid and p.attname = 'partnership_id' and not p.attisdropped)
      and (a.attname = 'id' or a.attname in (${sql.join(PERSON_COLUMNS)}))`.execute(db);
  const keep = (t: string) => !NEVER_DELETED.includes(t);
  return {
    keys: keys.filter((k) => keep(k.from_table)),
    withId: new Set(cols.filter((c) => c.column_name === 'id').map((c) => c.table_name)),
    personColumns: cols.filter((c) => c.column_name !== 'id' && keep(c.table_name)).map((c) => ({ table: c.table_name, column: c.column_name })),
  };
}

const matches = (column: string, ids: string[]) => sql`${sql.ref(column)}::text = any(${ids}::text[])`;

async function idsWhere(db: Db, partnershipId: string, table: string, column: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const { rows } = await sql<{
    id: string;
  }>`select id::text as id from ${sql.table(table)} where partnership_id = ${partnershipId} and ${matches(column, ids)}`.execute(db);
  return rows.map((r) => r.id);
}

export interface Doomed {
  /** Rows by id, per table. */
  byId: Map<string, Set<string>>;
  /** Rows of tables without an id: (column in ids). */
  byColumn: { table: string; column: string; ids: string[] }[];
}

/** Everything that goes with the roots: rows that cannot exist without them, to any depth; and domain events about them. */
async function collect(db: Db, cat: Catalogue, partnershipId: string, roots: { table: string; ids: string[] }[], personIds: string[]): Promise<Doomed> {
  const doomed: Doomed = { byId: new Map(), byColumn: [] };
  const queue = [...roots];
  const visit = async () => {
    while (queue.length) {
      const { table, ids } = queue.shift()!;
      const seen = doomed.byId.get(table) ?? new Set<string>();
      const fresh = ids.filter((id) => !seen.has(id));
      if (!fresh.length) continue;
      for (const id of fresh) seen.add(id);
      doomed.byId.set(table, seen);
      for (const k of cat.keys.filter((k) => k.to_table === table && !k.nullable)) {
        if (cat.withId.has(k.from_table)) queue.push({ table: k.from_table, ids: await idsWhere(db, partnershipId, k.from_table, k.from_column, fresh) });
        else doomed.byColumn.push({ table: k.from_table, column: k.from_column, ids: fresh });
      }
    }
  };
  for (const { table, column } of personIds.length ? cat.personColumns : []) {
    if (cat.withId.has(table)) queue.push({ table, ids: await idsWhere(db, partnershipId, table, column, personIds) });
    else doomed.byColumn.push({ table, column, ids: personIds });
  }
  await visit();
  // Domain events about the deleted records (their subject is not a foreign key), then what hangs off those.
  const all = [...doomed.byId.entries()].filter(([t]) => t !== 'domain_event').flatMap(([, ids]) => [...ids]);
  queue.push({ table: 'domain_event', ids: await idsWhere(db, partnershipId, 'domain_event', 'subject_id', all) });
  await visit();
  return doomed;
}

async function deleted(tx: Db, statement: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{ n: number }>`with d as (${statement}) select count(*)::int as n from d`.execute(tx);
  return rows[0]?.n ?? 0;
}

/** Tables in an order that deletes every row before the rows it refers to. */
function deletionOrder(tables: string[], keys: ForeignKey[]): string[] {
  const left = new Set(tables);
  const order: string[] = [];
  while (left.size) {
    const free = [...left].filter((t) => !keys.some((k) => k.to_table === t && k.from_table !== t && left.has(k.from_table)));
    // A cycle (none today) is broken in name order; the database then says which key stops it.
    const next = free.length ? free : [[...left].sort()[0]];
    for (const t of next) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

/**
 * Deletes the roots and everything that cannot exist without them; with `personIds`, every row about those people
 * too. Rows that only mention a deleted row (a nullable key) keep their own content with the mention cleared.
 * Returns the rows deleted per table (counts, for the tombstone).
 */
export async function deleteWithDependents(
  tx: Db,
  partnershipId: string,
  roots: { table: string; ids: string[] }[],
  personIds: string[] = [],
): Promise<Record<string, number>> {
  const cat = await catalogue(tx);
  const doomed = await collect(tx, cat, partnershipId, roots, personIds);
  for (const [table, ids] of doomed.byId) {
    for (const k of cat.keys.filter((k) => k.to_table === table && k.nullable)) {
      const spared = doomed.byId.get(k.from_table);
      await sql`update ${sql.table(k.from_table)} set ${sql.ref(k.from_column)} = null
        where partnership_id = ${partnershipId} and ${matches(k.from_column, [...ids])}
        ${spared ? sql`and not (${matches('id', [...spared])})` : sql``}`.execute(tx);
    }
  }
  const counts: Record<string, number> = {};
  const tables = [...new Set([...doomed.byId.keys(), ...doomed.byColumn.map((c) => c.table)])];
  for (const table of deletionOrder(tables, cat.keys)) {
    let n = 0;
    for (const c of doomed.byColumn.filter((c) => c.table === table)) {
      n += await deleted(tx, sql`delete from ${sql.table(table)} where partnership_id = ${partnershipId} and ${matches(c.column, c.ids)} returning 1`);
    }
    const ids = doomed.byId.get(table);
    if (ids?.size) {
      n += await deleted(tx, sql`delete from ${sql.table(table)} where partnership_id = ${partnershipId} and ${matches('id', [...ids])} returning 1`);
    }
    if (n) counts[table] = n;
  }
  return counts;
}

/** The person and the duplicates merged into them. */
export async function personAndMerged(db: Db, partnershipId: string, personId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select merged_person_id::text as id from person_merge where partnership_id = ${partnershipId} and surviving_person_id = ${personId}`.execute(db);
  return [personId, ...rows.map((r) => r.id)];
}

/** Intelligence items linked to any of the people's intelligence entities: part of their record. */
export async function itemsLinkedTo(db: Db, partnershipId: string, personIds: string[]): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select distinct l.item_id::text as id from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id and e.id in (l.from_entity, l.to_entity)
    where l.partnership_id = ${partnershipId} and e.person_id::text = any(${personIds}::text[]) and l.item_id is not null`.execute(db);
  return rows.map((r) => r.id);
}

/** Whether anything about the person is left after a record was deleted: if not, the person is deleted too. */
export async function personHasRecords(db: Db, partnershipId: string, personId: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select ((select count(*) from referral where partnership_id = ${partnershipId} and person_id = ${personId})
      + (select count(*) from exploitation_case where partnership_id = ${partnershipId} and person_id = ${personId})
      + (select count(*) from missing_episode where partnership_id = ${partnershipId} and person_id = ${personId})
      + (select count(*) from intel_link l join intel_entity e on e.partnership_id = l.partnership_id and e.id in (l.from_entity, l.to_entity)
          where l.partnership_id = ${partnershipId} and e.person_id = ${personId}))::int as n`.execute(db);
  return (rows[0]?.n ?? 0) > 0;
}

/** Entities for people Jigsaw has no record of, left with no link once an item went: their label is all they are. */
export async function orphanedPersonEntities(db: Db, partnershipId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select e.id::text as id from intel_entity e
    where e.partnership_id = ${partnershipId} and e.kind = 'person' and e.person_id is null
      and not exists (select 1 from intel_link l where l.partnership_id = e.partnership_id and e.id in (l.from_entity, l.to_entity))
      and not exists (select 1 from disruption_activity d where d.partnership_id = e.partnership_id and d.target_entity_id = e.id)`.execute(db);
  return rows.map((r) => r.id);
}

/** People Jigsaw has a record of that an intelligence item links. */
export async function peopleLinkedToItem(db: Db, partnershipId: string, itemId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select distinct e.person_id::text as id from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id and e.id in (l.from_entity, l.to_entity)
    where l.partnership_id = ${partnershipId} and l.item_id = ${itemId} and e.person_id is not null`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Tracker actions made from the record (its referral's triage decision, its episode's interview): their only key to
 * it is nullable (the tracker outlives a meeting or plan), but they are the record's, so they go with it.
 */
export async function actionsMadeFrom(db: Db, partnershipId: string, recordId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id::text as id from triage_action where partnership_id = ${partnershipId} and (referral_id::text = ${recordId} or source_id::text = ${recordId})`.execute(
    db,
  );
  return rows.map((r) => r.id);
}
