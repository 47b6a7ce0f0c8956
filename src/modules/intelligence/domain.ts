// Intelligence rules, pure: 3x5x2 grading, UK registration plausibility, what a report must make sense of (its
// dates, grading and handling, each entity's own fields, links between its own entities), network and commonality
// shaping, age bands and disruption rules. The schemas (schemas.ts) check shape; these check meaning. No I/O.
import type { FieldError } from '../../platform/http/problems.ts';
import type { EntityRefInput, LinkInput, RecordIntelligence } from './schemas.ts';
import { type AgeBand, DEFAULT_TACTICS, type Handling, type Tactic } from './vocab.ts';

// ---- 3x5x2 grading ----

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

// ---- what a report must make sense of ----

const blank = (v: string | null | undefined) => typeof v !== 'string' || v.trim() === '';

/** A new entity's own fields: a name (or, for a vehicle or phone, what stands for one), a plausible plate. */
export function entityErrors(e: EntityRefInput, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const f = (name: string) => `${prefix}.${name}`;
  if (e.id !== undefined || e.personId !== undefined) return errors;
  if (!e.kind) return [{ field: f('kind'), message: 'Choose what kind of thing this is' }];
  if (e.kind !== 'vehicle' && e.kind !== 'phone' && blank(e.label)) errors.push({ field: f('label'), message: 'Enter a name or description' });
  if (e.kind === 'location' && !e.locationType) errors.push({ field: f('locationType'), message: 'Choose the type of location' });
  if (e.kind === 'vehicle') {
    if (blank(e.registration)) errors.push({ field: f('registration'), message: 'Enter the registration as seen' });
    else if (!registrationFormat(e.registration!) && !e.registrationConfirmed) {
      errors.push({
        field: f('registration'),
        message: `${e.registration!.trim()} is not a UK registration format (like AB12 CDE, A123 BCD, ABC 123D or AB 1234). Check it, or confirm it is recorded as seen`,
      });
    }
  }
  if (e.kind === 'phone' && !/^\+?[0-9 ()-]{6,20}$/.test(e.phoneNumber ?? ''))
    errors.push({ field: f('phoneNumber'), message: 'Enter the phone number, digits only' });
  if (e.kind === 'online_account' && blank(e.handle)) errors.push({ field: f('handle'), message: 'Enter the account name or handle' });
  return errors;
}

/** A label for an entity when none was typed: the plate for a vehicle, the number for a phone. */
export function entityLabel(e: EntityRefInput): string {
  if (e.label?.trim()) return e.label.trim();
  if (e.kind === 'vehicle') return [e.colour, e.make, e.registration ? normaliseRegistration(e.registration) : null].filter(Boolean).join(' ');
  if (e.kind === 'phone') return e.phoneNumber ?? 'Phone';
  if (e.kind === 'online_account') return `${e.platform ?? 'Account'} ${e.handle ?? ''}`.trim();
  return e.label ?? '';
}

const SELF_LINK = 'A link must join two different things: it cannot link something to itself';
export const selfLinkError = (i: number): FieldError => ({ field: `links[${i}].to`, message: SELF_LINK });

/** A link joins two different entities of its report, and is not until before it is since. */
export function linkErrors(l: LinkInput, i: number, refs: ReadonlyMap<string, EntityRefInput>): FieldError[] {
  const errors: FieldError[] = [];
  for (const end of ['from', 'to'] as const)
    if (!refs.has(l[end])) errors.push({ field: `links[${i}].${end}`, message: `${l[end]} is not one of the entities of this report` });
  // The same thing twice: by the same reference, or by two references to the same existing record.
  const idOf = (ref: string) => refs.get(ref)?.id ?? refs.get(ref)?.personId ?? null;
  if (l.from === l.to || (idOf(l.from) !== null && idOf(l.from) === idOf(l.to))) errors.push(selfLinkError(i));
  if (l.since && l.until && l.until < l.since)
    errors.push({ field: `links[${i}].until`, message: 'The until date must be the same as or after the since date' });
  return errors;
}

