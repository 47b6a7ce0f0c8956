// SQL for missing episodes, return home interviews, Philomena profiles, the repeat-missing rule and alerts, and
// notices. Agency scope (practitioners, managers) is a join on person_agency: "their agency is involved".
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import { DEFAULT_REPEAT_MISSING_RULE, type RepeatMissingRule } from './episodes.ts';
import { DECLINE_REASONS, type DeclineReason, INTERVIEW_DUE_HOURS } from './interviews.ts';
import { percentage, type MissingReport } from './report.ts';

export interface EpisodeRecord {
  personId: string;
  classification: string;
  reportedAt: Date;
  lastSeenAt: Date | null;
  lastSeenPlace: string | null;
  returnedAt: Date | null;
  foundPlace: string | null;
  policeReference: string | null;
  riskGrade: string;
  lookedAfter: boolean;
  responsibleAuthority: string | null;
  placedByOtherLa: boolean;
  placingAuthority: string | null;
}

/** The episode's own fields as columns, for insert and update alike. */
const episodeValues = (e: Omit<EpisodeRecord, 'personId'>) => ({
  classification: e.classification,
  reported_at: e.reportedAt,
  last_seen_at: e.lastSeenAt,
  last_seen_place: e.lastSeenPlace,
  returned_at: e.returnedAt,
  found_place: e.foundPlace,
  police_reference: e.policeReference,
  risk_grade: e.riskGrade,
  looked_after: e.lookedAfter,
  responsible_authority: e.responsibleAuthority,
  placed_by_other_la: e.placedByOtherLa,
  placing_authority: e.placingAuthority,
});

export async function insertEpisode(tx: Db, partnershipId: string, id: string, e: EpisodeRecord, createdBy: string): Promise<void> {
  await tx
    .insertInto('missing_episode')
    .values({
      partnership_id: partnershipId,
      id,
      person_id: e.personId,
      ...episodeValues(e),
      created_by: createdBy,
    })
    .execute();
}

export async function updateEpisode(tx: Db, partnershipId: string, id: string, e: Omit<EpisodeRecord, 'personId'>): Promise<void> {
  await tx
    .updateTable('missing_episode')
    .set({
      ...episodeValues(e),
      updated_at: new Date(),
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute();
}

const episodeColumns = [
  'e.id',
  'e.person_id',
  'e.classification',
  'e.reported_at',
  'e.last_seen_at',
  'e.last_seen_place',
  'e.returned_at',
  'e.found_place',
  'e.police_reference',
  'e.risk_grade',
  'e.looked_after',
  'e.responsible_authority',
  'e.placed_by_other_la',
  'e.placing_authority',
  'e.interview_state',
  'e.created_at',
  'p.given_name',
  'p.family_name',
  'p.date_of_birth',
  'i.status as interview_status',
  'i.offered_at',
  'i.offered_by',
  'i.completed_at',
  'i.completed_by',
  'i.declined_at',
  'i.decline_reason',
  'i.decline_reason_detail',
  'i.where_went',
  'i.who_with',
  'i.travel',
  'i.push_factors',
  'i.pull_factors',
  'i.disclosures',
  'i.next_steps',
  'i.referral_id',
] as const;

function episodes(db: Db, partnershipId: string) {
  return db
    .selectFrom('missing_episode as e')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'e.partnership_id').onRef('p.id', '=', 'e.person_id'))
    .leftJoin('return_interview as i', (j) => j.onRef('i.partnership_id', '=', 'e.partnership_id').onRef('i.episode_id', '=', 'e.id'))
    .select(episodeColumns)
    .where('e.partnership_id', '=', partnershipId);
}

export type EpisodeRow = NonNullable<Awaited<ReturnType<typeof findEpisode>>>;

export function findEpisode(db: Db, partnershipId: string, id: string) {
  return episodes(db, partnershipId).where('e.id', '=', id).executeTakeFirst();
}

export function personEpisodes(db: Db, partnershipId: string, personId: string, limit = 200) {
  return episodes(db, partnershipId).where('e.person_id', '=', personId).orderBy('e.reported_at', 'desc').limit(limit).execute();
}

