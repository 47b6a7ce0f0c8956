// SQL for transition plans: what a person's open case says about them, and the one "Transition plan to adult
// services" action per person, claimed and created in one statement so that it exists exactly once.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';

export interface TransitionFacts {
  status: string;
  date_of_birth: string | null;
  decision_id: string | null;
  referral_id: string | null;
  /** The allocated worker's agency, else the lead agency: who owns the plan. */
  owner_agency_id: string | null;
  owner_name: string | null;
  planned: boolean;
}

export async function transitionFacts(db: Db, partnershipId: string, personId: string): Promise<TransitionFacts | undefined> {
  const r = await sql<TransitionFacts>`
    select c.status, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth, c.risk_decision_id as decision_id, d.referral_id,
      coalesce(u.agency_id, c.lead_agency_id) as owner_agency_id, u.name as owner_name,
      exists (select 1 from transition_plan t where t.partnership_id = c.partnership_id and t.person_id = c.person_id) as planned
    from exploitation_case c
    join person p on p.partnership_id = c.partnership_id and p.id = c.person_id
    left join triage_decision d on d.partnership_id = c.partnership_id and d.id = c.risk_decision_id
    left join app_user u on u.partnership_id = c.partnership_id and u.id = c.allocated_worker_id
    where c.partnership_id = ${partnershipId} and c.person_id = ${personId}`.execute(db);
  return r.rows[0];
}

export interface PlanAction {
  id: string;
  personId: string;
  decisionId: string;
  referralId: string;
  description: string;
  ownerAgencyId: string;
  ownerName: string | null;
  dueDate: string;
  createdBy: string;
}

/**
 * Claims the person's transition plan and creates its action, or does nothing when one was claimed before (true when
 * created). One statement: a second, concurrent claim waits on the primary key and then finds it taken.
 */
export async function createPlanOnce(tx: Db, partnershipId: string, a: PlanAction): Promise<boolean> {
  const r = await sql<{ id: string }>`
    with claim as (
      insert into transition_plan (partnership_id, person_id, action_id) values (${partnershipId}, ${a.personId}, ${a.id})
      on conflict do nothing returning action_id
    )
    insert into triage_action (partnership_id, id, decision_id, referral_id, description, owner_agency_id, owner_name, due_date, created_by)
    select ${partnershipId}, claim.action_id, ${a.decisionId}, ${a.referralId}, ${a.description}, ${a.ownerAgencyId}, ${a.ownerName},
      ${a.dueDate}::date, ${a.createdBy}
    from claim
    returning id`.execute(tx);
  return r.rows.length > 0;
}

/** People with an open case and no transition plan who are about 17 and a half to 18 on `day` (the pure rule decides). */
export async function unplannedOpenCases(db: Db, partnershipId: string, day: string): Promise<string[]> {
  const r = await sql<{ person_id: string }>`
    select c.person_id from exploitation_case c
    join person p on p.partnership_id = c.partnership_id and p.id = c.person_id
    where c.partnership_id = ${partnershipId} and c.status in ('open', 'under_review')
      and p.date_of_birth <= ${day}::date - interval '17 years 6 months' + interval '1 day'
      and p.date_of_birth > ${day}::date - interval '18 years' - interval '1 day'
      and not exists (select 1 from transition_plan t where t.partnership_id = c.partnership_id and t.person_id = c.person_id)`.execute(db);
  return r.rows.map((x) => x.person_id);
}

/** Every partnership, for the server's daily sweep. */
export async function partnershipIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('partnership').select('id').orderBy('id').execute()).map((r) => r.id);
}
