// Two years of earlier fictional intelligence for Northmoor (issue 15.8), so the problem profile and trends have
// something in every ward, every category and every quarter: a report a quarter about a place in each ward, with a
// demo child as victim and, in some, a person of concern: the demo's adults known only to intelligence, or one of four
// older teenagers recruiting younger ones (peer exploitation), who have person records and so a sex and an age. All of
// it 100 to 700 days ago, after the recent intelligence (intelligence.ts), so the hub's recent alerts are unchanged.
// Deterministic (its own seed); straight into the intelligence stores, like intelligence.ts.
import { insertActivities } from '../modules/intelligence/disruption/store.ts';
import { insertEntities, insertItem, insertLinks } from '../modules/intelligence/store.ts';
import { CATEGORIES, DEFAULT_WARDS } from '../modules/intelligence/vocab.ts';
import { ageOn } from '../modules/people/domain.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { seededRandom } from './random.ts';
import { intelPlacesAndPeople } from './store.ts';

const CATEGORY_WEIGHTS: (readonly [(typeof CATEGORIES)[number], number])[] = [
  ['cse', 30],
  ['ce', 30],
  ['county_lines', 15],
  ['online', 8],
  ['missing', 7],
  ['cuckooing', 4],
  ['trafficking', 3],
  ['modern_slavery', 2],
  ['other', 1],
];
const SUMMARIES = [
  'Youth workers saw younger children being given cash and phones near',
  'Police patrols stopped a car collecting two children outside',
  'A school reported pupils seen late at night at',
  'Neighbours reported children coming and going at all hours from',
  'Street pastors saw older teenagers handing small packages to younger ones at',
];

export async function seedIntelligenceHistoryDemo(
  tx: Db,
  pid: string,
  persons: { id: string; givenName: string; familyName: string; sex: string; dateOfBirth: string | null }[],
  agencyIds: Record<string, string>,
  anchor: Date,
  createdBy: string,
): Promise<void> {
  const rand = seededRandom(20_260_611);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => rand.int(0, 15).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-d${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const today = ukDate(anchor);
  const known = await intelPlacesAndPeople(tx, pid);
  const placesByWard = new Map(DEFAULT_WARDS.map((w) => [w, known.filter((e) => e.kind === 'location' && e.ward === w).map((e) => e.id)]));
  const adults = known.filter((e) => e.kind === 'person' && e.person_id === null).map((e) => e.id);
  const alreadyEntities = new Set(known.map((e) => e.person_id).filter(Boolean));
  // Victims: demo children 9 to 39 (0 to 8 are the recent intelligence's). Peers of concern: the first three boys
  // and the first girl after them aged 16 or 17.
  const victims = persons.slice(9, 40).filter((p) => !alreadyEntities.has(p.id));
  const olderOf = (sex: string) => persons.slice(40).filter((p) => p.sex === sex && p.dateOfBirth && [16, 17].includes(ageOn(p.dateOfBirth, today)));
  const peers = [...olderOf('male').slice(0, 3), ...olderOf('female').slice(0, 1)];
  await insertEntities(tx, [
    ...victims.map((p) => ({ partnership_id: pid, id: p.id, kind: 'person', label: `${p.givenName} ${p.familyName}`, person_id: p.id, created_by: createdBy })),
    ...peers.map((p) => ({ partnership_id: pid, id: p.id, kind: 'person', label: `${p.givenName} ${p.familyName}`, person_id: p.id, created_by: createdBy })),
  ]);
  const concerns = [...adults, ...peers.map((p) => p.id)];
  let n = 0;
  for (let quarter = 1; quarter <= 7; quarter++) {
    for (const ward of [...DEFAULT_WARDS, ...DEFAULT_WARDS]) {
      const places = placesByWard.get(ward) ?? [];
      if (places.length === 0) continue;
      const itemId = uuid();
      // Every category at least once, then mostly sexual and criminal exploitation and county lines, as in the seeds.
      const category = n < CATEGORIES.length ? CATEGORIES[n] : rand.weighted(CATEGORY_WEIGHTS);
      const occurred = addDays(today, -(quarter * 95 + rand.int(5, 60)));
      const place = rand.pick(places);
      const victim = victims[n % victims.length];
      const concern = n % 3 === 2 ? null : concerns[n % concerns.length];
      n++;
      const handled = {
        source_grade: rand.pick([1, 2, 2, 3]),
        intel_grade: rand.pick(['A', 'B', 'B', 'C']),
        handling: 'P',
        handling_conditions: null,
        agency_id: rand.pick([agencyIds.police, agencyIds.streets, agencyIds.school, agencyIds.hub]),
        source_record: `DEMO-${itemId.slice(0, 8).toUpperCase()}`,
        created_by: createdBy,
      };
      await insertItem(tx, {
        partnership_id: pid,
        id: itemId,
        summary: `${rand.pick(SUMMARIES)} a place in ${ward}. (Fictional demo.)`,
        category,
        occurred_on: occurred,
        ...handled,
      });
      const links: [string, string, string, string | null][] = [[victim.id, place, 'seen_at', 'victim']];
      if (concern) links.push([concern, place, 'frequents', 'person_of_concern'], [concern, victim.id, 'associate_of', 'person_of_concern']);
      await insertLinks(
        tx,
        links.map(([from, to, type, role]) => ({
          partnership_id: pid,
          id: uuid(),
          from_entity: from,
          to_entity: to,
          link_type: type,
          from_role: role,
          item_id: itemId,
          category,
          occurred_on: occurred,
          ...handled,
        })),
      );
    }
  }
  // Earlier disruption against the places and people of concern, finished with an outcome.
  const locations = known.filter((e) => e.kind === 'location');
  await insertActivities(
    tx,
    [
      ['pspo', locations[2 % locations.length]?.id, 400, 'successful'],
      ['closure', locations[3 % locations.length]?.id, 300, 'partly_successful'],
      ['engagement', locations[0]?.id, 520, 'successful'],
      ['cawn', adults[0], 250, 'unsuccessful'],
      ['cawn', adults[1] ?? adults[0], 180, 'successful'],
    ]
      .filter(([, target]) => target)
      .map(([tactic, target, daysAgo, outcome]) => ({
        partnership_id: pid,
        id: uuid(),
        tactic: tactic as string,
        target_entity_id: target as string,
        owner_agency_id: tactic === 'engagement' ? agencyIds.council : agencyIds.police,
        owner_name: 'Fictional officer',
        started_on: addDays(today, -(daysAgo as number)),
        ended_on: addDays(today, -(daysAgo as number) + 30),
        status: 'completed',
        outcome: outcome as string,
        created_by: createdBy,
      })),
  );
}
