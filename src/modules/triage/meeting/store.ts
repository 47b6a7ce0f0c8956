// SQL for a triage meeting day's decisions and their corrections (migration 021: versions kept in
// triage_decision_version, the current one on the decision row).
import type { Db } from '../../../platform/db/connect.ts';

interface CorrectionColumns {
  version: number;
  corrected_at: Date | string | null;
  corrected_by: string | null;
  correction_reason: string | null;
}
interface VersionTable {
  partnership_id: string;
  decision_id: string;
  version: number;
  outcome: string;
  category: string;
  rationale: string;
  recorded_at: Date | string;
  recorded_by: string;
  reason: string | null;
}
/** The generated schema (platform/db/schema.ts) does not know migration 021's columns: they are declared here. */
const typed = (db: Db) => db.withTables<{ triage_decision: CorrectionColumns; triage_decision_version: VersionTable }>();

/** Every decision recorded on the meeting of a UK day, in the order decided, with the child and the referral. */
export function decisionsOfDay(db: Db, partnershipId: string, day: string) {
  return typed(db)
    .selectFrom('triage_decision as d')
    .innerJoin('triage_meeting as m', (j) => j.onRef('m.partnership_id', '=', 'd.partnership_id').onRef('m.id', '=', 'd.meeting_id'))
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 'd.partnership_id').onRef('r.id', '=', 'd.referral_id'))
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'd.partnership_id').onRef('u.id', '=', 'd.decided_by'))
    .leftJoin('app_user as c', (j) => j.onRef('c.partnership_id', '=', 'd.partnership_id').onRef('c.id', '=', 'd.corrected_by'))
    .select([
      'd.id',
      'd.referral_id',
      'r.reference',
      'r.referring_agency_id',
      'r.person_id',
      'p.given_name',
      'p.family_name',
      'd.meeting_id',
      'm.meeting_date',
      'd.outcome',
      'd.category',
      'd.rationale',
      'd.decided_at',
      'u.name as decided_by_name',
      'd.version',
      'd.corrected_at',
      'c.name as corrected_by_name',
      'd.correction_reason',
    ])
    .where('d.partnership_id', '=', partnershipId)
    .where('m.meeting_date', '=', day)
    .orderBy('d.decided_at')
    .orderBy('d.created_at')
    .execute();
}

/** The earlier versions of the given decisions, oldest first. */
export async function versionsOf(db: Db, partnershipId: string, decisionIds: string[]) {
  if (!decisionIds.length) return [];
  return typed(db)
    .selectFrom('triage_decision_version as v')
    .leftJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'v.partnership_id').onRef('u.id', '=', 'v.recorded_by'))
    .select(['v.decision_id', 'v.version', 'v.outcome', 'v.category', 'v.rationale', 'v.recorded_at', 'u.name as recorded_by_name', 'v.reason'])
    .where('v.partnership_id', '=', partnershipId)
    .where('v.decision_id', 'in', decisionIds)
    .orderBy('v.decision_id')
    .orderBy('v.version')
    .execute();
}

/** The actions each decision set (in the one tracker, source 'triage'), with the owning agency's name. */
export async function actionsOf(db: Db, partnershipId: string, decisionIds: string[]) {
  if (!decisionIds.length) return [];
  return db
    .selectFrom('triage_action as t')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 't.partnership_id').onRef('a.id', '=', 't.owner_agency_id'))
    .select(['t.source_id', 't.description', 'a.name as owner_agency_name', 't.due_date', 't.status'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.source_kind', '=', 'triage')
    .where('t.source_id', 'in', decisionIds)
    .orderBy('t.due_date')
    .orderBy('t.id')
    .execute();
}

/** The decision, locked until the transaction ends, so that concurrent corrections run one after the other. */
export function decisionForUpdate(tx: Db, partnershipId: string, id: string) {
  return typed(tx).selectFrom('triage_decision').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).forUpdate().executeTakeFirst();
}

type Locked = NonNullable<Awaited<ReturnType<typeof decisionForUpdate>>>;

/** Keeps the current version in the history, then writes the corrected one over it (version + 1). */
export async function correct(
  tx: Db,
  d: Locked,
  change: { outcome: string; category: string; rationale: string; reason: string; by: string; at: Date },
): Promise<number> {
  await typed(tx)
    .insertInto('triage_decision_version')
    .values({
      partnership_id: d.partnership_id,
      decision_id: d.id,
      version: d.version,
      outcome: d.outcome,
      category: d.category,
      rationale: d.rationale,
      recorded_at: d.corrected_at ?? d.decided_at,
      recorded_by: d.corrected_by ?? d.decided_by,
      reason: d.correction_reason,
    })
    .execute();
  const next = d.version + 1;
  await typed(tx)
    .updateTable('triage_decision')
    .set({
      outcome: change.outcome,
      category: change.category,
      rationale: change.rationale,
      version: next,
      corrected_at: change.at,
      corrected_by: change.by,
      correction_reason: change.reason,
    })
    .where('partnership_id', '=', d.partnership_id)
    .where('id', '=', d.id)
    .where('version', '=', d.version)
    .execute();
  return next;
}

export async function personOfReferral(db: Db, partnershipId: string, referralId: string): Promise<string> {
  const r = await db
    .selectFrom('referral')
    .select('person_id')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow();
  return r.person_id;
}
