// SQL for missing episodes and return home interviews, and the facts about a child the missing use cases need
// (their agency involvement, aliases). Other areas have their own stores: due-store, alerts-store, notices-store,
// profile-store.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { MissingEpisodeTable, RepeatMissingAlertTable, ReturnInterviewTable } from '../../platform/db/schema.ts';

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
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', episodeId)
    .execute();
}

export async function linkReferral(tx: Db, partnershipId: string, episodeId: string, referralId: string): Promise<void> {
  await tx
    .updateTable('return_interview')
    .set({ referral_id: referralId })
    .where('partnership_id', '=', partnershipId)
    .where('episode_id', '=', episodeId)
    .execute();
}

export async function partnershipName(db: Db, partnershipId: string): Promise<string> {
  return (await db.selectFrom('partnership').select('name').where('id', '=', partnershipId).executeTakeFirst())?.name ?? '';
}

/** The facts about a child an episode takes from their person record. */
export async function findChild(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'placed_by_other_la', 'placing_authority'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** Many episodes, interviews and alerts at once, as rows (the demo seed: fast, and its own ids and times). */
export async function insertRows(
  tx: Db,
  rows: { episodes: Insertable<MissingEpisodeTable>[]; interviews: Insertable<ReturnInterviewTable>[]; alerts: Insertable<RepeatMissingAlertTable>[] },
): Promise<void> {
  if (rows.episodes.length) await tx.insertInto('missing_episode').values(rows.episodes).execute();
  if (rows.interviews.length) await tx.insertInto('return_interview').values(rows.interviews).execute();
  if (rows.alerts.length) await tx.insertInto('repeat_missing_alert').values(rows.alerts).execute();
}
