#!/usr/bin/env node
// Runs every *.test.ts under src/ and tests/, each file in its own process with Node's test runner (tsx loads
// TypeScript), JIGSAW_TEST_CONCURRENCY files at a time (3: browser tests wait on Chromium and the database, so a third
// file uses the time on 2 cores). Longest files start first (durations of the last run, kept in the temp folder), so
// no long file starts last and holds up the end. One Chromium server serves every browser test file.
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
const queue = [...files].sort((a, b) => guess(b) - guess(a));

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

function runFile(file) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      // The file itself, not `node --test file` (which starts a second Node, with its own TypeScript loader, to run
      // it). Liftoff only: a test process lives seconds, too short to repay optimising PGlite's 9 MB of WebAssembly,
      // which took a fifth of a database test file's CPU time on two cores.
      ['--liftoff-only', '--import', 'tsx', '--import', './tests/preload.ts', '--test-reporter=spec', file],
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
        process.kill(-child.pid, 'SIGKILL'); // the file's process and whatever it started
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
      // A failed test fails the file even when its process exited 0: PGlite (Emscripten) sets process.exitCode to 0
      // when it closes, so a file whose `after` closes its database exits 0 after a test failed.
      const ok = code === 0 && !timedOut && !counts.fail;
      if (!ok && !counts.fail) totals.fail++; // a file that failed outside any test (an import error, a crash)
      results.push({ file, ms, ok });
      const line = `${ok ? '✔' : '✖'} ${file} (${counts.tests ?? 0} tests, ${(ms / 1000).toFixed(1)} s)${timedOut ? ` stopped after ${FILE_TIMEOUT_MS / 1000} s` : ''}`;
      process.stdout.write(ok ? `${line}\n` : `\n${line}\n${output}\n`);
      resolve();
    });
  });
}

async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) await runFile(file);
}
await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
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
