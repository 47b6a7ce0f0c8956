// Intelligence rules, pure: 3x5x2 grading, UK registration plausibility, link and entity validation, the handling
// visibility rule (canSee), network and commonality shaping, age bands and disruption tactics. No I/O.
import { can, type Role } from '../../platform/access/policy.ts';
import type { FieldError } from '../../platform/http/problems.ts';
import { isIsoDate } from '../../platform/time.ts';

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

export const LINK_TYPES = ['associate_of', 'seen_with', 'seen_at', 'lives_at', 'frequents', 'uses_vehicle', 'drives', 'uses_phone', 'uses_account', 'member_of', 'works_at', 'contacted', 'other'] as const;
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

export const CATEGORIES = ['cse', 'ce', 'county_lines', 'trafficking', 'online', 'missing', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  cse: 'Child sexual exploitation',
  ce: 'Child criminal exploitation',
  county_lines: 'County lines',
  trafficking: 'Trafficking',
  online: 'Online exploitation',
  missing: 'Missing',
  other: 'Other',
};

// ---- 3x5x2 grading ----

export const SOURCE_GRADES = { 1: 'Reliable', 2: 'Untested', 3: 'Not reliable' } as const;
export const INTEL_GRADES = { A: 'Known directly to the source', B: 'Known indirectly but corroborated', C: 'Known indirectly', D: 'Not known', E: 'Suspected to be false' } as const;
export const HANDLING_CODES = { P: 'Lawful sharing permitted', C: 'Lawful sharing permitted with conditions' } as const;
export type Handling = keyof typeof HANDLING_CODES;

export interface Grading {
  source: 1 | 2 | 3;
  intelligence: 'A' | 'B' | 'C' | 'D' | 'E';
  handling: Handling;
}

/** "2BC" -> {source: 2, intelligence: 'B', handling: 'C'}; null when it is not a 3x5x2 code. Case and spaces are forgiven. */
export function parseGrading(code: unknown): Grading | null {
  if (typeof code !== 'string') return null;
  const m = /^([1-3])([A-E])([PC])$/.exec(code.replace(/\s+/g, '').toUpperCase());
  if (!m) return null;
  return { source: Number(m[1]) as 1 | 2 | 3, intelligence: m[2] as Grading['intelligence'], handling: m[3] as Handling };
}

export const formatGrading = (g: { source: number; intelligence: string; handling: string }) => `${g.source}${g.intelligence}${g.handling}`;

export function describeGrading(g: Grading): string {
  return `${SOURCE_GRADES[g.source]} source; ${INTEL_GRADES[g.intelligence].toLowerCase()}; ${HANDLING_CODES[g.handling].toLowerCase()}`;
}

// ---- UK registrations ----

export type RegistrationFormat = 'current' | 'prefix' | 'suffix' | 'dateless';

/** Upper case without spaces or dashes. */
export const normaliseRegistration = (reg: string) => reg.toUpperCase().replace(/[\s-]+/g, '');

/**
 * The UK format a registration plausibly has, or null. Current (2001-): two letters, two digits, three letters
 * (AB12CDE). Prefix (1983-2001): a letter, 1-3 digits, three letters (A123BCD). Suffix (1963-1983): three
 * letters, 1-3 digits, a letter (ABC123D). Dateless: 1-3 letters and 1-4 digits, either way round (AB1234, 1234AB).
 * Plausible is not the same as issued: demo data uses Z-led marks, which the DVLA does not issue as area codes.
 */
export function registrationFormat(reg: string): RegistrationFormat | null {
  const r = normaliseRegistration(reg);
  if (/^[A-Z]{2}[0-9]{2}[A-Z]{3}$/.test(r)) return 'current';
  if (/^[A-Z][0-9]{1,3}[A-Z]{3}$/.test(r)) return 'prefix';
  if (/^[A-Z]{3}[0-9]{1,3}[A-Z]$/.test(r)) return 'suffix';
  if (/^[A-Z]{1,3}[0-9]{1,4}$/.test(r) || /^[0-9]{1,4}[A-Z]{1,3}$/.test(r)) return 'dateless';
  return null;
}

// ---- the handling rule ----

export interface Viewer {
  role: Role;
  agencyId: string;
}

export interface Handled {
  handling: string;
  agencyId: string;
  releaseRoles: readonly string[];
  releaseAgencyIds: readonly string[];
}

/**
 * Whether a viewer may see an item of intelligence. Nothing without the right to read intelligence. P items:
 * everyone who may read intelligence. C items: roles with read_restricted (police intelligence), the recording
 * agency, and the roles and agencies the handling conditions release it to. store.visibleSql is the same rule in SQL.
 */
