// `jigsaw doctor` in-process (PGlite; PostgreSQL in CI's second pass): every check passes on a migrated database with
// a real SMTP server; each failing check says what to fix and the exit code is 1.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testSmtpServer } from '../src/platform/mail/testing.ts';
import { type Cli, cli as commandLine, pgUrl } from './cli-setup.ts';

let cli: Cli;
before(async () => {
  cli = await commandLine('doctor');
  if (pgUrl) assert.equal((await cli.jigsaw(['migrate'])).code, 0);
});
after(() => cli?.cleanup());

test('doctor: all checks pass with a reachable SMTP server; mail, configuration and database failures say what to fix', async () => {
  const smtp = await testSmtpServer();
  try {
    const ok = await cli.jigsaw(['doctor'], { JIGSAW_SMTP_URL: smtp.url });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    for (const name of ['configuration', 'database', 'migrations', 'audit key', 'mail', 'disk space'])
      assert.match(ok.stdout, new RegExp(`^ok   ${name}: `, 'm'));
    assert.match(ok.stdout, /mail: SMTP server at 127\.0\.0\.1:\d+ answered/);
    assert.match(ok.stdout, /All checks passed\./);
    assert.equal(smtp.messages.length, 0, 'doctor sends no mail');
  } finally {
    await smtp.close();
  }

  const noMail = await cli.jigsaw(['doctor'], { JIGSAW_SMTP_URL: 'smtp://127.0.0.1:1' });
  assert.equal(noMail.code, 1);
  assert.match(noMail.stdout, /^FAIL mail: SMTP server at 127\.0\.0\.1:1 did not accept a connection/m);
  assert.match(noMail.stdout, /fix: check JIGSAW_SMTP_URL/);
  assert.match(noMail.stdout, /1 check failed\./);

  const badConfig = await cli.jigsaw(['doctor'], { JIGSAW_SESSION_IDLE_MINUTES: 'soon' });
  assert.equal(badConfig.code, 1);
  assert.match(badConfig.stdout, /^FAIL configuration: JIGSAW_SESSION_IDLE_MINUTES must be a whole number/m);

  const badKey = await cli.jigsaw(['doctor'], { JIGSAW_AUDIT_KEY: 'ab'.repeat(32) });
  if (pgUrl) assert.equal(badKey.code, 0, 'an empty PostgreSQL trail takes any key');
  const noDb = await cli.jigsaw(['doctor'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', JIGSAW_AUDIT_KEY: 'ab'.repeat(32) });
  assert.equal(noDb.code, 1);
  assert.match(noDb.stdout, /^FAIL database: cannot open/m);
  assert.match(noDb.stdout, /fix: check DATABASE_URL/);
});

test('doctor: a sealed trail with a different key fails the audit key check', async () => {
  const add = await cli.jigsaw(['tokens', 'list']);
  assert.equal(add.code, 0, add.stderr);
  const user = await cli.jigsaw([
    'users',
    'add',
    '--email',
    'doc@test.jigsaw.example',
    '--name',
    'Doc',
    '--role',
    'hub_member',
    '--agency',
    'Testshire Hub',
    '--sector',
    'childrens_social_care',
    '--password',
    'a-long-test-password',
  ]);
  assert.equal(user.code, 0, user.stderr);
  const wrong = await cli.jigsaw(['doctor'], { JIGSAW_AUDIT_KEY: 'cd'.repeat(32) });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stdout, /^FAIL audit key: The audit key \(fingerprint [^)]+\) is not the key/m);
  assert.match(wrong.stdout, /fix: set JIGSAW_AUDIT_KEY/);
});
