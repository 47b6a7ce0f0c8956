// Fictional demo intelligence for Northmoor: places in its made-up wards, vehicles with Z-led marks (not issued as
// area codes), adults of concern with made-up names, graded reports linking them to demo children (some police-only,
// handling code C), and disruption activity. Straight into the intelligence stores: the demo seed stays fast.
import { randomUUID } from 'node:crypto';
import { insertActivities } from '../modules/intelligence/disruption/store.ts';
import { insertEntities, insertItem, insertLinks } from '../modules/intelligence/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';

type E = {
  ref: string;
  kind: string;
  label: string;
  locationType?: string;
  ward?: string;
  x?: number;
  y?: number;
  registration?: string;
  make?: string;
  colour?: string;
  organisationType?: string;
  groupType?: string;
  phoneNumber?: string;
};

const ENTITIES: E[] = [
  { ref: 'takeaway', kind: 'location', label: 'Moorside Fried Chicken, Station Road', locationType: 'takeaway', ward: 'Castlegate', x: 45, y: 38 },
  { ref: 'hotel', kind: 'location', label: 'Northmoor Gateway Lodge', locationType: 'hotel', ward: 'Dunmere', x: 84, y: 62 },
  { ref: 'park', kind: 'location', label: 'Abbeyfield Recreation Ground', locationType: 'park', ward: 'Abbeyfield', x: 15, y: 80 },
  { ref: 'hmo', kind: 'location', label: '14 Quarry Row (HMO)', locationType: 'hmo', ward: 'Eastholme', x: 85, y: 20 },
  { ref: 'station', kind: 'location', label: 'Northmoor Interchange bus station', locationType: 'transport_hub', ward: 'Castlegate', x: 55, y: 30 },
  { ref: 'school', kind: 'location', label: 'Moor Lane Academy gates', locationType: 'school', ward: 'Brookside', x: 50, y: 75 },
  { ref: 'shisha', kind: 'location', label: 'Fernhill shisha lounge', locationType: 'other', ward: 'Fernhill', x: 20, y: 15 },
  { ref: 'car1', kind: 'vehicle', label: 'Silver Vauxhall ZN19 ZQA', registration: 'ZN19ZQA', make: 'Vauxhall', colour: 'Silver' },
  { ref: 'car2', kind: 'vehicle', label: 'Black BMW ZM68 ZXP', registration: 'ZM68ZXP', make: 'BMW', colour: 'Black' },
  { ref: 'taxi', kind: 'vehicle', label: 'White Skoda ZT21 ZKR (private hire)', registration: 'ZT21ZKR', make: 'Skoda', colour: 'White' },
  { ref: 'adult1', kind: 'person', label: '"Big T" (adult, fictional)' },
  { ref: 'adult2', kind: 'person', label: 'Dean Fictionalson (adult)' },
  { ref: 'phone', kind: 'phone', label: '07700 900123 (fictional range)', phoneNumber: '07700 900123' },
  { ref: 'account', kind: 'online_account', label: 'Snapchat moor_vibez_xx (fictional)' },
  { ref: 'group', kind: 'group', label: 'Quarry Row boys', groupType: 'peer_group' },
  { ref: 'taxifirm', kind: 'organisation', label: 'Moorcabs (fictional)', organisationType: 'taxi_firm' },
];

interface DemoItem {
  daysAgo: number;
  summary: string;
  category: string;
  grading: string;
  conditions?: string;
  agency: 'police' | 'streets' | 'hub';
  links: [string, string, string, string | null][]; // from, to, type, role of from
}

// pN = demo child N.
const ITEMS: DemoItem[] = [
  {
    daysAgo: 12,
    summary: 'Street pastors saw a silver Vauxhall twice outside the takeaway on Station Road collecting two girls.',
    category: 'cse',
    grading: '2BP',
    agency: 'streets',
    links: [
      ['car1', 'takeaway', 'seen_at', null],
      ['p0', 'car1', 'seen_with', 'victim'],
      ['p1', 'car1', 'seen_with', 'victim'],
      ['p0', 'takeaway', 'seen_at', 'victim'],
    ],
  },
  {
    daysAgo: 20,
    summary: 'Hotel staff report two young people booked in by an older male; the room was paid in cash.',
    category: 'cse',
    grading: '2CP',
    agency: 'hub',
    links: [
      ['p1', 'hotel', 'seen_at', 'victim'],
      ['p2', 'hotel', 'seen_at', 'victim'],
      ['adult2', 'hotel', 'frequents', 'person_of_concern'],
    ],
  },
  {
    daysAgo: 9,
    summary: 'Police intelligence: "Big T" drives the silver Vauxhall and runs the phone line used to contact the girls.',
    category: 'cse',
    grading: '1BC',
    conditions: 'Police intelligence only. Not to be disclosed outside police without the intelligence manager.',
    agency: 'police',
    links: [
      ['adult1', 'car1', 'drives', 'person_of_concern'],
      ['adult1', 'phone', 'uses_phone', 'person_of_concern'],
      ['p0', 'phone', 'contacted', 'victim'],
      ['p3', 'adult1', 'associate_of', 'victim'],
    ],
  },
  {
    daysAgo: 30,
    summary: 'Boys from Quarry Row seen running bags from the HMO to the bus station.',
    category: 'county_lines',
    grading: '2BP',
    agency: 'police',
    links: [
      ['p4', 'group', 'member_of', 'victim'],
      ['p5', 'group', 'member_of', 'victim'],
      ['p4', 'hmo', 'frequents', 'victim'],
      ['p5', 'station', 'seen_at', 'victim'],
      ['car2', 'hmo', 'seen_at', null],
    ],
  },
  {
    daysAgo: 40,
    summary: 'Private hire driver picking up a child from the school gates; not the contracted transport.',
    category: 'cse',
    grading: '3CP',
    agency: 'hub',
    links: [
      ['taxi', 'school', 'seen_at', null],
      ['p6', 'taxi', 'seen_with', 'victim'],
      ['taxi', 'taxifirm', 'works_at', null],
    ],
  },
  {
    daysAgo: 15,
    summary: 'Child disclosed being added to a group chat by an account offering cannabis and lifts.',
    category: 'online',
    grading: '2AP',
    agency: 'hub',
    links: [
      ['p7', 'account', 'contacted', 'victim'],
      ['p2', 'account', 'contacted', 'victim'],
    ],
  },
  {
    daysAgo: 6,
    summary: 'Covert source: the black BMW collects young people from the shisha lounge late at night for the HMO.',
    category: 'ce',
    grading: '1AC',
    conditions: 'Sensitive source: police intelligence only.',
    agency: 'police',
    links: [
      ['car2', 'shisha', 'seen_at', null],
      ['p5', 'shisha', 'seen_at', 'victim'],
      ['adult2', 'car2', 'drives', 'person_of_concern'],
    ],
  },
  {
    daysAgo: 50,
    summary: 'Park wardens report older males giving alcohol to girls at the recreation ground.',
    category: 'cse',
    grading: '2CP',
    agency: 'streets',
    links: [
      ['p8', 'park', 'seen_at', 'victim'],
      ['p1', 'park', 'seen_at', 'victim'],
    ],
  },
];

