// SQL of the regional export: one row per child with a referral received in [from, before), with what the row needs
// from the person, their case and their missing episodes in the same period.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';

export interface ExportSource {
  person_id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  sex: string | null;
  ethnicity: string | null;
  postcode: string | null;
  ward: string | null;
  risk_level: string | null;
  category: string | null;
  case_status: string | null;
  closure_reason: string | null;
  referrals: number;
  exploitation_types: string[] | null;
  missing_episodes: number;
  rhi_completed: number;
}

/** One pass over each table (hash joins), not a query per child: 100,000 children is one statement. */
export async function exportRows(db: Db, partnershipId: string, from: Date, before: Date): Promise<ExportSource[]> {
  const r = await sql<ExportSource>`
    with referred as (
      select r.person_id, count(*)::int as referrals
      from referral r
      where r.partnership_id = ${partnershipId} and r.received_at >= ${from} and r.received_at < ${before}
      group by r.person_id
    ), types as (
      select r.person_id, array_agg(distinct t order by t) as exploitation_types
      from referral r, unnest(r.exploitation_types) as t
      where r.partnership_id = ${partnershipId} and r.received_at >= ${from} and r.received_at < ${before}
      group by r.person_id
    ), missing as (
      select m.person_id, count(*)::int as missing_episodes, count(m.rhi_completed_at)::int as rhi_completed
      from missing_episode m
      where m.partnership_id = ${partnershipId} and m.reported_at >= ${from} and m.reported_at < ${before}
      group by m.person_id
    )
    select p.id as person_id, p.given_name, p.family_name, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
           p.sex, p.ethnicity, p.postcode, c.ward, c.risk_level, c.category, c.status as case_status,
           case when c.status = 'closed' then c.closure_reason end as closure_reason,
           x.referrals, t.exploitation_types,
           coalesce(m.missing_episodes, 0) as missing_episodes, coalesce(m.rhi_completed, 0) as rhi_completed
    from referred x
    join person p on p.partnership_id = ${partnershipId} and p.id = x.person_id
    left join exploitation_case c on c.partnership_id = p.partnership_id and c.person_id = p.id
    left join types t on t.person_id = x.person_id
    left join missing m on m.person_id = x.person_id
    order by p.id`.execute(db);
  return r.rows;
}

export async function partnershipName(db: Db, partnershipId: string): Promise<string> {
  const row = await db.selectFrom('partnership').select('name').where('id', '=', partnershipId).executeTakeFirst();
  return row?.name ?? partnershipId;
}
