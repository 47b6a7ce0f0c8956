// SQL for the action tracker: actions with their owner, child and source; their history; the sweep's reminders.
import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB, TriageActionTable } from '../../platform/db/schema.ts';
import './schema.ts';

const base = (db: Db, partnershipId: string) =>
  db
    .selectFrom('triage_action as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 't.partnership_id').onRef('u.id', '=', 't.owner_user_id'))
    .leftJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 't.partnership_id').onRef('p.id', '=', 't.person_id'))
    .leftJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 't.partnership_id').onRef('r.id', '=', 't.referral_id'))
    .select([
      't.id',
      't.description',
      't.source_kind',
      't.source_id',
      't.decision_id',
      't.referral_id',
      't.person_id',
      't.context',
      't.plan_id',
      't.owner_agency_id',
      'a.name as owner_agency_name',
      't.owner_user_id',
      'u.name as owner_user_name',
      'u.manager_user_id',
      't.owner_name',
      't.due_date',
      't.status',
      't.status_reason',
      't.created_at',
      'p.given_name',
      'p.family_name',
      'r.reference',
    ])
    .where('t.partnership_id', '=', partnershipId);

export type ActionRow = Awaited<ReturnType<typeof actionById>> & {};

export function actionById(db: Db, partnershipId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = base(db, partnershipId).where('t.id', '=', id);
  return (opts.forUpdate ? q.forUpdate('t') : q).executeTakeFirst();
}

/** A live action from the same source with the same words, owner and due date (a form sent twice). */
export function sameAction(
  db: Db,
  partnershipId: string,
  a: { sourceKind: string; sourceId?: string; personId?: string; title: string; ownerAgencyId: string; dueOn: string },
) {
  return base(db, partnershipId)
    .where('t.source_kind', '=', a.sourceKind)
    .where('t.source_id', a.sourceId ? '=' : 'is', a.sourceId ?? null)
    .where('t.person_id', a.personId ? '=' : 'is', a.personId ?? null)
    .where('t.description', '=', a.title.trim())
    .where('t.owner_agency_id', '=', a.ownerAgencyId)
    .where('t.due_date', '=', a.dueOn)
    .where('t.status', 'in', ['open', 'in_progress'])
    .executeTakeFirst();
}

export interface ActionFilter {
  ownerAgencyId?: string | null;
  ownerUserId?: string;
  personId?: string;
  planId?: string;
  referralId?: string;
  statuses?: readonly string[];
  dueBefore?: string;
  limit: number;
  offset?: number;
}

/** The filter as one condition on `t`, so the count can run on the table alone (see listActions). */
const matching = (f: ActionFilter) => (eb: ExpressionBuilder<DB & { t: TriageActionTable }, 't'>) => {
  const c: Expression<SqlBool>[] = [];
  if (f.ownerAgencyId) c.push(eb('t.owner_agency_id', '=', f.ownerAgencyId));
  if (f.ownerUserId) c.push(eb('t.owner_user_id', '=', f.ownerUserId));
  if (f.personId) c.push(eb('t.person_id', '=', f.personId));
  if (f.planId) c.push(eb('t.plan_id', '=', f.planId));
  if (f.referralId) c.push(eb('t.referral_id', '=', f.referralId));
  if (f.statuses?.length) c.push(eb('t.status', 'in', [...f.statuses]));
  if (f.dueBefore) c.push(eb('t.due_date', '<', f.dueBefore));
  return eb.and(c);
};

