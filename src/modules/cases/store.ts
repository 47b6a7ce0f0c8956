// SQL for cases: the case with its people's names, status history, reviews, settings, and the facts access turns on.
import { randomUUID } from 'node:crypto';
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { ExploitationCaseTable } from '../../platform/db/schema.ts';

function caseQuery(db: Db, partnershipId: string) {
  return db
    .selectFrom('exploitation_case as c')
    .leftJoin('agency as la', (j) => j.onRef('la.partnership_id', '=', 'c.partnership_id').onRef('la.id', '=', 'c.lead_agency_id'))
    .leftJoin('app_user as aw', (j) => j.onRef('aw.partnership_id', '=', 'c.partnership_id').onRef('aw.id', '=', 'c.allocated_worker_id'))
    .leftJoin('app_user as kw', (j) => j.onRef('kw.partnership_id', '=', 'c.partnership_id').onRef('kw.id', '=', 'c.key_worker_id'))
    .leftJoin('app_user as rd', (j) => j.onRef('rd.partnership_id', '=', 'c.partnership_id').onRef('rd.id', '=', 'c.risk_decided_by'))
    .selectAll('c')
    .select(['la.name as lead_agency_name', 'aw.name as allocated_worker_name', 'kw.name as key_worker_name', 'rd.name as risk_decided_by_name'])
    .where('c.partnership_id', '=', partnershipId);
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseOfPerson>>>;

export const findCaseOfPerson = (db: Db, partnershipId: string, personId: string) =>
  caseQuery(db, partnershipId).where('c.person_id', '=', personId).executeTakeFirst();

export const findCase = (db: Db, partnershipId: string, id: string) => caseQuery(db, partnershipId).where('c.id', '=', id).executeTakeFirst();

/** Locks the person's case row (or finds none) so two decisions at once cannot both open a case. */
export const lockCaseOfPerson = (tx: Db, partnershipId: string, personId: string) =>
  tx.selectFrom('exploitation_case').selectAll().where('partnership_id', '=', partnershipId).where('person_id', '=', personId).forUpdate().executeTakeFirst();

/** Inserts a case unless the person already has one (a concurrent opener won): returns whether it was inserted. */
export async function insertCase(tx: Db, row: Insertable<ExploitationCaseTable>): Promise<boolean> {
  const r = await tx
    .insertInto('exploitation_case')
    .values(row)
    .onConflict((oc) => oc.columns(['partnership_id', 'person_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** Applies a change only if the case is still at `version`; false means someone else changed it first. */
export async function updateCase(tx: Db, partnershipId: string, id: string, version: number | null, set: Updateable<ExploitationCaseTable>): Promise<boolean> {
  let q = tx
    .updateTable('exploitation_case')
    .set({ ...set, version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertStatusHistory(
  tx: Db,
  partnershipId: string,
  caseId: string,
  h: { status: string; reason: string | null; detail: string | null; at: Date; by: string | null },
) {
  await tx
    .insertInto('case_status_history')
    .values({
      partnership_id: partnershipId,
      id: randomUUID(),
      case_id: caseId,
      status: h.status,
      reason: h.reason,
      detail: h.detail,
      changed_at: h.at,
      changed_by: h.by,
    })
    .execute();
}

export const statusHistory = (db: Db, partnershipId: string, caseId: string) =>
  db
    .selectFrom('case_status_history as h')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'h.partnership_id').onRef('u.id', '=', 'h.changed_by'))
    .select(['h.status', 'h.reason', 'h.detail', 'h.changed_at', 'u.name as changed_by_name'])
    .where('h.partnership_id', '=', partnershipId)
    .where('h.case_id', '=', caseId)
    .orderBy('h.changed_at', 'desc')
    .limit(200)
    .execute();

export async function insertReview(tx: Db, partnershipId: string, caseId: string, r: { at: Date; by: string; notes: string; nextDue: string }) {
  await tx
    .insertInto('case_review')
    .values({
      partnership_id: partnershipId,
      id: randomUUID(),
      case_id: caseId,
      reviewed_at: r.at,
      reviewed_by: r.by,
      notes: r.notes,
      next_review_due: r.nextDue,
    })
    .execute();
}

export const reviews = (db: Db, partnershipId: string, caseId: string) =>
  db
    .selectFrom('case_review as r')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'r.partnership_id').onRef('u.id', '=', 'r.reviewed_by'))
    .select(['r.reviewed_at', 'r.notes', 'r.next_review_due', 'u.name as reviewed_by_name'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.case_id', '=', caseId)
    .orderBy('r.reviewed_at', 'desc')
    .limit(100)
    .execute();

export async function reviewIntervals(db: Db, partnershipId: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('case_review_interval').select(['risk_level', 'weeks']).where('partnership_id', '=', partnershipId).execute();
  return Object.fromEntries(rows.map((r) => [r.risk_level, r.weeks]));
}

export const closureReasons = (db: Db, partnershipId: string) =>
  db
    .selectFrom('case_closure_reason')
    .select(['code', 'label', 'needs_detail'])
    .where('partnership_id', '=', partnershipId)
    .where('active', '=', true)
    .orderBy('position')
    .orderBy('label')
    .execute();

/** The child's latest triage decision that graded a risk, with who decided (to open or update a case). */
export const latestDecisionOfPerson = (db: Db, partnershipId: string, personId: string) =>
  db
    .selectFrom('triage_decision as d')
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 'd.partnership_id').onRef('r.id', '=', 'd.referral_id'))
    .select(['d.id', 'd.outcome', 'd.category', 'd.decided_at', 'd.decided_by', 'r.referring_agency_id'])
    .where('d.partnership_id', '=', partnershipId)
    .where('r.person_id', '=', personId)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** An active user of the partnership (allocated and key workers must be). */
export const activeUser = (db: Db, partnershipId: string, id: string) =>
  db
    .selectFrom('app_user')
    .select(['id', 'name', 'agency_id'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();

export const activeUsers = (db: Db, partnershipId: string) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'u.partnership_id').onRef('a.id', '=', 'u.agency_id'))
    .select(['u.id', 'u.name', 'a.name as agency_name'])
    .where('u.partnership_id', '=', partnershipId)
    .where('u.active', '=', true)
    .orderBy('u.name')
    .execute();

export const activeAgencies = (db: Db, partnershipId: string) =>
  db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('active', '=', true).orderBy('name').execute();

/** The identity bar's flags from the missing records: missing now, and a repeat-missing alert ever raised. */
export async function missingFlags(db: Db, partnershipId: string, personId: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('missing_episode')
            .select('id')
            .where('partnership_id', '=', partnershipId)
            .where('person_id', '=', personId)
            .where('returned_at', 'is', null),
        )
        .as('missing_now'),
      eb
        .exists(eb.selectFrom('repeat_missing_alert').select('person_id').where('partnership_id', '=', partnershipId).where('person_id', '=', personId))
        .as('repeat_missing'),
    ])
    .executeTakeFirstOrThrow();
  return { missingNow: !!row.missing_now, repeatMissing: !!row.repeat_missing };
}

/** What the case-work access rules turn on: is the user a worker on the open case, does their agency own an open or in-progress action on them. */
export async function caseWorkFacts(db: Db, partnershipId: string, personId: string, userId: string, agencyId: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('exploitation_case')
            .select('id')
            .where('partnership_id', '=', partnershipId)
            .where('person_id', '=', personId)
            .where('status', '<>', 'closed')
            .where((w) => w.or([w('allocated_worker_id', '=', userId), w('key_worker_id', '=', userId)])),
        )
        .as('case_worker'),
      eb
        .exists(
          eb
            .selectFrom('triage_action as t')
            .select('t.id')
            .where('t.partnership_id', '=', partnershipId)
            .where('t.owner_agency_id', '=', agencyId)
            .where('t.status', 'in', ['open', 'in_progress'])
            .where('t.person_id', '=', personId),
        )
        .as('open_action'),
      eb
        .exists(
          eb
            .selectFrom('exploitation_case')
            .select('id')
            .where('partnership_id', '=', partnershipId)
            .where('person_id', '=', personId)
            .where('status', '=', 'closed'),
        )
        .as('case_closed'),
    ])
    .executeTakeFirstOrThrow();
  return { caseWorker: !!row.case_worker, ownsOpenAction: !!row.open_action, caseClosed: !!row.case_closed };
}

