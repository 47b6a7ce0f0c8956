// Training SQL: courses, organisations, cohorts, members, completions and reminders. Imports and awareness have
// their own stores (imports/store.ts, awareness/store.ts).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';

export const courses = (db: Db, partnershipId: string) =>
  db.selectFrom('training_course').selectAll().where('partnership_id', '=', partnershipId).orderBy('name').execute();

export const findCourse = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('training_course').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export const courseNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('training_course').select('id').where('partnership_id', '=', partnershipId).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

export async function insertCourse(db: Db, partnershipId: string, c: { name: string; level: string | null; validityMonths: number | null }) {
  const id = randomUUID();
  await db
    .insertInto('training_course')
    .values({ partnership_id: partnershipId, id, name: c.name, level: c.level, validity_months: c.validityMonths })
    .execute();
  return id;
}

// ---- organisations ----

export const orgs = (db: Db, partnershipId: string, onRegister = false) => {
  let q = db.selectFrom('training_org').selectAll().where('partnership_id', '=', partnershipId);
  if (onRegister) q = q.where('reach_status', 'is not', null);
  return q.orderBy('name').execute();
};

export const findOrg = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('training_org').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export const orgNamed = (db: Db, partnershipId: string, name: string) =>
  db.selectFrom('training_org').selectAll().where('partnership_id', '=', partnershipId).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

export async function insertOrg(db: Db, partnershipId: string, o: { name: string; kind: string; reachStatus?: string | null; reachNotes?: string | null }) {
  const id = randomUUID();
  await db
    .insertInto('training_org')
    .values({
      partnership_id: partnershipId,
      id,
      name: o.name,
      kind: o.kind,
      reach_status: o.reachStatus ?? null,
      reach_notes: o.reachNotes ?? null,
      reach_updated_at: o.reachStatus ? new Date() : null,
    })
    .execute();
  return id;
}

export const setReachStatus = (db: Db, partnershipId: string, id: string, status: string, at: Date) =>
  db
    .updateTable('training_org')
    .set({ reach_status: status, reach_updated_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();

// ---- cohorts ----

const cohortColumns = [
  'h.id',
  'h.name',
  'h.course_id',
  'h.rule',
  'h.months',
  'h.start_date',
  'h.due_soon_days',
  'h.green_pct',
  'h.amber_pct',
  'c.name as course_name',
  'c.validity_months',
] as const;

export const cohorts = (db: Db, partnershipId: string) =>
  db
    .selectFrom('training_cohort as h')
    .innerJoin('training_course as c', (j) => j.onRef('c.partnership_id', '=', 'h.partnership_id').onRef('c.id', '=', 'h.course_id'))
    .select(cohortColumns)
    .where('h.partnership_id', '=', partnershipId)
    .orderBy('h.name')
    .execute();
export type CohortRow = Awaited<ReturnType<typeof cohorts>>[number];

export const findCohort = (db: Db, partnershipId: string, by: { id: string } | { name: string }) =>
  db
    .selectFrom('training_cohort as h')
    .innerJoin('training_course as c', (j) => j.onRef('c.partnership_id', '=', 'h.partnership_id').onRef('c.id', '=', 'h.course_id'))
    .select(cohortColumns)
    .where('h.partnership_id', '=', partnershipId)
    .$call((q) => ('id' in by ? q.where('h.id', '=', by.id) : q.where(sql`lower(h.name)`, '=', by.name.toLowerCase())))
    .executeTakeFirst();

export async function insertCohort(
  db: Db,
  partnershipId: string,
  h: { name: string; courseId: string; rule: string; months: number; startDate: string | null; dueSoonDays: number; greenPct: number; amberPct: number },
) {
  const id = randomUUID();
  await db
    .insertInto('training_cohort')
    .values({
      partnership_id: partnershipId,
      id,
      name: h.name,
      course_id: h.courseId,
      rule: h.rule,
      months: h.months,
      start_date: h.startDate,
      due_soon_days: h.dueSoonDays,
      green_pct: h.greenPct,
      amber_pct: h.amberPct,
    })
    .execute();
  return id;
}

// ---- members and completions ----

/**
 * Every member of the cohorts (or one) with their organisation and the dates they completed the cohort's course:
 * members and completions read separately and joined here (cheaper than a sub-select per member at 100,000).
 */
export async function memberHistories(db: Db, partnershipId: string, cohortId?: string, byName = true) {
  const one = cohortId ? sql`and m.cohort_id = ${cohortId}` : sql``;
  const [members, completions] = await Promise.all([
    sql<{
      id: string;
      cohort_id: string;
      reference: string;
      name: string;
      email: string | null;
      user_id: string | null;
      joined_on: string;
      org_id: string | null;
      org_name: string | null;
      org_kind: string | null;
    }>`
      select m.id, m.cohort_id, m.reference, m.name, m.email, m.user_id, m.joined_on::text as joined_on, m.org_id, o.name as org_name, o.kind as org_kind
      from training_member m
      left join training_org o on o.partnership_id = m.partnership_id and o.id = m.org_id
      where m.partnership_id = ${partnershipId} ${one}`.execute(db),
    sql<{ member_id: string; completed_on: string }>`
      select c.member_id, c.completed_on::text as completed_on
      from training_completion c
      join training_member m on m.partnership_id = c.partnership_id and m.id = c.member_id
      join training_cohort h on h.partnership_id = m.partnership_id and h.id = m.cohort_id and h.course_id = c.course_id
      where c.partnership_id = ${partnershipId} ${one}`.execute(db),
  ]);
  const done = new Map<string, string[]>();
  for (const c of completions.rows) {
    const list = done.get(c.member_id);
    if (list) list.push(c.completed_on);
    else done.set(c.member_id, [c.completed_on]);
  }
  const rows = members.rows.map((m) => ({ ...m, completions: done.get(m.id) ?? [] }));
  // Figures need no order; lists of people are by name.
  if (!byName) return rows;
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.reference < b.reference ? -1 : 1));
}
export type MemberHistoryRow = Awaited<ReturnType<typeof memberHistories>>[number];