/** When each of the child's episodes was reported (for the repeat-missing rule). */
export async function reportedAts(db: Db, partnershipId: string, personId: string, excludeEpisodeId?: string): Promise<Date[]> {
  let q = db.selectFrom('missing_episode').select('reported_at').where('partnership_id', '=', partnershipId).where('person_id', '=', personId);
  if (excludeEpisodeId) q = q.where('id', '!=', excludeEpisodeId);
  return (await q.execute()).map((r) => new Date(r.reported_at));
}

/** Restricts a query over `e` (missing_episode) to people the agency is involved with; null means no restriction. */
const agencyScope = (agencyId: string | null) =>
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
      eb.fn.countAll<number>().filterWhere((x) => x.and([x('e.returned_at', '>=', overdueBefore), x('e.returned_at', '<=', soonBefore)])).as('due_soon'),
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

export interface InterviewRecord {
  status: string;
  offeredAt: Date | null;
  offeredBy: string | null;
  completedAt: Date | null;
  completedBy: string | null;
  declinedAt: Date | null;
  declineReason: string | null;
  declineReasonDetail: string | null;
  whereWent: string | null;
  whoWith: string | null;
  travel: string | null;
  pushFactors: string | null;
  pullFactors: string | null;
  disclosures: string | null;
  nextSteps: string | null;
}

export async function putInterview(tx: Db, partnershipId: string, episodeId: string, r: InterviewRecord, userId: string): Promise<void> {
  const values = {
    status: r.status,
    offered_at: r.offeredAt,
    offered_by: r.offeredBy,
    completed_at: r.completedAt,
    completed_by: r.completedBy,
    declined_at: r.declinedAt,
    decline_reason: r.declineReason,
    decline_reason_detail: r.declineReasonDetail,
    where_went: r.whereWent,
    who_with: r.whoWith,
    travel: r.travel,
    push_factors: r.pushFactors,
    pull_factors: r.pullFactors,
    disclosures: r.disclosures,
    next_steps: r.nextSteps,
    updated_by: userId,
    updated_at: new Date(),
  };
  await tx
    .insertInto('return_interview')
    .values({ partnership_id: partnershipId, episode_id: episodeId, ...values })
    .onConflict((oc) => oc.columns(['partnership_id', 'episode_id']).doUpdateSet(values))
    .execute();
  const state = r.completedAt ? 'completed' : r.declinedAt ? 'declined' : 'pending';
  await tx
    .updateTable('missing_episode')
    .set({
      interview_state: state,
      rhi_offered: !!(r.offeredAt || r.completedAt),
      rhi_completed_at: r.completedAt,
      rhi_declined_reason: state === 'declined' ? (r.declineReason ?? 'other') : null,
    }).where('partnership_id', '=', partnershipId).where('id', '=', episodeId).execute();
}

export async function linkReferral(tx: Db, partnershipId: string, episodeId: string, referralId: string): Promise<void> {
  await tx.updateTable('return_interview').set({ referral_id: referralId }).where('partnership_id', '=', partnershipId).where('episode_id', '=', episodeId).execute();
}

export async function getRule(db: Db, partnershipId: string): Promise<RepeatMissingRule> {
  const row = await db.selectFrom('missing_rule').select(['episodes', 'within_days']).where('partnership_id', '=', partnershipId).executeTakeFirst();
  return row ? { episodes: row.episodes, withinDays: row.within_days } : DEFAULT_REPEAT_MISSING_RULE;
}

export async function setRule(tx: Db, partnershipId: string, rule: RepeatMissingRule, userId: string): Promise<void> {
  const values = { episodes: rule.episodes, within_days: rule.withinDays, updated_by: userId, updated_at: new Date() };
  await tx
    .insertInto('missing_rule')
    .values({ partnership_id: partnershipId, ...values })
    .onConflict((oc) => oc.column('partnership_id').doUpdateSet(values))
    .execute();
}

export async function insertAlert(tx: Db, partnershipId: string, id: string, personId: string, episodeId: string, rule: RepeatMissingRule): Promise<void> {
  await tx
    .insertInto('repeat_missing_alert')
    .values({ partnership_id: partnershipId, id, person_id: personId, episode_id: episodeId, rule_episodes: rule.episodes, rule_within_days: rule.withinDays })
    .execute();
}

