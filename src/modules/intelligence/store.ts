// SQL for intelligence: entities, items and links, networks, commonalities, hotspots and the problem profile. Every
// query that reads links takes the viewer and applies the handling rule (rules.maySeeRestricted) in SQL, on the link
// rows themselves, before a link is followed or counted; an entity known only from hidden links is never returned.
import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { RestrictedViewer } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';

/** rules.maySeeRestricted in SQL, for a link or item table under `alias`. */
export function visibleSql(v: RestrictedViewer, alias: string): RawBuilder<boolean> {
  if (v.seesAll) return sql<boolean>`true`;
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  return sql<boolean>`(${c('handling')} = 'P' or ${c('agency_id')} = ${v.agencyId}::uuid or ${v.role} = any(${c('release_roles')}) or ${v.agencyId}::uuid = any(${c('release_agency_ids')}))`;
}

/**
 * The viewer may know of the entity under `alias`: at least one of its links is one they may see. An entity known
 * only from intelligence the viewer may not see (or, from before reports had to link what they name, from none) is,
 * to them, not there.
 */
export function knownEntitySql(v: RestrictedViewer, alias: string): RawBuilder<boolean> {
  if (v.seesAll) return sql<boolean>`true`;
  const e = (col: string) => sql.ref(`${alias}.${col}`);
  return sql<boolean>`(exists (select 1 from intel_link l where l.partnership_id = ${e('partnership_id')} and l.from_entity = ${e('id')} and ${visibleSql(v, 'l')})
    or exists (select 1 from intel_link l where l.partnership_id = ${e('partnership_id')} and l.to_entity = ${e('id')} and ${visibleSql(v, 'l')}))`;
}

/**
 * The viewer may see the description of the entity under `alias` (its label, make, colour, ward, place on the map,
 * types, number, handle): it was typed in the report that created the entity, whose links were written in the same
 * transaction by the same user (`created_at` is the transaction's time), so it is theirs to see when one of those
 * links is. A Jigsaw person's label is the person record's name, not intelligence. Otherwise they know the entity
 * only by its natural key (the plate they recorded themselves): see view.entityView.
 */
export function describedSql(v: RestrictedViewer, alias: string): RawBuilder<boolean> {
  if (v.seesAll) return sql<boolean>`true`;
  const e = (col: string) => sql.ref(`${alias}.${col}`);
  const creation = (end: string) =>
    sql`exists (select 1 from intel_link l where l.partnership_id = ${e('partnership_id')} and ${sql.ref(`l.${end}`)} = ${e('id')} and l.created_at = ${e('created_at')} and l.created_by = ${e('created_by')} and ${visibleSql(v, 'l')})`;
  return sql<boolean>`(${e('person_id')} is not null or ${creation('from_entity')} or ${creation('to_entity')})`;
}

/** Which of these are agencies of the partnership. */
export async function knownAgencies(db: Db, partnershipId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (
    await db
      .selectFrom('agency')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', ids as string[])
      .execute()
  ).map((a) => a.id);
}

export async function insertEntities(tx: Db, rows: Insertable<DB['intel_entity']> | Insertable<DB['intel_entity']>[]) {
  await tx.insertInto('intel_entity').values(rows).execute();
}

/** Entities by id, each with whether the viewer may see its description (`described`). */
export async function entitiesByIds(db: Db, partnershipId: string, v: RestrictedViewer, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('intel_entity as e')
    .selectAll('e')
    .select(describedSql(v, 'e').as('described'))
    .where('e.partnership_id', '=', partnershipId)
    .where('e.id', 'in', ids as string[])
    .execute();
}

/** The entities of these ids the viewer may know of. */
export async function knownEntities(db: Db, partnershipId: string, v: RestrictedViewer, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('intel_entity as e')
    .selectAll('e')
    .select(describedSql(v, 'e').as('described'))
    .where('e.partnership_id', '=', partnershipId)
    .where('e.id', 'in', ids as string[])
    .where(knownEntitySql(v, 'e'))
    .execute();
}

/** A Jigsaw person as an entity (same id), made the first time intelligence names them. */
export async function ensurePersonEntity(tx: Db, row: Insertable<DB['intel_entity']>) {
  await tx
    .insertInto('intel_entity')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function entityByRegistration(db: Db, partnershipId: string, registration: string) {
  return db.selectFrom('intel_entity').selectAll().where('partnership_id', '=', partnershipId).where('registration', '=', registration).executeTakeFirst();
}

/** Entities the viewer may know of, by plate, or by name when they may see the description. */
export async function searchEntities(db: Db, partnershipId: string, v: RestrictedViewer, q: string, kind?: string, limit = 50) {
  const described = describedSql(v, 'e');
  let query = db
    .selectFrom('intel_entity as e')
    .selectAll('e')
    .select(described.as('described'))
    .where('e.partnership_id', '=', partnershipId)
    .where(knownEntitySql(v, 'e'));
  if (q) query = query.where(sql<boolean>`((${described} and e.label ilike ${`%${q}%`}) or e.registration ilike ${`%${q.replace(/\s+/g, '')}%`})`);
  if (kind) query = query.where('e.kind', '=', kind);
  return query.orderBy(sql`case when ${described} then e.label else coalesce(e.registration, e.kind) end`).limit(limit).execute();
}

export async function insertItem(tx: Db, row: Insertable<DB['intel_item']>) {
  await tx.insertInto('intel_item').values(row).execute();
}

export async function insertLinks(tx: Db, rows: Insertable<DB['intel_link']>[]) {
  if (rows.length > 0) await tx.insertInto('intel_link').values(rows).execute();
}

export async function visibleItem(db: Db, partnershipId: string, v: RestrictedViewer, id: string) {
  return db
    .selectFrom('intel_item as i')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'i.partnership_id').onRef('a.id', '=', 'i.agency_id'))
    .selectAll('i')
    .select('a.name as agency_name')
    .where('i.partnership_id', '=', partnershipId)
    .where('i.id', '=', id)
    .where(visibleSql(v, 'i'))
    .executeTakeFirst();
}

