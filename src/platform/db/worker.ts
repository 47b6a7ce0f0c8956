// The embedded database on a worker thread: the main thread holds this proxy, which offers the two calls Kysely's
// PGlite dialect makes (query, close) plus a script runner, and posts each to the worker (worker-host.js).
// Why our own MessagePort proxy: PGlite's documented worker (@electric-sql/pglite/worker) is written for browser Web
// Workers (navigator.locks, leader election across tabs) and is not supported on Node; pglite-socket would add a
// wire-protocol server and a pg pool in between (two more hops and a dependency) for a single client. Structured
// clone carries rows (Dates, Uint8Arrays, JSON) as they are; the type parsers run in the worker.
import { Worker } from 'node:worker_threads';

type Call = { op: 'query'; sql: string; params: unknown[] } | { op: 'exec'; sql: string } | { op: 'close' };
export type Request = Call & { id: number };
export type Reply =
  | { id: number; ok: true; result?: { rows: Record<string, unknown>[]; affectedRows?: number } }
  | { id: number; ok: false; error: Record<string, unknown> };

type Pending = { resolve: (r: Reply & { ok: true }) => void; reject: (e: Error) => void };

export interface PgliteWorker {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[]; affectedRows?: number }>;
  /** A multi-statement script in one transaction. */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Rebuilds the worker's error on this thread, with PostgreSQL's fields (code, constraint, ...) on it. */
function rebuilt(fields: Record<string, unknown>): Error {
  const err = new Error(String(fields.message));
  Object.assign(err, fields);
  return err;
}

export async function startPgliteWorker(dataDir: string): Promise<PgliteWorker> {
  // The host is plain JavaScript importing only PGlite (pglite.js): no TypeScript loader and no application modules in
  // the worker, which keeps its start-up and memory to PGlite's own.
  const worker = new Worker(new URL('./worker-host.js', import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, Pending>();
  let next = 1;
  let closed = false;
  const ready = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  // The worker keeps the process alive only while a query is in flight: an idle database left open (a command that
  // failed before closing it, a test) must not stop the process from exiting; a server is kept alive by its listener.
  const idle = () => {
    if (pending.size === 0) worker.unref();
  };
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    idle();
    if (reply.ok) p?.resolve(reply);
    else p?.reject(rebuilt(reply.error));
  });
  // A worker that dies takes every waiting query with it: they fail rather than hang.
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    closed = true;
    failAll(new Error(`The embedded database worker stopped (exit code ${code})`));
  });
  const send = (req: Call) =>
    new Promise<Reply & { ok: true }>((resolve, reject) => {
      if (closed) return reject(new Error('The embedded database is closed'));
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...req, id });
    });
  try {
    await ready;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  return {
    async query(sql, params = []) {
      const reply = await send({ op: 'query', sql, params });
      return reply.result ?? { rows: [] };
    },
    async execScript(sql) {
      await send({ op: 'exec', sql });
    },
    async close() {
      if (closed) return;
      await send({ op: 'close' });
      closed = true;
      await worker.terminate();
    },
  };
}
