// SQL for delivery plans: the plan, its priorities, objectives and actions, each action's progress, the staff who
// may be named as leads, and the tracker actions the plan's actions spawned.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import '../actions/schema.ts';
import './schema.ts';

export const listPlans = (db: Db, partnershipId: string) =>
  db.selectFrom('delivery_plan').selectAll().where('partnership_id', '=', partnershipId).orderBy('period_from', 'desc').orderBy('name').execute();

export type PlanRow = Awaited<ReturnType<typeof listPlans>>[number];

export const planById = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('delivery_plan').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

/** The plan, locked until the transaction ends: two additions at once take the next numbers one after the other. */
export const lockPlan = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('delivery_plan').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().executeTakeFirst();

export const planNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('delivery_plan').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();

export const insertPlan = (db: Db, row: Insertable<DB['delivery_plan']>) => db.insertInto('delivery_plan').values(row).execute();

export async function insertPriorities(db: Db, rows: Insertable<DB['delivery_priority']>[]) {
  if (rows.length) await db.insertInto('delivery_priority').values(rows).execute();
}
export async function insertObjectives(db: Db, rows: Insertable<DB['delivery_objective']>[]) {
  if (rows.length) await db.insertInto('delivery_objective').values(rows).execute();
}
export async function insertActions(db: Db, rows: Insertable<DB['delivery_action']>[]) {
  if (rows.length) await db.insertInto('delivery_action').values(rows).execute();
}
export const insertProgress = (db: Db, row: Insertable<DB['delivery_action_progress']>) => db.insertInto('delivery_action_progress').values(row).execute();

/** Every plan's priorities, for the list's summaries and for one plan's page. */
export function prioritiesOf(db: Db, partnershipId: string, planIds: string[]) {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .selectFrom('delivery_priority')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('number')
    .execute();
}
export type PriorityRow = Awaited<ReturnType<typeof prioritiesOf>>[number];

export function objectivesOf(db: Db, partnershipId: string, priorityIds: string[]) {
  if (!priorityIds.length) return Promise.resolve([]);
  return db
    .selectFrom('delivery_objective')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('priority_id', 'in', priorityIds)
    .orderBy('number')
    .execute();
}
export type ObjectiveRow = Awaited<ReturnType<typeof objectivesOf>>[number];

/** The plans' actions with their lead's name where the lead is a Jigsaw user. */
export function actionsOf(db: Db, partnershipId: string, planIds: string[]) {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .selectFrom('delivery_action as d')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'd.partnership_id').onRef('u.id', '=', 'd.lead_user_id'))
    .selectAll('d')
    .select('u.name as lead_user_name')
    .where('d.partnership_id', '=', partnershipId)
    .where('d.plan_id', 'in', planIds)
    .orderBy('d.number')
    .execute();
}
export type ActionRow = Awaited<ReturnType<typeof actionsOf>>[number];

export function actionById(db: Db, partnershipId: string, planId: string, id: string) {
  return db
    .selectFrom('delivery_action')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export const updateAction = (db: Db, partnershipId: string, id: string, set: { status?: string; rag?: string }) =>
  db.updateTable('delivery_action').set(set).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();

export const priorityById = (db: Db, partnershipId: string, planId: string, id: string) =>
  db
    .selectFrom('delivery_priority')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst();

/** The objective, when it belongs to one of the plan's priorities. */
export const objectiveInPlan = (db: Db, partnershipId: string, planId: string, id: string) =>
  db
    .selectFrom('delivery_objective as o')
    .innerJoin('delivery_priority as p', (j) => j.onRef('p.partnership_id', '=', 'o.partnership_id').onRef('p.id', '=', 'o.priority_id'))
    .select(['o.id', 'o.number', 'p.number as priority_number'])
    .where('o.partnership_id', '=', partnershipId)
    .where('p.plan_id', '=', planId)
    .where('o.id', '=', id)
    .executeTakeFirst();

/** The next free number among the plan's priorities, a priority's objectives or an objective's actions. */
export async function nextNumber(db: Db, partnershipId: string, of: 'priority' | 'objective' | 'action', parentId: string): Promise<number> {
  const r =
    of === 'priority'
      ? await db
          .selectFrom('delivery_priority')
          .select((eb) => eb.fn.max('number').as('n'))
          .where('partnership_id', '=', partnershipId)
          .where('plan_id', '=', parentId)
          .executeTakeFirst()
      : of === 'objective'
        ? await db
            .selectFrom('delivery_objective')
            .select((eb) => eb.fn.max('number').as('n'))
            .where('partnership_id', '=', partnershipId)
            .where('priority_id', '=', parentId)
            .executeTakeFirst()
        : await db
            .selectFrom('delivery_action')
            .select((eb) => eb.fn.max('number').as('n'))
            .where('partnership_id', '=', partnershipId)
            .where('objective_id', '=', parentId)
            .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export function progressOf(db: Db, partnershipId: string, actionIds: string[]) {
  if (!actionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('delivery_action_progress')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('action_id', 'in', actionIds)
    .orderBy('dated_on')
    .orderBy('created_at')
    .execute();
}
export type ProgressRow = Awaited<ReturnType<typeof progressOf>>[number];

/** The partnership's active staff, who may be named as an action's lead. */
export const staff = (db: Db, partnershipId: string) =>
  db.selectFrom('app_user').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('active', '=', true).orderBy('name').execute();

export async function staffIds(db: Db, partnershipId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('app_user').select('id').where('partnership_id', '=', partnershipId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Tracker actions the plan's actions spawned. */
export function trackerActionsFor(db: Db, partnershipId: string, actionIds: string[]) {
  if (!actionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('triage_action as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .select(['t.id', 't.source_id', 't.description', 't.status', 't.due_date', 'a.name as owner_agency_name'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.source_kind', '=', 'delivery_plan')
    .where('t.source_id', 'in', actionIds)
    .orderBy('t.due_date')
    .execute();
}
