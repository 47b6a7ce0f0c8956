// SQL for agenda items and the MACEs that High triage decisions ask for.
import type { Db } from '../../../platform/db/connect.ts';
import '../schema.ts';

export function agendaItems(db: Db, partnershipId: string, meetingId: string) {
  return db
    .selectFrom('meeting_agenda_item')
    .select(['id', 'position', 'title'])
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
}

export async function insertAgendaItems(db: Db, partnershipId: string, meetingId: string, items: { id: string; position: number; title: string }[]) {
  if (!items.length) return;
  await db
    .insertInto('meeting_agenda_item')
    .values(items.map((i) => ({ partnership_id: partnershipId, meeting_id: meetingId, ...i })))
    .execute();
}

/**
 * Standing High decisions (the referral's current outcome is high) for which no MACE about the child has been held
 * since the decision: each asks for one.
 */
export function highDecisionsWithoutMace(db: Db, partnershipId: string, limit = 200) {
  return (
    db
      .selectFrom('triage_decision as d')
      .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 'd.partnership_id').onRef('r.id', '=', 'd.referral_id'))
      .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
      .select(['d.id as decision_id', 'd.decided_at', 'r.id as referral_id', 'r.reference', 'r.person_id', 'p.given_name', 'p.family_name'])
      .select((eb) =>
        eb
          .selectFrom('meeting as m')
          .select('m.id')
          .whereRef('m.partnership_id', '=', 'd.partnership_id')
          .whereRef('m.person_id', '=', 'r.person_id')
          .where('m.type_code', '=', 'mace')
          .where('m.status', '!=', 'cancelled')
          .whereRef('m.created_at', '>=', 'd.decided_at')
          .orderBy('m.starts_at')
          .limit(1)
          .as('convened_meeting_id'),
      )
      .where('d.partnership_id', '=', partnershipId)
      .where('d.outcome', '=', 'high')
      .where('r.triage_outcome', '=', 'high')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('meeting as h')
              .select('h.id')
              .whereRef('h.partnership_id', '=', 'd.partnership_id')
              .whereRef('h.person_id', '=', 'r.person_id')
              .where('h.type_code', '=', 'mace')
              .where('h.status', '=', 'held')
              .whereRef('h.starts_at', '>=', 'd.decided_at'),
          ),
        ),
      )
      // The newest decision per referral only: a later decision supersedes.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('triage_decision as later')
              .select('later.id')
              .whereRef('later.partnership_id', '=', 'd.partnership_id')
              .whereRef('later.referral_id', '=', 'd.referral_id')
              .whereRef('later.decided_at', '>', 'd.decided_at'),
          ),
        ),
      )
      .orderBy('d.decided_at')
      .limit(limit)
      .execute()
  );
}
