// SQL for reviews, their recommendations and each recommendation's progress updates.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import '../actions/schema.ts';
import './schema.ts';

export function listReviews(db: Db, partnershipId: string) {
  return db
    .selectFrom('review as v')
    .leftJoin('recommendation as r', (j) => j.onRef('r.partnership_id', '=', 'v.partnership_id').onRef('r.review_id', '=', 'v.id'))
    .select((eb) => [
      'v.id',
      'v.name',
      'v.kind',
      'v.created_at',
      eb.fn.count<string>('r.id').as('recommendations'),
      eb.fn.count<string>('r.id').filterWhere('r.status', '=', 'completed').as('completed'),
      eb.fn.count<string>('r.id').filterWhere('r.status', '=', 'outstanding').as('outstanding'),
    ])
    .where('v.partnership_id', '=', partnershipId)
    .groupBy(['v.id', 'v.name', 'v.kind', 'v.created_at'])
    .orderBy('v.created_at', 'desc')
    .execute();
}

export const reviewById = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('review').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export const reviewNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('review').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();

export const insertReview = (db: Db, row: Insertable<DB['review']>) => db.insertInto('review').values(row).execute();

export async function insertRecommendations(db: Db, rows: Insertable<DB['recommendation']>[]) {
  if (rows.length) await db.insertInto('recommendation').values(rows).execute();
}

export async function insertProgress(db: Db, rows: Insertable<DB['recommendation_progress']>[]) {
  if (rows.length) await db.insertInto('recommendation_progress').values(rows).execute();
}

export const recommendationsOf = (db: Db, partnershipId: string, reviewId: string) =>
  db
    .selectFrom('recommendation as r')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'r.partnership_id').onRef('u.id', '=', 'r.lead_user_id'))
    .selectAll('r')
    .select('u.name as lead_user_name')
    .where('r.partnership_id', '=', partnershipId)
    .where('r.review_id', '=', reviewId)
    .orderBy('r.number')
    .execute();

export type RecommendationRow = Awaited<ReturnType<typeof recommendationsOf>>[number];

