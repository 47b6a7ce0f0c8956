// SQL for the parts of the problem profile the report builder's engine does not count: persons of concern, themes
// and hotspots from intelligence (only intelligence the reader may see: the intelligence module's handling filter),
// disruption by tactic and outcome, support referrals by status and cases closed by reason. Counts only: persons of
// concern come back as sex and date of birth, never a name or an id.
import { sql } from 'kysely';
import type { RestrictedViewer } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { addDays, ukDayStart } from '../../platform/time.ts';
import { describedSql, visibleSql } from '../intelligence/store.ts';

/** Each person of concern in intelligence dated in the period, once: their sex and date of birth where Jigsaw has a record. */
export async function personsOfConcern(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string) {
  const r = await sql<{ sex: string | null; date_of_birth: string | null }>`
    select p.sex, p.date_of_birth::text as date_of_birth from (
      select distinct x.entity_id from (
        select l.from_entity as entity_id from intel_link l
          where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and l.from_role = 'person_of_concern' and ${visibleSql(v, 'l')}
        union all
        select l.to_entity from intel_link l
          where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and l.to_role = 'person_of_concern' and ${visibleSql(v, 'l')}
      ) x
    ) c
    join intel_entity e on e.partnership_id = ${partnershipId} and e.id = c.entity_id
    left join person p on p.partnership_id = e.partnership_id and p.id = e.person_id`.execute(db);
  return r.rows.map((row) => ({ sex: row.sex, dateOfBirth: row.date_of_birth }));
}

/** Intelligence reports (or links recorded without one) in the period by category. */
export async function themes(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string) {
  const r = await sql<{ category: string; n: number }>`
    select l.category, count(distinct coalesce(l.item_id, l.id))::int as n from intel_link l
    where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and ${visibleSql(v, 'l')}
    group by l.category`.execute(db);
  return r.rows;
}

/** Concerns (reports naming a place) in the period by the place's ward and the category; a ward the reader may not see is null. */
export async function hotspots(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string) {
  const r = await sql<{ ward: string | null; category: string; n: number }>`
    select case when ${describedSql(v, 'e')} then e.ward end as ward, l.category, count(distinct coalesce(l.item_id, l.id))::int as n
    from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id and (e.id = l.from_entity or e.id = l.to_entity) and e.kind = 'location'
    where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and ${visibleSql(v, 'l')}
    group by 1, l.category`.execute(db);
  return r.rows;
}

/** Disruption activities started in the period (as the engine counts them) by tactic and outcome ('open' if none yet). */
export async function disruptionOutcomes(db: Db, partnershipId: string, from: string, to: string) {
  const r = await sql<{ tactic: string; label: string | null; outcome: string; n: number }>`
    select d.tactic, t.label, coalesce(d.outcome, case when d.status = 'withdrawn' then 'withdrawn' else 'open' end) as outcome, count(*)::int as n
    from disruption_activity d
    left join disruption_tactic t on t.partnership_id = d.partnership_id and t.code = d.tactic
    where d.partnership_id = ${partnershipId} and d.started_on >= ${from}::date and d.started_on <= ${to}::date
    group by 1, 2, 3`.execute(db);
  return r.rows;
}

/** Support referrals sent in the period (as the engine counts them) by where they stand now. */
export async function supportByStatus(db: Db, partnershipId: string, from: string, to: string) {
  const r = await sql<{ status: string; n: number }>`
    select s.status, count(*)::int as n from support_referral s
    where s.partnership_id = ${partnershipId} and s.sent_on >= ${from}::date and s.sent_on <= ${to}::date
    group by 1`.execute(db);
  return r.rows;
}

/** Cases closed in the period (UK days) by closing reason, with the partnership's own reasons' labels. */
export async function closedCases(db: Db, partnershipId: string, from: string, to: string) {
  const r = await sql<{ reason: string | null; label: string | null; n: number }>`
    select c.closure_reason as reason, cr.label, count(*)::int as n from exploitation_case c
    left join case_closure_reason cr on cr.partnership_id = c.partnership_id and cr.code = c.closure_reason
    where c.partnership_id = ${partnershipId} and c.closed_at >= ${ukDayStart(from)} and c.closed_at < ${ukDayStart(addDays(to, 1))}
    group by 1, 2`.execute(db);
  return r.rows;
}
