// Notifications made from domain events: registered with the use-case runner (services.ts), so each is written in
// the transaction of the change it reports and rolls back with it.
import { isHubRole, ROLES } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent, EventConsumer } from '../../platform/events/events.ts';
import * as store from './store.ts';

interface Made {
  roles: readonly string[];
  notification: store.NotificationInput;
}

type Maker = (tx: Db, event: DomainEvent) => Promise<Made | null>;

const HUB = ROLES.filter(isHubRole);

/** Which events notify whom, and what the notification says. */
const MAKERS: Record<string, Maker> = {
  // A child reported missing again and again: the hub considers a strategy meeting.
  // The event's changes carry the rule that was met: `{ rule: { episodes, withinDays } }`.
  'repeat_missing.alerted': async (tx, event) => {
    if (!event.personId) return null;
    const name = (await store.personName(tx, event.partnershipId, event.personId)) ?? 'A child';
    const rule = (event.changes.rule ?? {}) as { episodes?: number; withinDays?: number };
    return {
      roles: HUB,
      notification: {
        kind: 'repeat_missing',
        title: `Repeat missing: ${name}`,
        body: `${name} has been reported missing ${rule.episodes ?? 'several'} or more times within ${rule.withinDays ?? 'a few'} days. Consider a strategy meeting.`,
        link: `/people/${event.personId}/missing`,
        personId: event.personId,
      },
    };
  },
};

export const notificationConsumer: EventConsumer = async (tx, event) => {
  const made = await MAKERS[event.name]?.(tx, event);
  if (!made) return;
  await store.notify(tx, event.partnershipId, await store.activeUserIds(tx, event.partnershipId, made.roles), made.notification);
};
