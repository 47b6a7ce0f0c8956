// Importing completions from a spreadsheet: upload (headers read), column mapping, reading in chunks with progress
// (the job in imports/job.ts), row errors by line, then confirm (valid rows kept) or cancel. The natural key of a
// completion (member, course, day) makes importing the same file twice add nothing.
import { auditActor } from '../../../platform/access/actor.ts';
import { notFound, Problem, ValidationProblem } from '../../../platform/http/problems.ts';
import { ukDate } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { IMPORT_FIELD_LABELS, type ImportRow, REQUIRED_IMPORT_FIELDS, type RowError } from '../domain.ts';
import { formatOf, readHeaders } from '../imports/read.ts';
import * as imports from '../imports/store.ts';
import { IdInput, ImportUpload, StageRowsInput, StartImportInput } from '../schemas.ts';
import * as store from '../store.ts';

/** The largest file accepted: about 400,000 rows of CSV. */
export const IMPORT_MAX_BYTES = 40 * 1024 * 1024;

async function found(db: Parameters<typeof imports.findImport>[0], partnershipId: string, id: string) {
  const row = await imports.findImport(db, partnershipId, id);
  if (!row) throw notFound('The import');
  return row;
}

export const uploadImport = useCase({
  name: 'training.uploadImport',
  permission: ['training', 'manage'],
  input: ImportUpload,
  async run({ db, actor }, u) {
    const file = u.file instanceof Uint8Array ? u.file : null;
    if (!(await store.findCohort(db, actor.partnershipId, { id: u.cohortId })))
      throw new ValidationProblem([{ field: 'cohortId', message: 'Choose the cohort' }]);
    if (!file || file.length === 0) throw new ValidationProblem([{ field: 'file', message: 'Choose a CSV or XLSX file of completions' }]);
    if (file.length > IMPORT_MAX_BYTES)
      throw new ValidationProblem([{ field: 'file', message: `The file must be smaller than ${IMPORT_MAX_BYTES / 1024 / 1024} MB` }]);
    const format = formatOf(u.filename, file);
    if (!format) throw new ValidationProblem([{ field: 'file', message: 'The file must be a CSV or an XLSX spreadsheet' }]);
    let headers: string[] | null;
    try {
      headers = await readHeaders(file, format);
    } catch {
      throw new ValidationProblem([{ field: 'file', message: `The file could not be read as ${format.toUpperCase()}` }]);
    }
    if (!headers || headers.length === 0) throw new ValidationProblem([{ field: 'file', message: 'The file is empty: its first row must name the columns' }]);
    const id = await imports.insertImport(db, actor.partnershipId, {
      cohortId: u.cohortId,
      filename: u.filename.slice(0, 255) || `completions.${format}`,
      format,
      file,
      headers,
      createdBy: auditActor(actor).id,
    });
    return { id, format, headers };
  },
  audit: {
    change: 'training_import.uploaded',
    subject: (i, u) => ({ type: 'training_import', id: i.id, details: { cohortId: u.cohortId, format: i.format, bytes: u.file.length } }),
  },
});

/** The import as its pages show it: progress, counts, and the errors by line. */
export const getImport = useCase({
  name: 'training.getImport',
  permission: ['training', 'manage'],
  input: IdInput,
  run: ({ db, actor }, { id }) => found(db, actor.partnershipId, id),
  audit: { read: 'training_import.viewed', subject: (i) => ({ type: 'training_import', id: i.id, details: { errors: i.error_rows } }) },
});

/** Progress only (polled by the progress bar): no rows, no names. */
export const importProgress = useCase({
  name: 'training.importProgress',
  permission: ['training', 'manage'],
  input: IdInput,
  noTransaction: true,
  async run({ db, actor }, { id }) {
    const i = await found(db, actor.partnershipId, id);
    return {
      id: i.id,
      status: i.status,
      percent: i.status === 'reading' ? i.progress_pct : 100,
      processed: i.processed_rows,
      valid: i.valid_rows,
      errors: i.error_rows,
    };
  },
  audit: { none: 'counts of rows read, no one named' },
});

