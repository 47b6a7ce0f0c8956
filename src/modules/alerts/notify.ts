// The hub's notification of a cumulative concern alert (the notifications consumer runs it on
// `cumulative_concern.alerted`, in the transaction of the concern that raised the alert).
import { can, ROLES } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent } from '../../platform/events/events.ts';
import { contextName, personName } from './store.ts';

const READERS = ROLES.filter((r) => can(r, 'alert', 'read'));

export const ALERT_MAKERS = {
  'cumulative_concern.alerted': async (tx: Db, event: DomainEvent) => {
    const c = event.changes as { agencies?: string[]; windowDays?: number; contextId?: string };
    if (!event.personId && !c.contextId) return [];
    // A context's alert names the place or group (decision 0024 "Alerts about a context"); a child's names the child.
    const name = event.personId
      ? ((await personName(tx, event.partnershipId, event.personId)) ?? 'A child')
      : ((await contextName(tx, event.partnershipId, c.contextId!)) ?? 'A context');
    const agencies = c.agencies ?? [];
    return [
      {
        roles: READERS,
        notification: {
          kind: 'cumulative_concern',
          title: `Cumulative concern: ${name}`,
          body: `${agencies.length} agencies have raised concerns about ${name} within ${c.windowDays ?? 28} days: ${agencies.join(', ')}. Consider what the hub should do.`,
          link: '/alerts',
          personId: event.personId,
        },
      },
    ];
  },
};
