// CSV batch deduplication: read people, dedupe, write matching pairs. All file I/O of the module lives here.
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CsvSyntaxError, readCsvRows } from './csv.ts';
import { type DedupeProgress, type DedupeRecordsResult, dedupeRecords } from './dedupe.ts';
import { type ModelParams, probabilityFromWeight } from './model.ts';
import { dedupeParallel } from './parallel.ts';
import { type PreparedRecord, RecordError, RecordPreparer } from './record.ts';
import type { TrainOptions } from './training.ts';

export const INPUT_COLUMNS = ['id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'postcode', 'address', 'identifier'] as const;
export const OUTPUT_HEADER = 'id_l,id_r,probability,match_weight';

/** Bad input, reported to the user as is (with the line when there is one). */
export class DedupeInputError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'DedupeInputError';
  }
}

export interface ReadOptions {
  /** Keep well-shaped impossible dates (19560431) as text instead of rejecting the file. */
  lenientDates?: boolean;
  /** False: records get an empty id, to save memory where ids are not needed (see `ids`). */
  keepIds?: boolean;
  /** False: duplicate ids are not looked for (another reader of the same file does it). */
  checkIds?: boolean;
  /** Receives every id in file order (copied, so the file's text is not kept alive by them). */
  ids?: string[];
  onProgress?: (progress: DedupeProgress) => void;
}

/** A copy of a string that does not point into the chunk of the file it was cut from. */
const flat = (s: string) => (s.length > 64 ? s : Buffer.from(s, 'utf8').toString('utf8'));

/** Reads and prepares a persons CSV; throws DedupeInputError naming the line on any bad row. */
export async function readPersonsCsv(path: string, options: ReadOptions = {}): Promise<PreparedRecord[]> {
  const preparer = new RecordPreparer({ lenientDates: options.lenientDates });
  const records: PreparedRecord[] = [];
  const ids = new Set<string>();
  let columns: number[] | null = null;
  let width = 0;
  const onRow = (row: string[], line: number) => {
    if (columns === null) {
      const header = row.map((h) => h.toLowerCase());
      const missing = INPUT_COLUMNS.filter((c) => !header.includes(c));
      if (missing.length > 0) throw new DedupeInputError(`header is missing column(s): ${missing.join(', ')}`, line);
      columns = INPUT_COLUMNS.map((c) => header.indexOf(c));
      width = row.length;
      return;
    }
    if (row.length !== width) throw new DedupeInputError(`invalid CSV: wrong number of columns: expected ${width}, got ${row.length}`, line);
    const c = columns;
    const id = row[c[0]];
    if (!id) throw new DedupeInputError('id is empty', line);
    if (options.checkIds !== false) {
      if (ids.has(id)) throw new DedupeInputError(`id "${id}" appears more than once`, line);
      ids.add(id);
    }
    options.ids?.push(flat(id));
    const record = {
      id: options.keepIds === false ? '' : id,
      givenName: row[c[1]],
      familyName: row[c[2]],
      dateOfBirth: row[c[3]],
      sex: row[c[4]],
      postcode: row[c[5]],
      address: row[c[6]],
      identifier: row[c[7]],
    };
    try {
      records.push(preparer.prepare(record));
    } catch (error) {
      if (error instanceof RecordError) throw new DedupeInputError(`${error.field}: ${error.message}`, line);
      throw error;
    }
    if ((records.length & 0xffff) === 0) options.onProgress?.({ phase: 'reading', done: records.length, total: 0 });
  };
  try {
    await readCsvRows(path, onRow);
  } catch (error) {
    if (error instanceof DedupeInputError) throw error;
    if (error instanceof CsvSyntaxError) throw new DedupeInputError(`invalid CSV: ${error.message}`, error.line);
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new DedupeInputError(`cannot read ${path}: ${(error as Error).message}`);
    throw error;
  }
  if (columns === null) throw new DedupeInputError(`${path} is empty: expected a header line`, 1);
  return records;
}

export interface DedupeCsvOptions extends ReadOptions {
  threshold?: number;
  model?: ModelParams;
  training?: TrainOptions;
  maxBlockSize?: number;
  /**
   * Worker threads (default: 2 where there are 2 cores, for files over 30 MB; smaller files are
   * deduped in this thread, where starting workers would cost more than it saves). 1 = this thread.
   */
  workers?: number;
}

