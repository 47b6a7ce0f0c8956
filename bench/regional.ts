// Benchmark of the regional dataset (issue 15.6, 15.7):
// 1. `regional.export` of 100,000 children (each with a referral in the period, a third with a case, a fifth with a
//    missing episode), inserted by SQL: time and peak memory (RSS and JS heap, sampled every 20 ms).
// 2. CLK linkage (Dice, greedy one-to-one) against clear-text exact matching of the same fields, both scored against
//    the ground truth: FEBRL 4 (A vs B, 5,000 true pairs) and a generated UK-style set (typos, nicknames, moves,
//    swapped day and month, missing values, siblings sharing a surname, postcode and birth year).
// Run: npx tsx bench/regional.ts [children]   (PGlite in memory; JIGSAW_TEST_DATABASE_URL=postgres://... for PostgreSQL)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { type ClkIdentifiers, encodeClk, fieldKeys, normalise } from '../src/modules/regional/clk.ts';
import { csvHeader, toCsvLine } from '../src/modules/regional/domain.ts';
import { candidatePairs, greedyOneToOne } from '../src/modules/regional/linkage.ts';
import { exportRows } from '../src/modules/regional/store.ts';
import { exportRegionalWith } from '../src/modules/regional/use-cases.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { testDatabase } from '../src/platform/db/testing.ts';
import { ukDayStart } from '../src/platform/time.ts';
import { services } from '../src/services.ts';
import { ukGenerated } from './regional-data.ts';

const CHILDREN = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
const PID = 'e9100000-0000-4000-8000-000000000001';
const AGENCY = 'e9100000-0000-4000-8000-0000000000a1';
const KEYS = { personKey: 'bench-person-key-fictional-0123456789abcdef', linkageSecret: 'bench-linkage-secret-fictional-0123456789' };
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

async function exportBench() {
  const database = await testDatabase();
  const { db } = database;
  await db.insertInto('partnership').values({ id: PID, name: 'Benchshire (fictional)' }).execute();
  await db.insertInto('agency').values({ partnership_id: PID, id: AGENCY, name: 'Bench agency', sector: 'police' }).execute();
  const t0 = performance.now();
  await sql`
    insert into person (partnership_id, id, given_name, family_name, date_of_birth, dob_precision, sex, ethnicity, postcode)
    select ${PID}::uuid, md5('rp-' || i)::uuid, 'Benchchild' || i, 'Fictional' || (i % 997), date '2007-01-01' + (i % 4000), 'exact',
           (array['female','male','unknown'])[1 + i % 3], (array['white_british','asian_indian','black_african','mixed_other',null])[1 + i % 5],
           'NM' || (1 + i % 20) || ' ' || (i % 10) || 'AB'
    from generate_series(1, ${CHILDREN}::int) i`.execute(db);
  await sql`
    insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, concerns,
                          exploitation_types, consent, urgency, created_by)
    select ${PID}::uuid, md5('rr-' || i)::uuid, 'REF-R-' || i, md5('rp-' || i)::uuid, timestamptz '2025-01-01' + (i % 360) * interval '1 day',
           ${AGENCY}::uuid, 'Bench referrer', 'Fictional', array['cse'], 'given', 'routine', ${AGENCY}::uuid
    from generate_series(1, ${CHILDREN}::int) i`.execute(db);
  await sql`
    insert into exploitation_case (partnership_id, id, person_id, status, status_changed_at, risk_level, category, risk_decided_at, opened_at, ward)
    select ${PID}::uuid, md5('rc-' || i)::uuid, md5('rp-' || i)::uuid, 'open', now(), 'medium', 'cse', now(), now(), 'Ward ' || (i % 30)
    from generate_series(1, ${CHILDREN}::int, 3) i`.execute(db);
  await sql`
    insert into missing_episode (partnership_id, id, person_id, classification, reported_at, risk_grade, created_by)
    select ${PID}::uuid, md5('rm-' || i)::uuid, md5('rp-' || i)::uuid, 'missing', timestamptz '2025-02-01' + (i % 300) * interval '1 day', 'low', ${AGENCY}::uuid
    from generate_series(1, ${CHILDREN}::int, 5) i`.execute(db);
  await sql`analyze`.execute(db);
  console.log(`Inserted ${CHILDREN.toLocaleString()} children in ${Math.round(performance.now() - t0)} ms (${database.kind})`);

  const svc = services(database, loadConfig({}, { logLevel: 'silent' }));
  global.gc?.();
  // The embedded database runs on this thread, so a timer cannot sample during a statement: the process's peak RSS
  // (the kernel's high-water mark) and the JS heap with the result still held are measured instead.
  const before = { maxRss: process.resourceUsage().maxRSS * 1024, heap: process.memoryUsage().heapUsed };
  const q0 = performance.now();
  const source = await exportRows(db, PID, ukDayStart('2025-01-01'), ukDayStart('2026-01-01'));
  console.log(`  the export's query alone: ${source.length.toLocaleString()} rows in ${Math.round(performance.now() - q0)} ms`);
  const t1 = performance.now();
  const result = await svc.run(
    exportRegionalWith(() => KEYS),
    systemActor(PID),
    { from: '2025-01-01', to: '2025-12-31' },
  );
  const t2 = performance.now();
  const csv = [csvHeader(), ...result.rows.map(toCsvLine)].join('\n');
  const t3 = performance.now();
  const heldHeap = process.memoryUsage().heapUsed;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `Export of ${result.rows.length.toLocaleString()} children: ${Math.round(t2 - t1)} ms (query, rows, CLKs, audit), CSV ${Math.round(t3 - t2)} ms, ${mb(csv.length)} of CSV`,
  );
  console.log(
    `  memory: peak RSS ${mb(peakRss)} (${mb(peakRss - before.maxRss)} above the peak before, which inserting the rows set), JS heap holding rows and CSV ${mb(heldHeap)} (${mb(heldHeap - before.heap)} above)`,
  );
  await database.close();
}

