// SQL for notices sent about a missing episode.
import type { Db } from '../../../platform/db/connect.ts';

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
  return db
    .selectFrom('missing_notice')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('episode_id', '=', episodeId)
    .orderBy('sent_at', 'desc')
    .execute();
}

export function findNotice(db: Db, partnershipId: string, id: string) {
  return db.selectFrom('missing_notice').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
}
