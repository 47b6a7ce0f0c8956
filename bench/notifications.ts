// E-mail notifications delivered per second through the job queue (issue 12) to a local SMTP server: N
// notifications made by events (their e-mails enqueued in the events' transactions), then one worker drains the
// queue over SMTP (nodemailer, a connection per message unless --pool). Embedded PGlite by default;
// JIGSAW_TEST_DATABASE_URL=postgres://... for PostgreSQL.
// Run: npx tsx bench/notifications.ts [--emails 2000] [--pool]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { notificationConsumerWith } from '../src/modules/notifications/consumer.ts';
import { emailHandlers } from '../src/modules/notifications/email.ts';
import { testDatabase } from '../src/platform/db/testing.ts';
import { eventId } from '../src/platform/events/ids.ts';
import { queueCounts } from '../src/platform/jobs/store.ts';
import { jobWorker } from '../src/platform/jobs/worker.ts';
import { testSmtpServer } from '../src/platform/mail/testing.ts';
import { smtpTransport } from '../src/platform/mail/transport.ts';

const { values } = parseArgs({ options: { emails: { type: 'string', default: '2000' }, pool: { type: 'boolean' } } });
const N = Number(values.emails);

const database = await testDatabase();
const smtp = await testSmtpServer();
const { db } = database;
const pid = randomUUID();
const agencyId = randomUUID();
await db.insertInto('partnership').values({ id: pid, name: 'Bench partnership (fictional)' }).execute();
await db.insertInto('agency').values({ partnership_id: pid, id: agencyId, name: 'Hub', sector: 'childrens_social_care' }).execute();
const users = Array.from({ length: 50 }, (_, i) => ({ id: randomUUID(), email: `owner${i}@bench.example`, name: `Owner${i} Fictional` }));
await db
  .insertInto('app_user')
  .values(users.map((u) => ({ partnership_id: pid, id: u.id, email: u.email, name: u.name, agency_id: agencyId, role: 'practitioner', password_hash: null })))
  .execute();

const consume = notificationConsumerWith(true);
let t = performance.now();
for (let i = 0; i < N; i += 100) {
  await db.transaction().execute(async (tx) => {
    for (let j = i; j < Math.min(N, i + 100); j++) {
      const actionId = randomUUID();
      await consume(tx, {
        id: eventId(),
        partnershipId: pid,
        name: 'action.assigned',
        subject: { type: 'action', id: actionId },
        personId: null,
        actor: { id: null, label: 'bench' },
        at: new Date(),
        changes: { actionId, ownerUserId: users[j % users.length].id, title: 'A fictional action' },
        handling: null,
      });
    }
  });
}
const enqueueMs = performance.now() - t;

const transport = smtpTransport(values.pool ? `${smtp.url}?pool=true&maxConnections=1` : smtp.url, 'Jigsaw <jigsaw@bench.example>');
const worker = jobWorker(db, { handlers: emailHandlers(db, transport, 'https://jigsaw.bench.example'), batch: 50 });
t = performance.now();
await worker.drain();
const sendMs = performance.now() - t;
const counts = await queueCounts(db);

console.log(`database: ${database.kind}; smtp connection: ${values.pool ? 'pooled (1)' : 'one per message'}`);
console.log(`notifications made and e-mails enqueued: ${N} in ${(enqueueMs / 1000).toFixed(1)} s (${Math.round(N / (enqueueMs / 1000))}/s)`);
console.log(
  `e-mails delivered through the queue: ${smtp.messages.length} in ${(sendMs / 1000).toFixed(1)} s = ${Math.round(smtp.messages.length / (sendMs / 1000))} per second`,
);
console.log(`queue after: ${JSON.stringify(counts)}`);
transport.close();
await smtp.close();
await database.close();
