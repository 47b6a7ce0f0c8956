// Issue 12 point 7: e-mail jobs survive the process. A server with e-mails pending is killed (SIGKILL) while it is in
// the middle of sending; after a restart each e-mail reaches the SMTP server exactly once. Real processes, a real
// embedded database on disk, a real SMTP server (which stalls during the first run, so the kill lands mid-send).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { notificationConsumerWith } from '../src/modules/notifications/consumer.ts';
import { openPglite } from '../src/platform/db/connect.ts';
import { migratedDataDir } from '../src/platform/db/testing.ts';
import { eventId } from '../src/platform/events/ids.ts';
import { queueCounts } from '../src/platform/jobs/store.ts';
import { testSmtpServer } from '../src/platform/mail/testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'jigsaw-durability-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const N = 5;

function serve(smtpUrl: string): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['bin/jigsaw.js', 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      JIGSAW_DATA_DIR: dir,
      JIGSAW_SMTP_URL: smtpUrl,
      JIGSAW_JOB_LEASE_MS: '1500',
      JIGSAW_JOB_POLL_MS: '100',
      JIGSAW_JOB_BACKOFF_MS: '200',
      JIGSAW_REQUIRE_MFA: 'false',
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c) => {
      output += c;
      if (output.includes('Jigsaw is running')) resolve();
    });
    child.stderr?.on('data', (c) => (output += c));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, ready };
}

const exited = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null || child.signalCode ? r(null) : child.once('exit', r)));

test('a server killed with e-mails pending delivers each exactly once after restart', { timeout: 90_000 }, async () => {
  const smtp = await testSmtpServer();
  try {
    // Jobs pending: five notifications made (and their e-mails enqueued) by a change, before any server runs.
    await migratedDataDir(dir);
    const database = await openPglite(dir);
    const pid = randomUUID();
    const agencyId = randomUUID();
    await database.db.insertInto('partnership').values({ id: pid, name: 'Durability test (fictional)' }).execute();
    await database.db.insertInto('agency').values({ partnership_id: pid, id: agencyId, name: 'Hub', sector: 'childrens_social_care' }).execute();
    const owners = Array.from({ length: N }, (_, i) => ({ id: randomUUID(), email: `owner${i}@test.example` }));
    await database.db
      .insertInto('app_user')
      .values(
        owners.map((o, i) => ({
          partnership_id: pid,
          id: o.id,
          email: o.email,
          name: `Owner${i} Fictional`,
          agency_id: agencyId,
          role: 'practitioner',
          password_hash: null,
        })),
      )
      .execute();
    const consume = notificationConsumerWith(true);
    await database.db.transaction().execute(async (tx) => {
      for (const o of owners) {
        const actionId = randomUUID();
        await consume(tx, {
          id: eventId(),
          partnershipId: pid,
          name: 'action.assigned',
          subject: { type: 'action', id: actionId },
          personId: null,
          actor: { id: null, label: 'test' },
          at: new Date(),
          changes: { actionId, ownerUserId: o.id, title: 'A fictional action' },
          handling: null,
        });
      }
    });
    assert.equal((await queueCounts(database.db)).pending, N);
    await database.close();

    // First run: the SMTP server takes the first message and never answers; the server is killed there.
    smtp.stall(true);
    const first = serve(smtp.url);
    await first.ready;
    const deadline = Date.now() + 30_000;
    while (smtp.messages.length === 0 && Date.now() < deadline && !(await stalledOnce())) await new Promise((r) => setTimeout(r, 100));
    first.child.kill('SIGKILL');
    await exited(first.child);
    assert.equal(smtp.messages.length, 0, 'nothing was accepted before the kill');

    // Restart (the embedded database's lock of a killed process is stale after 10 s; retry until it is).
    smtp.stall(false);
    let second: ReturnType<typeof serve> | null = null;
    for (let i = 0; i < 20 && !second; i++) {
      const s = serve(smtp.url);
      try {
        await s.ready;
        second = s;
      } catch {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    assert.ok(second, 'the server restarted');
    const until = Date.now() + 30_000;
    while (smtp.messages.length < N && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // time for any duplicate to arrive
    second.child.kill('SIGTERM');
    await exited(second.child);

    const to = smtp.messages.map((m) => m.to[0]).sort();
    assert.deepEqual(to, owners.map((o) => o.email).sort(), 'each owner once');
    const reopened = await openPglite(dir);
    try {
      const counts = await queueCounts(reopened.db);
      assert.deepEqual(counts, { pending: 0, done: N, failed: 0 });
      const attempts = await reopened.db.selectFrom('job').select(['attempts']).execute();
      assert.ok(
        attempts.some((a) => a.attempts >= 2),
        'the job in hand at the kill was claimed again after its lease ran out',
      );
    } finally {
      await reopened.close();
    }
  } finally {
    await smtp.close();
  }

  async function stalledOnce() {
    return smtp.stalledCount() > 0;
  }
});
