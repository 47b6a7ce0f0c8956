// The lead agency's notification of a look-up that found a child's flag (the notifications consumer runs it on
// `flag.lookup_reported`, in the look-up's transaction): who looked, when, from which organisation. A child whose
// case names no lead agency: the hub hears instead.
import { can, isHubRole, ROLES } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent } from '../../platform/events/events.ts';
import { formatUkDateTime } from '../../platform/time.ts';
import { agencyUserIds } from '../notifications/store.ts';
import { leadAgencyOf, personName } from './store.ts';

const READERS = ROLES.filter((r) => can(r, 'flag', 'read'));
const HUB = ROLES.filter(isHubRole);

export const FLAG_MAKERS = {
  'flag.lookup_reported': async (tx: Db, event: DomainEvent) => {
    if (!event.personId) return [];
    const c = event.changes as { lookedUpBy?: string; organisation?: string; at?: string };
    const name = (await personName(tx, event.partnershipId, event.personId)) ?? 'A child';
    const lead = await leadAgencyOf(tx, event.partnershipId, event.personId);
    const notification = {
      kind: 'flag_lookup',
      title: `Flag looked up: ${name}`,
      body: `${c.lookedUpBy ?? 'A partner system'} of ${c.organisation ?? 'another organisation'} looked up the flag on ${name} on ${formatUkDateTime(c.at ?? event.at)}.`,
      link: `/people/${event.personId}/flags`,
      personId: event.personId,
    };
    return [lead ? { userIds: await agencyUserIds(tx, event.partnershipId, lead, READERS), notification } : { roles: HUB, notification }];
  },
};
