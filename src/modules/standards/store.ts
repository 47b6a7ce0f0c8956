// SQL for standards frameworks, their numbered standards, self-assessments and the evidence links of each.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import '../actions/schema.ts';
import './schema.ts';

export function frameworks(db: Db, partnershipId: string, id?: string) {
  let q = db.selectFrom('standards_framework').selectAll().where('partnership_id', '=', partnershipId);
  if (id) q = q.where('id', '=', id);
  return q.orderBy('name').execute();
}
export type FrameworkRow = Awaited<ReturnType<typeof frameworks>>[number];

export const frameworkNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('standards_framework').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();

export const insertFramework = (db: Db, row: Insertable<DB['standards_framework']>) => db.insertInto('standards_framework').values(row).execute();

export async function insertStandards(db: Db, rows: Insertable<DB['standard']>[]) {
  if (rows.length) await db.insertInto('standard').values(rows).execute();
}

export function updateStandard(db: Db, partnershipId: string, id: string, set: { title: string; description: string | null }) {
  return db.updateTable('standard').set(set).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}

export function standardsOf(db: Db, partnershipId: string, frameworkIds: string[]) {
  if (!frameworkIds.length) return Promise.resolve([]);
  return db
    .selectFrom('standard')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('framework_id', 'in', frameworkIds)
    .orderBy('framework_id')
    .orderBy('number')
    .execute();
}
export type StandardRow = Awaited<ReturnType<typeof standardsOf>>[number];

/** Every self-assessment of the frameworks' standards, oldest first (by quarter, then day, then when recorded). */
export function assessmentsOf(db: Db, partnershipId: string, standardIds: string[]) {
  if (!standardIds.length) return Promise.resolve([]);
  return db
    .selectFrom('standard_assessment')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('standard_id', 'in', standardIds)
    .orderBy('quarter_starts_on')
    .orderBy('assessed_on')
    .orderBy('created_at')
    .execute();
}
export type AssessmentRow = Awaited<ReturnType<typeof assessmentsOf>>[number];

export const insertAssessment = (db: Db, row: Insertable<DB['standard_assessment']>) => db.insertInto('standard_assessment').values(row).execute();

export async function insertLinks(db: Db, rows: Insertable<DB['standard_evidence_link']>[]) {
  if (rows.length) await db.insertInto('standard_evidence_link').values(rows).execute();
}

export function linksOf(db: Db, partnershipId: string, assessmentIds: string[]) {
  if (!assessmentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('standard_evidence_link')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('assessment_id', 'in', assessmentIds)
    .orderBy('assessment_id')
    .orderBy('position')
    .execute();
}

/** Actions in the tracker that self-assessments spawned, by assessment. */
export function actionsFor(db: Db, partnershipId: string, assessmentIds: string[]) {
  if (!assessmentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('triage_action as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .select(['t.id', 't.source_id', 't.description', 't.status', 't.due_date', 'a.name as owner_agency_name'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.source_kind', '=', 'standard')
    .where('t.source_id', 'in', assessmentIds)
    .orderBy('t.due_date')
    .execute();
}