export function canSee(viewer: Viewer, item: Handled): boolean {
  if (!can(viewer.role, 'intelligence', 'read')) return false;
  if (item.handling === 'P') return true;
  if (can(viewer.role, 'intelligence', 'read_restricted')) return true;
  return item.agencyId === viewer.agencyId || item.releaseRoles.includes(viewer.role) || item.releaseAgencyIds.includes(viewer.agencyId);
}

// ---- validation ----

export interface EntityInput {
  kind: EntityKind;
  label: string;
  personId?: string | null;
  locationType?: string | null;
  ward?: string | null;
  x?: number | null;
  y?: number | null;
  registration?: string | null;
  make?: string | null;
  colour?: string | null;
  organisationType?: string | null;
  groupType?: string | null;
  phoneNumber?: string | null;
  platform?: string | null;
  handle?: string | null;
  /** The registration is not a UK format but the officer confirms it as recorded (foreign, trade or mis-read plate). */
  registrationConfirmed?: boolean;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

/** Field errors for an entity; `prefix` names fields inside a larger form ("entities.0."). */
export function validateEntity(e: Partial<EntityInput>, wards: readonly string[], prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const f = (name: string) => `${prefix}${name}`;
  if (!oneOf(ENTITY_KINDS, e.kind)) {
    errors.push({ field: f('kind'), message: 'Choose what kind of thing this is' });
    return errors;
  }
  if (e.kind !== 'vehicle' && e.kind !== 'phone' && (typeof e.label !== 'string' || e.label.trim() === '') && !(e.kind === 'person' && e.personId)) {
    errors.push({ field: f('label'), message: 'Enter a name or description' });
  }
  if (typeof e.label === 'string' && e.label.length > 200) errors.push({ field: f('label'), message: 'The name must be 200 characters or fewer' });
  if (e.kind === 'location') {
    if (!oneOf(LOCATION_TYPES, e.locationType)) errors.push({ field: f('locationType'), message: 'Choose the type of location' });
    if (e.ward != null && e.ward !== '' && !wards.includes(e.ward)) errors.push({ field: f('ward'), message: `Choose a ward of the borough (${wards.join(', ')})` });
  }
  if (e.kind === 'vehicle') {
    if (typeof e.registration !== 'string' || e.registration.trim() === '') errors.push({ field: f('registration'), message: 'Enter the registration as seen' });
    else if (!registrationFormat(e.registration) && !e.registrationConfirmed) {
      errors.push({
        field: f('registration'),
        message: `${e.registration.trim()} is not a UK registration format (like AB12 CDE, A123 BCD, ABC 123D or AB 1234). Check it, or confirm it is recorded as seen`,
      });
    }
  }
  if (e.kind === 'organisation' && e.organisationType != null && !oneOf(ORGANISATION_TYPES, e.organisationType)) errors.push({ field: f('organisationType'), message: 'Choose the type of organisation' });
  if (e.kind === 'group' && e.groupType != null && !oneOf(GROUP_TYPES, e.groupType)) errors.push({ field: f('groupType'), message: 'Choose the type of group' });
  if (e.kind === 'phone' && (typeof e.phoneNumber !== 'string' || !/^\+?[0-9 ()-]{6,20}$/.test(e.phoneNumber))) errors.push({ field: f('phoneNumber'), message: 'Enter the phone number, digits only' });
  if (e.kind === 'online_account' && (typeof e.handle !== 'string' || e.handle.trim() === '')) errors.push({ field: f('handle'), message: 'Enter the account name or handle' });
  return errors;
}

/** A label for an entity when none was typed: the plate for a vehicle, the number for a phone. */
export function entityLabel(e: Partial<EntityInput>): string {
  if (e.label && e.label.trim()) return e.label.trim();
  if (e.kind === 'vehicle') return [e.colour, e.make, e.registration ? normaliseRegistration(e.registration) : null].filter(Boolean).join(' ');
  if (e.kind === 'phone') return e.phoneNumber ?? 'Phone';
  if (e.kind === 'online_account') return `${e.platform ?? 'Account'} ${e.handle ?? ''}`.trim();
  return e.label ?? '';
}

export interface LinkInput {
  from: string;
  to: string;
  type: string;
  fromRole?: string | null;
  toRole?: string | null;
  since?: string | null;
  until?: string | null;
}

export function validateLink(l: Partial<LinkInput>, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const f = (name: string) => `${prefix}${name}`;
  if (!l.from) errors.push({ field: f('from'), message: 'Choose what the link is from' });
  if (!l.to) errors.push({ field: f('to'), message: 'Choose what the link is to' });
  if (l.from && l.to && l.from === l.to) errors.push({ field: f('to'), message: 'A link must join two different things: it cannot link something to itself' });
  if (!oneOf(LINK_TYPES, l.type)) errors.push({ field: f('type'), message: 'Choose the type of link' });
  for (const r of ['fromRole', 'toRole'] as const) if (l[r] != null && !oneOf(LINK_ROLES, l[r])) errors.push({ field: f(r), message: 'Choose victim, person of concern or associate' });
  for (const d of ['since', 'until'] as const) if (l[d] != null && !isIsoDate(l[d])) errors.push({ field: f(d), message: `The ${d} date must be a real date, YYYY-MM-DD` });
  if (isIsoDate(l.since) && isIsoDate(l.until) && l.until < l.since) errors.push({ field: f('until'), message: 'The until date must be the same as or after the since date' });
  return errors;
}

export interface ItemInput {
  summary: string;
  category: string;
  occurredOn: string;
  grading: string;
  handlingConditions?: string | null;
  releaseRoles?: string[];
  sourceRecord?: string | null;
}

export function validateItem(i: Partial<ItemInput>, today: string): { errors: FieldError[]; grading: Grading | null } {
  const errors: FieldError[] = [];
  if (typeof i.summary !== 'string' || i.summary.trim() === '') errors.push({ field: 'summary', message: 'Enter what was seen, heard or reported' });
  else if (i.summary.length > 10000) errors.push({ field: 'summary', message: 'The summary must be 10,000 characters or fewer' });
  if (!oneOf(CATEGORIES, i.category)) errors.push({ field: 'category', message: 'Choose the category of concern' });
  if (!isIsoDate(i.occurredOn)) errors.push({ field: 'occurredOn', message: 'Enter when it happened as a real date' });
  else if (i.occurredOn > today) errors.push({ field: 'occurredOn', message: 'The date it happened must be today or in the past' });
  const grading = parseGrading(i.grading);
  if (!grading) {
    errors.push({
      field: 'grading',
      message: `${typeof i.grading === 'string' && i.grading ? `"${i.grading}" is not a 3x5x2 grading. ` : ''}Enter the grading as source 1-3, intelligence A-E and handling P or C, like 2BC`,
    });
  } else if (grading.handling === 'C' && (typeof i.handlingConditions !== 'string' || i.handlingConditions.trim() === '')) {
    errors.push({ field: 'handlingConditions', message: 'Handling code C needs its conditions: say who it may be shared with and how' });
  }
  for (const r of i.releaseRoles ?? []) if (!['hub_coordinator', 'hub_member', 'police_intelligence'].includes(r)) errors.push({ field: 'releaseRoles', message: 'Release only to roles that may read intelligence' });
  return { errors, grading };
}

// ---- network shaping ----

export interface NetLink {
  id: string;
  from: string;
  to: string;
  type: string;
  fromRole: string | null;
  toRole: string | null;
  since: string | null;
  until: string | null;
  grading: string;
  category: string;
  occurredOn: string;
}

export interface NetNode {
  id: string;
  kind: string;
  label: string;
  /** Steps from the centre: 0, 1 or 2. */
  depth: number;
  personId: string | null;
  roles: string[];
}

/**
 * Breadth-first distances from the centre over the (already visible) links, at most `depth` steps, at most
 * `maxNodes` nodes (nearer nodes first); only links whose both ends are kept. `truncated` says nodes were left off.
 */
export function shapeNetwork(centre: string, links: readonly NetLink[], depth: number, maxNodes: number): { distance: Map<string, number>; links: NetLink[]; truncated: boolean } {
  const adj = new Map<string, string[]>();
  for (const l of links) {
    (adj.get(l.from) ?? adj.set(l.from, []).get(l.from)!).push(l.to);
    (adj.get(l.to) ?? adj.set(l.to, []).get(l.to)!).push(l.from);
  }
  const distance = new Map<string, number>([[centre, 0]]);
  let frontier = [centre];
  let truncated = false;
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of adj.get(n) ?? []) {
        if (distance.has(m)) continue;
        if (distance.size >= maxNodes) {
          truncated = true;
          continue;
        }
        distance.set(m, d);
        next.push(m);
      }
    }
    frontier = next;
  }
  const kept = links.filter((l) => distance.has(l.from) && distance.has(l.to));
  const seen = new Set<string>();
  const unique = kept.filter((l) => {
    if (seen.has(l.id)) return false;
    seen.add(l.id);
    return true;
  });
  return { distance, links: unique, truncated };
}

