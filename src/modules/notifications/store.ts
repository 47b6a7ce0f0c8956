// In-app notifications: one row per recipient (e-mail, when configured, follows from these: email.ts).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/connect.ts';
import './schema.ts';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  personId?: string | null;
}

/**
 * Writes one notification per user, inside the caller's transaction. With `eventId`, an event already notified is
 * not notified again (a replay). The rows written, to e-mail.
 */
export async function notify(
  tx: Db,
  partnershipId: string,
  userIds: string[],
  n: NotificationInput,
  eventId?: string,
): Promise<{ id: string; user_id: string }[]> {
  if (userIds.length === 0) return [];
  return tx
    .insertInto('notification')
    .values(
      userIds.map((user_id) => ({
        partnership_id: partnershipId,
        id: randomUUID(),
        user_id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link ?? null,
        person_id: n.personId ?? null,
        event_id: eventId ?? null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'user_id'])
    .execute();
}

/** Active users with one of these roles: the recipients of a notification to, say, the hub. */
export async function activeUserIds(db: Db, partnershipId: string, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('active', '=', true)
    .where('role', 'in', roles)
    .execute();
  return rows.map((r) => r.id);
}

/** The name a notification about a person shows. */
export async function personName(db: Db, partnershipId: string, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person')
    .select(['given_name', 'family_name'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return row ? `${row.given_name} ${row.family_name}` : null;
}

export async function unreadCount(db: Db, partnershipId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function list(db: Db, partnershipId: string, userId: string, limit = 100) {
  return db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'body', 'link', 'person_id', 'created_at', 'read_at'])
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function markAllRead(tx: Db, partnershipId: string, userId: string): Promise<number> {
  const r = await tx
    .updateTable('notification')
    .set({ read_at: new Date() })
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Active users of one agency with one of these roles (an agency asked for information). */
export async function agencyUserIds(db: Db, partnershipId: string, agencyId: string, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where('role', 'in', roles)
    .execute();
  return rows.map((r) => r.id);
}

/** What a referrer's notice of the outcome needs: the referral, who made it, and the actions their agency owns. */
export async function referralOutcomeNotice(db: Db, partnershipId: string, referralId: string, decisionId: string) {
  const referral = await db
    .selectFrom('referral as r')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .select(['r.reference', 'r.referrer_user_id', 'r.referring_agency_id', 'p.given_name', 'p.family_name'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.id', '=', referralId)
    .executeTakeFirst();
  if (!referral) return null;
  const actions = await db
    .selectFrom('triage_action')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('decision_id', '=', decisionId)
    .where('owner_agency_id', '=', referral.referring_agency_id)
    .executeTakeFirstOrThrow();
  return { ...referral, actionsForAgency: Number(actions.n) };
}

/** Who asked an information request (the hub user told of its answer). */
export async function informationRequestAsker(db: Db, partnershipId: string, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('information_request')
    .select('created_by')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.created_by ?? null;
}