/** Sets the column mapping and starts reading (once: a second submission of the mapping changes nothing). */
export const startImport = useCase({
  name: 'training.startImport',
  permission: ['training', 'manage'],
  input: StartImportInput,
  async run({ db, actor }, { id, mapping }) {
    const i = await found(db, actor.partnershipId, id);
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
    const errors = [
      ...REQUIRED_IMPORT_FIELDS.filter((f) => !chosen[f]).map((f) => ({
        field: `mapping.${f}`,
        message: `Choose the column that holds the ${IMPORT_FIELD_LABELS[f].toLowerCase()}`,
      })),
      ...Object.entries(chosen)
        .filter(([, v]) => !i.headers.includes(v))
        .map(([f]) => ({ field: `mapping.${f}`, message: 'Choose one of the file’s columns' })),
    ];
    if (errors.length) throw new ValidationProblem(errors);
    const started = i.status === 'uploaded' ? await imports.startReading(db, actor.partnershipId, id, chosen) : false;
    return { id, started, mapping: chosen };
  },
  audit: { change: 'training_import.started', subject: (r) => (r.started ? { type: 'training_import', id: r.id, details: { mapping: r.mapping } } : null) },
});

/** The file and mapping for the reading job. */
export const importSource = useCase({
  name: 'training.importSource',
  permission: ['training', 'manage'],
  input: IdInput,
  async run({ db, actor }, { id }) {
    const i = await found(db, actor.partnershipId, id);
    const source = await imports.importFile(db, actor.partnershipId, id);
    if (!source || i.status !== 'reading' || !i.mapping) throw new Problem(409, 'Conflict', 'The import is not waiting to be read');
    return { id, file: source.file as Uint8Array, format: source.format as 'csv' | 'xlsx', mapping: i.mapping };
  },
  audit: { read: 'training_import.file_read', subject: (s) => ({ type: 'training_import', id: s.id }) },
});

/** A chunk of rows read by the job: valid rows staged (not yet kept), errors recorded by line. */
export const stageImportRows = useCase({
  name: 'training.stageImportRows',
  permission: ['training', 'manage'],
  input: StageRowsInput,
  async run({ db, actor }, c) {
    await imports.stageChunk(db, actor.partnershipId, c.id, {
      rows: c.rows as ImportRow[],
      errors: c.errors as RowError[],
      processed: c.processed,
      percent: c.percent,
      total: c.total,
      done: c.done,
      failure: c.failure,
    });
    return { id: c.id, done: c.done, failure: c.failure ?? null };
  },
  // Each chunk is not an event; reading finishing is.
  audit: {
    change: 'training_import.read',
    subject: (r) => (r.done || r.failure ? { type: 'training_import', id: r.id, details: { failure: r.failure } } : null),
  },
});

/** Keeps the valid rows: members added or updated by reference, completions added unless already held. */
export const confirmImport = useCase({
  name: 'training.confirmImport',
  permission: ['training', 'manage'],
  input: IdInput,
  async run({ db, actor, now }, { id }) {
    const i = await found(db, actor.partnershipId, id);
    if (i.status === 'confirmed')
      return { id, cohortId: i.cohort_id, addedCompletions: i.added_completions ?? 0, addedMembers: i.added_members ?? 0, replay: true };
    if (i.status !== 'ready') throw new Problem(409, 'Conflict', 'The import is not ready to confirm');
    const cohort = await store.findCohort(db, actor.partnershipId, { id: i.cohort_id });
    if (!cohort) throw notFound('The cohort');
    const r = await imports.confirm(db, actor.partnershipId, id, cohort.course_id, cohort.id, auditActor(actor).id, ukDate(now));
    if (!r) throw new Problem(409, 'Conflict', 'The import is not ready to confirm');
    return { id, cohortId: cohort.id, ...r, replay: false };
  },
  audit: {
    change: 'training_import.confirmed',
    subject: (r) =>
      r.replay
        ? null
        : { type: 'training_import', id: r.id, details: { cohortId: r.cohortId, addedCompletions: r.addedCompletions, addedMembers: r.addedMembers } },
  },
});

export const cancelImport = useCase({
  name: 'training.cancelImport',
  permission: ['training', 'manage'],
  input: IdInput,
  async run({ db, actor }, { id }) {
    await found(db, actor.partnershipId, id);
    return { id, cancelled: await imports.cancel(db, actor.partnershipId, id) };
  },
  audit: { change: 'training_import.cancelled', subject: (r) => (r.cancelled ? { type: 'training_import', id: r.id } : null) },
});

export const recentImports = useCase({
  name: 'training.recentImports',
  permission: ['training', 'manage'],
  input: undefined,
  run: ({ db, actor }) => imports.recentImports(db, actor.partnershipId),
  audit: { none: 'file names and counts of imports' },
});