export interface DedupeCsvResult extends Omit<DedupeRecordsResult, 'pairs'> {
  records: number;
  /** Pairs written (at or above the threshold). */
  pairsWritten: number;
  workers: number;
  seconds: { read: number; dedupe: number; write: number; total: number };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Default worker count for a file of `bytes`. */
export async function defaultWorkers(path: string): Promise<number> {
  const size = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  // Below ~30 MB (~350,000 records) one thread wins: a second worker reads the file again and training's
  // fixed cost does not shrink (100,000 people: 13 s in one thread, 18 s with two, on this machine).
  // Two by default: each worker holds its own copy of the records (~300 MB per million), so more workers
  // trade memory for speed; ask for them with `workers`.
  return size > 30_000_000 ? Math.max(1, Math.min(2, availableParallelism())) : 1;
}

/**
 * Writes the pairs to a temporary file beside `outPath`, a chunk at a time (a million records can yield
 * millions of lines), then renames it into place: nothing half-written ever appears.
 */
async function writePairs(outPath: string, ids: readonly string[], count: number, pair: (k: number) => [number, number, number]): Promise<void> {
  const temp = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      let chunk = `${OUTPUT_HEADER}\n`;
      for (let k = 0; k < count; k++) {
        const [l, r, w] = pair(k);
        chunk += `${csvField(ids[l])},${csvField(ids[r])},${probabilityFromWeight(w).toFixed(6)},${w.toFixed(3)}\n`;
        if (chunk.length > 1 << 16) {
          await handle.write(chunk);
          chunk = '';
        }
      }
      await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(temp, outPath);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw new DedupeInputError(`cannot write ${outPath}: ${(error as Error).message}`);
  }
}

/**
 * Dedupes `inPath` into `outPath` (`id_l,id_r,probability,match_weight`, one line per pair at or above
 * the threshold, sorted by the records' order in the file). The output appears only once complete.
 * With several workers the result is the same pairs and weights, computed in parallel.
 */
export async function dedupeCsv(inPath: string, outPath: string, options: DedupeCsvOptions = {}): Promise<DedupeCsvResult> {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) throw new DedupeInputError('threshold must be a probability between 0 and 1');
  const workers = options.workers ?? (await defaultWorkers(inPath));
  const t0 = performance.now();
  if (workers > 1) {
    const result = await dedupeParallel(inPath, { ...options, threshold, workers });
    const t2 = performance.now();
    options.onProgress?.({ phase: 'writing', done: 0, total: result.left.length });
    await writePairs(outPath, result.ids, result.left.length, (k) => [result.left[k], result.right[k], result.weight[k]]);
    const t3 = performance.now();
    const { comparisons, blocking, model } = result;
    const seconds = { read: 0, dedupe: (t2 - t0) / 1000, write: (t3 - t2) / 1000, total: (t3 - t0) / 1000 };
    return { comparisons, blocking, model, records: result.ids.length, pairsWritten: result.left.length, workers, seconds };
  }
  const records = await readPersonsCsv(inPath, options);
  const t1 = performance.now();
  const result = dedupeRecords(records, {
    threshold,
    model: options.model,
    training: options.training,
    maxBlockSize: options.maxBlockSize,
    onProgress: options.onProgress,
  });
  const t2 = performance.now();
  options.onProgress?.({ phase: 'writing', done: 0, total: result.pairs.length });
  const ids = records.map((r) => r.id);
  const { pairs } = result;
  await writePairs(outPath, ids, pairs.length, (k) => [pairs[k].left, pairs[k].right, pairs[k].matchWeight]);
  const t3 = performance.now();
  return {
    comparisons: result.comparisons,
    blocking: result.blocking,
    model: result.model,
    records: records.length,
    pairsWritten: pairs.length,
    workers: 1,
    seconds: { read: (t1 - t0) / 1000, dedupe: (t2 - t1) / 1000, write: (t3 - t2) / 1000, total: (t3 - t0) / 1000 },
  };
}
