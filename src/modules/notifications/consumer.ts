// Notifications made from domain events: registered with the use-case runner and sign-in (services.ts), so each is
// written in the transaction of the change it reports and rolls back with it.
import { can, isHubRole, ROLES } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent, EventConsumer } from '../../platform/events/events.ts';
import * as store from './store.ts';

/** Who is told: everyone active in these roles, and these users, less any excluded. */
interface Made {
  roles?: readonly string[];
  userIds?: string[];
  except?: string[];
  notification: store.NotificationInput;
}

type Maker = (tx: Db, event: DomainEvent) => Promise<Made[]>;

const HUB = ROLES.filter(isHubRole);
const ADMINS = ROLES.filter((r) => can(r, 'user', 'manage'));

/** Which events notify whom, and what the notification says. */
const MAKERS: Record<string, Maker> = {
  // A child reported missing again and again: the hub considers a strategy meeting.
  // The event's changes carry the rule that was met: `{ rule: { episodes, withinDays } }`.
  'repeat_missing.alerted': async (tx, event) => {
    if (!event.personId) return [];
    const name = (await store.personName(tx, event.partnershipId, event.personId)) ?? 'A child';
    const rule = (event.changes.rule ?? {}) as { episodes?: number; withinDays?: number };
    return [
      {
        roles: HUB,
        notification: {
          kind: 'repeat_missing',
          title: `Repeat missing: ${name}`,
          body: `${name} has been reported missing ${rule.episodes ?? 'several'} or more times within ${rule.withinDays ?? 'a few'} days. Consider a strategy meeting.`,
          link: `/people/${event.personId}/missing`,
          personId: event.personId,
        },
      },
    ];
  },
  // Too many wrong two-factor codes after a right password: someone may know it. The user and the administrators.
  'sign_in.two_factor_locked': async (_tx, event) => {
    const userId = event.subject.id;
    if (!userId) return [];
    const c = event.changes as { failures?: number; minutes?: number; name?: string; email?: string };
    const kind = 'security.two_factor_locked';
    return [
      {
        userIds: [userId],
        notification: {
          kind,
          title: 'Two-factor sign-in to your account was locked',
          body: `${c.failures} wrong security codes were entered for your account after its password. Two-factor sign-in is locked for ${c.minutes} minutes. If this was not you, change your password and tell your partnership administrator.`,
        },
      },
      {
        roles: ADMINS,
        except: [userId],
        notification: {
          kind,
          title: `Two-factor sign-in locked for ${c.name}`,
          body: `${c.failures} wrong security codes were entered for ${c.name} (${c.email}) after a right password. Their two-factor sign-in is locked for ${c.minutes} minutes. Someone may know their password.`,
        },
      },
    ];
  },
};

export const notificationConsumer: EventConsumer = async (tx, event) => {
  for (const made of (await MAKERS[event.name]?.(tx, event)) ?? []) {
    const byRole = made.roles ? await store.activeUserIds(tx, event.partnershipId, made.roles) : [];
    const to = [...new Set([...(made.userIds ?? []), ...byRole])].filter((id) => !made.except?.includes(id));
    await store.notify(tx, event.partnershipId, to, made.notification);
  }
};
