#!/usr/bin/env node
// Runs every *.test.ts under src/ and tests/ with Node's test runner (tsx loads TypeScript).
// JIGSAW_TEST_DATABASE_URL=postgres://... runs the database tests on PostgreSQL instead of PGlite.
// tests/preload.ts is loaded into every test process (cheap password hashes).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...find('src'), ...find('tests')].sort();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--import', './tests/preload.ts', '--test', '--test-concurrency=3', '--test-timeout=300000', ...files],
  {
    stdio: 'inherit',
    env: { ...process.env, TZ: process.env.TZ ?? 'UTC' },
  },
);
process.exit(result.status ?? 1);
