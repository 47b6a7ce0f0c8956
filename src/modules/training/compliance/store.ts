// Compliance counted in SQL, so a cohort of 100,000 members costs a few grouped queries rather than loading every
// member and completion into the app. The rules are domain.ts's (memberState, trend): these queries restate them
// and tests/training-compliance-sql.test.ts checks that the two agree on a varied fixture.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';

/**
 * Each member of the cohorts (or one) on `today` with memberState's figures: the latest completion of the cohort's
 * course up to today, the day it must be renewed, and the status.
 */
function states(partnershipId: string, today: string, cohortId?: string): RawBuilder<unknown> {
  const one = cohortId ? sql`and h.id = ${cohortId}` : sql``;
  const oneMember = cohortId ? sql`and m.cohort_id = ${cohortId}` : sql``;
  return sql`
    req as (
      select h.id as cohort_id, h.course_id, h.rule, h.months, h.start_date, h.due_soon_days,
        case when h.rule = 'recurring' then least(h.months, coalesce(c.validity_months, h.months)) else c.validity_months end as valid_months
      from training_cohort h
      join training_course c on c.partnership_id = h.partnership_id and c.id = h.course_id
      where h.partnership_id = ${partnershipId} ${one}
    ),
    joined as (
      -- The latest completion up to today: one index probe per member (training_completion_uq), so the cost grows
      -- with the members whatever the planner believes about freshly imported tables; a lateral join, not a
      -- sub-select, so the probe is made once, not once per use of the column below.
      select m.id, m.cohort_id, m.reference, m.name, m.org_id, m.joined_on, r.rule, r.months, r.start_date, r.due_soon_days, r.valid_months, l.latest
      from training_member m
      join req r on r.cohort_id = m.cohort_id
      left join lateral (
        select max(tc.completed_on) as latest from training_completion tc
        where tc.partnership_id = m.partnership_id and tc.member_id = m.id and tc.course_id = r.course_id and tc.completed_on <= ${today}::date
      ) l on true
      where m.partnership_id = ${partnershipId} ${oneMember}
    ),
    renewed as (
      -- The day after the latest completion lapses (validUntil + 1); null when it never does.
      select j.*, case when j.latest is not null and j.valid_months is not null then (j.latest + make_interval(months => j.valid_months))::date end as renew_on
      from joined j
    ),
    dated as (
      select j.*,
        case when j.latest is not null then j.renew_on
          when j.rule = 'by_date' and j.start_date is not null then (greatest(j.start_date, j.joined_on) + make_interval(months => j.months))::date
          else (j.joined_on + make_interval(months => j.months))::date end as due_on,
        j.latest is not null and (j.renew_on is null or j.renew_on > ${today}::date) as compliant,
        (${today}::date + j.due_soon_days) as soon
      from renewed j
    ),
    state as (
      select d.*, d.latest is null as never_trained,
        case when d.compliant then (case when d.due_on is not null and d.due_on <= d.soon then 'due_soon' else 'compliant' end)
          when d.latest is not null or d.due_on <= ${today}::date then 'overdue'
          when d.due_on <= d.soon then 'due_soon'
          else 'not_yet_due' end as status
      from dated d
    )`;
}

export interface OrgFiguresRow {
  cohort_id: string;
  org_id: string | null;
  org_name: string | null;
  members: number;
  compliant: number;
  due_soon: number;
  overdue: number;
  never_trained: number;
}

/** figuresOf for each cohort and organisation (a cohort's own figures are the sum over its organisations). */
export async function orgFigures(db: Db, partnershipId: string, today: string, cohortId?: string): Promise<OrgFiguresRow[]> {
  const r = await sql<OrgFiguresRow>`
    with ${states(partnershipId, today, cohortId)}
    select s.cohort_id, s.org_id, o.name as org_name, count(*)::int as members,
      count(*) filter (where s.compliant)::int as compliant,
      count(*) filter (where s.status = 'due_soon')::int as due_soon,
      count(*) filter (where s.status = 'overdue')::int as overdue,
      count(*) filter (where s.never_trained)::int as never_trained
    from state s
    left join training_org o on o.partnership_id = ${partnershipId} and o.id = s.org_id
    group by s.cohort_id, s.org_id, o.name`.execute(db);
  return r.rows;
}

/** One page of a cohort's members with a status, by name, and how many have it in all. */
export async function membersWithStatus(db: Db, partnershipId: string, cohortId: string, today: string, status: string, limit: number) {
  const r = await sql<{ id: string; reference: string; name: string; org_name: string | null; due_on: string | null; latest: string | null; total: number }>`
    with ${states(partnershipId, today, cohortId)}
    select s.id, s.reference, s.name, o.name as org_name, s.due_on::text as due_on, s.latest::text as latest, (count(*) over ())::int as total
    from state s
    left join training_org o on o.partnership_id = ${partnershipId} and o.id = s.org_id
    where s.status = ${status}
    order by s.name, s.reference
    limit ${limit}`.execute(db);
  return { rows: r.rows, total: r.rows[0]?.total ?? 0 };
}

/**
 * domain.trend in one grouped query: per member, each completion covers [completed, lapses) cut at the next
 * completion (so spans do not overlap) and starts no earlier than joining; a member counts from joining. The
 * figure on a day is then the sum of +1/-1 changes up to it, over a few hundred distinct days.
 */
export async function trendPoints(db: Db, partnershipId: string, cohortId: string, days: readonly string[]) {
  const r = await sql<{ day: string; members: number; compliant: number }>`
    with req as (
      select h.course_id,
        case when h.rule = 'recurring' then least(h.months, coalesce(c.validity_months, h.months)) else c.validity_months end as valid_months
      from training_cohort h
      join training_course c on c.partnership_id = h.partnership_id and c.id = h.course_id
      where h.partnership_id = ${partnershipId} and h.id = ${cohortId}
    ),
    spans as (
      select m.joined_on, tc.completed_on, r.valid_months,
        lead(tc.completed_on) over (partition by tc.member_id order by tc.completed_on) as next_on
      from training_completion tc
      join training_member m on m.partnership_id = tc.partnership_id and m.id = tc.member_id
      join req r on r.course_id = tc.course_id
      where tc.partnership_id = ${partnershipId} and m.cohort_id = ${cohortId}
    ),
    covers as (
      select greatest(completed_on, joined_on) as from_on,
        least(case when valid_months is not null then (completed_on + make_interval(months => valid_months))::date end, next_on) as to_on
      from spans
    ),
    changes as (
      select from_on as on_day, 1 as n from covers where to_on is null or from_on < to_on
      union all
      select to_on, -1 from covers where to_on is not null and from_on < to_on
    ),
    -- Materialised: each is read once per day below, and must be worked out once, not 18 times.
    compliant_by_day as materialized (select on_day, sum(n) as n from changes group by on_day),
    joined_by_day as materialized (
      select joined_on as on_day, count(*) as n from training_member
      where partnership_id = ${partnershipId} and cohort_id = ${cohortId} group by joined_on
    ),
    days as (select d::date as day from unnest(string_to_array(${days.join(',')}, ',')) as d)
    select d.day::text as day,
      coalesce((select sum(n) from joined_by_day j where j.on_day <= d.day), 0)::int as members,
      coalesce((select sum(n) from compliant_by_day c where c.on_day <= d.day), 0)::int as compliant
    from days d
    order by d.day`.execute(db);
  return r.rows;
}
