// Retention SQL: the partnership's schedule, the records old enough to be due, the review queue, legal holds and
// tombstones. Deleting a record is deletion/store.ts.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { RecordType } from './domain.ts';

export async function scheduleOverrides(db: Db, partnershipId: string) {
  const { rows } = await sql<{ record_type: string; years: number; until_age: number | null }>`
    select record_type, years, until_age from retention_schedule where partnership_id = ${partnershipId}`.execute(db);
  return rows;
}

export async function setScheduleEntry(db: Db, partnershipId: string, recordType: RecordType, years: number, untilAge: number | null, by: string | null) {
  await sql`insert into retention_schedule (partnership_id, record_type, years, until_age, updated_by) values (${partnershipId}, ${recordType}, ${years}, ${untilAge}, ${by})
    on conflict (partnership_id, record_type) do update set years = excluded.years, until_age = excluded.until_age, updated_by = excluded.updated_by, updated_at = now()`.execute(
    db,
  );
}

export interface Candidate {
  record_type: RecordType;
  record_id: string;
  person_id: string | null;
  /** The day the period is measured from (UK calendar day). */
  from_day: string;
  date_of_birth: string | null;
}

const day = (column: string) => sql<string>`to_char((${sql.ref(column)} at time zone 'Europe/London')::date, 'YYYY-MM-DD')`;
const dob = sql<string | null>`to_char(p.date_of_birth, 'YYYY-MM-DD')`;

/** Holds in force: on the record itself, or on the person it is about. */
const notHeld = (personColumn: string | null, recordType: string | RawBuilder<unknown>, recordId: string) => sql`not exists (
  select 1 from retention_hold h where h.partnership_id = ${sql.ref('x.partnership_id')} and h.released_at is null
    and ((h.record_type = ${recordType} and h.record_id = ${sql.ref(recordId)}::text)
      ${personColumn ? sql`or h.person_id = ${sql.ref(personColumn)}` : sql``}))`;

/**
 * Records whose period may have run (measured from before `cutoff`: the shortest period ago), not on hold and not
 * yet in the queue. The exact due day is domain.dueOn's; this only narrows what is read.
 */
export async function candidates(db: Db, partnershipId: string, type: RecordType, cutoff: string): Promise<Candidate[]> {
  const listed = (id: string) =>
    sql`not exists (select 1 from retention_review q where q.partnership_id = ${partnershipId} and q.record_type = ${type} and q.record_id = ${sql.ref(id)}::text)`;
  let query: ReturnType<typeof sql<Candidate>>;
  switch (type) {
    case 'referral_no_case':
      query = sql<Candidate>`select x.id::text as record_id, x.person_id::text as person_id, ${day('x.received_at')} as from_day, ${dob} as date_of_birth
        from referral x join person p on p.partnership_id = x.partnership_id and p.id = x.person_id
        where x.partnership_id = ${partnershipId} and x.received_at < ${cutoff}::date
          and not exists (select 1 from exploitation_case c where c.partnership_id = x.partnership_id and c.person_id = x.person_id)
          and ${listed('x.id')} and ${notHeld('x.person_id', type, 'x.id')}`;
      break;
    case 'closed_case':
      // Referred again since closing: the child's record is live again, so the case is not due.
      query = sql<Candidate>`select x.id::text as record_id, x.person_id::text as person_id, ${day('x.closed_at')} as from_day, ${dob} as date_of_birth
        from exploitation_case x join person p on p.partnership_id = x.partnership_id and p.id = x.person_id
        where x.partnership_id = ${partnershipId} and x.status = 'closed' and x.closed_at < ${cutoff}::date
          and not exists (select 1 from referral r where r.partnership_id = x.partnership_id and r.person_id = x.person_id and r.received_at > x.closed_at)
          and ${listed('x.id')} and ${notHeld('x.person_id', type, 'x.id')}`;
      break;
    case 'missing_episode':
      query = sql<Candidate>`select x.id::text as record_id, x.person_id::text as person_id, ${day('x.reported_at')} as from_day, ${dob} as date_of_birth
        from missing_episode x join person p on p.partnership_id = x.partnership_id and p.id = x.person_id
        where x.partnership_id = ${partnershipId} and x.reported_at < ${cutoff}::date
          and ${listed('x.id')} and ${notHeld('x.person_id', type, 'x.id')}`;
      break;
    case 'intelligence_corroborated':
    case 'intelligence_uncorroborated': {
      const low = type === 'intelligence_uncorroborated';
      query = sql<Candidate>`select x.id::text as record_id, null as person_id, to_char(x.occurred_on, 'YYYY-MM-DD') as from_day, null as date_of_birth
        from intel_item x
        where x.partnership_id = ${partnershipId} and x.occurred_on < ${cutoff}::date
          and ${low ? sql`(x.source_grade = 3 or x.intel_grade in ('D', 'E'))` : sql`not (x.source_grade = 3 or x.intel_grade in ('D', 'E'))`}
          and ${listed('x.id')} and ${notHeld(null, type, 'x.id')}
          and not exists (select 1 from intel_link l join intel_entity e on e.partnership_id = l.partnership_id and e.id in (l.from_entity, l.to_entity)
            join retention_hold h on h.partnership_id = e.partnership_id and h.person_id = e.person_id and h.released_at is null
            where l.partnership_id = x.partnership_id and l.item_id = x.id)`;
      break;
    }
    case 'training_record':
      query = sql<Candidate>`select x.id::text as record_id, null as person_id,
          to_char(coalesce((select max(c.completed_on) from training_completion c where c.partnership_id = x.partnership_id and c.member_id = x.id), x.joined_on, x.created_at::date), 'YYYY-MM-DD') as from_day,
          null as date_of_birth
        from training_member x
        where x.partnership_id = ${partnershipId}
          and coalesce((select max(c.completed_on) from training_completion c where c.partnership_id = x.partnership_id and c.member_id = x.id), x.joined_on, x.created_at::date) < ${cutoff}::date
          and ${listed('x.id')} and ${notHeld(null, type, 'x.id')}`;
      break;
    case 'audit_event':
      // One review a year: the year's events, once the whole year is older than the period.
      query = sql<Candidate>`select y.year as record_id, null as person_id, y.year || '-12-31' as from_day, null as date_of_birth
        from (select distinct to_char(at at time zone 'Europe/London', 'YYYY') as year from audit_event where partnership_id = ${partnershipId} and at < ${cutoff}::date) y
        where not exists (select 1 from retention_review q where q.partnership_id = ${partnershipId} and q.record_type = ${type} and q.record_id = y.year)`;
      break;
  }
  const { rows } = await query.execute(db);
  return rows.map((r) => ({ ...r, record_type: type }));
}

