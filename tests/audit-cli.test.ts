// `jigsaw audit ...` as an administrator runs it: the audit key, sealing by commands, verify, checkpoints to a file
// and a witness server, a sealer that is not running. Tampering: tests/audit-tamper-cli.test.ts.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { type Cli, cli as commandLine, pgUrl } from './cli-setup.ts';

let cli: Cli;
before(async () => {
  cli = await commandLine('audit-cli');
});
after(() => cli?.cleanup());
const jigsaw = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli.jigsaw(args, extra);

const addUser = (n: number) =>
  jigsaw([
    'users',
    'add',
    '--email',
    `user${n}@test.jigsaw.example`,
    '--name',
    `User ${n}`,
    '--role',
    'hub_member',
    '--agency',
    'Testshire Hub',
    '--sector',
    'childrens_social_care',
    '--password',
    'a-long-test-password',
  ]);

test('without a key: the embedded database makes a 0600 key file beside its data directory; PostgreSQL refuses to start', async () => {
  const first = await addUser(1);
  assert.equal(first.code, 0, first.stderr);
  if (!pgUrl) {
    const mode = statSync(`${cli.dataDir}.audit-key`).mode & 0o777;
    assert.equal(mode, 0o600);
    assert.match(readFileSync(`${cli.dataDir}.audit-key`, 'utf8'), /^[0-9a-f]{64}\n$/);
  } else {
    const refused = await jigsaw(['serve'], { JIGSAW_AUDIT_KEY: '', PORT: '0' });
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(refused.stderr, /JIGSAW_AUDIT_KEY is not set\. With PostgreSQL/);
    const bad = await jigsaw(['audit', 'verify'], { JIGSAW_AUDIT_KEY: 'abc123' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /JIGSAW_AUDIT_KEY must be at least 64 hexadecimal characters/);
  }
});

test('commands seal what they record; verify checks every event; a checkpoint goes to a file and to a witness server', async () => {
  assert.equal((await jigsaw(['tokens', 'issue', '--email', 'user1@test.jigsaw.example'])).code, 0);
  const ok = await jigsaw(['audit', 'verify']);
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
  const file = join(cli.dataDir, 'checkpoint.json');
  const cp = await jigsaw(['audit', 'checkpoint', '--out', file, '--url', url]);
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
  assert.equal((await jigsaw(['tokens', 'issue', '--email', 'user1@test.jigsaw.example', '--name', 'Second'])).code, 0);
  const reaches = await jigsaw(['audit', 'verify', '--checkpoint', file]);
  assert.equal(reaches.code, 0, reaches.stderr);
  assert.match(reaches.stdout, new RegExp(`chain intact, reaches the checkpoint of .* \\(event ${head.seq}\\)`));
});

test('an event waiting too long to be sealed fails verify (the sealer is not running) until it is sealed', async () => {
  await cli.withDb((db) =>
    sql`insert into audit_event (partnership_id, at, actor_label, action, resource_type)
        select id, now() - interval '2 minutes', 'late', 'person.viewed', 'person' from partnership`.execute(db),
  );
  const stale = await jigsaw(['audit', 'verify']);
  assert.equal(stale.code, 1);
  assert.match(stale.stdout, /1 not yet sealed, the oldest 1\d\d\.\d s old/);
  assert.match(stale.stderr, /waited 1\d\d s to be sealed \(limit 60 s\): is the server \(its sealer\) running\?/);
  assert.match((await jigsaw(['audit', 'seal'])).stdout, /^1 audit events sealed\./);
});
