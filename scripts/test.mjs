#!/usr/bin/env node
// Runs every *.test.ts under src/ and tests/ with Node's test runner (tsx loads TypeScript), JIGSAW_TEST_CONCURRENCY
// processes at a time (3: browser tests wait on Chromium and the database, so a third uses the time on 2 cores).
// Short files share a process, several in turn (tests/together.ts: each file's tests under a suite named after it),
// because loading the app under tsx costs each process about 2 s of CPU, as much as a short file's tests; browser
// tests, the fuzz test and any file that changes the process's environment run in a process of their own
// (JIGSAW_TEST_TOGETHER=0: every file alone, to rule sharing out). Longest first (durations of the last run, kept in
// the temp folder), so no long one starts last and holds up the end. One Chromium server serves every browser test.
// Prints each failing file's output in full, then the slowest files (aim: each under 60 s on an idle machine), the
// axe page counts at 1280 and 320 px, and the totals.
// JIGSAW_TEST_DATABASE_URL=postgres://... runs the database tests on PostgreSQL instead of PGlite.
// tests/preload.ts is loaded into every test process (cheap password hashes).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSER_SERVER_ENV, CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/chromium.mjs';

/** A file still running after this long is stopped and fails (its output so far says where it was). */
const FILE_TIMEOUT_MS = 600_000;
const SLOW_FILE_MS = 60_000;
const concurrency = Number(process.env.JIGSAW_TEST_CONCURRENCY) || 3;

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const only = process.argv.slice(2);
// CI shares the work between its two passes (.ci/run); by default everything runs. JIGSAW_TEST_BROWSER=0 leaves out
// the browser tests (tests/e2e), JIGSAW_TEST_FUZZ=0 the fuzz test, and JIGSAW_TEST_DATABASE_ONLY=1 the unit tests
// that open no database (the files under src/ that use neither the test database nor the fixtures).
const leftOut = [];
const opensDatabase = (f) =>
  f.startsWith('tests') || /testDatabase|fixtures|world\(|openPglite|openPostgres|JIGSAW_TEST_DATABASE_URL/.test(readFileSync(f, 'utf8'));
const keep = (f) => {
  if (process.env.JIGSAW_TEST_BROWSER === '0' && f.includes('e2e')) return false;
  if (process.env.JIGSAW_TEST_FUZZ === '0' && f.endsWith('fuzz.test.ts')) return false;
  if (process.env.JIGSAW_TEST_DATABASE_ONLY === '1' && !opensDatabase(f)) return false;
  return true;
};
const all = only.length > 0 ? only : [...find('src'), ...find('tests')].sort();
const files = only.length > 0 ? only : all.filter((f) => keep(f) || !leftOut.push(f));
if (leftOut.length) console.log(`${leftOut.length} test files left out in this pass (JIGSAW_TEST_BROWSER, JIGSAW_TEST_FUZZ, JIGSAW_TEST_DATABASE_ONLY).`);

// Durations of the last run; a file not seen yet is guessed from where it lives (browser tests are the longest).
const timingsFile = join(tmpdir(), `jigsaw-test-timings-${process.env.JIGSAW_TEST_DATABASE_URL ? 'postgres' : 'pglite'}.json`);
let lastRun = {};
try {
  lastRun = JSON.parse(readFileSync(timingsFile, 'utf8'));
} catch {}
const guess = (file) => lastRun[file] ?? (file.includes('e2e') ? 40_000 : file.startsWith('tests') ? 8_000 : 2_000);

// A file that changes what every later file in its process would see (the environment, the clock, the working
// folder), a browser test or the fuzz test runs alone; the rest are shared out longest first, each to the process
// with the least work so far, about TOGETHER_MS each.
const TOGETHER_MS = 40_000;
const changesProcess = (f) =>
  /process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|Object\.assign\(process\.env|delete process\.env|mock\.timers|process\.chdir/.test(readFileSync(f, 'utf8'));
const alone = (f) => process.env.JIGSAW_TEST_TOGETHER === '0' || f.includes('e2e') || f.endsWith('fuzz.test.ts') || changesProcess(f);
const shared = files.filter((f) => !alone(f)).sort((a, b) => guess(b) - guess(a));
const groups = Array.from({ length: Math.ceil(shared.reduce((n, f) => n + guess(f), 0) / TOGETHER_MS) }, () => ({ files: [], ms: 0 }));
for (const f of shared) {
  const least = groups.reduce((a, b) => (b.ms < a.ms ? b : a));
  least.files.push(f);
  least.ms += guess(f);
}
const units = [...files.filter(alone).map((f) => ({ files: [f], ms: guess(f) })), ...groups.filter((g) => g.files.length)];
const queue = units.sort((a, b) => b.ms - a.ms).map((u) => u.files);

let browserServer;
if (files.some((f) => f.includes('e2e')) && existsSync(CHROMIUM_PATH)) {
  const { chromium } = await import('playwright-core');
  browserServer = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
const env = {
  ...process.env,
  TZ: process.env.TZ ?? 'UTC',
  ...(browserServer ? { [BROWSER_SERVER_ENV]: browserServer.wsEndpoint() } : {}),
};

const started = Date.now();
const results = [];
const totals = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
const axe = { desktop: 0, narrow: 0, violations: 0 };

// Each file runs in a process group of its own (so a stuck one can be stopped with all it started): stop them all
// if the run itself is stopped.
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
    process.exit(1);
  });
}

