// A data directory (or fresh PostgreSQL database in CI's second pass) for the audit command-line tests, the jigsaw
// command run against it, and the database opened directly as someone with write access would.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../src/platform/db/connect.ts';

export const pgUrl = process.env.JIGSAW_TEST_DATABASE_URL;

export interface AuditCli {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  jigsaw(args: string[], extra?: NodeJS.ProcessEnv): { code: number | null; stdout: string; stderr: string };
  withDb<T>(fn: (db: Database['db']) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

export async function auditCli(name: string): Promise<AuditCli> {
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
  }
  return {
    env,
    dataDir,
    jigsaw(args, extra = {}) {
      const r = spawnSync(process.execPath, ['bin/jigsaw.js', ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
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
