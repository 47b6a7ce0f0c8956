// Fictional demo: three agencies' recent intelligence about the Quarry Row boys at Abbeyfield Recreation Ground,
// recorded after both were opened as contexts, so the cumulative concern replay (alerts-flags.ts) alerts the hub
// about the two contexts as it would have live. Each item has its `intelligence_item.recorded` event, as the
// recording use case writes it. All made up.
import { randomUUID } from 'node:crypto';
import * as contexts from '../modules/contexts/store.ts';
import { insertItem, insertLinks } from '../modules/intelligence/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { recordChange } from '../platform/usecase/run.ts';

const ITEMS = [
  { daysAgo: 16, agency: 'police', summary: 'Officers on patrol saw the group in the recreation ground car park after dark with an older male in a car.' },
  { daysAgo: 9, agency: 'health', summary: 'The school nurse was told younger pupils are offered lifts from the recreation ground by the group.' },
  { daysAgo: 4, agency: 'streets', summary: 'Detached youth workers saw the group handing out vapes at the recreation ground shelter.' },
] as const;

export async function seedContextConcernsDemo(
  tx: Db,
  pid: string,
  agencyIds: Readonly<Record<string, string>>,
  coordinator: { id: string; name: string },
  anchor: Date,
): Promise<void> {
  const park = await contexts.entityByLabel(tx, pid, 'Abbeyfield Recreation Ground');
  const group = await contexts.entityByLabel(tx, pid, 'Quarry Row boys');
  if (!park || !group) return; // without the intelligence demo's place and group there is nothing to add up
  for (const item of ITEMS) {
    const id = randomUUID();
    const occurred = addDays(ukDate(anchor), -item.daysAgo);
    const at = new Date(`${occurred}T18:00:00Z`);
    const handled = {
      source_grade: 2,
      intel_grade: 'B',
      handling: 'P',
      agency_id: agencyIds[item.agency],
      source_record: `DEMO-${id.slice(0, 8).toUpperCase()}`,
      created_by: coordinator.id,
    };
    await insertItem(tx, {
      partnership_id: pid,
      id,
      summary: `${item.summary} (Fictional demo.)`,
      category: 'ce',
      occurred_on: occurred,
      created_at: at,
      ...handled,
    });
    await insertLinks(tx, [
      {
        partnership_id: pid,
        id: randomUUID(),
        from_entity: group.id,
        to_entity: park.id,
        link_type: 'seen_at',
        from_role: null,
        item_id: id,
        category: 'ce',
        occurred_on: occurred,
        ...handled,
      },
    ]);
    await recordChange(
      tx,
      pid,
      { id: coordinator.id, label: coordinator.name },
      'intelligence_item.recorded',
      {
        type: 'intelligence_item',
        id,
        handling: { code: 'P', agencyId: handled.agency_id, releaseRoles: [], releaseAgencyIds: [] },
        details: { grading: '2BP', links: 1 },
      },
      at,
    );
  }
}
