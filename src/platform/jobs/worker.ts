// Runs due jobs: claims a batch, runs each job's handler, marks it done or schedules a retry with backoff. Polls;
// `drain` runs until nothing is due (tests, benchmarks). One batch at a time per worker; several workers (servers)
// may run at once, since claiming skips locked rows.
import type { Db } from '../db/connect.ts';
import { claim, complete, fail, type Job } from './store.ts';

export type JobHandler = (job: Job) => Promise<void>;

export interface WorkerOptions {
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  /** How long a claimed job is held; a job still running after this may be claimed by another worker. */
  leaseMs?: number;
  /** The first retry's wait; each later one doubles. */
  backoffMs?: number;
  batch?: number;
  onError?: (job: Job, err: unknown, willRetry: boolean) => void;
}

export interface Worker {
  /** Runs batches until none is due; the number of jobs run (done or failed). */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function jobWorker(db: Db, opts: WorkerOptions): Worker {
  const queues = Object.keys(opts.handlers);
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const base = opts.backoffMs ?? 30_000;
  const batch = opts.batch ?? 20;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let running: Promise<number> | null = null;

  async function runOne(job: Job) {
    try {
      await opts.handlers[job.queue](job);
      await complete(db, job.id);
    } catch (err) {
      const retry = await fail(db, job, err instanceof Error ? err.message : String(err), base);
      opts.onError?.(job, err, retry);
    }
  }

  async function once(): Promise<number> {
    const jobs = await claim(db, queues, batch, leaseMs);
    for (const job of jobs) await runOne(job);
    return jobs.length;
  }

  const drainNow = async () => {
    let total = 0;
    for (let n = await once(); n > 0; n = await once()) total += n;
    return total;
  };
  // One pass at a time: a poll that finds the last still running waits for it.
  const drain = () => {
    running ??= drainNow().finally(() => {
      running = null;
    });
    return running;
  };

  const tick = async () => {
    try {
      await drain();
    } catch (err) {
      opts.onError?.({ id: 0, queue: '', key: '', payload: {}, attempts: 0, maxAttempts: 0 }, err, true);
    }
    if (!stopped) timer = setTimeout(tick, opts.pollMs ?? 1000);
  };

  return {
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
