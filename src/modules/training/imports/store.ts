// Imports of completions: the uploaded file, its progress and errors, its valid rows (staged until confirmed), and
// confirming them into members and completions with set-based SQL (a file of 100,000 rows is a few statements).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';
import type { ImportRow, RowError } from '../domain.ts';

/** Errors kept per import: enough to fix a file, not so many that a wrong mapping fills the database. */
export const MAX_ERRORS_KEPT = 1000;

export async function insertImport(
  db: Db,
  partnershipId: string,
  i: { cohortId: string; filename: string; format: string; file: Uint8Array; headers: string[]; createdBy: string | null },
) {
  const id = randomUUID();
  await db
    .insertInto('training_import')
    .values({
      partnership_id: partnershipId,
      id,
      cohort_id: i.cohortId,
      filename: i.filename,
      format: i.format,
      file: Buffer.from(i.file),
      headers: JSON.stringify(i.headers),
      status: 'uploaded',
      created_by: i.createdBy,
    })
    .execute();
  return id;
}

const columns = [
  'i.id',
  'i.cohort_id',
  'h.name as cohort_name',
  'i.filename',
  'i.format',
  'i.headers',
  'i.mapping',
  'i.status',
  'i.total_rows',
  'i.processed_rows',
  'i.progress_pct',
  'i.valid_rows',
  'i.error_rows',
  'i.errors',
  'i.failure',
  'i.added_completions',
  'i.added_members',
  'i.created_at',
  'i.confirmed_at',
] as const;

export const findImport = (db: Db, partnershipId: string, id: string) =>
  db
    .selectFrom('training_import as i')
    .innerJoin('training_cohort as h', (j) => j.onRef('h.partnership_id', '=', 'i.partnership_id').onRef('h.id', '=', 'i.cohort_id'))
    .select(columns)
    .where('i.partnership_id', '=', partnershipId)
    .where('i.id', '=', id)
    .executeTakeFirst();
export type ImportRecord = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export const recentImports = (db: Db, partnershipId: string, limit = 10) =>
  db
    .selectFrom('training_import as i')
    .innerJoin('training_cohort as h', (j) => j.onRef('h.partnership_id', '=', 'i.partnership_id').onRef('h.id', '=', 'i.cohort_id'))
    .select(columns)
    .where('i.partnership_id', '=', partnershipId)
    .orderBy('i.created_at', 'desc')
    .limit(limit)
    .execute();

