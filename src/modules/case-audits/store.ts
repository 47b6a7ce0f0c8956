// SQL for case audit templates and their questions, rounds with their agencies and sampled cases, answers and
// findings; the cases that may be sampled; the tracker's actions a round made.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import '../actions/schema.ts';
import './schema.ts';

export const listTemplates = (db: Db, partnershipId: string) =>
  db
    .selectFrom('case_audit_template as t')
    .leftJoin('case_audit_question as q', (j) => j.onRef('q.partnership_id', '=', 't.partnership_id').onRef('q.template_id', '=', 't.id'))
    .select((eb) => ['t.id', 't.name', 't.theme', 't.created_at', eb.fn.count<string>('q.number').as('questions')])
    .where('t.partnership_id', '=', partnershipId)
    .groupBy(['t.id', 't.name', 't.theme', 't.created_at'])
    .orderBy('t.name')
    .execute();

export const templateById = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('case_audit_template').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export const templateNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('case_audit_template').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();

export const questionsOf = (db: Db, partnershipId: string, templateId: string) =>
  db
    .selectFrom('case_audit_question')
    .select(['number', 'text'])
    .where('partnership_id', '=', partnershipId)
    .where('template_id', '=', templateId)
    .orderBy('number')
    .execute();

export async function insertTemplate(db: Db, row: Insertable<DB['case_audit_template']>, questions: string[]) {
  await db.insertInto('case_audit_template').values(row).execute();
  await db
    .insertInto('case_audit_question')
    .values(questions.map((text, i) => ({ partnership_id: row.partnership_id, template_id: row.id, number: i + 1, text })))
    .execute();
}

/** Rounds, newest first, with their template's name and counts of cases, agencies, answers and findings. */
export const listRounds = (db: Db, partnershipId: string) =>
  db
    .selectFrom('case_audit_round as r')
    .innerJoin('case_audit_template as t', (j) => j.onRef('t.partnership_id', '=', 'r.partnership_id').onRef('t.id', '=', 'r.template_id'))
    .select((eb) => [
      'r.id',
      'r.name',
      'r.status',
      'r.period_from',
      'r.period_to',
      'r.created_at',
      't.id as template_id',
      't.name as template_name',
      eb
        .selectFrom('case_audit_case as c')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('c.partnership_id', '=', 'r.partnership_id')
        .whereRef('c.round_id', '=', 'r.id')
        .as('cases'),
      eb
        .selectFrom('case_audit_agency as g')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('g.partnership_id', '=', 'r.partnership_id')
        .whereRef('g.round_id', '=', 'r.id')
        .as('agencies'),
      eb
        .selectFrom('case_audit_question as q')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('q.partnership_id', '=', 'r.partnership_id')
        .whereRef('q.template_id', '=', 'r.template_id')
        .as('questions'),
      eb
        .selectFrom('case_audit_answer as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.partnership_id', '=', 'r.partnership_id')
        .whereRef('a.round_id', '=', 'r.id')
        .as('answers'),
      eb
        .selectFrom('case_audit_finding as f')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('f.partnership_id', '=', 'r.partnership_id')
        .whereRef('f.round_id', '=', 'r.id')
        .as('findings'),
    ])
    .where('r.partnership_id', '=', partnershipId)
    .orderBy('r.created_at', 'desc')
    .execute();

export const roundById = (db: Db, partnershipId: string, id: string, { forUpdate = false } = {}) => {
  const q = db.selectFrom('case_audit_round').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
};
export type RoundRow = NonNullable<Awaited<ReturnType<typeof roundById>>>;

export const roundNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('case_audit_round').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();

export async function insertRound(
  db: Db,
  row: Insertable<DB['case_audit_round']>,
  agencyIds: string[],
  cases: { id: string; number: number; caseId: string; personId: string }[],
) {
  await db.insertInto('case_audit_round').values(row).execute();
  const p = row.partnership_id;
  await db
    .insertInto('case_audit_agency')
    .values(agencyIds.map((agency_id) => ({ partnership_id: p, round_id: row.id, agency_id })))
    .execute();
  if (cases.length)
    await db
      .insertInto('case_audit_case')
      .values(cases.map((c) => ({ partnership_id: p, id: c.id, round_id: row.id, number: c.number, case_id: c.caseId, person_id: c.personId })))
      .execute();
}

