// The reading job: streams the file, checks each row against the mapping (domain.readRow) and hands chunks to
// stageImportRows, each in its own transaction, so the progress bar moves and the pages stay responsive.
import { ukDate } from '../../../platform/time.ts';
import type { AnyUseCase } from '../../../platform/usecase/usecase.ts';
import { type ImportRow, type RowError, readRow } from '../domain.ts';
import { importSource, stageImportRows } from '../use-cases/imports.ts';
import { readRows } from './read.ts';

// biome-ignore lint/suspicious/noExplicitAny: runs the two use cases above with the caller's actor
type Run = (useCase: AnyUseCase, input: any) => Promise<any>;

const CHUNK = 5000;

export async function readImport(run: Run, id: string, now = new Date()): Promise<void> {
  const source = (await run(importSource, { id })) as Awaited<ReturnType<typeof importSource.run>>;
  const today = ukDate(now);
  let rows: ImportRow[] = [];
  let errors: RowError[] = [];
  let processed = 0;
  let fraction = 0;
  const flush = (done: boolean, failure?: string) =>
    run(stageImportRows, {
      id,
      rows,
      errors,
      processed,
      done,
      percent: done ? 100 : Math.min(99, Math.floor(fraction * 100)),
      ...(done ? { total: processed } : {}),
      ...(failure ? { failure } : {}),
    }).then(() => {
      rows = [];
      errors = [];
    });
  try {
    for await (const item of readRows(source.file, source.format, (f) => {
      fraction = f;
    })) {
      if ('headers' in item) continue;
      processed++;
      const r = readRow(item.line, item.cells, source.mapping, today);
      if (Array.isArray(r)) errors.push(...r);
      else rows.push(r);
      if (rows.length + errors.length >= CHUNK) {
        await flush(false);
      }
    }
    await flush(true);
  } catch (err) {
    await flush(true, `The file could not be read after row ${processed}: ${(err as Error).message.slice(0, 200)}`);
  }
}