export async function recentItems(db: Db, partnershipId: string, v: RestrictedViewer, limit = 50) {
  return db
    .selectFrom('intel_item as i')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'i.partnership_id').onRef('a.id', '=', 'i.agency_id'))
    .selectAll('i')
    .select('a.name as agency_name')
    .where('i.partnership_id', '=', partnershipId)
    .where(visibleSql(v, 'i'))
    .orderBy('i.occurred_on', 'desc')
    .orderBy('i.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The reports that link a Jigsaw person (their entity's id is the person's), as far as the viewer may see them. */
export async function personItems(db: Db, partnershipId: string, v: RestrictedViewer, personId: string, from?: string, limit = 200) {
  const linked = (end: 'from_entity' | 'to_entity') =>
    db
      .selectFrom('intel_link as l')
      .select('l.item_id')
      .where('l.partnership_id', '=', partnershipId)
      .where(`l.${end}`, '=', personId)
      .where('l.item_id', 'is not', null);
  let q = db
    .selectFrom('intel_item as i')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'i.partnership_id').onRef('a.id', '=', 'i.agency_id'))
    .selectAll('i')
    .select('a.name as agency_name')
    .where('i.partnership_id', '=', partnershipId)
    .where((eb) => eb.or([eb('i.id', 'in', linked('from_entity')), eb('i.id', 'in', linked('to_entity'))]))
    .where(visibleSql(v, 'i'));
  if (from) q = q.where('i.occurred_on', '>=', from);
  return q.orderBy('i.occurred_on', 'desc').orderBy('i.created_at', 'desc').limit(limit).execute();
}

export interface LinkRow {
  id: string;
  from_entity: string;
  to_entity: string;
  link_type: string;
  from_role: string | null;
  to_role: string | null;
  since: string | null;
  until: string | null;
  category: string;
  occurred_on: string;
  source_grade: number;
  intel_grade: string;
  handling: string;
  item_id: string | null;
}

const LINK_COLUMNS = sql`l.id, l.from_entity, l.to_entity, l.link_type, l.from_role, l.to_role, l.since, l.until, l.category, l.occurred_on, l.source_grade, l.intel_grade, l.handling, l.item_id`;

export async function itemLinks(db: Db, partnershipId: string, v: RestrictedViewer, itemId: string): Promise<LinkRow[]> {
  const r =
    await sql<LinkRow>`select ${LINK_COLUMNS} from intel_link l where l.partnership_id = ${partnershipId} and l.item_id = ${itemId} and ${visibleSql(v, 'l')} order by l.created_at, l.id`.execute(
      db,
    );
  return r.rows;
}

/**
 * Links within `depth` steps that the viewer may see. At most `limit` links are read per step: the network shows at
 * most a few hundred nodes, so reading more only costs time. `capped` says a step reached its limit.
 */
export async function networkLinks(
  db: Db,
  partnershipId: string,
  v: RestrictedViewer,
  centre: string,
  depth: 1 | 2,
  limit = 1000,
): Promise<{ rows: LinkRow[]; capped: boolean }> {
  const vis = visibleSql(v, 'l');
  const step1 = sql`select ${LINK_COLUMNS} from intel_link l where l.partnership_id = ${partnershipId} and l.from_entity = ${centre} and ${vis}
      union all
      select ${LINK_COLUMNS} from intel_link l where l.partnership_id = ${partnershipId} and l.to_entity = ${centre} and ${vis}`;
  if (depth === 1) {
    const rows = (await sql<LinkRow>`select * from (${step1}) s limit ${limit}`.execute(db)).rows;
    return { rows, capped: rows.length >= limit };
  }
  const r = await sql<LinkRow>`
    with e1 as materialized (select * from (${step1}) s limit ${limit}),
    n1 as (select distinct case when from_entity = ${centre}::uuid then to_entity else from_entity end as id from e1),
    e2 as materialized (
      select * from (
        select ${LINK_COLUMNS} from n1 join intel_link l on l.partnership_id = ${partnershipId} and l.from_entity = n1.id where ${vis}
        union all
        select ${LINK_COLUMNS} from n1 join intel_link l on l.partnership_id = ${partnershipId} and l.to_entity = n1.id where ${vis}
      ) s limit ${limit}
    )
    select *, 1 as step from e1 union all select *, 2 as step from e2`.execute(db);
  const steps = [0, 0, 0];
  for (const row of r.rows as (LinkRow & { step: number })[]) steps[row.step]++;
  return { rows: r.rows, capped: steps[1] >= limit || steps[2] >= limit };
}