/** Entities linked to two or more of the chosen people (not the people themselves), most shared first. */
export function shapeCommonalities(chosen: readonly string[], pairs: readonly { seed: string; other: string }[]): { entityId: string; linkedTo: string[] }[] {
  const set = new Set(chosen);
  const by = new Map<string, Set<string>>();
  for (const p of pairs) {
    if (!set.has(p.seed) || set.has(p.other)) continue;
    (by.get(p.other) ?? by.set(p.other, new Set()).get(p.other)!).add(p.seed);
  }
  return [...by.entries()]
    .filter(([, s]) => s.size >= 2)
    .map(([entityId, s]) => ({ entityId, linkedTo: chosen.filter((c) => s.has(c)) }))
    .sort((a, b) => b.linkedTo.length - a.linkedTo.length || a.entityId.localeCompare(b.entityId));
}

// ---- age bands ----

export const AGE_BANDS = ['Under 10', '10 to 12', '13 to 15', '16 to 17', '18 and over', 'Not known'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(age: number | null | undefined): AgeBand {
  if (age == null || !Number.isFinite(age) || age < 0) return 'Not known';
  if (age < 10) return 'Under 10';
  if (age <= 12) return '10 to 12';
  if (age <= 15) return '13 to 15';
  if (age <= 17) return '16 to 17';
  return '18 and over';
}

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

export function mergeTactics(overrides: readonly Tactic[]): Tactic[] {
  const out = new Map(DEFAULT_TACTICS.map((t) => [t.code, t]));
  for (const o of overrides) out.set(o.code, o);
  return [...out.values()];
}

export const DISRUPTION_STATUSES = ['planned', 'in_progress', 'completed', 'withdrawn'] as const;
export const DISRUPTION_STATUS_LABELS: Record<(typeof DISRUPTION_STATUSES)[number], string> = { planned: 'Planned', in_progress: 'In progress', completed: 'Completed', withdrawn: 'Withdrawn' };
export const DISRUPTION_OUTCOMES = ['successful', 'partly_successful', 'unsuccessful', 'not_known'] as const;
export const DISRUPTION_OUTCOME_LABELS: Record<(typeof DISRUPTION_OUTCOMES)[number], string> = {
  successful: 'Successful',
  partly_successful: 'Partly successful',
  unsuccessful: 'Unsuccessful',
  not_known: 'Not known yet',
};

export interface DisruptionInput {
  tactic: string;
  targetEntityId: string;
  ownerAgencyId: string;
  ownerName?: string | null;
  startedOn: string;
  endedOn?: string | null;
  status: string;
  outcome?: string | null;
  outcomeNotes?: string | null;
}

export function validateDisruption(d: Partial<DisruptionInput>, tactics: readonly Tactic[], targetKind: string | null): FieldError[] {
  const errors: FieldError[] = [];
  const tactic = tactics.find((t) => t.code === d.tactic && t.active);
  if (!tactic) errors.push({ field: 'tactic', message: 'Choose a disruption tactic' });
  if (!d.targetEntityId || targetKind === null) errors.push({ field: 'targetEntityId', message: 'Choose the person, place, vehicle or business it is against' });
  else if (tactic && !tactic.targetKinds.includes(targetKind)) errors.push({ field: 'targetEntityId', message: `A ${tactic.label.toLowerCase()} cannot be against a ${targetKind.replace('_', ' ')}` });
  if (!d.ownerAgencyId) errors.push({ field: 'ownerAgencyId', message: 'Choose the agency that owns it' });
  if (!isIsoDate(d.startedOn)) errors.push({ field: 'startedOn', message: 'Enter the start date as a real date' });
  if (d.endedOn != null && !isIsoDate(d.endedOn)) errors.push({ field: 'endedOn', message: 'Enter the end date as a real date' });
  if (isIsoDate(d.startedOn) && isIsoDate(d.endedOn) && d.endedOn < d.startedOn) errors.push({ field: 'endedOn', message: 'The end date must be the same as or after the start date' });
  if (!oneOf(DISRUPTION_STATUSES, d.status)) errors.push({ field: 'status', message: 'Choose the status' });
  if (d.outcome != null && !oneOf(DISRUPTION_OUTCOMES, d.outcome)) errors.push({ field: 'outcome', message: 'Choose the outcome' });
  if (d.status === 'completed' && !d.outcome) errors.push({ field: 'outcome', message: 'A completed disruption needs its outcome' });
  return errors;
}

// ---- wards of the fictional demo borough ----

/** The wards of Northmoor (fictional), matching public/northmoor-wards.geojson. */
export const DEFAULT_WARDS = ['Abbeyfield', 'Brookside', 'Castlegate', 'Dunmere', 'Eastholme', 'Fernhill'] as const;