export function alerts(db: Db, partnershipId: string, opts: { personId?: string; openOnly?: boolean; agencyId?: string | null; limit?: number }) {
  let q = db
    .selectFrom('repeat_missing_alert as a')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'a.partnership_id').onRef('p.id', '=', 'a.person_id'))
    .select(['a.id', 'a.person_id', 'a.episode_id', 'a.rule_episodes', 'a.rule_within_days', 'a.created_at', 'a.acknowledged_at', 'p.given_name', 'p.family_name'])
    .where('a.partnership_id', '=', partnershipId);
  if (opts.personId) q = q.where('a.person_id', '=', opts.personId);
  if (opts.openOnly) q = q.where('a.acknowledged_at', 'is', null);
  if (opts.agencyId) {
    const agencyId = opts.agencyId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_agency as pa')
          .select('pa.agency_id')
          .whereRef('pa.partnership_id', '=', 'a.partnership_id')
          .whereRef('pa.person_id', '=', 'a.person_id')
          .where('pa.agency_id', '=', agencyId),
      ),
    );
  }
  return q.orderBy('a.created_at', 'desc').limit(opts.limit ?? 100).execute();
}

export async function acknowledgeAlert(tx: Db, partnershipId: string, id: string, userId: string) {
  return tx
    .updateTable('repeat_missing_alert')
    .set({ acknowledged_at: new Date(), acknowledged_by: userId })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .returning(['person_id'])
    .executeTakeFirst();
}

/** Active hub users: who the hub's notifications go to. */
export async function hubUserIds(db: Db, partnershipId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('active', '=', true)
    .where('role', 'in', ['hub_coordinator', 'hub_member'])
    .execute();
  return rows.map((r) => r.id);
}

export async function insertNotice(
  tx: Db,
  partnershipId: string,
  n: { id: string; episodeId: string; personId: string; kind: string; recipient: string; method: string; sentAt: Date; body: string; createdBy: string },
) {
  await tx
    .insertInto('missing_notice')
    .values({
      partnership_id: partnershipId,
      id: n.id,
      episode_id: n.episodeId,
      person_id: n.personId,
      kind: n.kind,
      recipient: n.recipient,
      method: n.method,
      sent_at: n.sentAt,
      body: n.body,
      created_by: n.createdBy,
    })
    .execute();
}

export function notices(db: Db, partnershipId: string, episodeId: string) {
  return db.selectFrom('missing_notice').selectAll().where('partnership_id', '=', partnershipId).where('episode_id', '=', episodeId).orderBy('sent_at', 'desc').execute();
}

export function findNotice(db: Db, partnershipId: string, id: string) {
  return db.selectFrom('missing_notice').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
}

export function profile(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('philomena_profile')
    .select(['person_id', 'description', 'associates', 'places', 'phones', 'social_media', 'medical_needs', 'other_information', 'photo_type', 'photo_updated_at', 'updated_at'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export interface ProfileRecord {
  description: string | null;
  associates: string | null;
  places: string | null;
  phones: string | null;
  socialMedia: string | null;
  medicalNeeds: string | null;
  otherInformation: string | null;
}

export async function putProfile(tx: Db, partnershipId: string, personId: string, p: ProfileRecord, photo: { data: Buffer; type: string } | null, userId: string) {
  const values = {
    description: p.description,
    associates: p.associates,
    places: p.places,
    phones: p.phones,
    social_media: p.socialMedia,
    medical_needs: p.medicalNeeds,
    other_information: p.otherInformation,
    updated_by: userId,
    updated_at: new Date(),
    ...(photo ? { photo: photo.data, photo_type: photo.type, photo_updated_at: new Date() } : {}),
  };
  await tx
    .insertInto('philomena_profile')
    .values({ partnership_id: partnershipId, person_id: personId, ...values })
    .onConflict((oc) => oc.columns(['partnership_id', 'person_id']).doUpdateSet(values))
    .execute();
}

export function photo(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('philomena_profile')
    .select(['photo', 'photo_type'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .where('photo', 'is not', null)
    .executeTakeFirst();
}

/**
 * The quarterly report in SQL, with the same definitions as the pure buildMissingReport (tested against it):
 * episodes reported in [start, end); repeat missing counts every episode of the child in the rule's window
 * (elapsed hours, so a clock change does not stretch it), including episodes before the period.
 */
export async function missingReport(db: Db, partnershipId: string, period: { from: string; to: string; start: Date; end: Date }, rule: RepeatMissingRule): Promise<MissingReport> {
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