/** For each chosen entity, the entities at the far end of its visible links (one row per link). */
export async function commonalityPairs(db: Db, partnershipId: string, v: RestrictedViewer, ids: readonly string[]) {
  const vis = visibleSql(v, 'l');
  const arr = sql`${sql.val(ids as string[])}::uuid[]`;
  const r = await sql<{ seed: string; other: string; link_type: string; source_grade: number; intel_grade: string; handling: string; occurred_on: string }>`
    select l.from_entity as seed, l.to_entity as other, l.link_type, l.source_grade, l.intel_grade, l.handling, l.occurred_on
      from intel_link l where l.partnership_id = ${partnershipId} and l.from_entity = any(${arr}) and ${vis}
    union all
    select l.to_entity as seed, l.from_entity as other, l.link_type, l.source_grade, l.intel_grade, l.handling, l.occurred_on
      from intel_link l where l.partnership_id = ${partnershipId} and l.to_entity = any(${arr}) and ${vis}`.execute(db);
  return r.rows;
}

/** Concerns (intelligence items, or links recorded without one) at locations, by ward and category, over a period. */
export async function hotspots(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string, category?: string) {
  const r = await sql<{ ward: string | null; category: string; concerns: number; locations: number }>`
    select case when ${describedSql(v, 'e')} then e.ward end as ward, l.category, count(distinct coalesce(l.item_id, l.id))::int as concerns, count(distinct e.id)::int as locations
    from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id and (e.id = l.from_entity or e.id = l.to_entity) and e.kind = 'location'
    where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and ${visibleSql(v, 'l')}
      ${category ? sql`and l.category = ${category}` : sql``}
    group by 1, l.category
    order by 1, l.category`.execute(db);
  return r.rows;
}

/** Locations with concerns in the period, for the map's markers and the table. */
export async function hotspotLocations(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string, category?: string) {
  const r = await sql<{
    id: string;
    label: string;
    location_type: string;
    ward: string | null;
    x: number | null;
    y: number | null;
    described: boolean;
    concerns: number;
  }>`
    select e.id, e.label, e.location_type, e.ward, e.x, e.y, ${describedSql(v, 'e')} as described, count(distinct coalesce(l.item_id, l.id))::int as concerns
    from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id and (e.id = l.from_entity or e.id = l.to_entity) and e.kind = 'location'
    where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and ${visibleSql(v, 'l')}
      ${category ? sql`and l.category = ${category}` : sql``}
    group by e.partnership_id, e.id
    order by concerns desc, e.id
    limit 500`.execute(db);
  // A place whose description the viewer may not see is there (its concerns are theirs), but not its name, type or where.
  return r.rows
    .map(({ described, ...l }) => (described ? l : { ...l, label: 'Location', location_type: 'other', ward: null, x: null, y: null }))
    .sort((a, b) => b.concerns - a.concerns || a.label.localeCompare(b.label));
}

/** People with a role on a visible link in the period, with what the person record says of their age and sex. */
export async function profilePeople(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string) {
  const r = await sql<{ entity_id: string; link_role: string; date_of_birth: string | null; sex: string | null }>`
    select distinct x.entity_id, x.role as link_role, p.date_of_birth, p.sex from (
      select l.from_entity as entity_id, l.from_role as role from intel_link l
        where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and l.from_role is not null and ${visibleSql(v, 'l')}
      union all
      select l.to_entity, l.to_role from intel_link l
        where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and l.to_role is not null and ${visibleSql(v, 'l')}
    ) x
    join intel_entity e on e.partnership_id = ${partnershipId} and e.id = x.entity_id
    left join person p on p.partnership_id = e.partnership_id and p.id = e.person_id`.execute(db);
  return r.rows;
}

export async function profileLocations(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string) {
  const r = await sql<{ location_type: string; n: number }>`
    select case when ${describedSql(v, 'e')} then e.location_type else 'other' end as location_type, count(distinct e.id)::int as n
    from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id and (e.id = l.from_entity or e.id = l.to_entity) and e.kind = 'location'
    where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and ${visibleSql(v, 'l')}
    group by 1`.execute(db);
  return r.rows;
}

export async function profileCategories(db: Db, partnershipId: string, v: RestrictedViewer, from: string, to: string) {
  const r = await sql<{ category: string; n: number }>`
    select l.category, count(distinct coalesce(l.item_id, l.id))::int as n from intel_link l
    where l.partnership_id = ${partnershipId} and l.occurred_on between ${from} and ${to} and ${visibleSql(v, 'l')}
    group by l.category`.execute(db);
  return r.rows;
}
