// Recording an intelligence report: its grading and handling, the entities it describes (new ones, existing ones
// by id, Jigsaw people by personId) and the links between them, all or nothing, in the use case's transaction.

import { randomUUID } from 'node:crypto';
import { restrictedViewer } from '../../../platform/access/rules.ts';
import { type FieldError, Problem, ValidationProblem } from '../../../platform/http/problems.ts';
import { claimRetryKey } from '../../../platform/idempotency/retry.ts';
import { ukDate } from '../../../platform/time.ts';
import { type UseCaseContext, useCase } from '../../../platform/usecase/usecase.ts';
import { readablePerson } from '../../people/use-cases.ts';
import { entityLabel, formatGrading, normaliseRegistration, parseGrading, recordErrors, selfLinkError } from '../domain.ts';
import { type EntityRefInput, type RecordIntelligence, RecordIntelligenceInput } from '../schemas.ts';
import * as store from '../store.ts';

const s = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Release to agencies of this partnership only. */
async function releaseErrors({ db, actor }: UseCaseContext, ids: readonly string[]): Promise<FieldError[]> {
  const unique = [...new Set(ids)];
  const known = await store.knownAgencies(db, actor.partnershipId, unique);
  return known.length === unique.length ? [] : [{ field: 'releaseAgencyIds', message: 'Release only to agencies of this partnership' }];
}

/** A Jigsaw person the recorder may see, as an entity; undefined when there is no such person. */
async function personEntity({ db, actor }: UseCaseContext, personId: string): Promise<string | undefined> {
  let person: Awaited<ReturnType<typeof readablePerson>>;
  try {
    person = await readablePerson(db, actor, personId);
  } catch (err) {
    if (err instanceof Problem && err.status === 404) return undefined;
    throw err;
  }
  await store.ensurePersonEntity(db, {
    partnership_id: actor.partnershipId,
    id: personId,
    kind: 'person',
    label: `${person.given_name} ${person.family_name}`,
    person_id: personId,
    created_by: actor.userId,
  });
  return personId;
}

/** A new entity; the same plate seen again is the same vehicle. */
async function newEntity({ db, actor }: UseCaseContext, e: EntityRefInput): Promise<string> {
  const registration = e.kind === 'vehicle' && e.registration ? normaliseRegistration(e.registration) : null;
  const same = registration ? await store.entityByRegistration(db, actor.partnershipId, registration) : undefined;
  if (same) return same.id;
  const id = randomUUID();
  const of = (kind: string, v: string | null | undefined) => (e.kind === kind ? (v ?? null) : null);
  await store.insertEntities(db, {
    partnership_id: actor.partnershipId,
    id,
    kind: e.kind!,
    label: entityLabel(e).slice(0, 200),
    location_type: of('location', e.locationType),
    ward: of('location', s(e.ward)),
    x: e.x ?? null,
    y: e.y ?? null,
    registration,
    make: s(e.make),
    colour: s(e.colour),
    organisation_type: of('organisation', e.organisationType),
    group_type: of('group', e.groupType),
    phone_number: of('phone', s(e.phoneNumber)),
    platform: s(e.platform),
    handle: s(e.handle),
    created_by: actor.userId,
  });
  return id;
}

interface Resolved {
  idByRef: Map<string, string>;
  people: string[];
  unknown: FieldError[];
}

/** Each entity of the report as an entity id: a person, an existing entity the recorder may know of, or a new one. */
async function resolveEntities(ctx: UseCaseContext, entities: readonly EntityRefInput[]): Promise<Resolved> {
  const { db, actor } = ctx;
  const out: Resolved = { idByRef: new Map(), people: [], unknown: [] };
  for (const [i, e] of entities.entries()) {
    if (e.personId) {
      const id = await personEntity(ctx, e.personId);
      if (!id) out.unknown.push({ field: `entities[${i}].personId`, message: 'No such person' });
      else out.idByRef.set(e.ref, id);
      if (id) out.people.push(id);
    } else if (e.id) {
      // An entity known only from intelligence the recorder may not see is, to them, not there.
      const [found] = await store.knownEntities(db, actor.partnershipId, restrictedViewer(actor), [e.id]);
      if (!found) out.unknown.push({ field: `entities[${i}].id`, message: 'No such entity' });
      else out.idByRef.set(e.ref, found.id);
      if (found?.person_id) out.people.push(found.person_id);
    } else out.idByRef.set(e.ref, await newEntity(ctx, e));
  }
  return out;
}

