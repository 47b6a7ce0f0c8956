// One migration set for PGlite and PostgreSQL. Each file runs in its own transaction, so a start that is
// interrupted half way leaves the database at the previous migration and the next start carries on.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './connect.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function migrate(database: Database): Promise<string[]> {
  const { db } = database;
  await sql`create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())`.execute(db);
  const done = new Set((await db.selectFrom('schema_migration').select('name').execute()).map((r) => r.name));
  const applied: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    if (done.has(name)) continue;
    // The lock serialises concurrent starts on one PostgreSQL server; the insert fails for the loser.
    const script = `select pg_advisory_xact_lock(7243001);\ninsert into schema_migration (name) values ('${name}');\n${readFileSync(join(dir, name), 'utf8')}`;
    try {
      await database.execScript(script);
      applied.push(name);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') continue; // another process applied it first
      throw new Error(`Migration ${name} failed: ${(err as Error).message}`);
    }
  }
  return applied;
}
