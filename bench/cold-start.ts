// Embedded mode cold start: `jigsaw serve --demo` on PGlite, timed from spawn to /ready answering 200, and the
// resident memory of the whole process (VmRSS, the database worker thread included) 1.5 s after that. Each run starts
// on an empty data directory (creates, migrates, seeds the demo) and then once more on the same directory (restart).
// Prints each run and the medians. Run: npx tsx bench/cold-start.ts [--runs 3] [--in-thread] [--tsx]
// (--tsx: from the TypeScript sources through tsx, as before the bundle, JIGSAW_BUNDLE=0)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'in-thread': { type: 'boolean', default: false }, tsx: { type: 'boolean', default: false } },
});
const runs = Number(values.runs);
const mode = { ...(values['in-thread'] ? { JIGSAW_PGLITE_IN_THREAD: '1' } : {}), ...(values.tsx ? { JIGSAW_BUNDLE: '0' } : {}) };

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Starts the server, polls /ready until it answers 200, and returns the time taken and the RSS once settled. */
async function coldStart(dataDir: string, port: number): Promise<{ seconds: number; rss: number }> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['bin/jigsaw.js', 'serve', '--demo'], {
    env: { ...process.env, LOG_LEVEL: 'error', DATABASE_URL: '', JIGSAW_DATA_DIR: dataDir, PORT: String(port), ...mode },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    for (;;) {
      if (exited) throw new Error('the server exited before it was ready');
      const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    await sleep(1500);
    return { seconds, rss: rssMb(child.pid as number) };
  } finally {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
  }
}

const first: { seconds: number; rss: number }[] = [];
const again: { seconds: number; rss: number }[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'jigsaw-cold-'));
  const port = 4000 + Math.floor(Math.random() * 500);
  try {
    first.push(await coldStart(join(dir, 'data'), port));
    again.push(await coldStart(join(dir, 'data'), port));
    const [f, a] = [first[i], again[i]];
    console.log(`run ${i + 1}: first start ${f.seconds.toFixed(1)} s, ${f.rss.toFixed(0)} MB; restart ${a.seconds.toFixed(1)} s, ${a.rss.toFixed(0)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const line = (name: string, xs: { seconds: number; rss: number }[]) =>
  `${name}: ready after ${median(xs.map((x) => x.seconds)).toFixed(1)} s, RSS ${median(xs.map((x) => x.rss)).toFixed(0)} MB (median of ${xs.length})`;
console.log(line('first start (empty data directory: create, migrate, seed the demo)', first));
console.log(line('restart (existing data directory)', again));
