// Safe retries: the same key with the same request gives the first result; the same key with a different request is
// refused (422), so a partner system's second record is never silently answered with its first.
import { createHash } from 'node:crypto';
import type { Actor } from '../access/actor.ts';
import { canonicalJson } from '../audit/chain.ts';
import type { Db } from '../db/connect.ts';
import { Problem } from '../http/problems.ts';
import { claimKey } from './store.ts';

export const idempotencyKeyReused = () =>
  new Problem(
    422,
    'Idempotency key reused',
    'This Idempotency-Key was already used for a different request. Send a new key for a new record; resend the same request to get the first result.',
    [{ field: 'Idempotency-Key', message: 'Use a new key for a different request' }],
    '/problems/idempotency-key-reused',
  );

/**
 * Claims `key` (namespaced by the caller, e.g. `missing:<key>`) for the record `resourceId` about to be made from
 * `request`. Returns null when this request may go ahead, or the id of the record the same request made before.
 */
export async function claimRetryKey(db: Db, actor: Actor, key: string, resourceId: string, request: unknown): Promise<string | null> {
  const hash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const earlier = await claimKey(db, actor.partnershipId, actor.userId, key, resourceId, hash);
  if (!earlier) return null;
  if (earlier.request_hash && earlier.request_hash !== hash) throw idempotencyKeyReused();
  return earlier.resource_id;
}
