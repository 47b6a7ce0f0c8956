// Intelligence and disruption use cases: recording graded intelligence with the entities and links it describes, a
// person's network, commonalities, hotspots, disruption activity and the panel pack. Each method: access first
// (default deny), then validation (domain.ts), then one transaction with the change or read and its audit events.
// The handling rule is applied in SQL (store.visibleSql) so hidden intelligence is never read, traversed or counted.
import { randomUUID } from 'node:crypto';
import { type Actor, auditActor, requireScope } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { isIsoDate, ukDate } from '../../platform/time.ts';
import { ageOn } from '../people/domain.ts';
import { assertCanReadPerson } from '../people/service.ts';
import { suppressCount, suppressTable, type Cell } from '../reports/disclosure.ts';
import { claimIdempotencyKey } from '../referrals/store.ts';
import {
  AGE_BANDS,
  ageBand,
  CATEGORIES,
  CATEGORY_LABELS,
  DEFAULT_WARDS,
  DISRUPTION_OUTCOME_LABELS,
  DISRUPTION_OUTCOMES,
  DISRUPTION_STATUS_LABELS,
  type EntityInput,
  entityLabel,
  ENTITY_KIND_LABELS,
  formatGrading,
  LINK_TYPE_LABELS,
  LOCATION_TYPE_LABELS,
  LOCATION_TYPES,
  mergeTactics,
  type NetLink,
  normaliseRegistration,
  shapeCommonalities,
  shapeNetwork,
  type Tactic,
  validateDisruption,
  validateEntity,
  validateItem,
  validateLink,
} from './domain.ts';
import * as store from './store.ts';

/** Most nodes a network answer holds; the response says when nodes were left off. */
export const MAX_NODES = 500;
export const MAX_COMMONALITY_PEOPLE = 20;

export function viewerOf(actor: Actor): store.SqlViewer {
  return { role: actor.role, agencyId: actor.agencyId, restricted: can(actor.role, 'intelligence', 'read_restricted') };
}

const s = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export interface EntityView {
  id: string;
  kind: string;
  kindLabel: string;
  label: string;
  personId: string | null;
  locationType: string | null;
  ward: string | null;
  x: number | null;
  y: number | null;
  registration: string | null;
  make: string | null;
  colour: string | null;
}

type EntityRowLike = Awaited<ReturnType<typeof store.entitiesByIds>>[number];
export const entityView = (e: EntityRowLike): EntityView => ({
  id: e.id,
  kind: e.kind,
  kindLabel: ENTITY_KIND_LABELS[e.kind as keyof typeof ENTITY_KIND_LABELS] ?? e.kind,
  label: e.label,
  personId: e.person_id,
  locationType: e.location_type,
  ward: e.ward,
  x: e.x,
  y: e.y,
  registration: e.registration,
  make: e.make,
  colour: e.colour,
});

const linkView = (l: store.LinkRow): NetLink => ({
  id: l.id,
  from: l.from_entity,
  to: l.to_entity,
  type: l.link_type,
  fromRole: l.from_role,
  toRole: l.to_role,
  since: l.since,
  until: l.until,
  grading: formatGrading({ source: l.source_grade, intelligence: l.intel_grade, handling: l.handling }),
  category: l.category,
  occurredOn: l.occurred_on,
});

function period(from: unknown, to: unknown): { from: string; to: string } {
  const errors: FieldError[] = [];
  if (!isIsoDate(from)) errors.push({ field: 'from', message: 'Enter the start of the period as a real date, YYYY-MM-DD' });
  if (!isIsoDate(to)) errors.push({ field: 'to', message: 'Enter the end of the period as a real date, YYYY-MM-DD' });
  if (errors.length === 0 && (to as string) < (from as string)) errors.push({ field: 'to', message: 'The end of the period must be the same as or after the start' });
  if (errors.length > 0) throw new ValidationProblem(errors);
  return { from: from as string, to: to as string };
}

export interface RecordInput {
  summary?: unknown;
  category?: unknown;
  occurredOn?: unknown;
  grading?: unknown;
  handlingConditions?: unknown;
  releaseRoles?: unknown;
  releaseAgencyIds?: unknown;
  sourceRecord?: unknown;
  entities?: unknown;
  links?: unknown;
}

