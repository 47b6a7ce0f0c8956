// SQL for the child's multi-agency plan: the plan (one per child), its goals and its reviews.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import '../actions/schema.ts';

export const planOf = (db: Db, partnershipId: string, personId: string) =>
  db.selectFrom('case_plan').selectAll().where('partnership_id', '=', partnershipId).where('person_id', '=', personId).executeTakeFirst();

/** The child's plan, made on first use; two people adding the first goal at once share one plan. */
export async function ensurePlan(tx: Db, partnershipId: string, personId: string, by: string): Promise<string> {
  await sql`insert into case_plan (partnership_id, id, person_id, created_by) values (${partnershipId}, ${randomUUID()}, ${personId}, ${by})
    on conflict (partnership_id, person_id) do nothing`.execute(tx);
  const plan = await planOf(tx, partnershipId, personId);
  if (!plan) throw new Error('the plan was not created');
  return plan.id;
}

export const goalsOf = (db: Db, partnershipId: string, planId: string) =>
  db
    .selectFrom('plan_goal')
    .select(['id', 'description', 'target_date', 'status', 'created_at'])
    .where('partnership_id', '=', partnershipId)
    .where('plan_id', '=', planId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const reviewsOf = (db: Db, partnershipId: string, planId: string) =>
  db
    .selectFrom('plan_review as v')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'v.partnership_id').onRef('u.id', '=', 'v.recorded_by'))
    .select(['v.id', 'v.reviewed_on', 'v.meeting_id', 'v.summary', 'u.name as recorded_by_name'])
    .where('v.partnership_id', '=', partnershipId)
    .where('v.plan_id', '=', planId)
    .orderBy('v.reviewed_on', 'desc')
    .orderBy('v.created_at', 'desc')
    .execute();

export async function insertGoal(tx: Db, partnershipId: string, planId: string, g: { id: string; description: string; targetDate: string | null; by: string }) {
  await tx
    .insertInto('plan_goal')
    .values({ partnership_id: partnershipId, id: g.id, plan_id: planId, description: g.description, target_date: g.targetDate, created_by: g.by })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertReview(
  tx: Db,
  partnershipId: string,
  planId: string,
  r: { id: string; reviewedOn: string; meetingId: string | null; summary: string; by: string },
) {
  await tx
    .insertInto('plan_review')
    .values({
      partnership_id: partnershipId,
      id: r.id,
      plan_id: planId,
      reviewed_on: r.reviewedOn,
      meeting_id: r.meetingId,
      summary: r.summary,
      recorded_by: r.by,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
