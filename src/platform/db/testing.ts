// A fresh, migrated database for one test file: PGlite in memory, or a new PostgreSQL database when
// JIGSAW_TEST_DATABASE_URL is set (CI runs the suite both ways). Each gets its own audit key (as JIGSAW_AUDIT_KEY
// would give it), so the app's sealer and `verifyAudit` work on it.
// Creating and migrating a database takes 10-15 s on a loaded machine (PGlite's initdb is most of it), so it is done
// once per set of migrations: a template kept in the temp folder (PGlite: a data directory and a dump of it) or on the
// server (PostgreSQL: a template database), which every test database is copied from in about a second.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { useAuditKey } from '../audit/key.ts';
import { type Database, openPglite, openPostgres, pglite } from './connect.ts';
import { migrate } from './migrate.ts';
import type { DB } from './schema.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Names the template after what it is made of: the migrations and the PGlite version. */
function templateKey(): string {
  const hash = createHash('sha256');
  let pkg = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(pkg, 'package.json'))) pkg = dirname(pkg);
  hash.update(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version);
  for (const name of readdirSync(migrations).sort()) hash.update(`${name}\0${readFileSync(join(migrations, name))}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** The migrated PGlite template: `dir/pgdata` (a data directory) and `dir/dump.tgz` (the same, for in-memory use). */
async function pgliteTemplate(): Promise<string> {
  const dir = join(tmpdir(), `jigsaw-test-template-${templateKey()}`);
  if (existsSync(join(dir, 'dump.tgz'))) return dir;
  // Built in a staging folder and renamed into place, so a test file running alongside never sees half a template.
  const staging = `${dir}.build-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  const client = await pglite(join(staging, 'pgdata'));
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  await migrate({
    db,
    kind: 'pglite',
    execScript: (script) => client.transaction(async (tx) => void (await tx.exec(script))),
    close: async () => {},
  });
  writeFileSync(join(staging, 'dump.tgz'), Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
  await db.destroy();
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another test file built it first
  }
  // Templates of older migrations are of no further use once nothing started from them in the last hour.
  for (const name of readdirSync(tmpdir())) {
    const old = join(tmpdir(), name);
    if (!name.startsWith('jigsaw-test-template-') || old === dir) continue;
    if (Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { recursive: true, force: true });
  }
  return dir;
}

let dump: Blob | undefined;

/**
 * A migrated embedded data directory at `dataDir` (as `jigsaw migrate` would leave it), for tests of the command
 * line; copied from the template.
 */
export async function migratedDataDir(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  cpSync(join(await pgliteTemplate(), 'pgdata'), join(dataDir, 'pgdata'), { recursive: true });
}

async function postgresAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const withDatabase = (url: string, name: string) => {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
};

/**
 * The migrated template database on the server, made once per set of migrations. Test files start together, so
 * the one that makes it holds an advisory lock while the others wait: a second builder would otherwise drop the
 * first one's half-migrated copy as an old template.
 */
async function postgresTemplate(url: string): Promise<string> {
  const name = `jigsaw_template_${templateKey()}`;
  return postgresAdmin(url, async (c) => {
    await c.query('select pg_advisory_lock(hashtext($1))', ['jigsaw_test_template']);
    try {
      const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount) return name;
      const staging = `${name}_${randomBytes(4).toString('hex')}`;
      await c.query(`create database ${staging}`);
      const database = await openPostgres(withDatabase(url, staging), 1);
      await migrate(database);
      await database.close();
      await c.query(`alter database ${staging} rename to ${name}`);
      // Templates of older migrations, and copies left by a run that stopped half way, are of no further use.
      const old = await c.query(`select datname from pg_database where datname like 'jigsaw\\_template\\_%' and datname <> $1`, [name]);
      for (const row of old.rows) await c.query(`drop database if exists ${row.datname} with (force)`);
      return name;
    } finally {
      await c.query('select pg_advisory_unlock(hashtext($1))', ['jigsaw_test_template']);
    }
  });
}

export async function testDatabase(): Promise<Database> {
  const url = process.env.JIGSAW_TEST_DATABASE_URL;
  if (!url) {
    dump ??= new Blob([readFileSync(join(await pgliteTemplate(), 'dump.tgz'))]);
    const database = await openPglite(null, dump);
    await migrate(database); // nothing to do: the template is migrated
    useAuditKey(database.db, randomBytes(32));
    return database;
  }
  const template = await postgresTemplate(url);
  const name = `jigsaw_test_${randomBytes(6).toString('hex')}`;
  await postgresAdmin(url, async (c) => {
    // Copying needs the template to itself for a moment: another test file copying it at the same time waits.
    for (let attempt = 0; ; attempt++) {
      try {
        return await c.query(`create database ${name} template ${template}`);
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const database = await openPostgres(withDatabase(url, name), 5);
  await migrate(database);
  useAuditKey(database.db, randomBytes(32));
  return {
    ...database,
    close: async () => {
      await database.close();
      await postgresAdmin(url, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
