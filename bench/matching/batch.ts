// Speed benchmark: dedupe N generated people (npx tsx bench/matching/batch.ts [N], default 100000).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dedupeCsv } from '../../src/modules/matching/batch.ts';
import { generatePeople, toCsv } from './synthetic.ts';

const n = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'jigsaw-batch-'));
try {
  let t = performance.now();
  const people = generatePeople(n);
  const input = path.join(dir, 'people.csv');
  const output = path.join(dir, 'pairs.csv');
  writeFileSync(input, toCsv(people));
  console.log(`generated ${people.length} people in ${((performance.now() - t) / 1000).toFixed(1)} s -> ${input}`);

  t = performance.now();
  let lastPhase = '';
  const result = await dedupeCsv(input, output, {
    onProgress: (p) => {
      if (p.phase === lastPhase) return;
      lastPhase = p.phase;
      process.stderr.write(`  [${((performance.now() - t) / 1000).toFixed(1)}s] ${p.phase} started\n`);
    },
  });
  const seconds = (performance.now() - t) / 1000;

  const personOf = new Map(people.map((p) => [p.id, p.person]));
  const sizes = new Map<number, number>();
  for (const p of people) sizes.set(p.person, (sizes.get(p.person) ?? 0) + 1);
  let truePairs = 0;
  for (const k of sizes.values()) truePairs += (k * (k - 1)) / 2;
  const lines = readFileSync(output, 'utf8').trim().split('\n').slice(1);
  let tp = 0;
  for (const line of lines) {
    const [l, r] = line.split(',');
    if (personOf.get(l) === personOf.get(r)) tp++;
  }
  const precision = lines.length ? tp / lines.length : 1;
  const recall = tp / truePairs;
  const f1 = (2 * precision * recall) / (precision + recall);
  const mem = process.memoryUsage();
  console.log(`deduped ${result.records} records in ${seconds.toFixed(1)} s (read ${result.seconds.read.toFixed(1)}, train+score ${result.seconds.dedupe.toFixed(1)}, write ${result.seconds.write.toFixed(1)})`);
  console.log(`comparisons ${result.comparisons}, pairs written ${lines.length}, true pairs ${truePairs}`);
  console.log(`precision ${precision.toFixed(4)} recall ${recall.toFixed(4)} F1 ${f1.toFixed(4)}`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, heap used now ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`);
  console.log('blocking', JSON.stringify(result.blocking));
  console.log('prior', result.model.probabilityTwoRandomRecordsMatch.toExponential(3), JSON.stringify(result.model.training));
  if (process.env.BATCH_VERBOSE) {
    for (const c of result.model.comparisons) {
      console.log(`  ${c.name}: ${c.levels.map((l) => `${l.label} w=${Math.log2(l.m / l.u).toFixed(1)}`).join(' | ')}`);
    }
  }
  process.exitCode = n >= 100_000 && seconds > 60 ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