export async function importFile(db: Db, partnershipId: string, id: string) {
  const r = await db
    .selectFrom('training_import')
    .select(['file', 'format'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.file ? { file: r.file, format: r.format } : null;
}

/** Starts reading with this mapping, unless another request already started it (a double submission). */
export async function startReading(db: Db, partnershipId: string, id: string, mapping: Record<string, string>) {
  const r = await db
    .updateTable('training_import')
    .set({ status: 'reading', mapping: JSON.stringify(mapping), processed_rows: 0, valid_rows: 0, error_rows: 0, errors: '[]' })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('status', '=', 'uploaded')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A chunk of read rows: valid ones staged, errors appended (up to MAX_ERRORS_KEPT), progress moved on. */
export async function stageChunk(
  db: Db,
  partnershipId: string,
  id: string,
  chunk: { rows: ImportRow[]; errors: RowError[]; processed: number; percent: number; total?: number; done: boolean; failure?: string },
) {
  for (let i = 0; i < chunk.rows.length; i += 2000) {
    await db
      .insertInto('training_import_row')
      .values(
        chunk.rows.slice(i, i + 2000).map((r) => ({
          partnership_id: partnershipId,
          import_id: id,
          line: r.line,
          reference: r.reference,
          name: r.name,
          org_name: r.orgName,
          email: r.email,
          completed_on: r.completedOn,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const errorLines = new Set(chunk.errors.map((e) => e.line)).size;
  await sql`update training_import set
      processed_rows = ${chunk.processed}::integer,
      progress_pct = ${chunk.percent}::integer,
      total_rows = coalesce(${chunk.total ?? null}::integer, total_rows),
      valid_rows = valid_rows + ${chunk.rows.length}::integer,
      error_rows = error_rows + ${errorLines}::integer,
      errors = case when jsonb_array_length(errors) >= ${MAX_ERRORS_KEPT}::integer then errors
        else errors || (select coalesce(jsonb_agg(e), '[]'::jsonb) from (select e from jsonb_array_elements(${JSON.stringify(chunk.errors)}::jsonb) e limit ${MAX_ERRORS_KEPT}::integer - jsonb_array_length(errors)) x) end,
      status = case when ${chunk.failure ?? null}::text is not null then 'failed' when ${chunk.done} then 'ready' else status end,
      failure = ${chunk.failure ?? null}::text
    where partnership_id = ${partnershipId} and id = ${id} and status = 'reading'`.execute(db);
}

/**
 * Confirms an import once: organisations named for the first time are added, members upserted by reference (the
 * file's latest name, organisation and e-mail for each), and completions added unless already held.
 */
export async function confirm(db: Db, partnershipId: string, id: string, courseId: string, cohortId: string, by: string | null, joinedOn: string) {
  const claimed = await db
    .updateTable('training_import')
    .set({ status: 'confirmed', confirmed_at: new Date() })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('status', '=', 'ready')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return null;
  await sql`insert into training_org (partnership_id, id, name, kind)
    select distinct on (lower(org_name)) ${partnershipId}::uuid, gen_random_uuid(), org_name, 'other'
    from training_import_row where partnership_id = ${partnershipId} and import_id = ${id} and org_name is not null
    order by lower(org_name), line
    on conflict do nothing`.execute(db);
  const members = await sql`insert into training_member (partnership_id, id, cohort_id, reference, name, org_id, email, joined_on)
    select distinct on (lower(r.reference)) ${partnershipId}::uuid, gen_random_uuid(), ${cohortId}::uuid, r.reference, r.name, o.id, r.email,
      least(${joinedOn}::date, min(r.completed_on) over (partition by lower(r.reference)))
    from training_import_row r
    left join training_org o on o.partnership_id = r.partnership_id and lower(o.name) = lower(r.org_name)
    where r.partnership_id = ${partnershipId} and r.import_id = ${id}
    order by lower(r.reference), r.line desc
    on conflict (partnership_id, cohort_id, lower(reference)) do update set
      name = excluded.name, org_id = coalesce(excluded.org_id, training_member.org_id), email = coalesce(excluded.email, training_member.email)
    returning (xmax = 0) as inserted`.execute(db);
  const addedMembers = (members.rows as { inserted: boolean }[]).filter((r) => r.inserted).length;
  const completions = await sql`insert into training_completion (partnership_id, id, member_id, course_id, completed_on, source, import_id, recorded_by)
    select distinct ${partnershipId}::uuid, gen_random_uuid(), m.id, ${courseId}::uuid, r.completed_on, 'import', ${id}::uuid, ${by}::uuid
    from (select distinct lower(reference) as ref, completed_on from training_import_row where partnership_id = ${partnershipId} and import_id = ${id}) r
    join training_member m on m.partnership_id = ${partnershipId} and m.cohort_id = ${cohortId} and lower(m.reference) = r.ref
    on conflict (partnership_id, member_id, course_id, completed_on) do nothing`.execute(db);
  const addedCompletions = Number(completions.numAffectedRows ?? 0);
  await db.deleteFrom('training_import_row').where('partnership_id', '=', partnershipId).where('import_id', '=', id).execute();
  await db
    .updateTable('training_import')
    .set({ file: null, added_completions: addedCompletions, added_members: addedMembers })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
  return { addedCompletions, addedMembers };
}

export async function cancel(db: Db, partnershipId: string, id: string) {
  const r = await db
    .updateTable('training_import')
    .set({ status: 'cancelled', file: null })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('status', 'in', ['uploaded', 'ready', 'failed'])
    .executeTakeFirst();
  await db.deleteFrom('training_import_row').where('partnership_id', '=', partnershipId).where('import_id', '=', id).execute();
  return Number(r.numUpdatedRows) > 0;
}
