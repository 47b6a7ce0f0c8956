// A data directory (or fresh PostgreSQL database in CI's second pass) for the command-line tests, the jigsaw
// command run against it in this process (as bin/jigsaw.js runs it, with its own environment and output), and the
// database opened directly as someone with write access would. The data directory starts migrated (copied from the
// tests' template); a test that needs a brand new one says so.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { main } from '../src/cli.ts';
import { type Database, openPglite, openPostgres } from '../src/platform/db/connect.ts';
import { migratedDataDir } from '../src/platform/db/testing.ts';

export const pgUrl = process.env.JIGSAW_TEST_DATABASE_URL;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `jigsaw args...` in this process: its exit code and what it wrote. A crash is exit code 1 with the stack, as node gives. */
export async function runJigsaw(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const write = (to: 'out' | 'err') => ({
    write: (text: string) => {
      if (to === 'out') stdout += text;
      else stderr += text;
      return true;
    },
  });
  try {
    const code = await main(args, { env, stdout: write('out'), stderr: write('err') });
    return { code, stdout, stderr };
  } catch (e) {
    return { code: 1, stdout, stderr: `${stderr}${(e as Error).stack}` };
  }
}

export interface Cli {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  jigsaw(args: string[], extra?: NodeJS.ProcessEnv): Promise<CliResult>;
  withDb<T>(fn: (db: Database['db']) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

export async function cli(name: string): Promise<Cli> {
  const dataDir = mkdtempSync(join(tmpdir(), `jigsaw-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, JIGSAW_DATA_DIR: dataDir, DATABASE_URL: '', JIGSAW_AUDIT_KEY: '', JIGSAW_AUDIT_KEY_FILE: '' };
  const dbName = `jigsaw_${name.replaceAll('-', '_')}_${process.pid}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  if (pgUrl) {
    await admin(`drop database if exists ${dbName} with (force)`);
    await admin(`create database ${dbName}`);
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
    env.JIGSAW_AUDIT_KEY = randomBytes(32).toString('hex');
  } else {
    await migratedDataDir(dataDir);
  }
  return {
    env,
    dataDir,
    jigsaw: (args, extra = {}) => runJigsaw(args, { ...env, ...extra }),
    async withDb(fn) {
      const database = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL, 1) : await openPglite(dataDir);
      try {
        return await fn(database.db);
      } finally {
        await database.close();
      }
    },
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.audit-key`, { force: true });
      if (pgUrl) await admin(`drop database if exists ${dbName} with (force)`);
    },
  };
}

/** The attacker owns the table: switches the guard off, does what they like, switches it on again. */
export async function asTableOwner(db: Database['db'], statements: ReturnType<typeof sql>[]) {
  await sql`alter table audit_event disable trigger audit_event_append_only`.execute(db);
  for (const s of statements) await s.execute(db);
  await sql`alter table audit_event enable trigger audit_event_append_only`.execute(db);
}