export const findMember = (db: Db, partnershipId: string, cohortId: string, reference: string) =>
  db
    .selectFrom('training_member')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('cohort_id', '=', cohortId)
    .where(sql`lower(reference)`, '=', reference.toLowerCase())
    .executeTakeFirst();

export async function upsertMember(
  db: Db,
  partnershipId: string,
  m: { cohortId: string; reference: string; name: string; orgId: string | null; email: string | null; joinedOn: string },
): Promise<{ id: string; created: boolean }> {
  const existing = await findMember(db, partnershipId, m.cohortId, m.reference);
  if (existing) {
    await db
      .updateTable('training_member')
      .set({ name: m.name, org_id: m.orgId ?? existing.org_id, email: m.email ?? existing.email })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: false };
  }
  const id = randomUUID();
  await db
    .insertInto('training_member')
    .values({
      partnership_id: partnershipId,
      id,
      cohort_id: m.cohortId,
      reference: m.reference,
      name: m.name,
      org_id: m.orgId,
      email: m.email,
      user_id: null,
      joined_on: m.joinedOn,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const again = await findMember(db, partnershipId, m.cohortId, m.reference);
  return { id: again?.id ?? id, created: again?.id === id };
}

/** Records a completion unless the same one (member, course, day) is held: the natural key. */
export async function insertCompletion(
  db: Db,
  partnershipId: string,
  c: { memberId: string; courseId: string; completedOn: string; source: string; recordedBy: string | null },
): Promise<{ id: string; created: boolean }> {
  const id = randomUUID();
  const r = await db
    .insertInto('training_completion')
    .values({
      partnership_id: partnershipId,
      id,
      member_id: c.memberId,
      course_id: c.courseId,
      completed_on: c.completedOn,
      source: c.source,
      recorded_by: c.recordedBy,
    })
    .onConflict((oc) => oc.columns(['partnership_id', 'member_id', 'course_id', 'completed_on']).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) return { id, created: true };
  const held = await db
    .selectFrom('training_completion')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('member_id', '=', c.memberId)
    .where('course_id', '=', c.courseId)
    .where('completed_on', '=', c.completedOn)
    .executeTakeFirstOrThrow();
  return { id: held.id, created: false };
}

/** Members with a Jigsaw account get linked by their e-mail, so reminders reach them in-app. */
export const linkMembersToUsers = (db: Db, partnershipId: string) =>
  sql`update training_member m set user_id = u.id from app_user u
      where m.partnership_id = ${partnershipId} and u.partnership_id = m.partnership_id and m.user_id is null
        and m.email is not null and lower(u.email) = lower(m.email) and u.active`.execute(db);

// ---- reminders ----

export async function insertReminders(db: Db, partnershipId: string, rows: { memberId: string; channel: string; status: string; reason: string }[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('training_reminder')
      .values(
        rows
          .slice(i, i + 1000)
          .map((r) => ({ partnership_id: partnershipId, id: randomUUID(), member_id: r.memberId, channel: r.channel, status: r.status, reason: r.reason })),
      )
      .execute();
  }
}

/** How many reminders are queued for e-mail (waiting for the notifications e-mail). */
export async function queuedEmailReminders(db: Db, partnershipId: string) {
  const r = await db
    .selectFrom('training_reminder')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('status', '=', 'queued')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- committee resolutions linked to reports ----

export const resolution = (db: Db, partnershipId: string, report: string, period: string) =>
  db
    .selectFrom('training_report_resolution')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('report', '=', report)
    .where('period', '=', period)
    .executeTakeFirst();

export const saveResolution = (db: Db, partnershipId: string, r: { report: string; period: string; resolution: string; by: string | null }) =>
  db
    .insertInto('training_report_resolution')
    .values({ partnership_id: partnershipId, report: r.report, period: r.period, resolution: r.resolution, linked_by: r.by })
    .onConflict((oc) => oc.columns(['partnership_id', 'report', 'period']).doUpdateSet({ resolution: r.resolution, linked_by: r.by, linked_at: new Date() }))
    .execute();