export async function listActions(db: Db, partnershipId: string, f: ActionFilter) {
  const [rows, total] = await Promise.all([
    base(db, partnershipId)
      .where(matching(f))
      .orderBy('t.due_date')
      .orderBy('t.id')
      .limit(f.limit)
      .offset(f.offset ?? 0)
      .execute(),
    // Counted on the table alone: every action has its agency, and without the joins the live-actions index answers
    // an overdue count by itself (at 1,000,000 referrals the joined count was most of the Panel agenda's time).
    db
      .selectFrom('triage_action as t')
      .where('t.partnership_id', '=', partnershipId)
      .where(matching(f))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertActions(tx: Db, rows: Insertable<TriageActionTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('triage_action').values(rows).execute();
}

export async function updateAction(
  tx: Db,
  partnershipId: string,
  id: string,
  set: Partial<{
    status: string;
    status_reason: string | null;
    owner_agency_id: string;
    owner_user_id: string | null;
    owner_name: string | null;
    due_date: string;
  }>,
  by: string,
  at: Date,
): Promise<void> {
  const statusChange = set.status !== undefined ? { status_changed_at: at, status_changed_by: by } : {};
  await tx
    .updateTable('triage_action')
    .set({ ...set, ...statusChange })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
}

export async function addHistory(
  tx: Db,
  partnershipId: string,
  actionId: string,
  by: string | null,
  at: Date,
  change: string,
  details: Record<string, unknown>,
) {
  await tx
    .insertInto('action_history')
    .values({ partnership_id: partnershipId, action_id: actionId, at, by_user_id: by, change, details: JSON.stringify(details) })
    .execute();
}

export const historyOf = (db: Db, partnershipId: string, actionId: string) =>
  db
    .selectFrom('action_history as h')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'h.partnership_id').onRef('u.id', '=', 'h.by_user_id'))
    .select(['h.seq', 'h.at', 'h.change', 'h.details', 'h.by_user_id', 'u.name as by_name'])
    .where('h.partnership_id', '=', partnershipId)
    .where('h.action_id', '=', actionId)
    .orderBy('h.seq')
    .execute();

export const activeUser = (db: Db, partnershipId: string, id: string) =>
  db
    .selectFrom('app_user')
    .select(['id', 'name', 'agency_id', 'manager_user_id'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();

export const agencyExists = async (db: Db, partnershipId: string, id: string) =>
  !!(await db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).where('active', '=', true).executeTakeFirst());

export async function escalationDays(db: Db, partnershipId: string): Promise<number> {
  const r = await db.selectFrom('partnership').select('action_escalation_days').where('id', '=', partnershipId).executeTakeFirstOrThrow();
  return r.action_escalation_days;
}

export async function setEscalationDays(tx: Db, partnershipId: string, days: number): Promise<void> {
  await tx.updateTable('partnership').set({ action_escalation_days: days }).where('id', '=', partnershipId).execute();
}

export async function setManager(tx: Db, partnershipId: string, userId: string, managerUserId: string | null): Promise<void> {
  await tx.updateTable('app_user').set({ manager_user_id: managerUserId }).where('partnership_id', '=', partnershipId).where('id', '=', userId).execute();
}

/** Live actions due by tomorrow: the sweep's candidates (one range scan of action_live_idx). */
export const sweepCandidates = (db: Db, partnershipId: string, tomorrow: string) =>
  base(db, partnershipId).where('t.status', 'in', ['open', 'in_progress']).where('t.due_date', '<=', tomorrow).orderBy('t.due_date').orderBy('t.id').execute();

/** Claims a reminder for an action's due date; false when it was already sent (an earlier sweep, another server). */
export async function claimReminder(tx: Db, partnershipId: string, actionId: string, kind: string, dueOn: string, today: string): Promise<boolean> {
  const r = await sql<{ action_id: string }>`
    insert into action_reminder (partnership_id, action_id, kind, due_on, sent_on)
    values (${partnershipId}, ${actionId}, ${kind}, ${dueOn}::date, ${today}::date)
    on conflict do nothing returning action_id`.execute(tx);
  return r.rows.length > 0;
}

/** Who an action may be given to: the partnership's active agencies and their active staff. */
export async function ownerOptions(db: Db, partnershipId: string) {
  const [agencies, users] = await Promise.all([
    db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('active', '=', true).orderBy('name').execute(),
    db
      .selectFrom('app_user')
      .select(['id', 'name', 'agency_id'])
      .where('partnership_id', '=', partnershipId)
      .where('active', '=', true)
      .orderBy('name')
      .execute(),
  ]);
  return { agencies, users };
}

/** Staff and their managers, for the escalation settings page. */
export const staffWithManagers = (db: Db, partnershipId: string) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'u.partnership_id').onRef('a.id', '=', 'u.agency_id'))
    .select(['u.id', 'u.name', 'u.manager_user_id', 'a.name as agency_name'])
    .where('u.partnership_id', '=', partnershipId)
    .where('u.active', '=', true)
    .orderBy('u.name')
    .limit(2000)
    .execute();
