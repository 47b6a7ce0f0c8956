// SQL for contexts: the context row beside its intelligence entity, assessments with ratings, linked children,
// surveys, reviews, and what other modules hold about the context (meetings, tracker actions, disruption).
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import '../meetings/schema.ts';
import './schema.ts';

export const entityById = (db: Db, partnershipId: string, id: string) =>
  db
    .selectFrom('intel_entity')
    .select(['id', 'kind', 'label', 'ward', 'location_type', 'organisation_type', 'x', 'y'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();

/** An intelligence place or group by its name (the demo opens its own places as contexts). */
export const entityByLabel = (db: Db, partnershipId: string, label: string) =>
  db.selectFrom('intel_entity').select(['id', 'ward']).where('partnership_id', '=', partnershipId).where('label', '=', label).executeTakeFirst();

export const insertEntity = (db: Db, row: Insertable<DB['intel_entity']>) => db.insertInto('intel_entity').values(row).execute();
export const insertContext = (db: Db, row: Insertable<DB['context']>) => db.insertInto('context').values(row).execute();

export const contextById = (db: Db, partnershipId: string, id: string, forUpdate = false) => {
  const q = db.selectFrom('context').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
};

export function listContexts(db: Db, partnershipId: string, f: { kind?: string; ward?: string }) {
  let q = db
    .selectFrom('context as c')
    .select((eb) => [
      'c.id',
      'c.kind',
      'c.name',
      'c.ward',
      'c.status',
      'c.opened_at',
      'c.review_on',
      eb
        .selectFrom('context_person as p')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('p.partnership_id', '=', 'c.partnership_id')
        .whereRef('p.context_id', '=', 'c.id')
        .as('children'),
    ])
    .where('c.partnership_id', '=', partnershipId);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.ward) q = q.where(sql<boolean>`lower(c.ward) = lower(${f.ward})`);
  return q.orderBy('c.name').execute();
}

export const wards = (db: Db, partnershipId: string) =>
  db.selectFrom('context').select('ward').distinct().where('partnership_id', '=', partnershipId).where('ward', 'is not', null).orderBy('ward').execute();

export const ownAreas = (db: Db, partnershipId: string, kind: string) =>
  db
    .selectFrom('context_assessment_area')
    .select(['code', 'label', 'active'])
    .where('partnership_id', '=', partnershipId)
    .where('context_kind', '=', kind)
    .execute();

export async function insertAssessment(db: Db, row: Insertable<DB['context_assessment']>, ratings: Insertable<DB['context_assessment_rating']>[]) {
  await db.insertInto('context_assessment').values(row).execute();
  if (ratings.length) await db.insertInto('context_assessment_rating').values(ratings).execute();
}

export const assessmentsOf = (db: Db, partnershipId: string, contextId: string) =>
  db
    .selectFrom('context_assessment as a')
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'a.partnership_id').onRef('u.id', '=', 'a.assessed_by'))
    .select(['a.id', 'a.assessed_on', 'a.summary', 'a.created_at', 'u.name as by'])
    .where('a.partnership_id', '=', partnershipId)
    .where('a.context_id', '=', contextId)
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.created_at', 'desc')
    .execute();

export const ratingsOf = (db: Db, partnershipId: string, ids: string[]) =>
  ids.length
    ? db.selectFrom('context_assessment_rating').selectAll().where('partnership_id', '=', partnershipId).where('assessment_id', 'in', ids).execute()
    : Promise.resolve([]);

export const childLink = (db: Db, partnershipId: string, contextId: string, personId: string) =>
  db
    .selectFrom('context_person')
    .select('person_id')
    .where('partnership_id', '=', partnershipId)
    .where('context_id', '=', contextId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

export const insertChild = (db: Db, row: Insertable<DB['context_person']>) => db.insertInto('context_person').values(row).execute();

export const personById = (db: Db, partnershipId: string, id: string) =>
  db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();

export const childrenOf = (db: Db, partnershipId: string, contextId: string) =>
  db
    .selectFrom('context_person as l')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'l.partnership_id').onRef('p.id', '=', 'l.person_id'))
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'l.role', 'l.reason', 'l.linked_at'])
    .where('l.partnership_id', '=', partnershipId)
    .where('l.context_id', '=', contextId)
    .orderBy('l.linked_at')
    .execute();

