// SQL for retry keys (Idempotency-Key headers and forms' submission ids).
import type { Db } from '../db/connect.ts';

/** Claims the key for a new record; when it was claimed before, returns that claim (its record and request hash). */
export async function claimKey(tx: Db, partnershipId: string, userId: string, key: string, resourceId: string, requestHash: string) {
  const claimed = await tx
    .insertInto('idempotency_key')
    .values({ partnership_id: partnershipId, user_id: userId, key, resource_id: resourceId, request_hash: requestHash })
    .onConflict((oc) => oc.doNothing())
    .returning('resource_id')
    .executeTakeFirst();
  if (claimed) return null;
  return tx
    .selectFrom('idempotency_key')
    .select(['resource_id', 'request_hash'])
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}
