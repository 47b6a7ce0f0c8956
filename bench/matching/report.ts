// All matching figures in one run: precision/recall/F1 on FEBRL 3, FEBRL 4 and generated UK-style
// referrals, and batch time and peak memory at 100,000 (and with --million, 1,000,000) people.
// Each benchmark runs in a process of its own, so one's memory does not count against another.
//   npx tsx bench/matching/report.ts [--million]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = (script: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  process.stdout.write(r.stdout);
  return r.stdout;
};
const pick = (text: string, pattern: RegExp) => text.match(pattern)?.slice(1) ?? [];

const rows: string[][] = [];
const febrl = run('febrl.ts');
for (const name of ['febrl3', 'febrl4']) {
  const [p, r, f] = pick(febrl.slice(febrl.indexOf(`${name}:`)), /precision (\S+)\s+recall (\S+)\s+F1 (\S+)/);
  rows.push([name, p, r, f]);
}
const uk = run('uk.ts', '50000');
rows.push(['uk-style 50k', ...pick(uk, /precision (\S+)\s+recall (\S+)\s+F1 (\S+)/)]);
console.log('\naccuracy (probability >= 0.5)\n  data set        precision  recall  F1');
for (const [name, p, r, f] of rows) console.log(`  ${name.padEnd(15)} ${p}     ${r}  ${f}`);

console.log('\nbatch dedupe (jigsaw persons dedupe, generated people)');
for (const n of process.argv.includes('--million') ? ['100000', '1000000'] : ['100000']) {
  const out = run('batch.ts', n);
  const [seconds, workers, mb] = pick(out, /in (\S+) s with (\d+) .*peak RSS (\d+) MB/);
  const [load] = pick(out, /load average[^:]*: (\S+)/);
  console.log(`  ${n.padStart(9)} people: ${seconds} s, peak RSS ${mb} MB, ${workers} worker(s), load average ${load}`);
}
