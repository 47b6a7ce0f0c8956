// The e-mail worker, run by the server itself when a transport is configured: it starts when the server is ready
// and stops (finishing the job in hand) when it closes. Jobs left by a server that was killed are picked up once
// their lease runs out.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/connect.ts';
import { jobWorker, type Worker } from '../../platform/jobs/worker.ts';
import { mailTransport } from '../../platform/mail/transport.ts';
import { emailHandlers } from './email.ts';

export function notificationWorker(db: Db, config: Config): Worker | null {
  const transport = mailTransport(config.mail);
  if (!transport) return null;
  const worker = jobWorker(db, {
    handlers: emailHandlers(db, transport, config.publicUrl),
    pollMs: config.jobPollMs,
    leaseMs: config.jobLeaseMs,
    backoffMs: config.jobBackoffMs,
    onError: (job, err, retry) => process.emitWarning(`E-mail job ${job.key} failed (${retry ? 'will retry' : 'gave up'}): ${(err as Error).message}`),
  });
  const stop = worker.stop;
  return {
    ...worker,
    stop: async () => {
      await stop();
      transport.close();
    },
  };
}

export function deliverNotifications(app: FastifyInstance, db: Db, config: Config): Worker | null {
  const worker = notificationWorker(db, config);
  if (!worker) return null;
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
  return worker;
}
