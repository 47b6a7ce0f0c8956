// SQL for the interviews-due list, the children missing now, and the quarterly report. Agency scope (practitioners,
// managers) is a join on person_agency: "their agency is involved".
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';
import type { RepeatMissingRule } from '../episodes.ts';
import { DECLINE_REASONS, type DeclineReason, INTERVIEW_DUE_HOURS } from '../interviews.ts';
import { type MissingReport, percentage } from '../report.ts';

/** Restricts a query over `e` (missing_episode) to people the agency is involved with; null means no restriction. */
export const agencyScope = (agencyId: string | null) =>
  agencyId === null
    ? sql<boolean>`true`
    : sql<boolean>`exists (select 1 from person_agency pa where pa.partnership_id = e.partnership_id and pa.person_id = e.person_id and pa.agency_id = ${agencyId})`;

export interface DueItem {
  episode_id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  reported_at: Date;
  returned_at: Date;
  offered_at: Date | null;
}

/**
 * Returned episodes with no completed or declined interview, oldest return first (the most overdue on top). One
 * range scan of the partial index missing_episode_due_idx.
 */
export async function dueList(db: Db, partnershipId: string, agencyId: string | null, limit: number, offset: number) {
  // The page is taken from the partial index first; only its rows are joined to names and offers.
  const rows = await db
    .with('page', (qb) =>
      qb
        .selectFrom('missing_episode as e')
        .select(['e.partnership_id', 'e.id', 'e.person_id', 'e.reported_at', 'e.returned_at'])
        .where('e.partnership_id', '=', partnershipId)
        .where('e.returned_at', 'is not', null)
        .where('e.interview_state', '=', 'pending')
        .where(agencyScope(agencyId))
        .orderBy('e.returned_at')
        .orderBy('e.id')
        .limit(limit + 1)
        .offset(offset),
    )
    .selectFrom('page as e')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'e.partnership_id').onRef('p.id', '=', 'e.person_id'))
    .leftJoin('return_interview as i', (j) => j.onRef('i.partnership_id', '=', 'e.partnership_id').onRef('i.episode_id', '=', 'e.id'))
    .select(['e.id as episode_id', 'e.person_id', 'p.given_name', 'p.family_name', 'e.reported_at', 'e.returned_at', 'i.offered_at'])
    .orderBy('e.returned_at')
    .orderBy('e.id')
    .execute();
  return { rows: rows.slice(0, limit) as DueItem[], more: rows.length > limit };
}

/** How many interviews are overdue, due soon (within `dueSoonHours` of the deadline) and due. */
export async function dueCounts(db: Db, partnershipId: string, agencyId: string | null, now: Date, dueSoonHours = 24) {
  const overdueBefore = new Date(now.getTime() - INTERVIEW_DUE_HOURS * 3_600_000);
  const soonBefore = new Date(now.getTime() - (INTERVIEW_DUE_HOURS - dueSoonHours) * 3_600_000);
  const row = await db
    .selectFrom('missing_episode as e')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('e.returned_at', '<', overdueBefore).as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere((x) => x.and([x('e.returned_at', '>=', overdueBefore), x('e.returned_at', '<=', soonBefore)]))
        .as('due_soon'),
      eb.fn.countAll<number>().as('total'),
    ])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.returned_at', 'is not', null)
    .where('e.interview_state', '=', 'pending')
    .where(agencyScope(agencyId))
    .executeTakeFirstOrThrow();
  const overdue = Number(row.overdue);
  const dueSoon = Number(row.due_soon);
  return { overdue, dueSoon, due: Number(row.total) - overdue - dueSoon, total: Number(row.total) };
}

/** Children reported missing who have not yet returned. */
export async function openEpisodes(db: Db, partnershipId: string, agencyId: string | null, limit = 100) {
  return db
    .selectFrom('missing_episode as e')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'e.partnership_id').onRef('p.id', '=', 'e.person_id'))
    .select(['e.id', 'e.person_id', 'p.given_name', 'p.family_name', 'e.reported_at', 'e.risk_grade', 'e.classification'])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.returned_at', 'is', null)
    .where(agencyScope(agencyId))
    .orderBy('e.reported_at')
    .limit(limit)
    .execute();
}

/**
 * The quarterly report in SQL, with the same definitions as the pure buildMissingReport (tested against it):
 * episodes reported in [start, end); repeat missing counts every episode of the child in the rule's window
 * (elapsed hours, so a clock change does not stretch it), including episodes before the period.
 */
export async function missingReport(
  db: Db,
  partnershipId: string,
  period: { from: string; to: string; start: Date; end: Date },
  rule: RepeatMissingRule,
): Promise<MissingReport> {
  const windowHours = rule.withinDays * 24;
  const historyStart = new Date(period.start.getTime() - windowHours * 3_600_000);
  const due = sql`make_interval(hours => ${INTERVIEW_DUE_HOURS})`;
  // One index-only scan of the covering index missing_episode_reported_idx: the period's episodes, and the rule's
  // window before it for repeat missing. Interview facts are copied onto the episode (see putInterview).
  const result = await sql<Record<string, number>>`
    with ep as (
      select person_id, reported_at, returned_at, rhi_offered, rhi_completed_at, rhi_declined_reason,
             count(*) over (partition by person_id order by reported_at
                            range between make_interval(hours => ${windowHours}) preceding and current row) as in_window
      from missing_episode
      where partnership_id = ${partnershipId} and reported_at >= ${historyStart} and reported_at < ${period.end}
    ), p as (
      select *, returned_at is not null and rhi_offered as offered from ep where reported_at >= ${period.start}
    )
    select count(*)::int as episodes,
           count(distinct person_id)::int as children,
           count(*) filter (where returned_at is not null)::int as returned,
           count(*) filter (where offered)::int as offered,
           count(*) filter (where offered and rhi_completed_at is not null)::int as completed,
           count(*) filter (where offered and rhi_completed_at <= returned_at + ${due})::int as in_time,
           count(*) filter (where offered and rhi_declined_reason = 'child_declined')::int as child_declined,
           count(*) filter (where offered and rhi_declined_reason = 'parent_refused_consent')::int as parent_refused_consent,
           count(*) filter (where offered and rhi_declined_reason = 'could_not_be_located')::int as could_not_be_located,
           count(*) filter (where offered and rhi_declined_reason = 'other')::int as other,
           count(distinct person_id) filter (where in_window >= ${rule.episodes})::int as repeat_children
    from p`.execute(db);
  const t = result.rows[0];
  const declined = Object.fromEntries(DECLINE_REASONS.map((r) => [r, Number(t[r] ?? 0)])) as Record<DeclineReason, number>;
  return {
    from: period.from,
    to: period.to,
    episodes: t.episodes,
    children: t.children,
    episodesReturned: t.returned,
    interviewsOffered: t.offered,
    offeredPct: percentage(t.offered, t.returned),
    interviewsCompleted: t.completed,
    completedPct: percentage(t.completed, t.offered),
    completedWithin72Hours: t.in_time,
    completedWithin72HoursPct: percentage(t.in_time, t.completed),
    declined,
    declinedTotal: Object.values(declined).reduce((a, b) => a + b, 0),
    repeatMissingChildren: t.repeat_children,
  };
}