/** Each person's latest triage decision, when it graded a risk (to build cases for history loaded in bulk). */
export const latestGradedDecisions = (db: Db, partnershipId: string) =>
  db
    .selectFrom('triage_decision as d')
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 'd.partnership_id').onRef('r.id', '=', 'd.referral_id'))
    .distinctOn('r.person_id')
    .select(['r.person_id', 'd.id', 'd.outcome', 'd.category', 'd.decided_at', 'd.decided_by', 'r.referring_agency_id'])
    .where('d.partnership_id', '=', partnershipId)
    .orderBy('r.person_id')
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.created_at', 'desc')
    .execute();

export async function setReviewIntervals(tx: Db, partnershipId: string, weeks: Record<string, number>) {
  await tx
    .insertInto('case_review_interval')
    .values(Object.entries(weeks).map(([risk_level, w]) => ({ partnership_id: partnershipId, risk_level, weeks: w })))
    .onConflict((oc) => oc.columns(['partnership_id', 'risk_level']).doUpdateSet((eb) => ({ weeks: eb.ref('excluded.weeks') })))
    .execute();
}

/** Replaces the active closing reasons: those left out are kept inactive (closed cases still name them). */
export async function setClosureReasons(tx: Db, partnershipId: string, reasons: { code: string; label: string; needsDetail: boolean }[]) {
  await tx.updateTable('case_closure_reason').set({ active: false }).where('partnership_id', '=', partnershipId).execute();
  await tx
    .insertInto('case_closure_reason')
    .values(reasons.map((r, i) => ({ partnership_id: partnershipId, code: r.code, label: r.label, needs_detail: r.needsDetail, active: true, position: i })))
    .onConflict((oc) =>
      oc.columns(['partnership_id', 'code']).doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        needs_detail: eb.ref('excluded.needs_detail'),
        active: true,
        position: eb.ref('excluded.position'),
      })),
    )
    .execute();
}
