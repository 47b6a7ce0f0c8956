// Opens the database: PostgreSQL when DATABASE_URL is set, otherwise PGlite (real Postgres in WebAssembly) on disk.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { parsers, pglite } from './pglite.js';
import type { DB } from './schema.ts';
import { startPgliteWorker } from './worker.ts';

// PGlite's options live in pglite.js, which the database worker thread loads without a TypeScript loader.
export { pglite };

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script in one transaction (migrations need the simple query protocol). */
  execScript(script: string): Promise<void>;
  /**
   * Embedded database on a worker thread only: replaces the worker with a fresh one. WebAssembly memory never
   * shrinks, so after heavy start-up work (migrations, demo seeding) this gives back the memory that work grew.
   * Only while no query is in flight (before the server starts listening).
   */
  restartWorker?(): Promise<void>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid in parsers ? parsers[oid as keyof typeof parsers] : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection closed by the server (restart, failover, a dropped test database) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
  await pool.query('select 1');
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const execScript = async (script: string) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(script);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      throw err;
    } finally {
      client.release();
    }
  };
  return { db, kind: 'postgres', execScript, close: () => db.destroy() };
}

function pgliteScript(client: PGlite) {
  return async (script: string) => {
    await client.transaction(async (tx) => {
      await tx.exec(script);
    });
  };
}

/** `from`: a dump to start an in-memory database from, instead of an empty one. */
/**
 * The embedded database: in memory (`dataDir` null, optionally loaded from a dump) or in a data directory. With
 * `worker`, PGlite runs on a worker thread, so a long query does not stall a server's other requests; a one-shot
 * command runs it on its own thread and skips the worker's start-up.
 */
export async function openPglite(dataDir: string | null, from?: Blob, { worker = false } = {}): Promise<Database> {
  if (dataDir === null) {
    const client = await pglite(undefined, from);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
    return { db, kind: 'pglite', execScript: pgliteScript(client), close: () => db.destroy() };
  }
  mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      stale: 10_000,
      update: 2_000,
      retries: { retries: 3, minTimeout: 300 },
      lockfilePath: join(dataDir, 'jigsaw.lock'),
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') {
      throw new DataDirLockedError(
        `Another Jigsaw process is already using the embedded database in ${dataDir}. ` +
          'Stop that process first, or set JIGSAW_DATA_DIR to a different folder.',
      );
    }
    throw err;
  }
  const pgdata = join(dataDir, 'pgdata');
  // A first run stopped half way through initdb leaves only a ".init-*" folder: discard it and start again.
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith('pgdata.init-')) rmSync(join(dataDir, name), { recursive: true, force: true });
  }
  const open = async (dir: string) => {
    if (worker) return startPgliteWorker(dir);
    const client = await pglite(dir);
    return Object.assign(client, { execScript: pgliteScript(client) });
  };
  if (!existsSync(pgdata)) {
    const staging = join(dataDir, `pgdata.init-${process.pid}`);
    const fresh = await open(staging);
    await fresh.close();
    renameSync(staging, pgdata);
  }
  let client = await open(pgdata);
  // The dialect calls only query() and close(), through this stable facade, so the worker behind it can be replaced.
  const facade = { query: (sql: string, params?: unknown[]) => client.query(sql, params), close: () => client.close() };
  const db = new Kysely<DB>({ dialect: new PGliteDialect(facade as unknown as PGlite) });
  return {
    db,
    kind: 'pglite',
    execScript: (script) => client.execScript(script),
    ...(worker
      ? {
          async restartWorker() {
            await client.close();
            client = await open(pgdata);
          },
        }
      : {}),
    close: async () => {
      await db.destroy();
      await release();
    },
  };
}

/**
 * The configured database. A server's embedded database runs on a worker thread unless JIGSAW_PGLITE_IN_THREAD=1
 * (for comparison: bench/embedded.ts --in-thread); a command's on the command's own thread.
 */
export function openDatabase(config: { databaseUrl?: string; dataDir: string }, { server = false } = {}): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(config.dataDir, undefined, { worker: server && process.env.JIGSAW_PGLITE_IN_THREAD !== '1' });
}