export async function listForReview(
  db: Db,
  r: { partnershipId: string; id: string; recordType: RecordType; recordId: string; personId: string | null; dueOn: string; action: string },
): Promise<boolean> {
  const { rows } = await sql`insert into retention_review (partnership_id, id, record_type, record_id, person_id, due_on, action)
    values (${r.partnershipId}, ${r.id}, ${r.recordType}, ${r.recordId}, ${r.personId}, ${r.dueOn}, ${r.action})
    on conflict (partnership_id, record_type, record_id) do nothing returning id`.execute(db);
  return rows.length > 0;
}

/** Deferred records whose deferral has run out come back to the queue. */
export async function reopenDeferred(db: Db, partnershipId: string, today: string) {
  const { rows } = await sql<{ id: string; record_type: string; due_on: string }>`
    update retention_review set status = 'due' where partnership_id = ${partnershipId} and status = 'deferred' and deferred_until <= ${today}::date
    returning id, record_type, to_char(due_on, 'YYYY-MM-DD') as due_on`.execute(db);
  return rows;
}

export interface QueueRow {
  id: string;
  record_type: RecordType;
  record_id: string;
  person_id: string | null;
  person_name: string | null;
  due_on: string;
  action: 'delete' | 'review';
  listed_at: Date;
}

/** Due records not on hold, the longest overdue first. */
export async function queue(db: Db, partnershipId: string): Promise<QueueRow[]> {
  const { rows } = await sql<QueueRow>`
    select x.id, x.record_type, x.record_id, x.person_id, nullif(trim(p.given_name || ' ' || p.family_name), '') as person_name,
      to_char(x.due_on, 'YYYY-MM-DD') as due_on, x.action, x.listed_at
    from retention_review x left join person p on p.partnership_id = x.partnership_id and p.id = x.person_id
    where x.partnership_id = ${partnershipId} and x.status = 'due' and ${notHeld('x.person_id', sql.ref('x.record_type'), 'x.record_id')}
    order by x.due_on, x.listed_at limit 500`.execute(db);
  return rows;
}

export async function reviewForUpdate(db: Db, partnershipId: string, id: string) {
  const { rows } = await sql<QueueRow & { status: string }>`
    select id, record_type, record_id, person_id::text as person_id, to_char(due_on, 'YYYY-MM-DD') as due_on, action, status, listed_at
    from retention_review where partnership_id = ${partnershipId} and id = ${id} for update`.execute(db);
  return rows[0] ?? null;
}

export async function decide(
  db: Db,
  r: { partnershipId: string; id: string; status: string; by: string | null; byLabel: string; reason: string; deferredUntil: string | null },
) {
  await sql`update retention_review set status = ${r.status}, decided_by = ${r.by}, decided_by_label = ${r.byLabel}, decided_at = now(),
    reason = ${r.reason}, deferred_until = ${r.deferredUntil} where partnership_id = ${r.partnershipId} and id = ${r.id}`.execute(db);
}

