// SQL for the child's voice: rows are added, never changed; the latest of each kind is read with who and where.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';

export interface VoiceRow {
  personId: string;
  recordedIn: 'referral' | 'triage_decision' | 'plan';
  recordId: string | null;
  childViews: string | null;
  familyViews: string | null;
  recordedAt: Date;
  recordedBy: string | null;
  recordedByLabel: string;
}

export async function insertVoice(tx: Db, partnershipId: string, v: VoiceRow): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('person_voice')
    .values({
      partnership_id: partnershipId,
      id,
      person_id: v.personId,
      recorded_in: v.recordedIn,
      record_id: v.recordId,
      child_views: v.childViews,
      family_views: v.familyViews,
      recorded_at: v.recordedAt,
      recorded_by: v.recordedBy,
      recorded_by_label: v.recordedByLabel,
    })
    .execute();
  return id;
}

export interface LatestVoice {
  kind: 'child' | 'family';
  views: string;
  recorded_in: string;
  recorded_at: Date;
  recorded_by_label: string;
  agency_name: string | null;
}

/** The latest child's views and the latest family's views (each may come from a different record). */
export async function latestVoices(db: Db, partnershipId: string, personId: string): Promise<LatestVoice[]> {
  const r = await sql<LatestVoice>`
    select k.kind, k.views, v.recorded_in, v.recorded_at, coalesce(u.name, v.recorded_by_label) as recorded_by_label, a.name as agency_name
    from (values ('child'), ('family')) as kinds(kind)
    cross join lateral (
      select v.* from person_voice v
      where v.partnership_id = ${partnershipId} and v.person_id = ${personId}
        and (case when kinds.kind = 'child' then v.child_views else v.family_views end) is not null
      order by v.recorded_at desc, v.id limit 1
    ) v
    cross join lateral (select kinds.kind, case when kinds.kind = 'child' then v.child_views else v.family_views end as views) k
    left join app_user u on u.partnership_id = v.partnership_id and u.id = v.recorded_by
    left join agency a on a.partnership_id = u.partnership_id and a.id = u.agency_id`.execute(db);
  return r.rows;
}