export const contextsOfPerson = (db: Db, partnershipId: string, personId: string) =>
  db
    .selectFrom('context_person as l')
    .innerJoin('context as c', (j) => j.onRef('c.partnership_id', '=', 'l.partnership_id').onRef('c.id', '=', 'l.context_id'))
    .select(['c.id', 'c.name', 'c.kind', 'c.ward', 'c.status', 'l.role', 'l.reason', 'l.linked_at'])
    .where('l.partnership_id', '=', partnershipId)
    .where('l.person_id', '=', personId)
    .orderBy('c.name')
    .execute();

export const insertSurvey = (db: Db, row: Insertable<DB['context_survey']>) => db.insertInto('context_survey').values(row).execute();
export const surveysOf = (db: Db, partnershipId: string, contextId: string) =>
  db
    .selectFrom('context_survey')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('context_id', '=', contextId)
    .orderBy('surveyed_on', 'desc')
    .execute();

export const insertReview = (db: Db, row: Insertable<DB['context_review']>) => db.insertInto('context_review').values(row).execute();
export const reviewsOf = (db: Db, partnershipId: string, contextId: string) =>
  db
    .selectFrom('context_review')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('context_id', '=', contextId)
    .orderBy('reviewed_on', 'desc')
    .execute();

export const setStatus = (db: Db, partnershipId: string, id: string, status: string, reviewOn: string | null) =>
  db.updateTable('context').set({ status, review_on: reviewOn }).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();

export const meetingsAbout = (db: Db, partnershipId: string, entityId: string) =>
  db
    .selectFrom('meeting')
    .select(['id', 'title', 'type_code', 'starts_at', 'created_at'])
    .where('partnership_id', '=', partnershipId)
    .where('entity_id', '=', entityId)
    .orderBy('starts_at')
    .execute();

/** Marks a tracker action (just created by the actions module, in this transaction) as about the context. */
export const tagAction = (db: Db, partnershipId: string, actionId: string, contextId: string) =>
  sql`update triage_action set context_id = ${contextId} where partnership_id = ${partnershipId} and id = ${actionId}`.execute(db);

export async function actionsAbout(db: Db, partnershipId: string, contextId: string) {
  const r = await sql<{ id: string; description: string; status: string; due_date: string; created_at: Date; owner_agency_name: string }>`
    select t.id, t.description, t.status, t.due_date::text as due_date, t.created_at, a.name as owner_agency_name
    from triage_action t join agency a on a.partnership_id = t.partnership_id and a.id = t.owner_agency_id
    where t.partnership_id = ${partnershipId} and t.context_id = ${contextId} order by t.due_date`.execute(db);
  return r.rows;
}

export const disruptionAgainst = (db: Db, partnershipId: string, entityId: string) =>
  db
    .selectFrom('disruption_activity as d')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'd.partnership_id').onRef('a.id', '=', 'd.owner_agency_id'))
    // The partnership's own name for the tactic, when it renamed one (else the view uses the default label).
    .leftJoin('disruption_tactic as t', (j) => j.onRef('t.partnership_id', '=', 'd.partnership_id').onRef('t.code', '=', 'd.tactic'))
    .select(['d.id', 'd.tactic', 't.label as tactic_label', 'd.status', 'd.outcome', 'd.started_on', 'd.created_at', 'a.name as owner_agency_name'])
    .where('d.partnership_id', '=', partnershipId)
    .where('d.target_entity_id', '=', entityId)
    .orderBy('d.started_on')
    .execute();

/** Contexts counted by kind and ward (a ward left empty counted as "Ward not recorded"). */
export const countsByKindAndWard = (db: Db, partnershipId: string) =>
  db
    .selectFrom('context')
    .select((eb) => ['kind', 'ward', eb.fn.countAll<string>().as('n')])
    .where('partnership_id', '=', partnershipId)
    .groupBy(['kind', 'ward'])
    .execute();