/** The hold stopping this record's deletion, if any (a hold on its person, or on an intelligence item's people). */
export async function holdOn(db: Db, partnershipId: string, recordType: string, recordId: string, personId: string | null) {
  const { rows } = await sql<{ id: string; reason: string }>`
    select h.id, h.reason from retention_hold h where h.partnership_id = ${partnershipId} and h.released_at is null
      and ((h.record_type = ${recordType} and h.record_id = ${recordId}) or h.person_id = ${personId}
        or h.person_id in (select e.person_id from intel_link l join intel_entity e on e.partnership_id = l.partnership_id and e.id in (l.from_entity, l.to_entity)
          where l.partnership_id = ${partnershipId} and l.item_id::text = ${recordId}))
    limit 1`.execute(db);
  return rows[0] ?? null;
}

export async function placeHold(
  db: Db,
  h: {
    partnershipId: string;
    id: string;
    personId: string | null;
    recordType: string | null;
    recordId: string | null;
    reason: string;
    by: string | null;
    byLabel: string;
  },
) {
  await sql`insert into retention_hold (partnership_id, id, person_id, record_type, record_id, reason, placed_by, placed_by_label)
    values (${h.partnershipId}, ${h.id}, ${h.personId}, ${h.recordType}, ${h.recordId}, ${h.reason}, ${h.by}, ${h.byLabel})`.execute(db);
}

export async function releaseHold(db: Db, partnershipId: string, id: string, by: string | null, byLabel: string) {
  const { rows } = await sql<{ id: string; person_id: string | null }>`
    update retention_hold set released_at = now(), released_by = ${by}, released_by_label = ${byLabel}
    where partnership_id = ${partnershipId} and id = ${id} and released_at is null returning id, person_id::text as person_id`.execute(db);
  return rows[0] ?? null;
}

export interface HoldRow {
  id: string;
  person_id: string | null;
  person_name: string | null;
  record_type: string | null;
  record_id: string | null;
  reason: string;
  placed_by_label: string;
  placed_at: Date;
}

export async function holds(db: Db, partnershipId: string): Promise<HoldRow[]> {
  const { rows } = await sql<HoldRow>`
    select h.id, h.person_id::text as person_id, nullif(trim(p.given_name || ' ' || p.family_name), '') as person_name, h.record_type, h.record_id,
      h.reason, h.placed_by_label, h.placed_at
    from retention_hold h left join person p on p.partnership_id = h.partnership_id and p.id = h.person_id
    where h.partnership_id = ${partnershipId} and h.released_at is null order by h.placed_at desc`.execute(db);
  return rows;
}

export async function personExists(db: Db, partnershipId: string, personId: string) {
  const { rows } = await sql`select 1 from person where partnership_id = ${partnershipId} and id = ${personId}`.execute(db);
  return rows.length > 0;
}

export async function tombstone(
  db: Db,
  t: {
    partnershipId: string;
    id: string;
    reviewId: string;
    recordType: string;
    recordId: string;
    by: string | null;
    byLabel: string;
    entry: Record<string, unknown>;
    rows: Record<string, number>;
  },
) {
  await sql`insert into retention_tombstone (partnership_id, id, review_id, record_type, record_id, approved_by, approved_by_label, schedule_entry, rows_deleted)
    values (${t.partnershipId}, ${t.id}, ${t.reviewId}, ${t.recordType}, ${t.recordId}, ${t.by}, ${t.byLabel}, ${JSON.stringify(t.entry)}::jsonb, ${JSON.stringify(t.rows)}::jsonb)`.execute(
    db,
  );
}

export async function tombstones(db: Db, partnershipId: string) {
  const { rows } = await sql<{
    id: string;
    record_type: string;
    record_id: string;
    deleted_at: Date;
    approved_by_label: string;
    rows_deleted: Record<string, number>;
  }>`
    select id, record_type, record_id, deleted_at, approved_by_label, rows_deleted from retention_tombstone
    where partnership_id = ${partnershipId} order by deleted_at desc limit 50`.execute(db);
  return rows;
}

export async function memberReference(db: Db, partnershipId: string, memberId: string) {
  const { rows } = await sql<{ reference: string | null; email: string | null }>`
    select reference, email from training_member where partnership_id = ${partnershipId} and id = ${memberId}`.execute(db);
  return rows[0] ?? null;
}

/** Import rows that carried this member's details (name, e-mail) into the partnership. */
export async function deleteImportRows(db: Db, partnershipId: string, reference: string | null, email: string | null) {
  await sql`delete from training_import_row where partnership_id = ${partnershipId}
    and ((${reference}::text is not null and reference = ${reference}) or (${email}::text is not null and lower(email) = lower(${email})))`.execute(db);
}
