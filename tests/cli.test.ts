// The jigsaw command as an administrator runs it: users, tokens, audit verification, migrations, the data
// directory lock. Runs on an embedded data directory, or a fresh PostgreSQL database in CI's second pass.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../src/platform/db/connect.ts';

const pgUrl = process.env.JIGSAW_TEST_DATABASE_URL;
let env: NodeJS.ProcessEnv;
let dataDir: string;
let dbName: string | undefined;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'jigsaw-cli-'));
  env = { ...process.env, JIGSAW_DATA_DIR: dataDir, DATABASE_URL: '' };
  if (pgUrl) {
    dbName = `jigsaw_cli_${process.pid}`;
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.query(`create database ${dbName}`);
    await c.end();
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
});

after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.audit-key`, { force: true });
  if (pgUrl && dbName) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  }
});

function jigsaw(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/jigsaw.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function openDb(): Promise<Database> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL, 1) : openPglite(dataDir);
}

test('users add creates the agency when asked, and needs --sector to do so', () => {
  const missing = jigsaw(
    'users',
    'add',
    '--email',
    'a.coordinator@test.jigsaw.example',
    '--name',
    'A Coordinator',
    '--role',
    'hub_coordinator',
    '--agency',
    'Testshire Hub',
  );
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /--sector/);
  const ok = jigsaw(
    'users',
    'add',
    '--email',
    'a.coordinator@test.jigsaw.example',
    '--name',
    'A Coordinator',
    '--role',
    'hub_coordinator',
    '--agency',
    'Testshire Hub',
    '--sector',
    'childrens_social_care',
    '--password',
    'a-long-test-password',
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /User a\.coordinator@test\.jigsaw\.example created/);
  const second = jigsaw('users', 'add', '--email', 'b.member@test.jigsaw.example', '--name', 'B Member', '--role', 'hub_member', '--agency', 'testshire hub');
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /\/invitation\//, 'without a password the user is invited');
  const badRole = jigsaw('users', 'add', '--email', 'c@test.jigsaw.example', '--name', 'C', '--role', 'emperor', '--agency', 'Testshire Hub');
  assert.equal(badRole.code, 1);
  assert.match(badRole.stderr, /--role: Select a role/);
});

test('tokens issue prints the token last; it is stored only as a hash, lists, and revokes', async () => {
  const issued = jigsaw('tokens', 'issue', '--email', 'a.coordinator@test.jigsaw.example');
  assert.equal(issued.code, 0, issued.stderr);
  const token = issued.stdout.trim().split('\n').at(-1) as string;
  assert.match(token, /^jgs_[A-Za-z0-9_-]{40,}$/);
  const db = await openDb();
  const rows = await db.db.selectFrom('api_token').select(['id', 'token_hash']).execute();
  await db.close();
  assert.equal(rows.length, 1);
  assert.notEqual(rows[0].token_hash, token);
  assert.doesNotMatch(JSON.stringify(rows), new RegExp(token.slice(4)));
  const list = jigsaw('tokens', 'list');
  assert.match(list.stdout, /active/, list.stderr);
  const revoke = jigsaw('tokens', 'revoke', '--id', rows[0].id);
  assert.equal(revoke.code, 0, revoke.stderr);
  const after = jigsaw('tokens', 'list');
  assert.equal(after.code, 0, `tokens list failed: ${after.stderr}`);
  assert.match(after.stdout, /revoked/);
  assert.equal(jigsaw('tokens', 'issue', '--email', 'nobody@test.jigsaw.example').code, 1);
});

// audit verify, checkpoint and the audit key: tests/audit-cli.test.ts.

test('migrate is safe to run again', () => {
  const r = jigsaw('migrate');
  assert.equal(r.code, 0, r.stderr);
});

test('a second process opening the same embedded data directory is refused with a clear message', { skip: !!pgUrl && 'embedded database only' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jigsaw-lock-'));
  const server = spawn(process.execPath, ['bin/jigsaw.js', 'serve'], { env: { ...env, JIGSAW_DATA_DIR: dir, PORT: '0' } });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (d) => String(d).includes('running at') && resolve());
      server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const second = spawnSync(process.execPath, ['bin/jigsaw.js', 'migrate'], { env: { ...env, JIGSAW_DATA_DIR: dir }, encoding: 'utf8' });
    assert.equal(second.status, 2);
    assert.match(second.stderr, /Another Jigsaw process is already using the embedded database/);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a first start interrupted during set-up recovers on the next start', { skip: !!pgUrl && 'embedded database only' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jigsaw-interrupt-'));
  const first = spawn(process.execPath, ['bin/jigsaw.js', 'migrate'], { env: { ...env, JIGSAW_DATA_DIR: dir } });
  await new Promise((r) => setTimeout(r, 1500)); // part way through creating the database
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  await new Promise((r) => setTimeout(r, 11_000)); // the killed process's lock goes stale
  const second = spawnSync(process.execPath, ['bin/jigsaw.js', 'migrate'], { env: { ...env, JIGSAW_DATA_DIR: dir }, encoding: 'utf8', timeout: 120_000 });
  assert.equal(second.status, 0, second.stderr);
  const db = await openPglite(dir);
  const applied = await db.db.selectFrom('schema_migration').select('name').execute();
  await db.close();
  assert.ok(applied.length >= 1);
  rmSync(dir, { recursive: true, force: true });
});

test('toolkit install takes a new version of the screening toolkit and refuses a broken one', async () => {
  const { DEFAULT_TOOLKIT } = await import('../src/modules/screening/domain.ts');
  const { writeFileSync } = await import('node:fs');
  const file = join(dataDir, 'toolkit.json');
  writeFileSync(file, JSON.stringify({ ...DEFAULT_TOOLKIT, version: 2, name: 'Testshire screening tool (fictional)' }));
  const ok = jigsaw('toolkit', 'install', '--file', file);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Installed Testshire screening tool \(fictional\)/);
  const again = jigsaw('toolkit', 'install', '--file', file);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /installed already/);
  writeFileSync(file, JSON.stringify({ ...DEFAULT_TOOLKIT, version: 3, bands: [] }));
  const broken = jigsaw('toolkit', 'install', '--file', file);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /bands/);
});
