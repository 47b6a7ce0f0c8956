// SQL that writes the domain events of records made without them (bulk-loaded history such as the demo's, or rows from
// before domain events existed), so their chronology is not empty. Each event is written once: a record that already
// has its event (made through a use case) is left alone, and an episode with events of its own gets no derived return
// or interview event (its use cases wrote those); running it again changes nothing.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';

/** One kind of event: a select of (name, subject_type, subject_id, person_id, actor_id, actor_label, at, changes, handling). */
function insertMissing(tx: Db, partnershipId: string, select: RawBuilder<unknown>) {
  return sql<{ n: number }>`
    with candidate (name, subject_type, subject_id, person_id, actor_id, actor_label, at, changes, handling) as (${select}),
    inserted as (
      insert into domain_event (partnership_id, id, name, subject_type, subject_id, person_id, actor_id, actor_label, at, changes, handling)
      select ${partnershipId}::uuid, gen_random_uuid(), c.name, c.subject_type, c.subject_id, c.person_id, c.actor_id, c.actor_label, c.at, c.changes, c.handling
      from candidate c
      where not exists (select 1 from domain_event d where d.partnership_id = ${partnershipId}::uuid and d.subject_type = c.subject_type
                        and d.subject_id = c.subject_id and d.person_id = c.person_id
                        and (d.name = c.name or c.name in ('missing_episode.updated', 'return_interview.recorded')))
      returning 1
    )
    select count(*)::int as n from inserted`.execute(tx);
}

const who = (alias: string) => sql.raw(`left join app_user u on u.partnership_id = ${alias}.partnership_id and u.id = ${alias}.created_by`);

/** Writes the missing events of the partnership's records; returns how many were written. */
export async function backfillEvents(tx: Db, partnershipId: string): Promise<number> {
  const pid = sql`${partnershipId}::uuid`;
  const selects: RawBuilder<unknown>[] = [
    // A record's creation: no later than the first thing recorded about the person.
    sql`select 'person.created' as name, 'person' as subject_type, p.id::text as subject_id, p.id as person_id, null::uuid as actor_id, 'Jigsaw' as actor_label,
        least(p.created_at, (select min(r.received_at) from referral r where r.partnership_id = p.partnership_id and r.person_id = p.id),
              (select min(m.reported_at) from missing_episode m where m.partnership_id = p.partnership_id and m.person_id = p.id)) as at,
        '{}'::jsonb as changes, null::jsonb as handling
        from person p where p.partnership_id = ${pid}`,
    sql`select 'referral.created', 'referral', r.id::text, r.person_id, r.created_by, coalesce(u.name, r.referrer_name), r.received_at,
        jsonb_build_object('reference', r.reference, 'urgency', r.urgency), null::jsonb
        from referral r ${who('r')} where r.partnership_id = ${pid}`,
    sql`select 'screening.created', 'screening', s.id::text, s.person_id, s.screened_by, coalesce(u.name, 'Jigsaw'), s.screened_at,
        jsonb_build_object('referralId', s.referral_id, 'score', s.score, 'suggested', s.suggested_level, 'level', s.level), null::jsonb
        from screening s left join app_user u on u.partnership_id = s.partnership_id and u.id = s.screened_by where s.partnership_id = ${pid}`,
    sql`select 'triage_decision.recorded', 'triage_decision', d.id::text, r.person_id, d.decided_by, coalesce(u.name, 'Jigsaw'), d.decided_at,
        jsonb_build_object('referralId', d.referral_id, 'outcome', d.outcome, 'category', d.category, 'meetingId', d.meeting_id,
          'actions', (select count(*) from triage_action a where a.partnership_id = d.partnership_id and a.decision_id = d.id)::int), null::jsonb
        from triage_decision d join referral r on r.partnership_id = d.partnership_id and r.id = d.referral_id
        left join app_user u on u.partnership_id = d.partnership_id and u.id = d.decided_by where d.partnership_id = ${pid}`,
    // The return and the interview first: an episode with any event already was made through use cases.
    sql`select 'missing_episode.updated', 'missing_episode', m.id::text, m.person_id, m.created_by, coalesce(u.name, 'Jigsaw'), m.returned_at,
        jsonb_build_object('changed', jsonb_build_array('returnedAt'), 'returned', true), null::jsonb
        from missing_episode m ${who('m')} where m.partnership_id = ${pid} and m.returned_at is not null`,
    sql`select 'return_interview.recorded', 'missing_episode', m.id::text, m.person_id, m.created_by, coalesce(u.name, 'Jigsaw'), coalesce(m.rhi_completed_at, m.returned_at),
        jsonb_build_object('status', case when m.interview_state = 'declined' then 'declined'
                                          when m.rhi_completed_at <= m.returned_at + interval '72 hours' then 'completed_in_time' else 'completed_late' end,
                           'declineReason', m.rhi_declined_reason), null::jsonb
        from missing_episode m ${who('m')} where m.partnership_id = ${pid} and m.interview_state in ('completed', 'declined') and m.returned_at is not null`,
    sql`select 'missing_episode.created', 'missing_episode', m.id::text, m.person_id, m.created_by, coalesce(u.name, 'Jigsaw'), m.reported_at,
        jsonb_build_object('classification', m.classification, 'riskGrade', m.risk_grade, 'returned', false), null::jsonb
        from missing_episode m ${who('m')} where m.partnership_id = ${pid}`,
    sql`select 'missing_notice.recorded', 'missing_notice', n.id::text, n.person_id, n.created_by, coalesce(u.name, 'Jigsaw'), n.sent_at,
        jsonb_build_object('kind', n.kind, 'method', n.method, 'episodeId', n.episode_id), null::jsonb
        from missing_notice n ${who('n')} where n.partnership_id = ${pid}`,
    // An intelligence report names each person it links: one event per person, carrying the report's handling.
    sql`select distinct on (i.id, e.person_id) 'intelligence_item.recorded', 'intelligence_item', i.id::text, e.person_id, i.created_by, coalesce(u.name, 'Jigsaw'),
        least(i.created_at, (i.occurred_on + 1)::timestamptz), '{}'::jsonb,
        jsonb_build_object('code', i.handling, 'agencyId', i.agency_id, 'releaseRoles', to_jsonb(i.release_roles), 'releaseAgencyIds', to_jsonb(i.release_agency_ids))
        from intel_item i join intel_link l on l.partnership_id = i.partnership_id and l.item_id = i.id
        join intel_entity e on e.partnership_id = i.partnership_id and e.id in (l.from_entity, l.to_entity) and e.person_id is not null
        ${who('i')} where i.partnership_id = ${pid}`,
    sql`select 'disruption_activity.recorded', 'disruption_activity', a.id::text, e.person_id, a.created_by, coalesce(u.name, 'Jigsaw'),
        least(a.created_at, a.started_on::timestamptz), jsonb_build_object('tactic', a.tactic, 'status', a.status), null::jsonb
        from disruption_activity a join intel_entity e on e.partnership_id = a.partnership_id and e.id = a.target_entity_id and e.person_id is not null
        ${who('a')} where a.partnership_id = ${pid}`,
  ];
  let written = 0;
  for (const select of selects) written += (await insertMissing(tx, partnershipId, select)).rows[0]?.n ?? 0;
  return written;
}
