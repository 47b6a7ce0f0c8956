// `jigsaw audit ...` as an administrator runs it, and what someone with write access to the database (but not the
// audit key) can and cannot get past it: a forged event with every later hash recomputed, the newest events deleted,
// a sealer that is not running. On an embedded data directory, or a fresh PostgreSQL database in CI's second pass.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { eventHash } from '../src/platform/audit/chain.ts';
import { type Database, openPglite, openPostgres } from '../src/platform/db/connect.ts';

const pgUrl = process.env.JIGSAW_TEST_DATABASE_URL;
let env: NodeJS.ProcessEnv;
let dataDir: string;
let dbName: string | undefined;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'jigsaw-audit-cli-'));
  env = { ...process.env, JIGSAW_DATA_DIR: dataDir, DATABASE_URL: '', JIGSAW_AUDIT_KEY: '', JIGSAW_AUDIT_KEY_FILE: '' };
  if (pgUrl) {
    dbName = `jigsaw_audit_cli_${process.pid}`;
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.query(`create database ${dbName}`);
    await c.end();
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
    env.JIGSAW_AUDIT_KEY = randomBytes(32).toString('hex');
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

function jigsaw(args: string[], extra: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['bin/jigsaw.js', ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function withDb<T>(fn: (db: Database['db']) => Promise<T>): Promise<T> {
  const database = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL, 1) : await openPglite(dataDir);
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

/** The attacker owns the table: switches the guard off, does what they like, switches it on again. */
const asTableOwner = (...statements: ReturnType<typeof sql>[]) =>
  withDb(async (db) => {
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(db);
    for (const s of statements) await s.execute(db);
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(db);
  });

const addUser = (n: number) =>
  jigsaw(['users', 'add', '--email', `user${n}@test.jigsaw.example`, '--name', `User ${n}`, '--role', 'hub_member', '--agency', 'Testshire Hub', '--sector', 'childrens_social_care', '--password', 'a-long-test-password']);

test('without a key: the embedded database makes a 0600 key file beside its data directory; PostgreSQL refuses to start', () => {
  const first = addUser(1);
  assert.equal(first.code, 0, first.stderr);
  if (!pgUrl) {
    const mode = statSync(`${dataDir}.audit-key`).mode & 0o777;
    assert.equal(mode, 0o600);
    assert.match(readFileSync(`${dataDir}.audit-key`, 'utf8'), /^[0-9a-f]{64}\n$/);
  } else {
    const refused = jigsaw(['serve'], { JIGSAW_AUDIT_KEY: '', PORT: '0' });
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(refused.stderr, /JIGSAW_AUDIT_KEY is not set\. With PostgreSQL/);
    const bad = jigsaw(['audit', 'verify'], { JIGSAW_AUDIT_KEY: 'abc123' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /JIGSAW_AUDIT_KEY must be at least 64 hexadecimal characters/);
  }
});

test('commands seal what they record; verify checks every event; a checkpoint goes to a file and to a witness server', async () => {
  assert.equal(addUser(2).code, 0);
  assert.equal(jigsaw(['tokens', 'issue', '--email', 'user1@test.jigsaw.example']).code, 0);
  const ok = jigsaw(['audit', 'verify']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /: \d+ audit events, chain intact; none waiting to be sealed\./);

  const received: string[] = [];
  const witness = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      received.push(`${req.method} ${req.headers['content-type']} ${body}`);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => witness.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(witness.address() as AddressInfo).port}/checkpoints`;
  const file = join(dataDir, 'checkpoint.json');
  const cp = await new Promise<ReturnType<typeof jigsaw>>((resolve) => {
    // Asynchronously, so this process's witness server can answer.
    import('node:child_process').then(({ execFile }) =>
      execFile(process.execPath, ['bin/jigsaw.js', 'audit', 'checkpoint', '--out', file, '--url', url], { env, encoding: 'utf8' }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
  });
  witness.close();
  assert.equal(cp.code, 0, cp.stderr);
  assert.match(cp.stdout, /head is event \d+/);
  const written = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(written.format, 'jigsaw-audit-checkpoint/1');
  const head = written.heads[0];
  assert.ok(head.seq >= 3 && /^[0-9a-f]{64}$/.test(head.hash) && /^[0-9a-f]{64}$/.test(head.hmac) && head.partnershipId, JSON.stringify(head));
  assert.equal(received.length, 1);
  assert.match(received[0], /^POST application\/json \{/);
  assert.deepEqual(JSON.parse(received[0].split(' ').slice(2).join(' ')).heads, written.heads);

  // Later events extend the chain past the checkpoint: still fine.
  assert.equal(jigsaw(['tokens', 'issue', '--email', 'user2@test.jigsaw.example']).code, 0);
  const reaches = jigsaw(['audit', 'verify', '--checkpoint', file]);
  assert.equal(reaches.code, 0, reaches.stderr);
  assert.match(reaches.stdout, new RegExp(`chain intact, reaches the checkpoint of .* \\(event ${head.seq}\\)`));
});

test('an event waiting too long to be sealed fails verify (the sealer is not running) until it is sealed', async () => {
  await withDb((db) =>
    sql`insert into audit_event (partnership_id, at, actor_label, action, resource_type)
        select id, now() - interval '2 minutes', 'late', 'person.viewed', 'person' from partnership`.execute(db),
  );
  const stale = jigsaw(['audit', 'verify']);
  assert.equal(stale.code, 1);
  assert.match(stale.stdout, /1 not yet sealed, the oldest 1\d\d\.\d s old/);
  assert.match(stale.stderr, /waited 1\d\d s to be sealed \(limit 60 s\): is the server \(its sealer\) running\?/);
  assert.match(jigsaw(['audit', 'seal']).stdout, /^1 audit events sealed\./);
  assert.equal(jigsaw(['audit', 'verify']).code, 0);
});

test('the database refuses changes; a forged event with every later hash recomputed is named; a deleted tail is caught by the checkpoint', async () => {
  const file = join(dataDir, 'checkpoint.json');
  const head = JSON.parse(readFileSync(file, 'utf8')).heads[0];
  await withDb(async (db) => {
    await assert.rejects(sql`update audit_event set actor_label = 'someone else' where seq = 2`.execute(db), /cannot be changed: the audit trail is append-only/);
    await assert.rejects(sql`delete from audit_event where seq = 2`.execute(db), /cannot be deleted/);
  });

  // Forge event 2 and recompute every later hash with the project's own chain function.
  const rows = await withDb((db) => db.selectFrom('audit_event').selectAll().where('seq', 'is not', null).orderBy('seq').execute());
  let prev = rows[0].hash as string;
  const rewrites = rows.slice(1).map((r) => {
    const forged = { ...r, seq: r.seq as number, at: new Date(r.at), prev_hash: prev, actor_label: r.seq === 2 ? 'someone else' : r.actor_label };
    const hash = eventHash(forged);
    prev = hash;
    return sql`update audit_event set actor_label = ${forged.actor_label}, prev_hash = ${forged.prev_hash}, hash = ${hash} where id = ${r.id}`;
  });
  await asTableOwner(...rewrites);
  const forged = jigsaw(['audit', 'verify']);
  assert.equal(forged.code, 1);
  assert.match(forged.stderr, /BROKEN at event 2: event 2 was forged: its HMAC does not match/);
  // The server would refuse to seal on from a head it cannot vouch for with this key.
  assert.equal(jigsaw(['audit', 'seal']).code, 2);

  // Undo the forgery; then delete the newest events, back to before the checkpoint's head, and fix the head counter.
  await asTableOwner(...rows.slice(1).map((r) => sql`update audit_event set actor_label = ${r.actor_label}, prev_hash = ${r.prev_hash}, hash = ${r.hash} where id = ${r.id}`));
  const keep = head.seq - 2;
  await asTableOwner(
    sql`delete from audit_event where seq > ${keep}`,
    sql`update counter set value = ${keep} where name = 'audit_head'`,
  );
  const looksWhole = jigsaw(['audit', 'verify']);
  assert.equal(looksWhole.code, 0, 'without a checkpoint a shortened chain cannot be told from a short one');
  const truncated = jigsaw(['audit', 'verify', '--checkpoint', file]);
  assert.equal(truncated.code, 1);
  assert.match(truncated.stderr, new RegExp(`BROKEN at event ${keep + 1}: events ${keep + 1} to ${head.seq} are missing: the checkpoint taken at .* recorded event ${head.seq}`));
});