export function recommendationByNumber(db: Db, partnershipId: string, reviewId: string, number: number, { forUpdate = false } = {}) {
  const q = db
    .selectFrom('recommendation')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('review_id', '=', reviewId)
    .where('number', '=', number);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function progressOf(db: Db, partnershipId: string, recommendationIds: string[]) {
  if (!recommendationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('recommendation_progress')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('recommendation_id', 'in', recommendationIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type ProgressRow = Awaited<ReturnType<typeof progressOf>>[number];

export function updateRecommendation(
  db: Db,
  partnershipId: string,
  id: string,
  set: Partial<
    Pick<
      DB['recommendation'],
      'rag' | 'signed_off_by' | 'signed_off_name' | 'signed_off_role' | 'next_update_due' | 'lead_user_id' | 'lead_officer' | 'lead_organisation'
    >
  > & {
    status?: string;
    signed_off_at?: Date | null;
  },
) {
  return db.updateTable('recommendation').set(set).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();
}

export function requestsOf(db: Db, partnershipId: string, recommendationIds: string[]) {
  if (!recommendationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('recommendation_update_request')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('recommendation_id', 'in', recommendationIds)
    .orderBy('requested_on')
    .orderBy('created_at')
    .execute();
}
export type RequestRow = Awaited<ReturnType<typeof requestsOf>>[number];

export const insertRequest = (db: Db, row: Insertable<DB['recommendation_update_request']>) =>
  db.insertInto('recommendation_update_request').values(row).execute();

/** Marks a request received by a progress update; false when it is not the recommendation's or already received. */
export async function receiveRequest(db: Db, partnershipId: string, recommendationId: string, requestId: string, progressId: string, on: string) {
  const r = await db
    .updateTable('recommendation_update_request')
    .set({ received_progress_id: progressId, received_on: on })
    .where('partnership_id', '=', partnershipId)
    .where('recommendation_id', '=', recommendationId)
    .where('id', '=', requestId)
    .where('received_progress_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Actions in the tracker that a review's recommendations spawned, by recommendation. */
export function actionsFor(db: Db, partnershipId: string, recommendationIds: string[]) {
  if (!recommendationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('triage_action as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .select(['t.id', 't.source_id', 't.description', 't.status', 't.due_date', 'a.name as owner_agency_name'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.source_kind', '=', 'recommendation')
    .where('t.source_id', 'in', recommendationIds)
    .orderBy('t.due_date')
    .execute();
}

/** Evidence of the recommendations, without the documents' bytes. */
export function evidenceOf(db: Db, partnershipId: string, recommendationIds: string[]) {
  if (!recommendationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('recommendation_evidence')
    .select(['id', 'recommendation_id', 'kind', 'title', 'report_kind', 'period_from', 'period_to', 'file_name', 'content_type', 'added_by_name', 'added_at'])
    .select((eb) => eb.fn<number>('octet_length', ['content']).as('size'))
    .where('partnership_id', '=', partnershipId)
    .where('recommendation_id', 'in', recommendationIds)
    .orderBy('added_at')
    .orderBy('id')
    .execute();
}
export type EvidenceRow = Awaited<ReturnType<typeof evidenceOf>>[number];

export const insertEvidence = (db: Db, row: Insertable<DB['recommendation_evidence']>) => db.insertInto('recommendation_evidence').values(row).execute();

export const evidenceDocument = (db: Db, partnershipId: string, recommendationId: string, id: string) =>
  db
    .selectFrom('recommendation_evidence')
    .select(['file_name', 'content_type', 'content'])
    .where('partnership_id', '=', partnershipId)
    .where('recommendation_id', '=', recommendationId)
    .where('id', '=', id)
    .where('kind', '=', 'document')
    .executeTakeFirst();

/** Active staff of the partnership: who may be named as a recommendation's lead in Jigsaw. */
export const activeUsers = (db: Db, partnershipId: string) =>
  db.selectFrom('app_user').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('active', '=', true).orderBy('name').execute();

/** Recommendations not completed whose next update is due by `until`, with their lead and the lead's manager. */
export const reminderCandidates = (db: Db, partnershipId: string, until: string) =>
  db
    .selectFrom('recommendation as r')
    .innerJoin('review as v', (j) => j.onRef('v.partnership_id', '=', 'r.partnership_id').onRef('v.id', '=', 'r.review_id'))
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'r.partnership_id').onRef('u.id', '=', 'r.lead_user_id'))
    .select(['r.id', 'r.review_id', 'r.number', 'r.status', 'r.next_update_due', 'r.lead_user_id', 'u.manager_user_id', 'v.name as review_name'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.status', '<>', 'completed')
    .where('r.next_update_due', 'is not', null)
    .where('r.next_update_due', '<=', until)
    .execute();

/** Claims one reminder (kind, due date) for a recommendation; false when it was already sent. */
export async function claimReminder(tx: Db, partnershipId: string, recommendationId: string, kind: string, dueOn: string, today: string) {
  const r = await tx
    .insertInto('recommendation_reminder')
    .values({ partnership_id: partnershipId, recommendation_id: recommendationId, kind, due_on: dueOn, sent_on: today })
    .onConflict((oc) => oc.doNothing())
    .returning('recommendation_id')
    .execute();
  return r.length > 0;
}

/** Sets the review's cadence; with a first due date, recommendations not completed and with none get it. How many. */
export async function setCadence(db: Db, partnershipId: string, reviewId: string, cadence: string | null, firstDue: string | null) {
  await db.updateTable('review').set({ update_cadence: cadence }).where('partnership_id', '=', partnershipId).where('id', '=', reviewId).execute();
  if (!firstDue) return 0;
  const r = await db
    .updateTable('recommendation')
    .set({ next_update_due: firstDue })
    .where('partnership_id', '=', partnershipId)
    .where('review_id', '=', reviewId)
    .where('status', '<>', 'completed')
    .where('next_update_due', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
