// Demo cumulative concern alerts and a flag that travels (fictional). The bulk-loaded history's concern events of
// the last 90 days are replayed through the alerts consumer, in order, so the hub's /alerts shows the children
// three agencies raised concerns about within 28 days, each with what added up. One child with an open case is
// flagged "at risk of exploitation", with the hub as the contact, so a partner system's look-up finds a flag.
import { randomUUID } from 'node:crypto';
import { evaluateConcern } from '../modules/alerts/consumer.ts';
import { CONCERN_EVENTS } from '../modules/alerts/domain.ts';
import { insertFlag } from '../modules/flags/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { eventsSince } from '../platform/events/store.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { peopleWithOpenCases } from './store.ts';

export async function seedAlertsAndFlagsDemo(tx: Db, pid: string, coordinatorId: string, anchor: Date): Promise<void> {
  const since = new Date(anchor.getTime() - 90 * 86_400_000);
  for (const event of await eventsSince(tx, pid, Object.keys(CONCERN_EVENTS), since)) await evaluateConcern(tx, event);
  const [child] = await peopleWithOpenCases(tx, pid, 1);
  if (!child) return;
  await insertFlag(tx, {
    partnership_id: pid,
    id: randomUUID(),
    person_id: child.person_id,
    from_on: addDays(ukDate(anchor), -30),
    until_on: addDays(ukDate(anchor), 335),
    contact_name: 'Northmoor Exploitation Hub duty desk (fictional)',
    contact_phone: '01632 960001',
    contact_email: 'hub@example.org',
    contact_agency: 'Northmoor Exploitation Hub',
    set_by: coordinatorId,
  });
}