export function intelligenceService(db: Db) {
  async function personEntity(tx: Db, actor: Actor, personId: string): Promise<boolean> {
    const p = await tx.selectFrom('person').select(['given_name', 'family_name']).where('partnership_id', '=', actor.partnershipId).where('id', '=', personId).executeTakeFirst();
    if (!p) return false;
    await tx
      .insertInto('intel_entity')
      .values({ partnership_id: actor.partnershipId, id: personId, kind: 'person', label: `${p.given_name} ${p.family_name}`, person_id: personId, created_by: actor.userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return true;
  }

  async function tactics(partnershipId: string): Promise<Tactic[]> {
    const rows = await store.tacticOverrides(db, partnershipId);
    return mergeTactics(rows.map((r) => ({ code: r.code, label: r.label, targetKinds: r.target_kinds, active: r.active })));
  }

  return {
    wards: () => [...DEFAULT_WARDS],

    /**
     * Records an intelligence report: its grading and handling, the new entities it describes (or existing ones,
     * by id, or Jigsaw people, by personId) and the links between them, all in one transaction.
     */
    async record(actor: Actor, raw: RecordInput, idempotencyKey?: string) {
      requireScope(actor, 'intelligence', 'create');
      const today = ukDate(new Date());
      const releaseRoles = Array.isArray(raw.releaseRoles) ? raw.releaseRoles.filter((r): r is string => typeof r === 'string') : [];
      const releaseAgencyIds = Array.isArray(raw.releaseAgencyIds) ? [...new Set(raw.releaseAgencyIds.filter((r): r is string => typeof r === 'string'))] : [];
      if (releaseAgencyIds.length) {
        const ids = releaseAgencyIds.filter(isUuid);
        const known = ids.length ? await db.selectFrom('agency').select('id').where('partnership_id', '=', actor.partnershipId).where('id', 'in', ids).execute() : [];
        if (known.length !== releaseAgencyIds.length) {
          throw new ValidationProblem([{ field: 'releaseAgencyIds', message: 'Release only to agencies of this partnership' }]);
        }
      }
      const { errors, grading } = validateItem(
        { summary: raw.summary as string, category: raw.category as string, occurredOn: raw.occurredOn as string, grading: raw.grading as string, handlingConditions: s(raw.handlingConditions), releaseRoles },
        today,
      );
      const entities = Array.isArray(raw.entities) ? (raw.entities as Record<string, unknown>[]) : [];
      const links = Array.isArray(raw.links) ? (raw.links as Record<string, unknown>[]) : [];
      if (links.length === 0) errors.push({ field: 'links', message: 'Link at least two things: who or what the intelligence is about' });
      if (entities.length > 50 || links.length > 100) errors.push({ field: 'links', message: 'At most 50 entities and 100 links in one report' });
      const refs = new Map<string, number>();
      entities.forEach((e, i) => {
        const ref = typeof e.ref === 'string' && e.ref ? e.ref : String(i);
        if (refs.has(ref)) errors.push({ field: `entities.${i}.ref`, message: `The reference ${ref} is used twice` });
        refs.set(ref, i);
        if (e.id !== undefined || e.personId !== undefined) {
          const id = (e.id ?? e.personId) as unknown;
          if (typeof id !== 'string' || !isUuid(id)) errors.push({ field: `entities.${i}.id`, message: 'Not a known record' });
        } else {
          errors.push(...validateEntity(e as Partial<EntityInput>, DEFAULT_WARDS, `entities.${i}.`));
        }
      });
      links.forEach((l, i) => {
        const errs = validateLink(l as Record<string, string>, `links.${i}.`);
        errors.push(...errs);
        for (const end of ['from', 'to'] as const) {
          if (typeof l[end] === 'string' && !refs.has(l[end] as string)) errors.push({ field: `links.${i}.${end}`, message: `${l[end]} is not one of the entities of this report` });
        }
        // A link to itself also through two references to the same existing record.
        if (!errs.length && typeof l.from === 'string' && typeof l.to === 'string' && l.from !== l.to) {
          const a = entities[refs.get(l.from) ?? -1];
          const b = entities[refs.get(l.to) ?? -1];
          const idOf = (e?: Record<string, unknown>) => (e ? (e.id ?? e.personId ?? null) : null);
          if (idOf(a) && idOf(a) === idOf(b)) errors.push({ field: `links.${i}.to`, message: 'A link must join two different things: it cannot link something to itself' });
        }
      });
      if (errors.length > 0 || !grading) throw new ValidationProblem(errors);

      return db.transaction().execute(async (tx) => {
        const itemId = randomUUID();
        if (idempotencyKey) {
          const existing = await claimIdempotencyKey(tx, actor.partnershipId, actor.userId, idempotencyKey, itemId);
          if (existing) return { id: existing, created: false };
        }
        const idByRef = new Map<string, string>();
        const people: string[] = [];
        const unknown: FieldError[] = [];
        for (const [ref, i] of refs) {
          const e = entities[i];
          if (typeof e.personId === 'string') {
            if (!(await personEntity(tx, actor, e.personId))) unknown.push({ field: `entities.${i}.personId`, message: 'No such person' });
            else {
              await assertCanReadPerson(tx, actor, e.personId);
              idByRef.set(ref, e.personId);
              people.push(e.personId);
            }
          } else if (typeof e.id === 'string') {
            const [found] = await store.entitiesByIds(tx, actor.partnershipId, [e.id]);
            if (!found) unknown.push({ field: `entities.${i}.id`, message: 'No such entity' });
            else {
              idByRef.set(ref, found.id);
              if (found.person_id) people.push(found.person_id);
            }
          } else {
            const input = e as unknown as EntityInput;
            const registration = input.kind === 'vehicle' && input.registration ? normaliseRegistration(input.registration) : null;
            // The same plate seen again is the same vehicle.
            const same = registration ? await store.entityByRegistration(tx, actor.partnershipId, registration) : undefined;
            if (same) {
              idByRef.set(ref, same.id);
              continue;
            }
            const id = randomUUID();
            await store.insertEntity(tx, {
              partnership_id: actor.partnershipId,
              id,
              kind: input.kind,
              label: entityLabel(input).slice(0, 200),
              location_type: input.kind === 'location' ? (input.locationType ?? null) : null,
              ward: input.kind === 'location' ? s(input.ward) : null,
              x: typeof input.x === 'number' ? input.x : null,
              y: typeof input.y === 'number' ? input.y : null,
              registration,
              make: s(input.make),
              colour: s(input.colour),
              organisation_type: input.kind === 'organisation' ? (input.organisationType ?? null) : null,
              group_type: input.kind === 'group' ? (input.groupType ?? null) : null,
              phone_number: input.kind === 'phone' ? s(input.phoneNumber) : null,
              platform: s(input.platform),
              handle: s(input.handle),
              created_by: actor.userId,
            });
            idByRef.set(ref, id);
          }
        }
        if (unknown.length > 0) throw new ValidationProblem(unknown);
        const handled = {
          source_grade: grading.source,
          intel_grade: grading.intelligence,
          handling: grading.handling,
          handling_conditions: grading.handling === 'C' ? s(raw.handlingConditions) : null,
          release_roles: grading.handling === 'C' ? releaseRoles : [],
          release_agency_ids: grading.handling === 'C' ? releaseAgencyIds : [],
          agency_id: actor.agencyId,
          source_record: s(raw.sourceRecord),
          created_by: actor.userId,
        };
        await store.insertItem(tx, { partnership_id: actor.partnershipId, id: itemId, summary: String(raw.summary).trim(), category: raw.category as string, occurred_on: raw.occurredOn as string, ...handled });
        const rows = links.map((l, i) => {
          const from = idByRef.get(l.from as string)!;
          const to = idByRef.get(l.to as string)!;
          if (from === to) throw new ValidationProblem([{ field: `links.${i}.to`, message: 'A link must join two different things: it cannot link something to itself' }]);
          return {
            partnership_id: actor.partnershipId,
            id: randomUUID(),
            from_entity: from,
            to_entity: to,
            link_type: l.type as string,
            from_role: s(l.fromRole),
            to_role: s(l.toRole),
            since: s(l.since),
            until: s(l.until),
            item_id: itemId,
            category: raw.category as string,
            occurred_on: raw.occurredOn as string,
            ...handled,
          };
        });
        await store.insertLinks(tx, rows);
        const auditor = auditActor(actor);
        await recordAudit(tx, actor.partnershipId, auditor, { action: 'intelligence.recorded', resourceType: 'intel_item', resourceId: itemId, details: { grading: formatGrading(grading), links: rows.length } });
        for (const personId of new Set(people)) await recordAudit(tx, actor.partnershipId, auditor, { action: 'intelligence.linked_person', resourceType: 'intel_item', resourceId: itemId, personId });
        return { id: itemId, created: true };
      });
    },

    /** One report with its visible links; a report the viewer may not see is "not found", like one that does not exist. */
    async getItem(actor: Actor, id: string) {
      requireScope(actor, 'intelligence', 'read');
      if (!isUuid(id)) throw notFound('The intelligence report');
      const v = viewerOf(actor);
      return db.transaction().execute(async (tx) => {
        const item = await store.visibleItem(tx, actor.partnershipId, v, id);
        if (!item) throw notFound('The intelligence report');
        const links = await store.itemLinks(tx, actor.partnershipId, v, id);
        const ents = await store.entitiesByIds(tx, actor.partnershipId, [...new Set(links.flatMap((l) => [l.from_entity, l.to_entity]))]);
        const auditor = auditActor(actor);
        await recordAudit(tx, actor.partnershipId, auditor, { action: 'intelligence.viewed', resourceType: 'intel_item', resourceId: id });
        for (const e of ents) if (e.person_id) await recordAudit(tx, actor.partnershipId, auditor, { action: 'intelligence.viewed', resourceType: 'intel_item', resourceId: id, personId: e.person_id });
        const byId = new Map(ents.map((e) => [e.id, entityView(e)]));
        return {
          id: item.id,
          summary: item.summary,
          category: item.category,
          categoryLabel: CATEGORY_LABELS[item.category as keyof typeof CATEGORY_LABELS] ?? item.category,
          occurredOn: item.occurred_on,
          grading: formatGrading({ source: item.source_grade, intelligence: item.intel_grade, handling: item.handling }),
          handling: item.handling,
          handlingConditions: item.handling_conditions,
          agencyName: item.agency_name,
          sourceRecord: item.source_record,
          links: links.map((l) => ({ ...linkView(l), typeLabel: LINK_TYPE_LABELS[l.link_type as keyof typeof LINK_TYPE_LABELS] ?? l.link_type, fromEntity: byId.get(l.from_entity)!, toEntity: byId.get(l.to_entity)! })),
        };
      });
    },

    async recent(actor: Actor) {
      requireScope(actor, 'intelligence', 'read');
      const rows = await store.recentItems(db, actor.partnershipId, viewerOf(actor));
      return rows.map((i) => ({
        id: i.id,
        summary: i.summary,
        category: i.category,
        categoryLabel: CATEGORY_LABELS[i.category as keyof typeof CATEGORY_LABELS] ?? i.category,
        occurredOn: i.occurred_on,
        grading: formatGrading({ source: i.source_grade, intelligence: i.intel_grade, handling: i.handling }),
        agencyName: i.agency_name,
      }));
    },

    async searchEntities(actor: Actor, q: string, kind?: string) {
      requireScope(actor, 'intelligence', 'read');
      return (await store.searchEntities(db, actor.partnershipId, viewerOf(actor), q.trim().slice(0, 100), kind)).map(entityView);
    },

    /**
     * The network around an entity (for a Jigsaw person, their person id): nodes and links within `depth` steps,
     * only through links the viewer may see, at most MAX_NODES nodes (nearest first; `truncated` says so).
     */
    async network(actor: Actor, entityId: string, depth: 1 | 2 = 2) {
      requireScope(actor, 'intelligence', 'read');
      if (!isUuid(entityId)) throw notFound('The person or entity');
      const v = viewerOf(actor);
      return db.transaction().execute(async (tx) => {
        const [centre] = await store.entitiesByIds(tx, actor.partnershipId, [entityId]);
        let centreView: EntityView;
        if (!centre) {
          // A Jigsaw person with no intelligence yet: an empty network, not a 404.
          const p = await tx.selectFrom('person').select(['id', 'given_name', 'family_name']).where('partnership_id', '=', actor.partnershipId).where('id', '=', entityId).executeTakeFirst();
          if (!p) throw notFound('The person or entity');
          centreView = { id: p.id, kind: 'person', kindLabel: 'Person', label: `${p.given_name} ${p.family_name}`, personId: p.id, locationType: null, ward: null, x: null, y: null, registration: null, make: null, colour: null };
        } else centreView = entityView(centre);
        if (centreView.personId) await assertCanReadPerson(tx, actor, centreView.personId);
        const { rows, capped } = centre ? await store.networkLinks(tx, actor.partnershipId, v, entityId, depth) : { rows: [], capped: false };
        const shaped = shapeNetwork(entityId, rows.map(linkView), depth, MAX_NODES);
        shaped.truncated ||= capped;
        const ents = await store.entitiesByIds(tx, actor.partnershipId, [...shaped.distance.keys()]);
        const roles = new Map<string, Set<string>>();
        for (const l of shaped.links) {
          if (l.fromRole) (roles.get(l.from) ?? roles.set(l.from, new Set()).get(l.from)!).add(l.fromRole);
          if (l.toRole) (roles.get(l.to) ?? roles.set(l.to, new Set()).get(l.to)!).add(l.toRole);
        }
        const nodes = (ents.length ? ents.map(entityView) : [centreView]).map((e) => ({ ...e, depth: shaped.distance.get(e.id) ?? 0, roles: [...(roles.get(e.id) ?? [])] }));
        nodes.sort((a, b) => a.depth - b.depth || a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label));
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'intelligence.network_viewed',
          resourceType: 'intel_entity',
          resourceId: entityId,
          personId: centreView.personId,
          details: { depth, nodes: nodes.length, links: shaped.links.length },
        });
        return { centre: centreView, depth, nodes, links: shaped.links, truncated: shaped.truncated, maxNodes: MAX_NODES };
      });
    },

    /** Entities linked (through visible links) to two or more of the chosen people or entities. */
    async commonalities(actor: Actor, ids: string[]) {
      requireScope(actor, 'intelligence', 'read');
      const chosen = [...new Set(ids.map((i) => i.trim()).filter(Boolean))];
      if (chosen.length < 2 || chosen.length > MAX_COMMONALITY_PEOPLE || !chosen.every(isUuid)) {
        throw new ValidationProblem([{ field: 'personIds', message: `Choose between 2 and ${MAX_COMMONALITY_PEOPLE} people` }]);
      }
      const v = viewerOf(actor);
      return db.transaction().execute(async (tx) => {
        const people = await store.entitiesByIds(tx, actor.partnershipId, chosen);
        const persons = await tx.selectFrom('person').select(['id', 'given_name', 'family_name']).where('partnership_id', '=', actor.partnershipId).where('id', 'in', chosen).execute();
        const known = new Set([...people.map((p) => p.id), ...persons.map((p) => p.id)]);
        const missing = chosen.filter((c) => !known.has(c));
        if (missing.length > 0) throw new ValidationProblem([{ field: 'personIds', message: `Not known: ${missing.join(', ')}` }]);
        for (const p of persons) await assertCanReadPerson(tx, actor, p.id);
        const pairs = await store.commonalityPairs(tx, actor.partnershipId, v, chosen);
        const common = shapeCommonalities(chosen, pairs);
        const ents = await store.entitiesByIds(tx, actor.partnershipId, common.map((c) => c.entityId));
        const byId = new Map(ents.map((e) => [e.id, entityView(e)]));
        const auditor = auditActor(actor);
        for (const p of persons) await recordAudit(tx, actor.partnershipId, auditor, { action: 'intelligence.commonalities_viewed', resourceType: 'person', resourceId: p.id, personId: p.id, details: { with: chosen } });
        const names = new Map<string, string>([...people.map((p) => [p.id, p.label] as const), ...persons.map((p) => [p.id, `${p.given_name} ${p.family_name}`] as const)]);
        return {
          people: chosen.map((id) => ({ id, label: names.get(id) ?? id })),
          common: common.map((c) => ({
            entity: byId.get(c.entityId)!,
            linkedTo: c.linkedTo,
            links: pairs.filter((p) => p.other === c.entityId).map((p) => ({ personId: p.seed, type: p.link_type, grading: formatGrading({ source: p.source_grade, intelligence: p.intel_grade, handling: p.handling }), occurredOn: p.occurred_on })),
          })),
        };
      });
    },

    /** Concerns by ward and category over a period, and the locations behind them, for the map and its table. */
    async hotspots(actor: Actor, q: { from?: unknown; to?: unknown; category?: unknown }) {
      requireScope(actor, 'intelligence', 'read');
      const p = period(q.from, q.to);
      const category = typeof q.category === 'string' && q.category !== '' ? q.category : undefined;
      if (category && !(CATEGORIES as readonly string[]).includes(category)) throw new ValidationProblem([{ field: 'category', message: 'Choose a category' }]);
      const v = viewerOf(actor);
      const [byWard, locations] = await Promise.all([
        store.hotspots(db, actor.partnershipId, v, p.from, p.to, category),
        store.hotspotLocations(db, actor.partnershipId, v, p.from, p.to, category),
      ]);
      const wards = DEFAULT_WARDS.map((ward) => {
        const rows = byWard.filter((r) => r.ward === ward);
        const byCategory = Object.fromEntries(rows.map((r) => [r.category, r.concerns]));
        return { ward, concerns: rows.reduce((n, r) => n + r.concerns, 0), byCategory };
      });
      return {
        ...p,
        category: category ?? null,
        wards,
        categories: CATEGORIES.filter((c) => byWard.some((r) => r.category === c)),
        locations: locations.map((l) => ({ id: l.id, label: l.label, locationType: l.location_type, locationTypeLabel: LOCATION_TYPE_LABELS[l.location_type as keyof typeof LOCATION_TYPE_LABELS] ?? l.location_type, ward: l.ward, x: l.x, y: l.y, concerns: l.concerns })),
      };
    },

    // ---- disruption ----

    async tactics(actor: Actor) {
      requireScope(actor, 'disruption', 'read');
      return tactics(actor.partnershipId);
    },

    async setTactic(actor: Actor, code: string, raw: { label?: unknown; targetKinds?: unknown; active?: unknown }) {
      requireScope(actor, 'disruption', 'manage');
      const errors: FieldError[] = [];
      if (!/^[a-z][a-z0-9_]{1,39}$/.test(code)) errors.push({ field: 'code', message: 'A code is lower-case letters, digits and underscores' });
      if (typeof raw.label !== 'string' || raw.label.trim() === '') errors.push({ field: 'label', message: 'Enter the name of the tactic' });
      const kinds = Array.isArray(raw.targetKinds) ? raw.targetKinds : [];
      if (kinds.length === 0 || !kinds.every((k) => typeof k === 'string' && k in ENTITY_KIND_LABELS)) errors.push({ field: 'targetKinds', message: 'Choose what it can be against' });
      if (errors.length > 0) throw new ValidationProblem(errors);
      await db.transaction().execute(async (tx) => {
        await store.upsertTactic(tx, { partnership_id: actor.partnershipId, code, label: String(raw.label).trim(), target_kinds: kinds as string[], active: raw.active !== false });
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'disruption.tactic_set', resourceType: 'disruption_tactic', details: { code } });
      });
      return tactics(actor.partnershipId);
    },

    async recordDisruption(actor: Actor, raw: Record<string, unknown>) {
      requireScope(actor, 'disruption', 'create');
      const all = await tactics(actor.partnershipId);
      const targetId = typeof raw.targetEntityId === 'string' && isUuid(raw.targetEntityId) ? raw.targetEntityId : null;
      const [target] = targetId ? await store.entitiesByIds(db, actor.partnershipId, [targetId]) : [];
      const ownerAgencyId = typeof raw.ownerAgencyId === 'string' && isUuid(raw.ownerAgencyId) ? raw.ownerAgencyId : undefined;
      const input = { ...raw, ownerAgencyId, endedOn: s(raw.endedOn), outcome: s(raw.outcome) } as Record<string, string>;
      const errors = validateDisruption(input, all, target?.kind ?? null);
      if (ownerAgencyId) {
        const agency = await db.selectFrom('agency').select('id').where('partnership_id', '=', actor.partnershipId).where('id', '=', ownerAgencyId).executeTakeFirst();
        if (!agency) errors.push({ field: 'ownerAgencyId', message: 'Choose an agency of the partnership' });
      }
      if (errors.length > 0) throw new ValidationProblem(errors);
      const id = randomUUID();
      await db.transaction().execute(async (tx) => {
        await store.insertActivity(tx, {
          partnership_id: actor.partnershipId,
          id,
          tactic: input.tactic,
          target_entity_id: target.id,
          owner_agency_id: ownerAgencyId!,
          owner_name: s(raw.ownerName),
          started_on: input.startedOn,
          ended_on: input.endedOn ?? null,
          status: input.status,
          outcome: input.outcome ?? null,
          outcome_notes: s(raw.outcomeNotes),
          created_by: actor.userId,
        });
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'disruption.recorded', resourceType: 'disruption_activity', resourceId: id, personId: target.person_id, details: { tactic: input.tactic } });
      });
      return (await this.disruptions(actor, { id }))[0];
    },

    async updateDisruption(actor: Actor, id: string, raw: Record<string, unknown>) {
      requireScope(actor, 'disruption', 'update');
      if (!isUuid(id)) throw notFound('The disruption activity');
      const [current] = await store.activities(db, actor.partnershipId, { id });
      if (!current) throw notFound('The disruption activity');
      const merged = {
        tactic: current.tactic,
        targetEntityId: current.target_entity_id,
        ownerAgencyId: current.owner_agency_id,
        startedOn: current.started_on,
        endedOn: raw.endedOn !== undefined ? s(raw.endedOn) : current.ended_on,
        status: (raw.status as string) ?? current.status,
        outcome: raw.outcome !== undefined ? s(raw.outcome) : current.outcome,
      };
      const all = await tactics(actor.partnershipId);
      // A withdrawn tactic still describes the activities recorded under it.
      const errors = validateDisruption(merged, all.map((t) => (t.code === current.tactic ? { ...t, active: true } : t)), current.target_kind);
      if (errors.length > 0) throw new ValidationProblem(errors);
      await db.transaction().execute(async (tx) => {
        await store.updateActivity(tx, actor.partnershipId, id, { status: merged.status, outcome: merged.outcome, ended_on: merged.endedOn, outcome_notes: raw.outcomeNotes !== undefined ? s(raw.outcomeNotes) : current.outcome_notes });
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'disruption.updated', resourceType: 'disruption_activity', resourceId: id, details: { status: merged.status, outcome: merged.outcome } });
      });
      return (await this.disruptions(actor, { id }))[0];
    },

    async disruptions(actor: Actor, filter: { id?: string; targetEntityId?: string } = {}) {
      requireScope(actor, 'disruption', 'read');
      const all = await tactics(actor.partnershipId);
      const rows = await store.activities(db, actor.partnershipId, filter);
      return rows.map((d) => ({
        id: d.id,
        tactic: d.tactic,
        tacticLabel: all.find((t) => t.code === d.tactic)?.label ?? d.tactic,
        targetEntityId: d.target_entity_id,
        targetLabel: d.target_label,
        targetKind: d.target_kind,
        ownerAgencyId: d.owner_agency_id,
        ownerAgencyName: d.owner_agency_name,
        ownerName: d.owner_name,
        startedOn: d.started_on,
        endedOn: d.ended_on,
        status: d.status,
        statusLabel: DISRUPTION_STATUS_LABELS[d.status as keyof typeof DISRUPTION_STATUS_LABELS] ?? d.status,
        outcome: d.outcome,
        outcomeLabel: d.outcome ? (DISRUPTION_OUTCOME_LABELS[d.outcome as keyof typeof DISRUPTION_OUTCOME_LABELS] ?? d.outcome) : null,
        outcomeNotes: d.outcome_notes,
      }));
    },

    /** Disruption activity started in the period, by tactic and outcome (counts, not suppressed: an internal report). */
    async disruptionReport(actor: Actor, q: { from?: unknown; to?: unknown }) {
      requireScope(actor, 'disruption', 'read');
      const p = period(q.from, q.to);
      const all = await tactics(actor.partnershipId);
      const rows = await store.disruptionCounts(db, actor.partnershipId, p.from, p.to);
      const outcomes = [...DISRUPTION_OUTCOMES, 'pending'] as const;
      const byTactic = all
        .map((t) => {
          const mine = rows.filter((r) => r.tactic === t.code);
          const counts = Object.fromEntries(outcomes.map((o) => [o, mine.filter((r) => (r.outcome ?? 'pending') === o).reduce((n, r) => n + r.n, 0)]));
          return { tactic: t.code, label: t.label, total: mine.reduce((n, r) => n + r.n, 0), byOutcome: counts };
        })
        .filter((t) => t.total > 0);
      return { ...p, outcomes: outcomes.map((o) => ({ code: o, label: o === 'pending' ? 'No outcome yet' : DISRUPTION_OUTCOME_LABELS[o] })), byTactic, total: byTactic.reduce((n, t) => n + t.total, 0) };
    },

    /**
     * The Exploitation Panel pack for a period: themes (categories), hotspots by ward, the problem profile (victims
     * by age band and sex, persons of concern, locations by type) and disruption by tactic, with counts 1-5 shown
     * as `c`. Built only from intelligence the viewer may see.
     */
    async panelPack(actor: Actor, q: { from?: unknown; to?: unknown }) {
      requireScope(actor, 'intelligence', 'read');
      const p = period(q.from, q.to);
      const v = viewerOf(actor);
      const [people, locations, categories, wardsRows] = await Promise.all([
        store.profilePeople(db, actor.partnershipId, v, p.from, p.to),
        store.profileLocations(db, actor.partnershipId, v, p.from, p.to),
        store.profileCategories(db, actor.partnershipId, v, p.from, p.to),
        store.hotspots(db, actor.partnershipId, v, p.from, p.to),
      ]);
      const victims = new Map<string, { dob: string | null; sex: string | null }>();
      const offenders = new Set<string>();
      for (const r of people) {
        if (r.role === 'victim') victims.set(r.entity_id, { dob: r.date_of_birth, sex: r.sex });
        if (r.role === 'person_of_concern') offenders.add(r.entity_id);
      }
      const sexes = ['female', 'male', 'unknown'] as const;
      const victimCells = AGE_BANDS.map((band) => sexes.map((sex) => [...victims.values()].filter((x) => ageBand(x.dob ? ageOn(x.dob, p.to) : null) === band && (x.sex ?? 'unknown') === sex).length));
      const victimTable = suppressTable(victimCells);
      const catCells = CATEGORIES.map((c) => [categories.find((r) => r.category === c)?.n ?? 0]);
      const locCells = LOCATION_TYPES.map((t) => [locations.find((r) => r.location_type === t)?.n ?? 0]);
      const wardCells = DEFAULT_WARDS.map((w) => CATEGORIES.map((c) => wardsRows.find((r) => r.ward === w && r.category === c)?.concerns ?? 0));
      const catTable = suppressTable(catCells);
      const locTable = suppressTable(locCells);
      const wardTable = suppressTable(wardCells);
      let disruption: { label: string; total: Cell }[] = [];
      let disruptionTotal: Cell = 0;
      if (can(actor.role, 'disruption', 'read')) {
        const d = await this.disruptionReport(actor, p);
        const t = suppressTable(d.byTactic.map((x) => [x.total]));
        disruption = d.byTactic.map((x, i) => ({ label: x.label, total: t.cells[i][0] }));
        disruptionTotal = t.grandTotal;
      }
      await db.transaction().execute(async (tx) => {
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'intelligence.panel_pack', resourceType: 'report', details: p });
      });
      return {
        ...p,
        themes: { rows: CATEGORIES.map((c, i) => ({ label: CATEGORY_LABELS[c], n: catTable.cells[i][0] })), total: catTable.grandTotal },
        hotspots: {
          categories: CATEGORIES.map((c) => CATEGORY_LABELS[c]),
          rows: DEFAULT_WARDS.map((w, i) => ({ ward: w, cells: wardTable.cells[i], total: wardTable.rowTotals[i] })),
          columnTotals: wardTable.columnTotals,
          total: wardTable.grandTotal,
        },
        victims: { sexes: ['Female', 'Male', 'Not known'], rows: AGE_BANDS.map((b, i) => ({ band: b, cells: victimTable.cells[i], total: victimTable.rowTotals[i] })), columnTotals: victimTable.columnTotals, total: victimTable.grandTotal },
        offenders: suppressCount(offenders.size),
        locations: { rows: LOCATION_TYPES.map((t, i) => ({ label: LOCATION_TYPE_LABELS[t], n: locTable.cells[i][0] })), total: locTable.grandTotal },
        disruption: { rows: disruption, total: disruptionTotal },
      };
    },
  };
}

export type IntelligenceService = ReturnType<typeof intelligenceService>;
