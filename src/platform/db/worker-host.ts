// The worker thread that hosts PGlite for the embedded database (see worker.ts): WebAssembly Postgres runs here, so
// a long query does not block the main thread's event loop (HTTP parsing, templates, timers keep running).
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { pglite } from './connect.ts';
import type { Reply, Request } from './worker.ts';

const port = parentPort;
if (!port) throw new Error('worker-host.ts runs only as a worker thread');

/** The fields of a PostgreSQL error the callers read (code, constraint, detail...), as plain data that can be cloned. */
function plainError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = { message: err.message, name: err.name };
  for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  return out;
}

let client: PGlite;
async function handle(req: Request): Promise<Reply> {
  try {
    if (req.op === 'query') {
      const r = await client.query(req.sql, req.params);
      return { id: req.id, ok: true, result: { rows: r.rows as Record<string, unknown>[], affectedRows: r.affectedRows } };
    }
    if (req.op === 'exec') {
      await client.transaction(async (tx) => {
        await tx.exec(req.sql);
      });
      return { id: req.id, ok: true };
    }
    await client.close();
    return { id: req.id, ok: true };
  } catch (err) {
    return { id: req.id, ok: false, error: plainError(err) };
  }
}

try {
  client = await pglite(workerData.dataDir);
  port.on('message', async (req: Request) => port.postMessage(await handle(req)));
  port.postMessage({ id: 0, ok: true });
} catch (err) {
  port.postMessage({ id: 0, ok: false, error: plainError(err) });
}
