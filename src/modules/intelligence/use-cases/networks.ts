// Networks and commonalities: the people, places and things around a person or entity, and what two or more of
// them share, only through links the reader may see (the handling rule is applied in SQL before a link is followed).
import type { Actor } from '../../../platform/access/actor.ts';
import { restrictedViewer } from '../../../platform/access/rules.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { notFound, Problem, ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { readablePerson } from '../../people/use-cases.ts';
import { formatGrading, type NetLink, shapeCommonalities, shapeNetwork } from '../domain.ts';
import { CommonalitiesInput, NetworkInput } from '../schemas.ts';
import * as store from '../store.ts';
import { type EntityView, entityView, linkView, personAsEntity } from '../view.ts';

/** Most nodes a network answer holds; the response says when nodes were left off. */
export const MAX_NODES = 500;

/** A Jigsaw person's row if they exist and the reader may see them; null if there is no such person. */
async function personIfAny(db: Db, actor: Actor, id: string) {
  try {
    return await readablePerson(db, actor, id);
  } catch (err) {
    if (err instanceof Problem && err.status === 404) return null;
    throw err;
  }
}

/**
 * The centre of a network: an entity the reader may know of (a person entity only if they may read the person), or
 * a Jigsaw person with no intelligence yet. Anything else, including an entity known only from hidden intelligence,
 * is not found.
 */
async function centreOf(db: Db, actor: Actor, id: string): Promise<{ view: EntityView; hasEntity: boolean }> {
  const [entity] = await store.knownEntities(db, actor.partnershipId, restrictedViewer(actor), [id]);
  if (entity) {
    if (entity.person_id) await readablePerson(db, actor, entity.person_id);
    return { view: entityView(entity), hasEntity: true };
  }
  const [hidden] = await store.entitiesByIds(db, actor.partnershipId, restrictedViewer(actor), [id]);
  const person = hidden?.person_id ? await readablePerson(db, actor, hidden.person_id) : hidden ? null : await personIfAny(db, actor, id);
  if (!person) throw notFound('The person or entity');
  // A person named only in hidden intelligence: to this reader, a person with no intelligence yet.
  return { view: personAsEntity(person), hasEntity: false };
}

const rolesOf = (links: readonly NetLink[]) => {
  const roles = new Map<string, Set<string>>();
  const add = (id: string, role: string | null) => role && (roles.get(id) ?? roles.set(id, new Set()).get(id)!).add(role);
  for (const l of links) {
    add(l.from, l.fromRole);
    add(l.to, l.toRole);
  }
  return roles;
};

/**
 * The network around an entity (for a Jigsaw person, their person id): nodes and links within `depth` steps, only
 * through links the reader may see, at most MAX_NODES nodes (nearest first; `truncated` says so).
 */
export const getNetwork = useCase({
  name: 'intelligence.network',
  permission: ['intelligence', 'read'],
  input: NetworkInput,
  async run({ db, actor }, { id, depth: asked }) {
    const depth = asked === 1 ? 1 : 2;
    const centre = await centreOf(db, actor, id);
    const { rows, capped } = centre.hasEntity
      ? await store.networkLinks(db, actor.partnershipId, restrictedViewer(actor), id, depth)
      : { rows: [], capped: false };
    const shaped = shapeNetwork(id, rows.map(linkView), depth, MAX_NODES);
    const entities = centre.hasEntity ? await store.entitiesByIds(db, actor.partnershipId, restrictedViewer(actor), [...shaped.distance.keys()]) : [];
    const roles = rolesOf(shaped.links);
    const nodes = (entities.length ? entities.map(entityView) : [centre.view]).map((e) => ({
      ...e,
      depth: shaped.distance.get(e.id) ?? 0,
      roles: [...(roles.get(e.id) ?? [])],
    }));
    nodes.sort((a, b) => a.depth - b.depth || a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label));
    return { centre: centre.view, depth, nodes, links: shaped.links, truncated: shaped.truncated || capped, maxNodes: MAX_NODES };
  },
  audit: {
    read: 'intelligence_network.viewed',
    subject: (net) => ({
      type: 'intelligence_entity',
      id: net.centre.id,
      personId: net.centre.personId,
      details: { depth: net.depth, nodes: net.nodes.length, links: net.links.length },
    }),
  },
});

/** The chosen people and entities the reader may know of, by id with their names; the rest are "not known". */
async function chosenOf(db: Db, actor: Actor, ids: readonly string[]) {
  const entities = await store.knownEntities(db, actor.partnershipId, restrictedViewer(actor), ids);
  const names = new Map<string, { label: string; personId: string | null }>(entities.map((e) => [e.id, { label: entityView(e).label, personId: e.person_id }]));
  for (const e of entities) if (e.person_id) await readablePerson(db, actor, e.person_id);
  const hidden = new Map(
    (
      await store.entitiesByIds(
        db,
        actor.partnershipId,
        restrictedViewer(actor),
        ids.filter((id) => !names.has(id)),
      )
    ).map((e) => [e.id, e]),
  );
  for (const id of ids.filter((i) => !names.has(i))) {
    // A Jigsaw person (their name is theirs to see, not the hidden intelligence's); an entity hidden from them is not.
    const entity = hidden.get(id);
    if (entity && !entity.person_id) continue;
    const person = await personIfAny(db, actor, entity?.person_id ?? id);
    if (person) names.set(id, { label: `${person.given_name} ${person.family_name}`, personId: person.id });
  }
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length > 0) throw new ValidationProblem([{ field: 'personIds', message: `Not known: ${missing.join(', ')}` }]);
  return names;
}

/** Entities linked (through visible links) to two or more of the chosen people or entities. */
export const getCommonalities = useCase({
  name: 'intelligence.commonalities',
  permission: ['intelligence', 'read'],
  input: CommonalitiesInput,
  async run({ db, actor }, { personIds }) {
    const chosen = await chosenOf(db, actor, personIds);
    const pairs = await store.commonalityPairs(db, actor.partnershipId, restrictedViewer(actor), personIds);
    const common = shapeCommonalities(personIds, pairs);
    const byId = new Map(
      (
        await store.entitiesByIds(
          db,
          actor.partnershipId,
          restrictedViewer(actor),
          common.map((c) => c.entityId),
        )
      ).map((e) => [e.id, entityView(e)]),
    );
    return {
      people: personIds.map((id) => ({ id, label: chosen.get(id)!.label, personId: chosen.get(id)!.personId })),
      common: common.map((c) => ({
        entity: byId.get(c.entityId)!,
        linkedTo: c.linkedTo,
        links: pairs
          .filter((p) => p.other === c.entityId)
          .map((p) => ({
            personId: p.seed,
            type: p.link_type,
            grading: formatGrading({ source: p.source_grade, intelligence: p.intel_grade, handling: p.handling }),
            occurredOn: p.occurred_on,
          })),
      })),
    };
  },
  audit: {
    read: 'intelligence_commonalities.viewed',
    subject: (out, { personIds }) =>
      out.people.filter((p) => p.personId).map((p) => ({ type: 'person', id: p.personId, personId: p.personId, details: { with: personIds } })),
  },
});
