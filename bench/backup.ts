// Benchmark (issue 20): `jigsaw backup` and `jigsaw restore` time and file size for the demo partnership on the
// embedded database and on PostgreSQL, and for a fictional partnership of N referrals (default 1,000,000) on
// PostgreSQL. Each restored copy is checked: the same rows in every table.
// Run: npx tsx bench/backup.ts [referrals]   (own databases jigsaw_bench_backup* on JIGSAW_BENCH_DATABASE_URL)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { seedDemo } from '../src/demo/seed.ts';
import { backup, restore } from '../src/platform/backup/backup.ts';
import { type Database, openPglite, openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { dropDatabase, recreateDatabase } from './lib.ts';

const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const scratch = mkdtempSync(join(tmpdir(), 'jigsaw-bench-backup-'));
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Rows in every table, to compare a restored copy with its original. */
async function rowCounts(database: Database): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(database.db);
  const counts: Record<string, number> = {};
  for (const { name } of rows) counts[name] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(database.db)).rows[0].n);
  return counts;
}

function compare(what: string, before: Record<string, number>, after: Record<string, number>) {
  const differ = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  if (differ.length) throw new Error(`${what}: the restored copy differs in ${differ.map((t) => `${t} (${before[t]} vs ${after[t]})`).join(', ')}`);
  const rows = Object.values(before).reduce((a, b) => a + b, 0);
  return `${Object.keys(before).length} tables, ${rows.toLocaleString('en-GB')} rows, identical`;
}

async function roundTrip(
  what: string,
  source: { databaseUrl?: string; dataDir: string },
  target: { databaseUrl?: string; dataDir: string },
  counts: Record<string, number>,
) {
  const file = join(scratch, `${what.replaceAll(/\W+/g, '-')}.backup`);
  const b = await backup(source, file);
  const r = await restore(target, file);
  const restored = target.databaseUrl ? await openPostgres(target.databaseUrl, 1) : await openPglite(target.dataDir);
  const check = compare(what, counts, await rowCounts(restored));
  await restored.close();
  console.log(`${what}: backup ${s(b.ms)}, ${mb(b.bytes)}; restore ${s(r.ms)}; ${check}`);
}

try {
  // The demo partnership, embedded.
  const demoDir = join(scratch, 'demo');
  const embedded = await openPglite(demoDir);
  await migrate(embedded);
  await seedDemo(embedded.db);
  const embeddedCounts = await rowCounts(embedded);
  await embedded.close();
  await roundTrip('demo, embedded', { dataDir: demoDir }, { dataDir: join(scratch, 'demo-restored') }, embeddedCounts);

  // The demo partnership, PostgreSQL.
  const demoUrl = await recreateDatabase('jigsaw_bench_backup');
  const pgDemo = await openPostgres(demoUrl, 2);
  await migrate(pgDemo);
  await seedDemo(pgDemo.db);
  const pgDemoCounts = await rowCounts(pgDemo);
  await pgDemo.close();
  const restoredUrl = await recreateDatabase('jigsaw_bench_backup_restored');
  await roundTrip('demo, PostgreSQL', { databaseUrl: demoUrl, dataDir: scratch }, { databaseUrl: restoredUrl, dataDir: scratch }, pgDemoCounts);

  // N referrals about N/5 fictional children, PostgreSQL.
  const bigUrl = await recreateDatabase('jigsaw_bench_backup');
  const big = await openPostgres(bigUrl, 2);
  await migrate(big);
  const t0 = performance.now();
  const PID = '7a1e0000-0000-4000-8000-00000000b001';
  const USER = '7a1e0000-0000-4000-8000-00000000b0c1';
  const AGENCY = '7a1e0000-0000-4000-8000-00000000b0a1';
  await sql`insert into partnership (id, name) values (${PID}::uuid, 'Backupshire (fictional)')`.execute(big.db);
  await sql`insert into agency (partnership_id, id, name, sector) values (${PID}::uuid, ${AGENCY}::uuid, 'Backupshire Hub (fictional)', 'childrens_social_care')`.execute(
    big.db,
  );
  await sql`insert into app_user (partnership_id, id, email, name, agency_id, role) values (${PID}::uuid, ${USER}::uuid, 'hub@bench.jigsaw.example', 'Bench Coordinator', ${AGENCY}::uuid, 'hub_coordinator')`.execute(
    big.db,
  );
  const people = Math.max(1000, Math.round(N / 5));
  await sql`insert into person (partnership_id, id, given_name, family_name, date_of_birth, sex)
    select ${PID}::uuid, md5('p-' || i)::uuid, 'Benchchild' || i, 'Fictional', date '2008-01-01' + (i % 3000), (array['female','male','unknown'])[1 + i % 3]
    from generate_series(1, ${people}::int) i`.execute(big.db);
  await sql`insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns, consent, urgency, status, created_by)
    select ${PID}::uuid, md5('r-' || i)::uuid, 'REF-B-' || i, md5('p-' || (1 + i % ${people}::int))::uuid, now() - ((i::bigint * 2654435761) % 157680000) * interval '1 second',
           ${AGENCY}::uuid, 'Bench Referrer', 'Fictional benchmark referral: concerns about a fictional child, written at the length a referrer writes them.', 'given', 'routine', 'triaged', ${USER}::uuid
    from generate_series(1, ${N}::int) i`.execute(big.db);
  await sql`analyze`.execute(big.db);
  console.log(`N = ${N.toLocaleString('en-GB')} referrals (${people.toLocaleString('en-GB')} children) generated in ${s(performance.now() - t0)}`);
  const bigCounts = await rowCounts(big);
  await big.close();
  const bigRestoredUrl = await recreateDatabase('jigsaw_bench_backup_restored');
  await roundTrip(
    `${N.toLocaleString('en-GB')} referrals, PostgreSQL`,
    { databaseUrl: bigUrl, dataDir: scratch },
    { databaseUrl: bigRestoredUrl, dataDir: scratch },
    bigCounts,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
  await dropDatabase('jigsaw_bench_backup');
  await dropDatabase('jigsaw_bench_backup_restored');
}
