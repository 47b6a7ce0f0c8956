// The views given with a referral or a triage decision, recorded in that change's transaction. Imports nothing of
// other modules, so referrals and triage may call it without a cycle.
import type { Actor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import { voiceOf } from './domain.ts';
import * as store from './store.ts';

/** Records the views given with a referral or a decision, in the caller's transaction; nothing when both are blank. */
export async function recordVoice(
  db: Db,
  actor: Actor,
  v: { personId: string; recordedIn: 'referral' | 'triage_decision'; recordId: string; childViews?: string; familyViews?: string; at: Date },
): Promise<boolean> {
  const views = voiceOf(v);
  if (!views) return false;
  await store.insertVoice(db, actor.partnershipId, {
    personId: v.personId,
    recordedIn: v.recordedIn,
    recordId: v.recordId,
    ...views,
    recordedAt: v.at,
    recordedBy: actor.via === 'system' ? null : actor.userId,
    recordedByLabel: actor.name,
  });
  return true;
}
