// The jigsaw command as an administrator runs it: users, tokens, migrations, the data directory lock. Commands run
// in this process on an embedded data directory, or a fresh PostgreSQL database in CI's second pass; only the lock
// test starts a second process, since the lock is between processes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPglite } from '../src/platform/db/connect.ts';
import { type Cli, cli as commandLine, pgUrl, runJigsaw } from './cli-setup.ts';

let cli: Cli;
before(async () => {
  cli = await commandLine('cli');
});
after(() => cli?.cleanup());
const jigsaw = (...args: string[]) => cli.jigsaw(args);

test('users add creates the agency when asked, and needs --sector to do so', async () => {
  const missing = await jigsaw(
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
  const ok = await jigsaw(
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
  const second = await jigsaw(
    'users',
    'add',
    '--email',
    'b.member@test.jigsaw.example',
    '--name',
    'B Member',
    '--role',
    'hub_member',
    '--agency',
    'testshire hub',
  );
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /\/invitation\//, 'without a password the user is invited');
  const badRole = await jigsaw('users', 'add', '--email', 'c@test.jigsaw.example', '--name', 'C', '--role', 'emperor', '--agency', 'Testshire Hub');
  assert.equal(badRole.code, 1);
  assert.match(badRole.stderr, /--role: Select a role/);
});

test('tokens issue prints the token last; it is stored only as a hash, lists, and revokes', async () => {
  const issued = await jigsaw('tokens', 'issue', '--email', 'a.coordinator@test.jigsaw.example');
  assert.equal(issued.code, 0, issued.stderr);
  const token = issued.stdout.trim().split('\n').at(-1) as string;
  assert.match(token, /^jgs_[A-Za-z0-9_-]{40,}$/);
  const rows = await cli.withDb((db) => db.selectFrom('api_token').select(['id', 'token_hash']).execute());
  assert.equal(rows.length, 1);
  assert.notEqual(rows[0].token_hash, token);
  assert.doesNotMatch(JSON.stringify(rows), new RegExp(token.slice(4)));
  const list = await jigsaw('tokens', 'list');
  assert.match(list.stdout, /active/, list.stderr);
  const revoke = await jigsaw('tokens', 'revoke', '--id', rows[0].id);
  assert.equal(revoke.code, 0, revoke.stderr);
  const after = await jigsaw('tokens', 'list');
  assert.equal(after.code, 0, `tokens list failed: ${after.stderr}`);
  assert.match(after.stdout, /revoked/);
  assert.equal((await jigsaw('tokens', 'issue', '--email', 'nobody@test.jigsaw.example')).code, 1);
});

// audit verify, checkpoint and the audit key: tests/audit-cli.test.ts.

test('migrate is safe to run again', async () => {
  const r = await jigsaw('migrate');
  assert.equal(r.code, 0, r.stderr);
});

test('a second process opening the same embedded data directory is refused with a clear message', { skip: !!pgUrl && 'embedded database only' }, async () => {
  // This process holds the data directory, as a running server does; the command is another user of it.
  const running = await openPglite(cli.dataDir);
  try {
    const second = await jigsaw('migrate');
    assert.equal(second.code, 2);
    assert.match(second.stderr, /Another Jigsaw process is already using the embedded database/);
  } finally {
    await running.close();
  }
  assert.equal((await jigsaw('migrate')).code, 0, 'free again once the server stops');
});

test('a first start interrupted during set-up recovers on the next start', { skip: !!pgUrl && 'embedded database only' }, async () => {
  // What a process killed while creating the database leaves: half a data directory and a lock no one refreshes.
  const dir = mkdtempSync(join(tmpdir(), 'jigsaw-interrupt-'));
  mkdirSync(join(dir, 'pgdata.init-99999', 'base'), { recursive: true });
  writeFileSync(join(dir, 'pgdata.init-99999', 'PG_VERSION'), '17\n');
  mkdirSync(join(dir, 'jigsaw.lock'));
  const aMinuteAgo = new Date(Date.now() - 60_000);
  utimesSync(join(dir, 'jigsaw.lock'), aMinuteAgo, aMinuteAgo);
  try {
    const next = await runJigsaw(['migrate'], { ...cli.env, JIGSAW_DATA_DIR: dir });
    assert.equal(next.code, 0, next.stderr);
    const db = await openPglite(dir);
    const applied = await db.db.selectFrom('schema_migration').select('name').execute();
    await db.close();
    assert.ok(applied.length >= 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.audit-key`, { force: true });
  }
});

test('bin/jigsaw.js runs the command and exits with its code', () => {
  const usage = spawnSync(process.execPath, ['bin/jigsaw.js'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(usage.status, 2, usage.stderr);
  assert.match(usage.stdout, /^Usage: jigsaw <command>/);
});

test('toolkit install takes a new version of the screening toolkit and refuses a broken one', async () => {
  const { DEFAULT_TOOLKIT } = await import('../src/modules/screening/domain.ts');
  const file = join(cli.dataDir, 'toolkit.json');
  writeFileSync(file, JSON.stringify({ ...DEFAULT_TOOLKIT, version: 2, name: 'Testshire screening tool (fictional)' }));
  const ok = await jigsaw('toolkit', 'install', '--file', file);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Installed Testshire screening tool \(fictional\)/);
  const again = await jigsaw('toolkit', 'install', '--file', file);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /installed already/);
  writeFileSync(file, JSON.stringify({ ...DEFAULT_TOOLKIT, version: 3, bands: [] }));
  const broken = await jigsaw('toolkit', 'install', '--file', file);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /bands/);
});
