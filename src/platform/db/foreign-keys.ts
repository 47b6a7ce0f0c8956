// The schema's foreign keys to a table's `id`, read from the catalogue: which rows hang off which table. Subject
// access follows them to gather a person's records; retention follows them to delete a record and what needs it.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

export interface ForeignKey {
  from_table: string;
  from_column: string;
  to_table: string;
  /** The referencing column may be null (a row that only mentions the record, and can be unlinked). */
  nullable: boolean;
}

export async function foreignKeysToId(db: Db): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select cl.relname as from_table, a.attname as from_column, target.relname as to_table, not a.attnotnull as nullable
    from pg_constraint k
    join pg_class cl on cl.oid = k.conrelid
    join pg_class target on target.oid = k.confrelid
    join pg_namespace n on n.oid = target.relnamespace and n.nspname = current_schema()
    join lateral unnest(k.conkey, k.confkey) as pair(fromkey, tokey) on true
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = pair.fromkey
    join pg_attribute ta on ta.attrelid = k.confrelid and ta.attnum = pair.tokey
    where k.contype = 'f' and ta.attname = 'id'`.execute(db);
  return rows;
}
