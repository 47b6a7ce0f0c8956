// A user's own notifications. Any signed-in user may read their own; reading them is audited because they can name
// children (for example a repeat-missing alert).
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import * as store from './store.ts';

export function notificationsService(db: Db) {
  return {
    /** For the navigation's count; not audited (a number, no names). */
    async unreadCount(actor: Actor): Promise<number> {
      if (actor.via === 'system') return 0;
      return store.unreadCount(db, actor.partnershipId, actor.userId);
    },

    async list(actor: Actor) {
      return db.transaction().execute(async (tx) => {
        const rows = await store.list(tx, actor.partnershipId, actor.userId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'notification.listed', resourceType: 'notification', details: { count: rows.length } });
        return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, personId: r.person_id, createdAt: r.created_at, read: r.read_at !== null }));
      });
    },

    async markAllRead(actor: Actor): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const n = await store.markAllRead(tx, actor.partnershipId, actor.userId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'notification.read', resourceType: 'notification', details: { count: n } });
        return n;
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof notificationsService>;
