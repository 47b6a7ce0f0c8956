// Speed and memory of the batch dedupe: N generated people (default 100,000) written to a CSV by a child
// process, then deduped here as `jigsaw persons dedupe` does (worker threads by default), reporting time,
// peak RSS of this process (the workers are threads of it) and precision/recall against the truth.
//   npx tsx bench/matching/batch.ts [N] [--workers W]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dedupeCsv } from '../../src/modules/matching/batch.ts';
import { progressReporter } from '../../src/modules/matching/progress.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string' } } });
const n = Number(positionals[0] ?? 100_000);
const workers = values.workers === undefined ? undefined : Number(values.workers);
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'jigsaw-batch-'));
try {
  const input = path.join(dir, 'people.csv');
  const output = path.join(dir, 'pairs.csv');
  let t = performance.now();
  const gen = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'generate.ts'), String(n), input], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error('generating the people failed');
  console.log(`generated ${n} people in ${((performance.now() - t) / 1000).toFixed(1)} s (in a child process)`);

  t = performance.now();
  const reporter = progressReporter({ tty: process.stderr.isTTY === true, write: (s) => process.stderr.write(s), interval: 10_000 });
  const result = await dedupeCsv(input, output, { workers, onProgress: reporter.onProgress });
  reporter.finish();
  const seconds = (performance.now() - t) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;

  const personOf = readFileSync(`${input}.truth`, 'utf8').trim().split('\n').map(Number);
  const index = (id: string) => Number(id.slice(1)) - 1; // ids are P0000001, P0000002, ... in file order
  const sizes = new Map<number, number>();
  for (const p of personOf) sizes.set(p, (sizes.get(p) ?? 0) + 1);
  let truePairs = 0;
  for (const k of sizes.values()) truePairs += (k * (k - 1)) / 2;
  const lines = readFileSync(output, 'utf8').trim().split('\n').slice(1);
  let tp = 0;
  for (const line of lines) {
    const [l, r] = line.split(',');
    if (personOf[index(l)] === personOf[index(r)]) tp++;
  }
  const precision = lines.length ? tp / lines.length : 1;
  const recall = tp / truePairs;
  const f1 = (2 * precision * recall) / (precision + recall);
  console.log(
    `deduped ${result.records} records in ${seconds.toFixed(1)} s with ${result.workers} ${result.workers === 1 ? 'thread' : 'worker threads'}, peak RSS ${peakMb.toFixed(0)} MB`,
  );
  console.log(`comparisons ${result.comparisons}, pairs written ${lines.length}, true pairs ${truePairs}`);
  console.log(`precision ${precision.toFixed(4)} recall ${recall.toFixed(4)} F1 ${f1.toFixed(4)}`);
  console.log(`load average during the run (other work on this machine slows it): ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
  if (process.env.BATCH_VERBOSE) console.log('blocking', JSON.stringify(result.blocking));
  // Targets: a million in under 120 s and 1.5 GB; 100,000 in under 30 s.
  process.exitCode = (n >= 1_000_000 ? seconds < 120 && peakMb < 1536 : seconds < 30) ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