export const completeRound = (db: Db, partnershipId: string, id: string, at: Date) =>
  db.updateTable('case_audit_round').set({ status: 'completed', completed_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();

/** Every case of the partnership with what the sampling rule looks at (opened, closed, risk level, category). */
export const samplingCandidates = (db: Db, partnershipId: string) =>
  db
    .selectFrom('exploitation_case')
    .select(['id', 'person_id', 'risk_level', 'category', 'opened_at', 'closed_at'])
    .where('partnership_id', '=', partnershipId)
    .execute();

/** The round's agencies (name order), active or not. */
export const agenciesOf = (db: Db, partnershipId: string, roundId: string) =>
  db
    .selectFrom('case_audit_agency as g')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'g.partnership_id').onRef('a.id', '=', 'g.agency_id'))
    .select(['a.id', 'a.name'])
    .where('g.partnership_id', '=', partnershipId)
    .where('g.round_id', '=', roundId)
    .orderBy('a.name')
    .execute();

export const activeAgencies = (db: Db, partnershipId: string) =>
  db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('active', '=', true).orderBy('name').execute();

/** The sampled cases with the child's name, the case's risk level, category and status (person-level). */
export const casesOf = (db: Db, partnershipId: string, roundId: string) =>
  db
    .selectFrom('case_audit_case as s')
    .innerJoin('exploitation_case as c', (j) => j.onRef('c.partnership_id', '=', 's.partnership_id').onRef('c.id', '=', 's.case_id'))
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 's.partnership_id').onRef('p.id', '=', 's.person_id'))
    .select(['s.id', 's.number', 's.case_id', 's.person_id', 'p.given_name', 'p.family_name', 'c.risk_level', 'c.category', 'c.status'])
    .where('s.partnership_id', '=', partnershipId)
    .where('s.round_id', '=', roundId)
    .orderBy('s.number')
    .execute();
export type SampledRow = Awaited<ReturnType<typeof casesOf>>[number];

/** How many cases a round sampled (the report: numbers only, no child). */
export const caseNumbersOf = (db: Db, partnershipId: string, roundId: string) =>
  db
    .selectFrom('case_audit_case')
    .select(['id', 'number'])
    .where('partnership_id', '=', partnershipId)
    .where('round_id', '=', roundId)
    .orderBy('number')
    .execute();

export const answersOf = (db: Db, partnershipId: string, roundId: string) =>
  db
    .selectFrom('case_audit_answer as a')
    .innerJoin('case_audit_case as s', (j) => j.onRef('s.partnership_id', '=', 'a.partnership_id').onRef('s.id', '=', 'a.audit_case_id'))
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'a.partnership_id').onRef('u.id', '=', 'a.answered_by'))
    .select(['s.number as case_number', 'a.agency_id', 'a.question_number', 'a.grade', 'a.comment', 'a.answered_at', 'u.name as answered_by_name'])
    .where('a.partnership_id', '=', partnershipId)
    .where('a.round_id', '=', roundId)
    .orderBy('s.number')
    .orderBy('a.question_number')
    .execute();
export type AnswerRow = Awaited<ReturnType<typeof answersOf>>[number];

/** Writes an agency's answers for a case: an answer given again replaces the earlier one. */
export async function upsertAnswers(db: Db, rows: Insertable<DB['case_audit_answer']>[]) {
  if (!rows.length) return;
  await db
    .insertInto('case_audit_answer')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['partnership_id', 'audit_case_id', 'agency_id', 'question_number']).doUpdateSet((eb) => ({
        grade: eb.ref('excluded.grade'),
        comment: eb.ref('excluded.comment'),
        answered_by: eb.ref('excluded.answered_by'),
        answered_at: eb.ref('excluded.answered_at'),
      })),
    )
    .execute();
}

export const findingsOf = (db: Db, partnershipId: string, roundId: string) =>
  db
    .selectFrom('case_audit_finding')
    .select(['id', 'number', 'text', 'created_at'])
    .where('partnership_id', '=', partnershipId)
    .where('round_id', '=', roundId)
    .orderBy('number')
    .execute();

export async function insertFinding(db: Db, row: Omit<Insertable<DB['case_audit_finding']>, 'number'>) {
  const last = await db
    .selectFrom('case_audit_finding')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('partnership_id', '=', row.partnership_id)
    .where('round_id', '=', row.round_id)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  await db
    .insertInto('case_audit_finding')
    .values({ ...row, number })
    .execute();
  return number;
}

/** The tracker's actions that came from the round or its findings (source 'case_audit'). */
export function actionsOf(db: Db, partnershipId: string, sourceIds: string[]) {
  return db
    .selectFrom('triage_action as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .select(['t.id', 't.source_id', 't.person_id', 't.description', 't.status', 't.due_date', 'a.name as owner_agency_name'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.source_kind', '=', 'case_audit')
    .where('t.source_id', 'in', sourceIds)
    .orderBy('t.due_date')
    .orderBy('t.id')
    .execute();
}
