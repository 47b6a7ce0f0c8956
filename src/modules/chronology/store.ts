// SQL for the child's chronology: domain events about a person (and the records merged into theirs), newest first.
// What the viewer may not see is left out here, in the WHERE clause, so neither the page nor its count or paging
// can reveal it. Reads the index domain_event (partnership_id, person_id, at desc). Events of one transaction share
// their time: a record's creation is put below what was recorded with it (the first referral), and the rest are in
// the order recorded (ids sort by it, platform/events/ids.ts): a use case's own event comes after those of the use
// cases it called, so what it brought about (the case a triage decision opened) is listed above it.
import { type RawBuilder, sql } from 'kysely';
import type { ChronologyViewer, RestrictedViewer } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { knownEntitySql } from '../intelligence/store.ts';

/** Event names by the rule that decides them, already cut to the kinds asked for; `listed` is every described name. */
export interface EventFilter {
  byAccess: Partial<Record<keyof ChronologyViewer['access'], string[]>>;
  /** Show events of names not in `listed` (kind "other"). */
  other: boolean;
  listed: readonly string[];
  /** UTC instants: from inclusive, before exclusive. */
  from?: Date;
  before?: Date;
}

export interface EventRow {
  id: string;
  name: string;
  subject_type: string;
  subject_id: string | null;
  person_id: string;
  actor_label: string;
  at: Date;
  changes: unknown;
}

/** The person and every record merged into theirs (and merged into those), while the merge stands. */
export async function mergedInto(db: Db, partnershipId: string, personId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    with recursive merged(id) as (
      select ${personId}::uuid
      union
      select m.merged_person_id from person_merge m join merged on m.surviving_person_id = merged.id
      where m.partnership_id = ${partnershipId} and m.undone_at is null
    )
    select id from merged limit 100`.execute(db);
  return r.rows.map((x) => x.id);
}

const names = (list: readonly string[] | undefined) => (list?.length ? sql`e.name in (${sql.join(list)})` : null);

/** maySeeRestricted over domain_event.handling ({ code, agencyId, releaseRoles, releaseAgencyIds }). */
function handlingSql(v: RestrictedViewer): RawBuilder<boolean> {
  if (v.seesAll) return sql<boolean>`true`;
  return sql<boolean>`(coalesce(e.handling->>'code', 'C') = 'P' or e.handling->>'agencyId' = ${v.agencyId}
    or coalesce(e.handling->'releaseRoles', '[]'::jsonb) @> to_jsonb(${v.role}::text)
    or coalesce(e.handling->'releaseAgencyIds', '[]'::jsonb) @> to_jsonb(${v.agencyId}::text))`;
}

/** One condition per rule: the event's name is one the viewer may see under it, and (agency scope) it concerns their agency. */
function visibleSql(partnershipId: string, viewer: ChronologyViewer, f: EventFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  const referralId = sql`(case when e.subject_type = 'referral' then e.subject_id else e.changes->>'referralId' end)::uuid`;
  for (const [rule, list] of Object.entries(f.byAccess) as [keyof ChronologyViewer['access'], string[]][]) {
    const inList = names(list);
    const access = viewer.access[rule];
    if (!inList || access === 'none') continue;
    if (rule === 'disruption') {
      // The activity's target must be an entity the viewer knows of from intelligence they may see.
      parts.push(sql`(${inList} and exists (select 1 from disruption_activity d join intel_entity t on t.partnership_id = d.partnership_id and t.id = d.target_entity_id
        where d.partnership_id = ${partnershipId} and d.id = (case when e.subject_type = 'disruption_activity' then e.subject_id end)::uuid and ${knownEntitySql(viewer.restricted, 't')}))`);
    } else if (access === 'all') {
      parts.push(inList);
    } else if (rule === 'referral' || rule === 'screening' || rule === 'triage') {
      parts.push(
        sql`(${inList} and exists (select 1 from referral r where r.partnership_id = ${partnershipId} and r.id = ${referralId} and r.referring_agency_id = ${viewer.agencyId}))`,
      );
    } else if (rule === 'action') {
      parts.push(
        sql`(${inList} and exists (select 1 from triage_action a where a.partnership_id = ${partnershipId} and a.id = (case when e.subject_type in ('triage_action', 'action') then e.subject_id end)::uuid and a.owner_agency_id = ${viewer.agencyId}))`,
      );
    } else if (rule === 'information_request') {
      parts.push(sql`(${inList} and e.changes->>'agencyId' = ${viewer.agencyId})`);
    }
  }
  if (f.other && viewer.unlisted) parts.push(f.listed.length ? sql`e.name not in (${sql.join([...f.listed])})` : sql`true`);
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` or `)}) and (e.handling is null or ${handlingSql(viewer.restricted)})`;
}

function whereSql(partnershipId: string, personIds: string[], viewer: ChronologyViewer, f: EventFilter) {
  return sql`e.partnership_id = ${partnershipId} and e.person_id in (${sql.join(personIds)})
    ${f.from ? sql`and e.at >= ${f.from}` : sql``} ${f.before ? sql`and e.at < ${f.before}` : sql``}
    and ${visibleSql(partnershipId, viewer, f)}`;
}

/** A page of the events the viewer may see, newest first, and how many there are in all (of those only). */
export async function chronology(
  db: Db,
  partnershipId: string,
  personIds: string[],
  viewer: ChronologyViewer,
  f: EventFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: EventRow[]; total: number }> {
  const where = whereSql(partnershipId, personIds, viewer, f);
  const [rows, count] = await Promise.all([
    sql<EventRow>`select e.id, e.name, e.subject_type, e.subject_id, e.person_id, e.actor_label, e.at, e.changes from domain_event e
      where ${where} order by e.at desc, (e.name = 'person.created'), e.id limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from domain_event e where ${where}`.execute(db),
  ]);
  return { rows: rows.rows.map((r) => ({ ...r, at: new Date(r.at) })), total: count.rows[0]?.n ?? 0 };
}
