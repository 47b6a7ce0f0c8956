// The schema stays distributable on partnership_id (Citus, decision 0010 "Several processes and Citus"): every
// tenant table's primary key, unique constraints and foreign keys lead with partnership_id, so each row, its keys and
// the rows it refers to live on one shard. The few tables that are not tenant tables are named here with why.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/platform/db/connect.ts';
import { testDatabase } from '../src/platform/db/testing.ts';

/** Reference tables (copied to every node) and tables local to the coordinator, and why. */
const REFERENCE_OR_LOCAL: Record<string, string> = {
  partnership: 'the tenants themselves: a reference table, copied to every node, so any shard can join to it',
  schema_migration: 'which migrations have run: local to the coordinator, read only at start',
  job: 'the job queue is claimed by any process before it knows which partnership a job is for: local to the coordinator',
  rate_limit_hit: 'counted per route and client address before anyone is signed in: local to the coordinator',
};
/**
 * Distributed on another key, and why. Citus cannot enforce their foreign keys to tenant tables
 * (user_session -> app_user): those would be dropped when distributing, the one place the database stops checking.
 */
const OWN_KEY: Record<string, string> = {
  user_session: 'found by the hash of the cookie before the partnership is known: distributed on token_hash instead',
  session_flash: "a session's one-shot message: distributed on token_hash, co-located with user_session",
};
const NOT_TENANT_TABLES = { ...REFERENCE_OR_LOCAL, ...OWN_KEY };

/**
 * Tenant tables whose keys do not lead with partnership_id yet, each with its reason. The test fails when one is
 * fixed and still listed, so this list only shrinks.
 */
const NOT_YET: Record<string, string> = {
  api_token:
    'unique (token_hash): a bearer token is found by its hash before the partnership is known. Plan: the token names its partnership (a prefix), and the unique key becomes (partnership_id, token_hash)',
  audit_event:
    'primary key (id); its chain key, unique (partnership_id, seq), already leads with it. The audit append path is being reworked (issue 17.1), so the key change waits for it',
};

let database: Database;
before(async () => {
  database = await testDatabase();
});
after(() => database?.close());

type Key = { table: string; name: string; kind: string; cols: string[]; ref: string | null };

test('every tenant table, its keys and its foreign keys lead with partnership_id', async () => {
  const tables = (
    await sql<{ table: string; has_partnership: boolean }>`
      select c.relname as table,
        exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'partnership_id' and not a.attisdropped) as has_partnership
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') order by 1`.execute(database.db)
  ).rows;
  const keys = (
    await sql<Key>`
      select c.conrelid::regclass::text as table, c.conname as name, c.contype as kind,
        case when c.contype = 'f' then c.confrelid::regclass::text end as ref,
        array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.ord) as cols
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = current_schema() and c.contype in ('p', 'u', 'f') order by 1, 2`.execute(database.db)
  ).rows;
  const names = new Set(tables.map((t) => t.table));
  for (const listed of [...Object.keys(NOT_TENANT_TABLES), ...Object.keys(NOT_YET)]) assert.ok(names.has(listed), `${listed} is listed but is no table`);

  const problems = new Map<string, string[]>();
  for (const t of tables) {
    if (t.table in NOT_TENANT_TABLES) continue;
    const own = keys.filter((k) => k.table === t.table);
    const wrong: string[] = [];
    if (!t.has_partnership) wrong.push('has no partnership_id column');
    if (!own.some((k) => k.kind === 'p')) wrong.push('has no primary key');
    for (const k of own) {
      if (k.kind === 'f' && k.ref && k.ref in NOT_TENANT_TABLES) continue; // refers to a reference or local table
      if (k.cols[0] !== 'partnership_id') wrong.push(`${k.name} (${k.cols.join(', ')})`);
    }
    if (wrong.length > 0) problems.set(t.table, wrong);
  }
  const unexpected = [...problems].filter(([table]) => !(table in NOT_YET));
  assert.deepEqual(unexpected, [], 'each tenant table key and foreign key must lead with partnership_id');
  const fixed = Object.keys(NOT_YET).filter((table) => !problems.has(table));
  assert.deepEqual(fixed, [], 'fixed: remove these from NOT_YET');

  // A reference table is referred to, never the other way round: no reference or local table points at a tenant one.
  for (const k of keys.filter((k) => k.kind === 'f' && k.table in REFERENCE_OR_LOCAL)) {
    assert.ok(k.ref && k.ref in REFERENCE_OR_LOCAL, `${k.table}.${k.name} refers to distributed table ${k.ref}`);
  }
});
