// Demo meetings (entirely fictional): for each type a held meeting (attendance, minutes, a decision) and an upcoming
// one (invitations sent); the MACE is about the social worker's first open case.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/connect.ts';
import { firstOpenCaseOf, insertRows } from './store.ts';

const TYPES = [
  { code: 'mace', name: 'Strategy meeting / MACE', daysAgo: 14, ahead: 5 },
  { code: 'panel', name: 'Exploitation Panel', daysAgo: 28, ahead: 3 },
  { code: 'odg', name: 'Operational Delivery Group', daysAgo: 7, ahead: 1 },
  { code: 'subgroup', name: 'Exploitation Subgroup', daysAgo: 60, ahead: 10 },
] as const;

export async function seedMeetingsDemo(
  tx: Db,
  pid: string,
  agencyIds: Record<string, string>,
  users: { coordinator: string; socialWorker: string },
  anchor: Date,
): Promise<void> {
  const personId = await firstOpenCaseOf(tx, pid, users.socialWorker);
  const agencies = Object.values(agencyIds).slice(0, 4);
  const day = 86_400_000;
  for (const t of TYPES) {
    for (const held of [true, false]) {
      const id = randomUUID();
      const startsAt = new Date(anchor.getTime() + (held ? -t.daysAgo : t.ahead) * day);
      startsAt.setUTCHours(10, 0, 0, 0);
      await insertRows(tx, 'meeting', [
        {
          partnership_id: pid,
          id,
          type_code: t.code,
          title: `${t.name} (fictional demo)`,
          starts_at: startsAt,
          ends_at: new Date(startsAt.getTime() + 90 * 60_000),
          location: 'Room 2, Fictional Civic Centre',
          chair_user_id: users.coordinator,
          chair_name: 'Demo Hub Coordinator',
          person_id: t.code === 'mace' ? (personId ?? null) : null,
          entity_id: null,
          decision_id: null,
          status: held ? 'held' : 'scheduled',
          invited_at: new Date(startsAt.getTime() - 7 * day),
          started_at: held ? startsAt : null,
          agenda_snapshot: held
            ? JSON.stringify({ kind: t.code, assembledAt: startsAt.toISOString(), frozenAt: startsAt.toISOString(), since: null, sections: [] })
            : null,
          minutes_published_at: held ? new Date(startsAt.getTime() + day) : null,
          created_by: users.coordinator,
          created_at: new Date(startsAt.getTime() - 8 * day),
        },
      ]);
      await insertRows(
        tx,
        'meeting_invitee',
        agencies.map((agencyId, i) => ({
          partnership_id: pid,
          meeting_id: id,
          id: randomUUID(),
          agency_id: agencyId,
          user_id: i === 0 ? users.coordinator : null,
          name: null,
          attendance: held ? (i === 3 ? 'apologies' : 'present') : 'invited',
        })),
      );
      const itemId = randomUUID();
      await insertRows(tx, 'meeting_agenda_item', [{ partnership_id: pid, meeting_id: id, id: itemId, position: 1, title: 'Discussion' }]);
      if (held) {
        await insertRows(tx, 'meeting_minute', [
          {
            partnership_id: pid,
            meeting_id: id,
            id: randomUUID(),
            item_id: itemId,
            body: 'Fictional: partners shared what they hold.',
            handling: 'P',
            agency_ids: [],
            recorded_by: users.coordinator,
            recorded_agency_id: agencies[0],
            recorded_at: startsAt,
          },
        ]);
        await insertRows(tx, 'meeting_decision', [
          {
            partnership_id: pid,
            meeting_id: id,
            id: randomUUID(),
            item_id: itemId,
            text: 'Fictional: review again at the next meeting.',
            recorded_by: users.coordinator,
            recorded_at: startsAt,
          },
        ]);
      }
    }
  }
}
