// CSV batch deduplication: read people, dedupe, write matching pairs. All file I/O of the module lives here.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import { type DedupeProgress, type DedupeRecordsResult, dedupeRecords } from './dedupe.ts';
import { type ModelParams, probabilityFromWeight } from './model.ts';
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
  onProgress?: (progress: DedupeProgress) => void;
}

/** Reads and prepares a persons CSV; throws DedupeInputError naming the line on any bad row. */
export async function readPersonsCsv(path: string, options: ReadOptions = {}): Promise<PreparedRecord[]> {
  const input = createReadStream(path);
  const parser = parse({ bom: true, skip_empty_lines: true, trim: true, info: true });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  const preparer = new RecordPreparer({ lenientDates: options.lenientDates });
  const records: PreparedRecord[] = [];
  const ids = new Set<string>();
  let columns: number[] | null = null;
  try {
    for await (const { record: row, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (columns === null) {
        const header = row.map((h) => h.toLowerCase());
        const missing = INPUT_COLUMNS.filter((c) => !header.includes(c));
        if (missing.length > 0) throw new DedupeInputError(`header is missing column(s): ${missing.join(', ')}`, line);
        columns = INPUT_COLUMNS.map((c) => header.indexOf(c));
        continue;
      }
      const [id, givenName, familyName, dateOfBirth, sex, postcode, address, identifier] = columns.map((c) => row[c]);
      if (!id) throw new DedupeInputError('id is empty', line);
      if (ids.has(id)) throw new DedupeInputError(`id "${id}" appears more than once`, line);
      ids.add(id);
      try {
        records.push(preparer.prepare({ id, givenName, familyName, dateOfBirth, sex, postcode, address, identifier }));
      } catch (error) {
        if (error instanceof RecordError) throw new DedupeInputError(`${error.field}: ${error.message}`, line);
        throw error;
      }
      if ((records.length & 0xffff) === 0) options.onProgress?.({ phase: 'reading', done: records.length, total: 0 });
    }
  } catch (error) {
    input.destroy();
    if (error instanceof DedupeInputError) throw error;
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new DedupeInputError(`invalid CSV: ${error.message.replace(/^Invalid Record Length: /, 'wrong number of columns: ')}`, line);
    }
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
}

export interface DedupeCsvResult extends DedupeRecordsResult {
  records: number;
  seconds: { read: number; dedupe: number; write: number; total: number };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Dedupes `inPath` into `outPath` (`id_l,id_r,probability,match_weight`, one line per pair at or above
 * the threshold). The output appears only once complete: it is written to a temporary file and renamed.
 */
export async function dedupeCsv(inPath: string, outPath: string, options: DedupeCsvOptions = {}): Promise<DedupeCsvResult> {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) throw new DedupeInputError('threshold must be a probability between 0 and 1');
  const t0 = performance.now();
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
  const lines = [OUTPUT_HEADER];
  for (const p of result.pairs) {
    lines.push(
      `${csvField(records[p.left].id)},${csvField(records[p.right].id)},${probabilityFromWeight(p.matchWeight).toFixed(6)},${p.matchWeight.toFixed(3)}`,
    );
  }
  const temp = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, `${lines.join('\n')}\n`, { flag: 'wx' });
    await rename(temp, outPath);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw new DedupeInputError(`cannot write ${outPath}: ${(error as Error).message}`);
  }
  const t3 = performance.now();
  return {
    ...result,
    records: records.length,
    seconds: { read: (t1 - t0) / 1000, dedupe: (t2 - t1) / 1000, write: (t3 - t2) / 1000, total: (t3 - t0) / 1000 },
  };
}
