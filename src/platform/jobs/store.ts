// A durable job queue on one table (migration 015) that runs the same on PostgreSQL and the embedded PGlite (see
// docs/decisions/0011). Enqueue inside the change's transaction: a rolled-back change leaves no job. Each job has a
// unique key, so enqueuing the same thing twice is one job. Workers claim due jobs with FOR UPDATE SKIP LOCKED and a
// lease; a worker killed mid-job leaves a lease that runs out, and the job is claimed again.
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import './schema.ts';

export interface JobInput {
  queue: string;
  /** Unique across all jobs: the idempotency key (e.g. one per notification and recipient). */
  key: string;
  payload: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
}

export interface Job {
  id: number;
  queue: string;
  key: string;
  payload: Record<string, unknown>;
  /** This attempt's number, from 1. */
  attempts: number;
  maxAttempts: number;
}

/** True when the job is new; false when a job with this key already exists (nothing changes). */
export async function enqueue(db: Db, job: JobInput): Promise<boolean> {
  const r = await db
    .insertInto('job')
    .values({
      queue: job.queue,
      key: job.key,
      payload: JSON.stringify(job.payload),
      ...(job.runAt ? { run_at: job.runAt } : {}),
      ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Claims up to `limit` due jobs of these queues for `leaseMs`; the attempt is counted now, so a crash counts too. */
export async function claim(db: Db, queues: string[], limit: number, leaseMs: number, now = new Date()): Promise<Job[]> {
  if (queues.length === 0) return [];
  const lease = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<{ id: number; queue: string; key: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>`
    update job set locked_until = ${lease}, attempts = attempts + 1
    where id in (
      select id from job
      where done_at is null and failed_at is null and run_at <= ${now}
        and (locked_until is null or locked_until < ${now})
        and queue in (${sql.join(queues)})
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, queue, key, payload, attempts, max_attempts`.execute(db);
  return rows
    .map((r) => ({ id: Number(r.id), queue: r.queue, key: r.key, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }))
    .sort((a, b) => a.id - b.id);
}

export async function complete(db: Db, id: number, now = new Date()): Promise<void> {
  await db.updateTable('job').set({ done_at: now, locked_until: null, last_error: null }).where('id', '=', id).execute();
}

/** The wait before attempt n+1: base * 2^(n-1), at most `maxMs`. */
export function backoffMs(attempts: number, baseMs: number, maxMs = 6 * 60 * 60 * 1000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** A failed attempt: tried again after the backoff, or given up after the last attempt. True when it will retry. */
export async function fail(db: Db, job: Job, error: string, baseMs: number, now = new Date()): Promise<boolean> {
  const last = job.attempts >= job.maxAttempts;
  await db
    .updateTable('job')
    .set({
      locked_until: null,
      last_error: error.slice(0, 2000),
      ...(last ? { failed_at: now } : { run_at: new Date(now.getTime() + backoffMs(job.attempts, baseMs)) }),
    })
    .where('id', '=', job.id)
    .execute();
  return !last;
}

/** Counts for monitoring and tests. */
export async function queueCounts(db: Db) {
  const row = await db
    .selectFrom('job')
    .select((eb) => [
      eb.fn.count<number>(sql`case when done_at is null and failed_at is null then 1 end`).as('pending'),
      eb.fn.count<number>('done_at').as('done'),
      eb.fn.count<number>('failed_at').as('failed'),
    ])
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), done: Number(row.done), failed: Number(row.failed) };
}