function run(unit) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      // The file itself, not `node --test file` (which starts a second Node, with its own TypeScript loader, to run
      // it). Liftoff only: a test process lives seconds, too short to repay optimising PGlite's 9 MB of WebAssembly,
      // which took a fifth of a database test file's CPU time on two cores.
      [
        '--liftoff-only',
        '--import',
        'tsx',
        '--import',
        './tests/preload.ts',
        '--test-reporter=spec',
        ...(unit.length > 1 ? ['tests/together.ts'] : []),
        ...unit,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    running.add(child);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL'); // the process and whatever it started
      } catch {}
    }, FILE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      const ms = Date.now() - t0;
      const counts = {};
      for (const m of output.matchAll(/^ℹ (tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts[m[1]] = Number(m[2]);
      for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
      const a = /^# axe: (\d+) page\(s\) checked at 1280 px, (\d+) at 320 px, (\d+) violation/m.exec(output);
      if (a) {
        axe.desktop += Number(a[1]);
        axe.narrow += Number(a[2]);
        axe.violations += Number(a[3]);
      }
      // A failed test fails the process even when it exited 0: PGlite (Emscripten) sets process.exitCode to 0 when
      // it closes, so a file whose `after` closes its database exits 0 after a test failed.
      const ok = code === 0 && !timedOut && !counts.fail;
      if (!ok && !counts.fail) totals.fail++; // failed outside any test (an import error, a crash)
      const stopped = timedOut ? ` stopped after ${FILE_TIMEOUT_MS / 1000} s` : '';
      if (unit.length === 1) {
        results.push({ file: unit[0], ms, ok });
        const line = `${ok ? '✔' : '✖'} ${unit[0]} (${counts.tests ?? 0} tests, ${(ms / 1000).toFixed(1)} s)${stopped}`;
        process.stdout.write(ok ? `${line}\n` : `\n${line}\n${output}\n`);
        return resolve();
      }
      // Files run together: each file's suite line says how it went and how long its own tests took.
      const suites = new Map([...output.matchAll(/^(✔|✖) (\S+\.test\.ts) \(([\d.]+)ms\)$/gm)].map((m) => [m[2], { ok: m[1] === '✔', ms: Number(m[3]) }]));
      // A process that failed with every suite passed (a crash after them, a timeout) fails all of its files.
      const crashed = !ok && unit.every((file) => suites.get(file)?.ok);
      const lines = unit.map((file) => {
        const suite = suites.get(file) ?? { ok: false, ms: 0 };
        const fileOk = suite.ok && !crashed;
        results.push({ file, ms: Math.round(suite.ms), ok: fileOk });
        return `${fileOk ? '✔' : '✖'} ${file} (${(suite.ms / 1000).toFixed(1)} s)`;
      });
      const head = `${lines.join('\n')}\n  ${unit.length} files in one process: ${counts.tests ?? 0} tests, ${(ms / 1000).toFixed(1)} s${stopped}`;
      process.stdout.write(ok ? `${head}\n` : `\n${head}\n${output}\n`);
      resolve();
    });
  });
}

async function worker() {
  for (let unit = queue.shift(); unit; unit = queue.shift()) await run(unit);
}
await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
await browserServer?.close();

writeFileSync(timingsFile, JSON.stringify({ ...lastRun, ...Object.fromEntries(results.map((r) => [r.file, r.ms])) }));
const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 15);
console.log(`\nSlowest files (${concurrency} at a time):`);
for (const r of slowest)
  console.log(`  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.file}${r.ms > SLOW_FILE_MS ? '  (over 60 s: split it or speed it up)' : ''}`);
if (axe.desktop) console.log(`axe: ${axe.desktop} page(s) checked at 1280 px, ${axe.narrow} at 320 px, ${axe.violations} violation(s)`);
const failed = results.filter((r) => !r.ok);
if (failed.length) console.log(`\nFailed files:\n${failed.map((r) => `  ${r.file}`).join('\n')}`);
for (const [key, n] of Object.entries(totals)) console.log(`ℹ ${key} ${n}`);
console.log(`ℹ duration_ms ${Date.now() - started}`);
console.log(`${totals.pass} passed, ${totals.fail} failed`);
process.exit(failed.length ? 1 : 0);
