// What someone with write access to the database, but not the audit key, cannot get past `jigsaw audit verify`:
// changes refused by the database; an event forged with every later hash recomputed by the project's own chain
// function is named; deleting the newest events is caught against a checkpoint kept outside the database.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { eventHash } from '../src/platform/audit/chain.ts';
import { asTableOwner, type Cli, cli as commandLine } from './cli-setup.ts';

let cli: Cli;
before(async () => {
  cli = await commandLine('audit-tamper');
});
after(() => cli?.cleanup());
const jigsaw = (args: string[]) => cli.jigsaw(args);

test('a few audited commands, then a checkpoint outside the database', async () => {
  const add = await jigsaw([
    'users',
    'add',
    '--email',
    'user1@test.jigsaw.example',
    '--name',
    'User 1',
    '--role',
    'hub_member',
    '--agency',
    'Testshire Hub',
    '--sector',
    'childrens_social_care',
    '--password',
    'a-long-test-password',
  ]);
  assert.equal(add.code, 0, add.stderr);
  assert.equal((await jigsaw(['tokens', 'issue', '--email', 'user1@test.jigsaw.example'])).code, 0);
  const cp = await jigsaw(['audit', 'checkpoint', '--out', join(cli.dataDir, 'checkpoint.json')]);
  assert.equal(cp.code, 0, cp.stderr);
});

test('the database refuses changes; a forged event with every later hash recomputed is named; a deleted tail is caught by the checkpoint', async () => {
  const file = join(cli.dataDir, 'checkpoint.json');
  const head = JSON.parse(readFileSync(file, 'utf8')).heads[0];
  const rows = await cli.withDb(async (db) => {
    await assert.rejects(
      sql`update audit_event set actor_label = 'someone else' where seq = 2`.execute(db),
      /cannot be changed: the audit trail is append-only/,
    );
    await assert.rejects(sql`delete from audit_event where seq = 2`.execute(db), /cannot be deleted/);
    // Forge event 2 and recompute every later hash with the project's own chain function.
    const rows = await db.selectFrom('audit_event').selectAll().where('seq', 'is not', null).orderBy('seq').execute();
    let prev = rows[0].hash as string;
    await asTableOwner(
      db,
      rows.slice(1).map((r) => {
        const forged = { ...r, seq: r.seq as number, at: new Date(r.at), prev_hash: prev, actor_label: r.seq === 2 ? 'someone else' : r.actor_label };
        prev = eventHash(forged);
        return sql`update audit_event set actor_label = ${forged.actor_label}, prev_hash = ${forged.prev_hash}, hash = ${prev} where id = ${r.id}`;
      }),
    );
    return rows;
  });
  const forged = await jigsaw(['audit', 'verify']);
  assert.equal(forged.code, 1);
  assert.match(forged.stderr, /BROKEN at event 2: event 2 was forged: its HMAC does not match/);

  // Undo the forgery; then delete the newest events, back to before the checkpoint's head, and fix the head counter.
  const keep = head.seq - 2;
  await cli.withDb((db) =>
    asTableOwner(db, [
      ...rows.slice(1).map((r) => sql`update audit_event set actor_label = ${r.actor_label}, prev_hash = ${r.prev_hash}, hash = ${r.hash} where id = ${r.id}`),
      sql`delete from audit_event where seq > ${keep}`,
      sql`update counter set value = ${keep} where name = 'audit_head'`,
    ]),
  );
  const looksWhole = await jigsaw(['audit', 'verify']);
  assert.equal(looksWhole.code, 0, `without a checkpoint a shortened chain cannot be told from a short one: ${looksWhole.stderr}`);
  const truncated = await jigsaw(['audit', 'verify', '--checkpoint', file]);
  assert.equal(truncated.code, 1);
  assert.match(
    truncated.stderr,
    new RegExp(`BROKEN at event ${keep + 1}: events ${keep + 1} to ${head.seq} are missing: the checkpoint taken at .* recorded event ${head.seq}`),
  );
});
