// Benchmark: importing 100,000 training completions from CSV and from XLSX (upload, column check, reading in
// chunks with progress, confirm), time and peak memory of each, then the compliance figures at that size: the
// cohort page's use case and GET /api/v1/training/cohorts through the app. Run: npx tsx bench/training.ts [rows]
// Uses its own database (jigsaw_bench_training) on JIGSAW_BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createAgency, createUser, issueToken } from '../src/modules/admin/use-cases.ts';
import { addMonths } from '../src/modules/training/domain.ts';
import { readImport } from '../src/modules/training/imports/job.ts';
import { cohortCompliance, createCohort, createCourse } from '../src/modules/training/use-cases/courses.ts';
import { confirmImport, getImport, startImport, uploadImport } from '../src/modules/training/use-cases/imports.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { openPostgres } from '../src/platform/db/connect.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { services } from '../src/services.ts';
import { dropDatabase, recreateDatabase, time } from './lib.ts';

const ROWS = Number(process.argv[2] ?? 100_000);
const NAME = 'jigsaw_bench_training';
const today = ukDate(new Date());

function rows(): string[][] {
  const out: string[][] = [['Licence', 'Name', 'Firm', 'Email', 'Completed']];
  for (let i = 0; i < ROWS; i++)
    out.push([
      `TX-${i}`,
      `Driver ${i} (fictional)`,
      `Bench Cars ${i % 60} (fictional)`,
      i % 3 ? '' : `driver${i}@example.com`,
      addDays(today, -((i * 7919) % 540)),
    ]);
  return out;
}

/** Time, and peak memory while fn runs (sampled every 20 ms): resident set, and heap plus buffers above where it started. */
async function measured<T>(fn: () => Promise<T>) {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  let rss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
    rss = Math.max(rss, process.memoryUsage().rss);
  }, 20);
  const t = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - t, peakMb: rss / 1024 / 1024, addedMb: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const url = await recreateDatabase(NAME);
  const database = await openPostgres(url, 4);
  await migrate(database);
  const config = loadConfig({ JIGSAW_AUDIT_KEY: 'ab'.repeat(32) }, { databaseUrl: url, requireMfa: false, logLevel: 'silent' });
  const svc = services(database, config);
  const pid = randomUUID();
  await database.db.insertInto('partnership').values({ id: pid, name: 'Benchshire (fictional)' }).execute();
  const admin = systemActor(pid);
  const course = await svc.run(createCourse, admin, { name: 'CSE awareness for licensed drivers', validityMonths: 36 });
  const cohortFor = async (name: string) =>
    (await svc.run(createCohort, admin, { name, courseId: course.id, rule: 'by_date', months: 18, startDate: addMonths(today, -16) })).id;

  // The files are made first and kept only as bytes, so the memory measured is the import's.
  const { csv, xlsx } = await (async () => {
    const data = rows();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Completions');
    for (const r of data) ws.addRow(r);
    return { csv: Buffer.from(data.map((r) => r.join(',')).join('\n')), xlsx: Buffer.from(await wb.xlsx.writeBuffer()) };
  })();
  global.gc?.();
  console.log(
    `${ROWS.toLocaleString('en-GB')} rows: CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1e6).toFixed(1)} MB; RSS before importing ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
  );

  const cohorts: string[] = [];
  for (const [format, file] of [
    ['csv', csv],
    ['xlsx', xlsx],
  ] as const) {
    const cohortId = await cohortFor(`Drivers (${format})`);
    cohorts.push(cohortId);
    global.gc?.();
    const read = await measured(async () => {
      const up = await svc.run(uploadImport, admin, { cohortId, filename: `drivers.${format}`, file });
      await svc.run(startImport, admin, {
        id: up.id,
        mapping: { reference: 'Licence', name: 'Name', organisation: 'Firm', email: 'Email', completedOn: 'Completed' },
      });
      await readImport((uc, input) => svc.run(uc, admin, input), up.id);
      return up.id;
    });
    const check = await svc.run(getImport, admin, { id: read.result });
    const confirm = await measured(() => svc.run(confirmImport, admin, { id: read.result }));
    console.log(
      `import ${format.toUpperCase().padEnd(4)} read and check ${(read.ms / 1000).toFixed(1)} s (peak RSS ${read.peakMb.toFixed(0)} MB; heap and buffers at most ${read.addedMb.toFixed(0)} MB above the start); confirm ${(confirm.ms / 1000).toFixed(1)} s (heap and buffers at most ${confirm.addedMb.toFixed(0)} MB above the start); ${check.valid_rows} valid, ${check.error_rows} errors, ${confirm.result.addedCompletions} completions added`,
    );
    const again = await measured(async () => {
      const up = await svc.run(uploadImport, admin, { cohortId, filename: `drivers.${format}`, file });
      await svc.run(startImport, admin, { id: up.id, mapping: { reference: 'Licence', name: 'Name', completedOn: 'Completed' } });
      await readImport((uc, input) => svc.run(uc, admin, input), up.id);
      return svc.run(confirmImport, admin, { id: up.id });
    });
    console.log(`re-import ${format.toUpperCase()}: ${again.result.addedCompletions} completions added (${(again.ms / 1000).toFixed(1)} s)`);
  }

  // Compliance at that size: the cohort page's data, and the cohorts API through the app (server time).
  await time(`cohort page use case (${ROWS.toLocaleString('en-GB')} members, 18-month trend)`, 5, () => svc.run(cohortCompliance, admin, { id: cohorts[0] }));
  const agency = await svc.run(createAgency, admin, { name: 'Bench Hub', sector: 'childrens_social_care' });
  await svc.run(createUser, admin, {
    email: 'bench@bench.example',
    name: 'Bench',
    role: 'hub_coordinator',
    agencyId: agency.id,
    password: 'correct-horse-battery',
  });
  const { token } = await svc.run(issueToken, admin, { email: 'bench@bench.example' });
  const app = await buildApp({ config, database, services: svc });
  await app.ready();
  let serverMs = 0;
  await time(`GET /api/v1/training/cohorts (${(2 * ROWS).toLocaleString('en-GB')} members in all)`, 5, async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/training/cohorts', headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(res.body);
    serverMs = Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1]);
  });
  console.log(`  server-timing of the last: ${serverMs} ms`);
  await app.close();
  await database.close();
  await dropDatabase(NAME);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
