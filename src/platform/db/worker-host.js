// The worker thread that hosts PGlite for the embedded database (see worker.ts): WebAssembly Postgres runs here, so
// a long query does not block the main thread's event loop (HTTP parsing, templates, timers keep running).
// Plain JavaScript importing only pglite.js: the worker needs no TypeScript loader and none of the application.
// Messages: requests { id, op: 'query' | 'exec' | 'close', ... } and replies { id, ok, result | error } (worker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { pglite } from './pglite.js';

const port = parentPort;
if (!port) throw new Error('worker-host.js runs only as a worker thread');

/** The fields of a PostgreSQL error the callers read (code, constraint, detail...), as plain data that can be cloned. */
function plainError(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const out = { message: err.message, name: err.name };
  for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  return out;
}

let client;
async function handle(req) {
  try {
    if (req.op === 'query') {
      const r = await client.query(req.sql, req.params);
      return { id: req.id, ok: true, result: { rows: r.rows, affectedRows: r.affectedRows } };
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
  port.on('message', async (req) => port.postMessage(await handle(req)));
  port.postMessage({ id: 0, ok: true });
} catch (err) {
  port.postMessage({ id: 0, ok: false, error: plainError(err) });
}
