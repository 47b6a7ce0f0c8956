// SQL for suspected-duplicate clusters (migration 042): the suspected pairs as a graph, the order people arrived in,
// and the stored memberships. The rule that builds clusters is pure (../clusters.ts); keeping them right is in
// upkeep.ts. People merged away and pairs decided "not the same" are never part of the graph.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';
import type { Cluster } from '../clusters.ts';

export interface PairRow {
  person_a: string;
  person_b: string;
  probability: number;
}

const active = (column: string) => sql`not exists (
  select 1 from person_merge m where m.partnership_id = s.partnership_id and m.undone_at is null and m.merged_person_id = ${sql.ref(column)})`;
const notDecidedApart = sql`not exists (
  select 1 from person_not_same ns where ns.partnership_id = s.partnership_id and ns.person_a = s.person_a and ns.person_b = s.person_b)`;

/** Suspected pairs with either person among `ids`, between people not merged away and not decided "not the same". */
export async function pairsTouching(db: Db, partnershipId: string, ids: readonly string[]): Promise<PairRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<PairRow>`
    select s.person_a, s.person_b, s.probability from person_match_suspect s
    where s.partnership_id = ${partnershipId} and (s.person_a = any(${ids}::uuid[]) or s.person_b = any(${ids}::uuid[]))
      and ${active('s.person_a')} and ${active('s.person_b')} and ${notDecidedApart}`.execute(db);
  return rows;
}

/** Every such pair in the partnership (for a rebuild). */
export async function allPairs(db: Db, partnershipId: string): Promise<PairRow[]> {
  const { rows } = await sql<PairRow>`
    select s.person_a, s.person_b, s.probability from person_match_suspect s
    where s.partnership_id = ${partnershipId} and ${active('s.person_a')} and ${active('s.person_b')} and ${notDecidedApart}`.execute(db);
  return rows;
}

/** The people among `ids` (all, when null) not merged away, in the order they were recorded (then by id). */
export async function arrivalOrder(db: Db, partnershipId: string, ids: readonly string[] | null): Promise<string[]> {
  if (ids && ids.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    select p.id from person p
    where p.partnership_id = ${partnershipId} ${ids ? sql`and p.id = any(${ids}::uuid[])` : sql``}
      and not exists (select 1 from person_merge m where m.partnership_id = p.partnership_id and m.undone_at is null and m.merged_person_id = p.id)
    order by p.created_at, p.id`.execute(db);
  return rows.map((r) => r.id);
}

async function insertMemberships(tx: Db, partnershipId: string, clusters: readonly Cluster[]): Promise<void> {
  const rows = clusters.flatMap((c) => c.members.map((m) => ({ partnership_id: partnershipId, person_id: m, cluster_id: c.id })));
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('person_cluster')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['partnership_id', 'person_id']).doUpdateSet((eb) => ({ cluster_id: eb.ref('excluded.cluster_id') })))
      .execute();
}

/** Advisory lock class for re-clustering (the audit sealer uses 7243002). */
const CLUSTER_LOCK = 7243003;

/**
 * One re-clustering at a time per partnership, held to the end of the transaction: a second change waits, then
 * reads the first one's pairs and memberships (committed by then), so two referrals at once cannot leave clusters
 * that disagree with their pairs.
 */
export async function lockClusters(tx: Db, partnershipId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CLUSTER_LOCK}, hashtext(${partnershipId}))`.execute(tx);
}

/** Replaces the memberships of `people` by `clusters` (of two or more, all their members among `people`). */
export async function replaceMemberships(tx: Db, partnershipId: string, people: readonly string[], clusters: readonly Cluster[]): Promise<void> {
  if (people.length === 0) return;
  await tx.deleteFrom('person_cluster').where('partnership_id', '=', partnershipId).where('person_id', 'in', people).execute();
  await insertMemberships(tx, partnershipId, clusters);
}

export async function replaceAllMemberships(tx: Db, partnershipId: string, clusters: readonly Cluster[]): Promise<void> {
  await tx.deleteFrom('person_cluster').where('partnership_id', '=', partnershipId).execute();
  await insertMemberships(tx, partnershipId, clusters);
}

/** Stored memberships, as clusters (members sorted by id, clusters by id). */
export async function storedClusters(db: Db, partnershipId: string): Promise<Cluster[]> {
  const rows = await db
    .selectFrom('person_cluster')
    .select(['cluster_id', 'person_id'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('cluster_id')
    .orderBy('person_id')
    .execute();
  const byId = new Map<string, string[]>();
  for (const r of rows) byId.set(r.cluster_id, [...(byId.get(r.cluster_id) ?? []), r.person_id]);
  return [...byId].map(([id, members]) => ({ id, members }));
}

// ---- for the hub's review ----

export interface SuspectRow {
  person_a: string;
  person_b: string;
  probability: number;
  match_weight: number;
  explanation: unknown;
}

/**
 * Clusters of two or more people not merged away, strongest pair first: each with its members. One statement.
 */
export async function clustersForReview(db: Db, partnershipId: string, limit: number): Promise<{ id: string; members: string[] }[]> {
  const { rows } = await sql<{ cluster_id: string; members: string[] }>`
    with m as (
      select c.cluster_id, c.person_id from person_cluster c
      where c.partnership_id = ${partnershipId}
        and not exists (select 1 from person_merge g where g.partnership_id = c.partnership_id and g.undone_at is null and g.merged_person_id = c.person_id)
    ),
    strength as (
      select ma.cluster_id, max(s.match_weight) as w
      from person_match_suspect s
      join m ma on ma.person_id = s.person_a
      join m mb on mb.person_id = s.person_b and mb.cluster_id = ma.cluster_id
      where s.partnership_id = ${partnershipId}
      group by ma.cluster_id
    )
    select st.cluster_id, array_agg(m.person_id::text order by m.person_id) as members
    from strength st join m on m.cluster_id = st.cluster_id
    group by st.cluster_id, st.w
    having count(*) >= 2
    order by st.w desc, st.cluster_id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: r.cluster_id, members: r.members }));
}

/** Suspected pairs with both people among `ids` (not decided "not the same"), strongest first. */
export async function pairsAmong(db: Db, partnershipId: string, ids: readonly string[]): Promise<SuspectRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<SuspectRow>`
    select s.person_a, s.person_b, s.probability, s.match_weight, s.explanation from person_match_suspect s
    where s.partnership_id = ${partnershipId} and s.person_a = any(${ids}::uuid[]) and s.person_b = any(${ids}::uuid[]) and ${notDecidedApart}
    order by s.match_weight desc, s.person_a, s.person_b`.execute(db);
  return rows;
}

/**
 * Suspected pairs whose two people are not in one cluster (someone in one cluster is clearly different from the
 * other person), between people not merged away, strongest first.
 */
export async function pairsAcrossClusters(db: Db, partnershipId: string, limit: number): Promise<SuspectRow[]> {
  const { rows } = await sql<SuspectRow>`
    select s.person_a, s.person_b, s.probability, s.match_weight, s.explanation from person_match_suspect s
    left join person_cluster ca on ca.partnership_id = s.partnership_id and ca.person_id = s.person_a
    left join person_cluster cb on cb.partnership_id = s.partnership_id and cb.person_id = s.person_b
    where s.partnership_id = ${partnershipId}
      and (ca.cluster_id is null or cb.cluster_id is null or ca.cluster_id <> cb.cluster_id)
      and ${active('s.person_a')} and ${active('s.person_b')} and ${notDecidedApart}
    order by s.match_weight desc, s.person_a, s.person_b
    limit ${limit}`.execute(db);
  return rows;
}
