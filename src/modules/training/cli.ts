// jigsaw training import --cohort NAME --file F.csv|F.xlsx [--confirm]: the same import as the pages. Without
// --confirm it only reads the file and prints the errors by line; with it, the valid rows are kept.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Actor } from '../../platform/access/actor.ts';
import { Problem } from '../../platform/http/problems.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { guessMapping, IMPORT_FIELD_LABELS, REQUIRED_IMPORT_FIELDS } from './domain.ts';
import { readImport } from './imports/job.ts';
import { listCohorts } from './use-cases/courses.ts';
import { cancelImport, confirmImport, getImport, startImport, uploadImport } from './use-cases/imports.ts';

// biome-ignore lint/suspicious/noExplicitAny: the services' runner, for any use case
type Svc = { run: (uc: AnyUseCase, actor: Actor, input: any) => Promise<any> };

export async function trainingImportCommand(svc: Svc, actor: Actor, a: { cohort?: string; file?: string; confirm?: boolean }, out: (l: string) => void) {
  if (!a.cohort)
    throw new Problem(400, 'Missing option', 'Give the cohort', [{ field: 'cohort', message: 'Give the cohort name, like --cohort "Licensed drivers"' }]);
  if (!a.file) throw new Problem(400, 'Missing option', 'Give the file', [{ field: 'file', message: 'Give the file, like --file completions.csv' }]);
  const cohorts = (await svc.run(listCohorts, actor, undefined)) as { id: string; name: string }[];
  const cohort = cohorts.find((c) => c.name.toLowerCase() === a.cohort?.toLowerCase());
  if (!cohort)
    throw new Problem(400, 'No such cohort', `No cohort is named ${a.cohort}`, [
      { field: 'cohort', message: `Choose one of: ${cohorts.map((c) => c.name).join(', ')}` },
    ]);
  let file: Buffer;
  try {
    file = readFileSync(a.file);
  } catch (e) {
    throw new Problem(400, 'Unreadable file', `Could not read ${a.file}`, [{ field: 'file', message: (e as Error).message }]);
  }
  const up = await svc.run(uploadImport, actor, { cohortId: cohort.id, filename: basename(a.file), file });
  const mapping = guessMapping(up.headers);
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !mapping[f]);
  if (missing.length) {
    await svc.run(cancelImport, actor, { id: up.id });
    throw new Problem(400, 'Columns not found', 'The file’s columns could not be matched', [
      { field: 'file', message: `No column for ${missing.map((f) => IMPORT_FIELD_LABELS[f].toLowerCase()).join(', ')} among: ${up.headers.join(', ')}` },
    ]);
  }
  await svc.run(startImport, actor, { id: up.id, mapping });
  await readImport((uc, input) => svc.run(uc, actor, input), up.id);
  const i = await svc.run(getImport, actor, { id: up.id });
  out(`${i.processed_rows} rows read: ${i.valid_rows} valid, ${i.error_rows} with errors.`);
  for (const e of i.errors as { line: number; field: string; message: string }[])
    out(`  row ${e.line}, ${mapping[e.field as keyof typeof mapping] ?? e.field}: ${e.message}`);
  if (i.status !== 'ready') return 1;
  if (!a.confirm) {
    await svc.run(cancelImport, actor, { id: up.id });
    out('Nothing kept: run again with --confirm to keep the valid rows.');
    return i.error_rows > 0 ? 1 : 0;
  }
  const done = await svc.run(confirmImport, actor, { id: up.id });
  out(
    `Imported into ${cohort.name}: ${done.addedCompletions} completions added, ${done.addedMembers} new members (completions already held are not added again).`,
  );
  return 0;
}
