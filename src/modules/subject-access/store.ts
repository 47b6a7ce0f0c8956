// Subject access SQL: every row Jigsaw holds about one person, found from the catalogue rather than a list kept by
// hand, so a table a later module adds is in the export without anyone remembering to add it.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import { foreignKeysToId } from '../../platform/db/foreign-keys.ts';
import { EXCLUDED_TABLES, PERSON_COLUMNS } from './domain.ts';

export interface FoundTable {
  table: string;
  rows: Record<string, unknown>[];
}

/** Tenant tables (they have partnership_id) with a column naming a person (the catalogue, not information_schema: faster). */
async function personTables(db: Db) {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
    join pg_attribute a on a.attrelid = c.oid and not a.attisdropped and a.attname in (${sql.join(PERSON_COLUMNS)})
    where c.relkind = 'r' and exists (select 1 from pg_attribute p where p.attrelid = c.oid and p.attname = 'partnership_id' and not p.attisdropped)
    order by 1, 2`.execute(db);
  return rows.filter((r) => !EXCLUDED_TABLES.includes(r.table_name));
}

/** Every foreign key to a table's id but from the excluded tables: which rows hang off which table. */
const foreignKeys = async (db: Db) => (await foreignKeysToId(db)).filter((r) => !EXCLUDED_TABLES.includes(r.from_table));

async function rowsWhere(db: Db, partnershipId: string, table: string, column: string, ids: string[]) {
  if (!ids.length) return [];
  const { rows } = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(t) as row from ${sql.table(table)} t
    where t.partnership_id = ${partnershipId} and ${sql.ref(`t.${column}`)}::text = any(${ids}::text[])`.execute(db);
  return rows.map((r) => r.row);
}

/**
 * The person's rows, then (following foreign keys, up to three steps) the rows that belong to those: a case's
 * reviews, a meeting's minutes, an intelligence link's item. Each row once, in its table.
 */
export async function everythingAbout(db: Db, partnershipId: string, personId: string): Promise<FoundTable[]> {
  const found = new Map<string, Map<string, Record<string, unknown>>>();
  const add = (table: string, rows: Record<string, unknown>[]) => {
    const byKey = found.get(table) ?? new Map<string, Record<string, unknown>>();
    for (const r of rows) byKey.set(JSON.stringify(r.id ?? r), r);
    found.set(table, byKey);
    return rows;
  };
  add('person', await rowsWhere(db, partnershipId, 'person', 'id', [personId]));
  let frontier: string[] = [];
  for (const { table_name, column_name } of await personTables(db)) {
    if (add(table_name, await rowsWhere(db, partnershipId, table_name, column_name, [personId])).length) frontier.push(table_name);
  }
  const keys = await foreignKeys(db);
  for (let depth = 0; depth < 3 && frontier.length; depth++) {
    const next: string[] = [];
    for (const table of [...new Set(frontier)]) {
      if (table === 'person') continue;
      const ids = [...(found.get(table)?.values() ?? [])].map((r) => r.id).filter((id): id is string => typeof id === 'string');
      for (const ref of keys.filter((k) => k.to_table === table)) {
        if (add(ref.from_table, await rowsWhere(db, partnershipId, ref.from_table, ref.from_column, ids)).length) next.push(ref.from_table);
      }
    }
    frontier = next;
  }
  // Intelligence items point the other way: a link names its item.
  const itemIds = [...(found.get('intel_link')?.values() ?? [])].map((l) => l.item_id).filter((id): id is string => typeof id === 'string');
  add('intel_item', await rowsWhere(db, partnershipId, 'intel_item', 'id', itemIds));
  return [...found.entries()].filter(([, rows]) => rows.size).map(([table, rows]) => ({ table, rows: [...rows.values()] }));
}

/** People the person is linked to in intelligence (other entities' labels): third parties to redact from free text. */
export async function linkedThirdParties(db: Db, partnershipId: string, personId: string): Promise<string[]> {
  const { rows } = await sql<{ label: string }>`
    select distinct e.label from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id
      and e.id = case when l.from_entity = ${personId} then l.to_entity else l.from_entity end
    where l.partnership_id = ${partnershipId} and (l.from_entity = ${personId} or l.to_entity = ${personId}) and e.kind = 'person'`.execute(db);
  const { rows: people } = await sql<{ name: string }>`
    select distinct r.referrer_name as name from referral r where r.partnership_id = ${partnershipId} and r.person_id = ${personId}`.execute(db);
  return [...rows.map((r) => r.label), ...people.map((p) => p.name)].filter((n) => n && n.trim().length >= 3);
}

export async function logRelease(
  tx: Db,
  r: {
    partnershipId: string;
    id: string;
    personId: string;
    by: string | null;
    byLabel: string;
    to: string;
    format: string;
    sections: number;
    records: number;
    redactions: number;
  },
) {
  await sql`insert into subject_access_release (partnership_id, id, person_id, released_by, released_by_label, released_to, format, sections, records, redactions)
    values (${r.partnershipId}, ${r.id}, ${r.personId}, ${r.by}, ${r.byLabel}, ${r.to}, ${r.format}, ${r.sections}, ${r.records}, ${r.redactions})`.execute(tx);
}

export async function releases(db: Db, partnershipId: string, personId: string) {
  const { rows } = await sql<{
    id: string;
    released_at: Date;
    released_by_label: string;
    released_to: string;
    format: string;
    records: number;
    redactions: number;
  }>`
    select id, released_at, released_by_label, released_to, format, records, redactions from subject_access_release
    where partnership_id = ${partnershipId} and person_id = ${personId} order by released_at desc`.execute(db);
  return rows;
}

/** The person's current value of one column, as text (locked: two corrections at once keep a true history). */
export async function currentValue(tx: Db, partnershipId: string, personId: string, column: string): Promise<{ value: string | null } | null> {
  const { rows } = await sql<{ value: string | null }>`
    select ${sql.ref(column)}::text as value from person where partnership_id = ${partnershipId} and id = ${personId} for update`.execute(tx);
  return rows[0] ?? null;
}

export async function rectify(
  tx: Db,
  r: {
    partnershipId: string;
    id: string;
    personId: string;
    field: string;
    column: string;
    old: string | null;
    new: string | null;
    reason: string;
    by: string | null;
    byLabel: string;
  },
) {
  // A corrected date of birth is known exactly; one cleared is not known.
  const precision = r.column === 'date_of_birth' ? sql`, dob_precision = ${r.new ? 'exact' : 'unknown'}` : sql``;
  await sql`update person set ${sql.ref(r.column)} = ${r.new}${precision}, updated_at = now() where partnership_id = ${r.partnershipId} and id = ${r.personId}`.execute(
    tx,
  );
  await sql`insert into person_rectification (partnership_id, id, person_id, field, old_value, new_value, reason, rectified_by, rectified_by_label)
    values (${r.partnershipId}, ${r.id}, ${r.personId}, ${r.field}, ${r.old}, ${r.new}, ${r.reason}, ${r.by}, ${r.byLabel})`.execute(tx);
}

export async function rectifications(db: Db, partnershipId: string, personId: string) {
  const { rows } = await sql<{
    id: string;
    field: string;
    old_value: string | null;
    new_value: string | null;
    reason: string;
    rectified_by_label: string;
    rectified_at: Date;
  }>`
    select id, field, old_value, new_value, reason, rectified_by_label, rectified_at from person_rectification
    where partnership_id = ${partnershipId} and person_id = ${personId} order by rectified_at desc, id`.execute(db);
  return rows;
}