export interface Recorded {
  id: string;
  created: boolean;
  /** The Jigsaw people the report names, for their chronology and audit trail. */
  personIds: string[];
  handling: { code: string; agencyId: string; releaseRoles: string[]; releaseAgencyIds: string[] } | null;
  grading: string | null;
  links: number;
}

async function insertReport(ctx: UseCaseContext, r: RecordIntelligence, itemId: string, idByRef: ReadonlyMap<string, string>) {
  const { db, actor } = ctx;
  const grading = parseGrading(r.grading)!;
  const c = grading.handling === 'C';
  const handled = {
    source_grade: grading.source,
    intel_grade: grading.intelligence,
    handling: grading.handling,
    handling_conditions: c ? s(r.handlingConditions) : null,
    release_roles: c ? (r.releaseRoles ?? []) : [],
    release_agency_ids: c ? [...new Set(r.releaseAgencyIds ?? [])] : [],
    agency_id: actor.agencyId,
    source_record: s(r.sourceRecord),
    created_by: actor.userId,
  };
  const links = r.links.map((l, i) => {
    const from = idByRef.get(l.from)!;
    const to = idByRef.get(l.to)!;
    // Two new plates that turned out to be the same vehicle.
    if (from === to) throw new ValidationProblem([selfLinkError(i)]);
    const common = { category: r.category, occurred_on: r.occurredOn, ...handled };
    return {
      partnership_id: actor.partnershipId,
      id: randomUUID(),
      from_entity: from,
      to_entity: to,
      link_type: l.type,
      from_role: l.fromRole ?? null,
      to_role: l.toRole ?? null,
      since: l.since ?? null,
      until: l.until ?? null,
      item_id: itemId,
      ...common,
    };
  });
  await store.insertItem(db, {
    partnership_id: actor.partnershipId,
    id: itemId,
    summary: r.summary.trim(),
    category: r.category,
    occurred_on: r.occurredOn,
    ...handled,
  });
  await store.insertLinks(db, links);
  return { handled, grading: formatGrading(grading), links: links.length };
}

/** Records a report. With a retry key, a repeat returns the first report (created: false) and changes nothing. */
export const recordIntelligence = useCase({
  name: 'intelligence.record',
  permission: ['intelligence', 'create'],
  input: RecordIntelligenceInput,
  async run(ctx, { idempotencyKey, ...r }): Promise<Recorded> {
    const { db, actor, now } = ctx;
    const errors = recordErrors(r, ukDate(now));
    if (errors.length > 0) throw new ValidationProblem(errors);
    const id = randomUUID();
    if (idempotencyKey) {
      const earlier = await claimRetryKey(db, actor, idempotencyKey, id, r);
      if (earlier) return { id: earlier, created: false, personIds: [], handling: null, grading: null, links: 0 };
    }
    const release = await releaseErrors(ctx, r.releaseAgencyIds ?? []);
    if (release.length > 0) throw new ValidationProblem(release);
    const { idByRef, people, unknown } = await resolveEntities(ctx, r.entities);
    if (unknown.length > 0) throw new ValidationProblem(unknown);
    const saved = await insertReport(ctx, r, id, idByRef);
    const { handled } = saved;
    const handling = { code: handled.handling, agencyId: handled.agency_id, releaseRoles: handled.release_roles, releaseAgencyIds: handled.release_agency_ids };
    return { id, created: true, personIds: [...new Set(people)], handling, grading: saved.grading, links: saved.links };
  },
  audit: {
    change: 'intelligence_item.recorded',
    subject: (out) => {
      if (!out.created) return null;
      const item = { type: 'intelligence_item', id: out.id, handling: out.handling };
      return [{ ...item, details: { grading: out.grading, links: out.links } }, ...out.personIds.map((personId) => ({ ...item, personId }))];
    },
  },
});
