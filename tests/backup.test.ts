// `jigsaw backup` and `jigsaw restore` round-trip the demo partnership (PGlite; PostgreSQL in CI's second pass):
// every table's row count, a sample of records and `audit verify` on the restored copy; restoring over data is refused.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, openPglite, openPostgres } from '../src/platform/db/connect.ts';
import { type Cli, cli as commandLine, pgUrl, runJigsaw } from './cli-setup.ts';

let source: Cli;
let target: Cli;
const scratch = mkdtempSync(join(tmpdir(), 'jigsaw-backup-files-'));
before(async () => {
  source = await commandLine('backup-src');
  target = await commandLine('backup-dst');
});
after(async () => {
  await source?.cleanup();
  await target?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

type Snapshot = { counts: Record<string, number>; samples: Record<string, unknown[]> };

async function snapshot(db: Database['db']): Promise<Snapshot> {
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    counts[name] = r.rows[0].n;
  }
  const samples: Record<string, unknown[]> = {};
  for (const t of ['referral', 'person', 'app_user', 'audit_event']) {
    if (!(t in counts)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)} order by id limit 5`.execute(db);
    samples[t] = rows.rows.map((r) => JSON.parse(JSON.stringify(r)));
  }
  return { counts, samples };
}

test('backup and restore round-trip the demo partnership; audit verify passes on the copy; a non-empty target is refused', async () => {
  const demo = await source.jigsaw(['demo']);
  assert.equal(demo.code, 0, demo.stderr);
  const before = await source.withDb(snapshot);
  assert.ok(before.counts.referral > 0 && before.counts.audit_event > 0, 'the demo has referrals and audit events');

  const file = join(scratch, 'demo.backup');
  const made = await source.jigsaw(['backup', '--out', file]);
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /written to .*demo\.backup \(\d+(\.\d)? [KM]B, \d+ ms\)/);
  assert.match(made.stdout, /The audit key is not in the backup/);

  // Over data: refused, and the data is untouched.
  const over = await source.jigsaw(['restore', '--file', file]);
  assert.equal(over.code, 1, over.stdout);
  assert.match(over.stderr, pgUrl ? /The database in DATABASE_URL is not empty \(\d+ tables\)/ : /The data directory .* is not empty/);
  assert.deepEqual((await source.withDb(snapshot)).counts, before.counts);

  // Into an empty target, with the key the trail was sealed with for verify.
  const restoredDir = join(target.dataDir, 'restored');
  const env: NodeJS.ProcessEnv = pgUrl
    ? { ...target.env, JIGSAW_AUDIT_KEY: source.env.JIGSAW_AUDIT_KEY }
    : { ...target.env, JIGSAW_DATA_DIR: restoredDir, JIGSAW_AUDIT_KEY_FILE: `${source.dataDir}.audit-key` };
  const restored = await runJigsaw(['restore', '--file', file], env);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, /Restored .*demo\.backup into the/);
  const database = pgUrl ? await openPostgres(String(env.DATABASE_URL), 1) : await openPglite(restoredDir);
  try {
    const after = await snapshot(database.db);
    assert.deepEqual(after.counts, before.counts, 'every table has the same number of rows');
    assert.deepEqual(after.samples, before.samples, 'sampled records are equal');
  } finally {
    await database.close();
  }
  const verify = await runJigsaw(['audit', 'verify'], env);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /chain intact/);

  // The restored copy refuses a second restore too, and a wrong or missing file is said plainly.
  assert.equal((await runJigsaw(['restore', '--file', file], env)).code, 1);
  const absent = await runJigsaw(['restore', '--file', join(scratch, 'nope.backup')], env);
  assert.match(absent.stderr, /does not exist/);
  const noOut = await source.jigsaw(['backup']);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--out: Give the file/);
  assert.ok(!existsSync(`${file}.partial`));
});