interface Record_ {
  id: string;
  entity: string;
  ids: ClkIdentifiers;
}

function febrl(file: string): Record_[] {
  const lines = readFileSync(new URL(`../../shared/data/febrl/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return lines.map((line) => {
    const c = line.split(',').map((s) => s.trim());
    const dob = /^\d{8}$/.test(c[9]) ? `${c[9].slice(0, 4)}-${c[9].slice(4, 6)}-${c[9].slice(6, 8)}` : null;
    return {
      id: c[0],
      entity: c[0].replace(/-(org|dup-\d+)$/, ''),
      ids: { givenName: c[1] || null, familyName: c[2] || null, dateOfBirth: dob, postcode: c[7] || null },
    };
  });
}

/** Clear text, exactly: the four fields equal after the same normalisation the CLK uses (and none empty). */
function clearTextLinks(a: Record_[], b: Record_[]) {
  const key = (r: Record_) => {
    const parts = (['givenName', 'familyName', 'dateOfBirth', 'postcode'] as const).map((f) => normalise(f, r.ids[f]));
    return parts.some((p) => !p) ? null : parts.join('|');
  };
  const index = new Map<string, number[]>();
  b.forEach((r, j) => {
    const k = key(r);
    if (k) index.set(k, [...(index.get(k) ?? []), j]);
  });
  const used = new Set<number>();
  const out: { i: number; j: number }[] = [];
  a.forEach((r, i) => {
    const k = key(r);
    const j = k ? index.get(k)?.find((x) => !used.has(x)) : undefined;
    if (j !== undefined) {
      used.add(j);
      out.push({ i, j });
    }
  });
  return out;
}

function score(links: { i: number; j: number }[], a: Record_[], b: Record_[]) {
  const truth = new Set(b.map((r) => r.entity));
  const possible = a.filter((r) => truth.has(r.entity)).length;
  const right = links.filter((l) => a[l.i].entity === b[l.j].entity).length;
  const precision = links.length ? right / links.length : 1;
  const recall = possible ? right / possible : 1;
  return { links: links.length, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function linkageBench(name: string, a: Record_[], b: Record_[]) {
  const keys = fieldKeys(KEYS.linkageSecret);
  const t0 = performance.now();
  const ea = a.map((r) => encodeClk(r.ids, keys));
  const eb = b.map((r) => encodeClk(r.ids, keys));
  const t1 = performance.now();
  const all = candidatePairs(ea, eb, 0.6);
  const t2 = performance.now();
  console.log(
    `\n${name}: ${a.length.toLocaleString()} x ${b.length.toLocaleString()} records; encoding ${Math.round(t1 - t0)} ms, all-pairs Dice ${Math.round(t2 - t1)} ms`,
  );
  const clear = score(clearTextLinks(a, b), a, b);
  console.log(`  clear-text exact     links ${clear.links}  precision ${pct(clear.precision)}  recall ${pct(clear.recall)}  F1 ${clear.f1.toFixed(4)}`);
  for (const threshold of [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
    // Greedy one-to-one at each threshold (candidates above it, best first), as the pool does.
    const s = score(greedyOneToOne(all.filter((c) => c.dice >= threshold)), a, b);
    console.log(`  CLK Dice >= ${threshold.toFixed(2)}    links ${s.links}  precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${s.f1.toFixed(4)}`);
  }
}

if (!process.argv.includes('--linkage-only')) await exportBench();
if (!process.argv.includes('--export-only')) {
  linkageBench('FEBRL 4 (A vs B)', febrl('dataset4a.csv'), febrl('dataset4b.csv'));
  const uk = ukGenerated(5000, 2500, 20251203);
  linkageBench('Generated UK-style (2,500 of 5,000 in both)', uk.a, uk.b);
}
