// PGlite with our extensions, type parsers and memory settings. Plain JavaScript (types in pglite.d.ts) so that the
// database worker thread (worker-host.js) loads it with no TypeScript loader: a second tsx loader and module graph in
// the worker cost about 100 MB resident and seconds of start-up.
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

// Dates stay 'YYYY-MM-DD' strings (a Date at local midnight shifts a birthday across time zones);
// int8 counts become numbers (ours never approach 2^53).
const DATE_OID = 1082;
const INT8_OID = 20;
export const parsers = { [DATE_OID]: (v) => v, [INT8_OID]: (v) => Number(v) };

// WebAssembly memory only grows, so what PostgreSQL may take is capped to what one small partnership needs:
// PostgreSQL's defaults (128 MB shared buffers, 64 MB maintenance memory) each end up resident for good. Shared
// buffers are touched when PostgreSQL starts (32 MB cost 35 MB more resident than 8 MB); pages it does not hold come
// from the operating system's file cache, so 16 MB costs little speed.
const memoryParams = ['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB', '-c', 'temp_buffers=4MB', '-c', 'work_mem=4MB'];

/** PGlite with our extensions and parsers; `loadDataDir` starts it from a dump (the tests' migrated template). */
export function pglite(dir, loadDataDir) {
  return PGlite.create({
    dataDir: dir,
    extensions: { pg_trgm, fuzzystrmatch },
    parsers,
    startParams: [...PGlite.defaultStartParams, ...memoryParams],
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}