/** The item itself: something said, a date not in the future, a 3x5x2 grading, and conditions for handling code C. */
export function itemErrors(r: RecordIntelligence, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (blank(r.summary)) errors.push({ field: 'summary', message: 'Enter what was seen, heard or reported' });
  if (r.occurredOn > today) errors.push({ field: 'occurredOn', message: 'The date it happened must be today or in the past' });
  const grading = parseGrading(r.grading);
  if (!grading) {
    errors.push({
      field: 'grading',
      message: `${r.grading ? `"${r.grading}" is not a 3x5x2 grading. ` : ''}Enter the grading as source 1-3, intelligence A-E and handling P or C, like 2BC`,
    });
  } else if (grading.handling === 'C' && blank(r.handlingConditions)) {
    errors.push({ field: 'handlingConditions', message: 'Handling code C needs its conditions: say who it may be shared with and how' });
  }
  return errors;
}

/** Every meaning error of a report, in the order of its fields; the entities by reference for the links. */
export function recordErrors(r: RecordIntelligence, today: string): FieldError[] {
  const errors = itemErrors(r, today);
  const refs = new Map<string, EntityRefInput>();
  r.entities.forEach((e, i) => {
    if (refs.has(e.ref)) errors.push({ field: `entities[${i}].ref`, message: `The reference ${e.ref} is used twice` });
    refs.set(e.ref, e);
    errors.push(...entityErrors(e, `entities[${i}]`));
  });
  for (const [i, l] of r.links.entries()) errors.push(...linkErrors(l, i, refs));
  // An entity is known to a reader through the links they may see: one linked to nothing would be known to no one
  // by its handling, so every entity a report names is linked by it.
  const linked = new Set(r.links.flatMap((l) => [l.from, l.to]));
  r.entities.forEach((e, i) => {
    if (!linked.has(e.ref)) errors.push({ field: `entities[${i}].ref`, message: `Link ${e.ref} to something else in this report, or leave it out` });
  });
  return errors;
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
export function shapeNetwork(
  centre: string,
  links: readonly NetLink[],
  depth: number,
  maxNodes: number,
): { distance: Map<string, number>; links: NetLink[]; truncated: boolean } {
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

export function ageBand(age: number | null | undefined): AgeBand {
  if (age == null || !Number.isFinite(age) || age < 0) return 'Not known';
  if (age < 10) return 'Under 10';
  if (age <= 12) return '10 to 12';
  if (age <= 15) return '13 to 15';
  if (age <= 17) return '16 to 17';
  return '18 and over';
}

// ---- disruption ----

export function mergeTactics(overrides: readonly Tactic[]): Tactic[] {
  const out = new Map(DEFAULT_TACTICS.map((t) => [t.code, t]));
  for (const o of overrides) out.set(o.code, o);
  return [...out.values()];
}

type DisruptionFacts = { tactic: string; startedOn: string; status: string; endedOn?: string | null; outcome?: string | null };

/** An active tactic that can be against this kind of target, dates in order, and a completed one's outcome. */
export function disruptionErrors(d: DisruptionFacts, tactics: readonly Tactic[], targetKind: string | null): FieldError[] {
  const errors: FieldError[] = [];
  const tactic = tactics.find((t) => t.code === d.tactic && t.active);
  if (!tactic) errors.push({ field: 'tactic', message: 'Choose a disruption tactic' });
  if (targetKind === null) errors.push({ field: 'targetEntityId', message: 'Choose the person, place, vehicle or business it is against' });
  else if (tactic && !tactic.targetKinds.includes(targetKind))
    errors.push({ field: 'targetEntityId', message: `A ${tactic.label.toLowerCase()} cannot be against a ${targetKind.replace('_', ' ')}` });
  if (d.endedOn && d.endedOn < d.startedOn) errors.push({ field: 'endedOn', message: 'The end date must be the same as or after the start date' });
  if (d.status === 'completed' && !d.outcome) errors.push({ field: 'outcome', message: 'A completed disruption needs its outcome' });
  return errors;
}
