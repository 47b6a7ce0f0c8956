// A fresh, migrated database for one test file: PGlite in memory, or a new PostgreSQL database when
// JIGSAW_TEST_DATABASE_URL is set (CI runs the suite both ways). Each gets its own audit key (as JIGSAW_AUDIT_KEY
// would give it), so the app's sealer and `verifyAudit` work on it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { useAuditKey } from '../audit/key.ts';
import { type Database, openPglite, openPostgres } from './connect.ts';
import { migrate } from './migrate.ts';

export async function testDatabase(): Promise<Database> {
  const url = process.env.JIGSAW_TEST_DATABASE_URL;
  if (!url) {
    const database = await openPglite(null);
    await migrate(database);
    useAuditKey(database.db, randomBytes(32));
    return database;
  }
  const name = `jigsaw_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString(), 5);
  await migrate(database);
  useAuditKey(database.db, randomBytes(32));
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
