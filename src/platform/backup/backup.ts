// `jigsaw backup --out FILE` and `jigsaw restore --file FILE` (issue 20). The embedded database is dumped as PGlite's
// gzipped tarball of its data directory, taken while holding the directory's lock, so no server writes during it
// (stop the server first); PostgreSQL is dumped by pg_dump's custom format (-Fc), which is one consistent snapshot
// even while the server runs. Restores go only into an empty target: a restore never merges with or overwrites data.
// The audit key is deliberately not in the backup (it is held outside the database, decision 0007): keep it apart.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { pglite } from '../db/connect.ts';

export class BackupError extends Error {}

export interface BackupTarget {
  databaseUrl?: string;
  dataDir: string;
}

export interface BackupResult {
  kind: 'pglite' | 'postgres';
  bytes: number;
  ms: number;
}

/** pg_dump's custom format starts "PGDMP"; PGlite's dump is a gzipped tarball. */
function kindOf(file: string): 'pglite' | 'postgres' {
  const head = readFileSync(file).subarray(0, 5);
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  throw new BackupError(`${file} is not a Jigsaw backup (neither an embedded database dump nor a pg_dump custom-format file)`);
}

async function lockDataDir<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { stale: 10_000, update: 2_000, lockfilePath: join(dataDir, 'jigsaw.lock') });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED')
      throw new BackupError(`Another Jigsaw process is using the embedded database in ${dataDir}: stop the server, then run this again.`);
    throw err;
  }
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Runs a PostgreSQL client program; a missing program is said plainly rather than as ENOENT. */
function runTool(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (err) =>
      reject(
        (err as { code?: string }).code === 'ENOENT'
          ? new BackupError(
              `${program} was not found: install the PostgreSQL client programs (the same major version as the server or newer), e.g. apt-get install postgresql-client`,
            )
          : err,
      ),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${program} failed (exit code ${code}): ${stderr.trim()}`))));
  });
}

export async function backup(target: BackupTarget, out: string): Promise<BackupResult> {
  const started = Date.now();
  if (target.databaseUrl) {
    // Written beside the final name and renamed, so a failed dump never leaves a file that looks like a backup.
    const partial = `${out}.partial`;
    try {
      await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${target.databaseUrl}`]);
      renameSync(partial, out);
    } finally {
      rmSync(partial, { force: true });
    }
    return { kind: 'postgres', bytes: statSync(out).size, ms: Date.now() - started };
  }
  const pgdata = join(target.dataDir, 'pgdata');
  if (!existsSync(pgdata)) throw new BackupError(`There is no embedded database in ${target.dataDir} (JIGSAW_DATA_DIR) to back up`);
  await lockDataDir(target.dataDir, async () => {
    const client = await pglite(pgdata);
    try {
      const dump = await client.dumpDataDir('gzip');
      writeFileSync(`${out}.partial`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${out}.partial`, out);
    } finally {
      await client.close();
    }
  });
  return { kind: 'pglite', bytes: statSync(out).size, ms: Date.now() - started };
}

/** How many tables the PostgreSQL database holds in its public schema: a restore needs none. */
async function publicTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("select count(*)::int as n from pg_tables where schemaname = 'public'");
    return rows[0].n;
  } finally {
    await client.end();
  }
}

export async function restore(target: BackupTarget, file: string): Promise<BackupResult> {
  const started = Date.now();
  if (!existsSync(file)) throw new BackupError(`The backup file ${file} does not exist`);
  const kind = kindOf(file);
  if (target.databaseUrl) {
    if (kind !== 'postgres')
      throw new BackupError(`${file} is an embedded database backup: restore it with DATABASE_URL unset and JIGSAW_DATA_DIR an empty folder`);
    const tables = await publicTables(target.databaseUrl);
    if (tables > 0)
      throw new BackupError(
        `The database in DATABASE_URL is not empty (${tables} tables): restore only into a new, empty database (createdb jigsaw_restored), never over live data`,
      );
    // One transaction: a restore that fails half way leaves the database empty, not half restored.
    await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.databaseUrl}`, file]);
    return { kind, bytes: statSync(file).size, ms: Date.now() - started };
  }
  if (kind !== 'pglite') throw new BackupError(`${file} is a PostgreSQL (pg_dump) backup: restore it with DATABASE_URL set to an empty database`);
  const existing = existsSync(target.dataDir) ? readdirSync(target.dataDir).filter((n) => n !== 'jigsaw.lock') : [];
  if (existing.length > 0)
    throw new BackupError(
      `The data directory ${target.dataDir} is not empty: restore only into a new, empty folder (set JIGSAW_DATA_DIR), never over live data`,
    );
  await lockDataDir(target.dataDir, async () => {
    // Unpacked into a staging folder and renamed, as a first start does, so an interrupted restore leaves no database.
    const staging = join(target.dataDir, `pgdata.init-${process.pid}`);
    const client = await pglite(staging, new Blob([readFileSync(file)]));
    await client.query('select 1');
    await client.close();
    renameSync(staging, join(target.dataDir, 'pgdata'));
  });
  return { kind, bytes: statSync(file).size, ms: Date.now() - started };
}
