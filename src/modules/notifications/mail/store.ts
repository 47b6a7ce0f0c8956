// SQL of e-mail notifications: a partnership's triggers, a user's digest choice, what an e-mail job reads.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';
import '../schema.ts';
import { TRIGGER_IDS, type Trigger } from '../triggers.ts';

/** Every trigger, on unless the partnership turned it off. */
export async function triggerSettings(db: Db, partnershipId: string): Promise<Record<Trigger, boolean>> {
  const rows = await db.selectFrom('notification_trigger_setting').select(['trigger', 'enabled']).where('partnership_id', '=', partnershipId).execute();
  const off = new Set(rows.filter((r) => !r.enabled).map((r) => r.trigger));
  return Object.fromEntries(TRIGGER_IDS.map((t) => [t, !off.has(t)])) as Record<Trigger, boolean>;
}

export async function saveTriggerSettings(db: Db, partnershipId: string, settings: Partial<Record<Trigger, boolean>>, userId: string | null) {
  const values = Object.entries(settings).map(([trigger, enabled]) => ({
    partnership_id: partnershipId,
    trigger,
    enabled: Boolean(enabled),
    updated_by: userId,
  }));
  if (values.length === 0) return;
  await db
    .insertInto('notification_trigger_setting')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['partnership_id', 'trigger']).doUpdateSet({ enabled: sql`excluded.enabled`, updated_by: sql`excluded.updated_by`, updated_at: sql`now()` }),
    )
    .execute();
}

export async function digestUsers(db: Db, partnershipId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('notification_preference')
    .select('user_id')
    .where('partnership_id', '=', partnershipId)
    .where('user_id', 'in', userIds)
    .where('daily_digest', '=', true)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function isDigestUser(db: Db, partnershipId: string, userId: string): Promise<boolean> {
  return (await digestUsers(db, partnershipId, [userId])).has(userId);
}

export async function setDigest(db: Db, partnershipId: string, userId: string, dailyDigest: boolean) {
  await db
    .insertInto('notification_preference')
    .values({ partnership_id: partnershipId, user_id: userId, daily_digest: dailyDigest })
    .onConflict((oc) => oc.columns(['partnership_id', 'user_id']).doUpdateSet({ daily_digest: dailyDigest, updated_at: sql`now()` }))
    .execute();
}

/** What one e-mail job needs: the notification and its recipient (active, with an address). */
export function notificationForEmail(db: Db, partnershipId: string, id: string) {
  return db
    .selectFrom('notification as n')
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'n.partnership_id').onRef('u.id', '=', 'n.user_id'))
    .select(['n.id', 'n.kind', 'n.link', 'n.emailed_at', 'u.email', 'u.name', 'u.active'])
    .where('n.partnership_id', '=', partnershipId)
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export async function markEmailed(db: Db, partnershipId: string, ids: string[], at = new Date()) {
  if (ids.length === 0) return;
  await db
    .updateTable('notification')
    .set({ emailed_at: at, digest_pending: false })
    .where('partnership_id', '=', partnershipId)
    .where('id', 'in', ids)
    .execute();
}

/** A digest's notifications: the user's waiting for it. */
export function undigested(db: Db, partnershipId: string, userId: string) {
  return db
    .selectFrom('notification')
    .select(['id', 'kind'])
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('digest_pending', '=', true)
    .execute();
}

export async function holdForDigest(db: Db, partnershipId: string, ids: string[]) {
  if (ids.length > 0)
    await db.updateTable('notification').set({ digest_pending: true }).where('partnership_id', '=', partnershipId).where('id', 'in', ids).execute();
}

export function userForEmail(db: Db, partnershipId: string, userId: string) {
  return db.selectFrom('app_user').select(['email', 'name', 'active']).where('partnership_id', '=', partnershipId).where('id', '=', userId).executeTakeFirst();
}