export async function seedIntelligenceDemo(
  tx: Db,
  pid: string,
  persons: { id: string; givenName: string; familyName: string }[],
  agencyIds: Record<string, string>,
  anchor: Date,
  createdBy: string,
): Promise<void> {
  const today = ukDate(anchor);
  const ids = new Map<string, string>();
  await insertEntities(
    tx,
    ENTITIES.map((e) => {
      const id = randomUUID();
      ids.set(e.ref, id);
      return {
        partnership_id: pid,
        id,
        kind: e.kind,
        label: e.label,
        location_type: e.locationType ?? null,
        ward: e.ward ?? null,
        x: e.x ?? null,
        y: e.y ?? null,
        registration: e.registration ?? null,
        make: e.make ?? null,
        colour: e.colour ?? null,
        organisation_type: e.organisationType ?? null,
        group_type: e.groupType ?? null,
        phone_number: e.phoneNumber ?? null,
        created_by: createdBy,
      };
    }),
  );
  const children = persons.slice(0, 9);
  await insertEntities(
    tx,
    children.map((p) => ({ partnership_id: pid, id: p.id, kind: 'person', label: `${p.givenName} ${p.familyName}`, person_id: p.id, created_by: createdBy })),
  );
  children.forEach((p, i) => {
    ids.set(`p${i}`, p.id);
  });
  for (const item of ITEMS) {
    const itemId = randomUUID();
    const occurred = addDays(today, -item.daysAgo);
    const handled = {
      source_grade: Number(item.grading[0]),
      intel_grade: item.grading[1],
      handling: item.grading[2],
      handling_conditions: item.conditions ?? null,
      agency_id: agencyIds[item.agency],
      source_record: `DEMO-${itemId.slice(0, 8).toUpperCase()}`,
      created_by: createdBy,
    };
    await insertItem(tx, {
      partnership_id: pid,
      id: itemId,
      summary: `${item.summary} (Fictional demo.)`,
      category: item.category,
      occurred_on: occurred,
      ...handled,
    });
    await insertLinks(
      tx,
      item.links.map(([from, to, type, role]) => ({
        partnership_id: pid,
        id: randomUUID(),
        from_entity: ids.get(from)!,
        to_entity: ids.get(to)!,
        link_type: type,
        from_role: role,
        item_id: itemId,
        category: item.category,
        occurred_on: occurred,
        ...handled,
      })),
    );
  }
  await insertActivities(tx, [
    {
      partnership_id: pid,
      id: randomUUID(),
      tactic: 'cawn',
      target_entity_id: ids.get('adult1')!,
      owner_agency_id: agencyIds.police,
      owner_name: 'DC Fictional',
      started_on: addDays(today, -8),
      status: 'in_progress',
      outcome: null,
      created_by: createdBy,
    },
    {
      partnership_id: pid,
      id: randomUUID(),
      tactic: 'hotel_notice',
      target_entity_id: ids.get('hotel')!,
      owner_agency_id: agencyIds.police,
      owner_name: 'PC Example',
      started_on: addDays(today, -18),
      ended_on: addDays(today, -10),
      status: 'completed',
      outcome: 'successful',
      outcome_notes: 'Guest information now shared on request.',
      created_by: createdBy,
    },
    {
      partnership_id: pid,
      id: randomUUID(),
      tactic: 'licensing_review',
      target_entity_id: ids.get('taxi')!,
      owner_agency_id: agencyIds.council,
      owner_name: 'Licensing team',
      started_on: addDays(today, -35),
      status: 'completed',
      ended_on: addDays(today, -5),
      outcome: 'partly_successful',
      created_by: createdBy,
    },
    {
      partnership_id: pid,
      id: randomUUID(),
      tactic: 'closure',
      target_entity_id: ids.get('hmo')!,
      owner_agency_id: agencyIds.police,
      started_on: addDays(today, -3),
      status: 'planned',
      outcome: null,
      created_by: createdBy,
    },
  ]);
}
