// Intelligence vocabularies: entity, location, link and category codes with their labels, the 3x5x2 grading's
// meanings, age bands, the Home Office disruption tactics and the wards of the fictional demo borough.

// ---- vocabularies ----

export const ENTITY_KINDS = ['person', 'location', 'vehicle', 'organisation', 'phone', 'online_account', 'group'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const ENTITY_KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  location: 'Location',
  vehicle: 'Vehicle',
  organisation: 'Organisation',
  phone: 'Phone',
  online_account: 'Online account',
  group: 'Group',
};

export const LOCATION_TYPES = ['hotel', 'takeaway', 'park', 'hmo', 'transport_hub', 'school', 'address', 'other'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];
export const LOCATION_TYPE_LABELS: Record<LocationType, string> = {
  hotel: 'Hotel',
  takeaway: 'Takeaway',
  park: 'Park or public space',
  hmo: 'House in multiple occupation',
  transport_hub: 'Transport hub',
  school: 'School',
  address: 'Address',
  other: 'Other',
};
export const ORGANISATION_TYPES = ['business', 'taxi_firm', 'school', 'other'] as const;
export const GROUP_TYPES = ['gang', 'peer_group', 'other'] as const;

export const LINK_ROLES = ['victim', 'person_of_concern', 'associate'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];
export const LINK_ROLE_LABELS: Record<LinkRole, string> = { victim: 'Victim', person_of_concern: 'Person of concern', associate: 'Associate' };

export const LINK_TYPES = [
  'associate_of',
  'seen_with',
  'seen_at',
  'lives_at',
  'frequents',
  'uses_vehicle',
  'drives',
  'uses_phone',
  'uses_account',
  'member_of',
  'works_at',
  'contacted',
  'other',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export const LINK_TYPE_LABELS: Record<LinkType, string> = {
  associate_of: 'Associate of',
  seen_with: 'Seen with',
  seen_at: 'Seen at',
  lives_at: 'Lives at',
  frequents: 'Frequents',
  uses_vehicle: 'Uses vehicle',
  drives: 'Drives',
  uses_phone: 'Uses phone',
  uses_account: 'Uses online account',
  member_of: 'Member of',
  works_at: 'Works at',
  contacted: 'Contacted',
  other: 'Other',
};

export const CATEGORIES = ['cse', 'ce', 'county_lines', 'cuckooing', 'trafficking', 'modern_slavery', 'online', 'missing', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  cse: 'Child sexual exploitation',
  ce: 'Child criminal exploitation',
  county_lines: 'County lines',
  cuckooing: 'Cuckooing',
  trafficking: 'Trafficking',
  modern_slavery: 'Modern slavery',
  online: 'Online exploitation',
  missing: 'Missing',
  other: 'Other',
};

// ---- 3x5x2 grading ----

export const SOURCE_GRADES = { 1: 'Reliable', 2: 'Untested', 3: 'Not reliable' } as const;
export const INTEL_GRADES = {
  A: 'Known directly to the source',
  B: 'Known indirectly but corroborated',
  C: 'Known indirectly',
  D: 'Not known',
  E: 'Suspected to be false',
} as const;
export const HANDLING_CODES = { P: 'Lawful sharing permitted', C: 'Lawful sharing permitted with conditions' } as const;
export type Handling = keyof typeof HANDLING_CODES;

// ---- age bands ----

export const AGE_BANDS = ['Under 10', '10 to 12', '13 to 15', '16 to 17', '18 and over', 'Not known'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

// ---- disruption ----

export interface Tactic {
  code: string;
  label: string;
  targetKinds: string[];
  active: boolean;
}

/** Home Office child exploitation disruption toolkit (2019): the defaults; a partnership may add, rename or withdraw. */
export const DEFAULT_TACTICS: Tactic[] = [
  { code: 'cawn', label: 'Child abduction warning notice', targetKinds: ['person'], active: true },
  { code: 'sro', label: 'Sexual risk order', targetKinds: ['person'], active: true },
  { code: 'shpo', label: 'Sexual harm prevention order', targetKinds: ['person'], active: true },
  { code: 'closure', label: 'Closure notice or order (premises)', targetKinds: ['location'], active: true },
  { code: 'hotel_notice', label: 'Hotel guest information notice (ASBCPA 2014 s116)', targetKinds: ['location', 'organisation'], active: true },
  { code: 'stpo', label: 'Slavery and trafficking prevention or risk order', targetKinds: ['person'], active: true },
  { code: 'pspo', label: 'Public space protection order', targetKinds: ['location'], active: true },
  { code: 'licensing_review', label: 'Licensing review (taxi or premises)', targetKinds: ['location', 'vehicle', 'organisation', 'person'], active: true },
  { code: 'engagement', label: 'Hotel and taxi engagement', targetKinds: ['location', 'organisation', 'vehicle'], active: true },
  { code: 'nrm', label: 'National Referral Mechanism referral', targetKinds: ['person'], active: true },
  { code: 'recovery_order', label: 'Recovery order', targetKinds: ['person'], active: true },
];

export const DISRUPTION_STATUSES = ['planned', 'in_progress', 'completed', 'withdrawn'] as const;
export const DISRUPTION_STATUS_LABELS: Record<(typeof DISRUPTION_STATUSES)[number], string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
};
export const DISRUPTION_OUTCOMES = ['successful', 'partly_successful', 'unsuccessful', 'not_known'] as const;
export const DISRUPTION_OUTCOME_LABELS: Record<(typeof DISRUPTION_OUTCOMES)[number], string> = {
  successful: 'Successful',
  partly_successful: 'Partly successful',
  unsuccessful: 'Unsuccessful',
  not_known: 'Not known yet',
};

// ---- wards of the fictional demo borough ----

/** The wards of Northmoor (fictional), matching public/northmoor-wards.geojson. */
export const DEFAULT_WARDS = ['Abbeyfield', 'Brookside', 'Castlegate', 'Dunmere', 'Eastholme', 'Fernhill'] as const;
