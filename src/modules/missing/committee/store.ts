// SQL for the committee's missing figures: the counting cube of committee-figures.ts (same definitions, tested
// against cubeOf), for one period or by quarter. Reads missing_episode with its interview's offer time.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';
import type { CareGroup, CubeRow, Outcome } from '../committee-figures.ts';
import { FOUND_WITHIN_HOURS } from '../committee-figures.ts';
import type { Classification } from '../episodes.ts';
import { INTERVIEW_DUE_HOURS } from '../interviews.ts';

export interface Cube {
  /** The quarter's first day (YYYY-MM-DD, UK dates) when counted by quarter; '' for one period. */
  quarter: string;
  rows: CubeRow[];
  children: number;
}

/** Episodes reported in [start, end), counted by group, outcome and found within 24 hours; by quarter if asked. */
export async function committeeCube(db: Db, partnershipId: string, start: Date, end: Date, byQuarter: boolean): Promise<Cube[]> {
  const due = sql`make_interval(hours => ${INTERVIEW_DUE_HOURS})`;
  const quarter = byQuarter ? sql`to_char(date_trunc('quarter', e.reported_at at time zone 'Europe/London'), 'YYYY-MM-DD')` : sql`''`;
  const result = await sql<{
    quarter: string;
    care: CareGroup;
    classification: Classification;
    outcome: Outcome | 'not_returned';
    found24: boolean;
    n: number;
    children: number;
  }>`
    with ep as (
      select ${quarter} as quarter, e.person_id,
             case when e.placed_by_other_la then 'placed_in' when e.looked_after then 'looked_after' else 'not_looked_after' end as care,
             e.classification,
             e.returned_at is not null and e.returned_at <= e.reported_at + make_interval(hours => ${FOUND_WITHIN_HOURS}) as found24,
             case
               when e.returned_at is null then 'not_returned'
               when not e.rhi_offered then 'not_offered'
               when e.rhi_completed_at <= e.returned_at + ${due} then 'held_in_time'
               else (case when e.rhi_completed_at is not null then 'held_late_'
                          when e.rhi_declined_reason is not null then 'declined_'
                          else 'awaiting_' end)
                    || (case when least(i.offered_at, e.rhi_completed_at) <= e.returned_at + ${due} then 'offered_in_time' else 'offered_late' end)
             end as outcome
      from missing_episode e
      left join return_interview i on i.partnership_id = e.partnership_id and i.episode_id = e.id
      where e.partnership_id = ${partnershipId} and e.reported_at >= ${start} and e.reported_at < ${end}
    )
    select quarter, care, classification, outcome, found24, count(*)::int as n, null::int as children
    from ep group by quarter, care, classification, outcome, found24
    union all
    select quarter, null, null, null, null, 0, count(distinct person_id)::int from ep group by quarter`.execute(db);
  const cubes = new Map<string, Cube>();
  const cube = (q: string) => cubes.get(q) ?? (cubes.set(q, { quarter: q, rows: [], children: 0 }).get(q) as Cube);
  for (const r of result.rows) {
    if (r.children !== null) cube(r.quarter).children = Number(r.children);
    else cube(r.quarter).rows.push({ care: r.care, classification: r.classification, outcome: r.outcome, found24: r.found24, count: Number(r.n) });
  }
  return [...cubes.values()];
}
