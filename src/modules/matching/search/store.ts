// SQL for people search: each person's search keys (one row a key, the primary key leading (partnership, kind,
// key) so a key is one index probe), and the people sharing the most parts of a search.
import { sql } from 'kysely';
import type { SearchVisibility } from '../../../platform/access/rules.ts';
import type { Db } from '../../../platform/db/connect.ts';
import type { SearchablePerson, SearchKey, SearchPart } from './domain.ts';

export async function replaceSearchKeys(tx: Db, partnershipId: string, personId: string, keys: readonly SearchKey[]): Promise<void> {
  await tx.deleteFrom('person_search_key').where('partnership_id', '=', partnershipId).where('person_id', '=', personId).execute();
  if (keys.length === 0) return;
  await tx
    .insertInto('person_search_key')
    .values(keys.map((k) => ({ partnership_id: partnershipId, kind: k.kind, key: k.key, person_id: personId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Rewrites every person's search keys at once (after a bulk load, or a change to the keys). */
export async function replaceAllSearchKeys(tx: Db, partnershipId: string, keys: readonly (SearchKey & { personId: string })[]): Promise<void> {
  await tx.deleteFrom('person_search_key').where('partnership_id', '=', partnershipId).execute();
  const rows = keys.map((k) => ({ partnership_id: partnershipId, kind: k.kind, key: k.key, person_id: k.personId }));
  for (let i = 0; i < rows.length; i += 2000)
    await tx
      .insertInto('person_search_key')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** What the keys are built from and the reasons told from: the given people, or (ids null) everyone. */
export async function searchablePeople(db: Db, partnershipId: string, ids: readonly string[] | null): Promise<(SearchablePerson & { id: string })[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db
    .selectFrom('person as p')
    .select([
      'p.id',
      'p.given_name',
      'p.family_name',
      sql<string | null>`to_char(p.date_of_birth, 'YYYY-MM-DD')`.as('date_of_birth'),
      'p.postcode',
      'p.nhs_number',
    ])
    .where('p.partnership_id', '=', partnershipId)
    .$if(ids !== null, (q) => q.where('p.id', 'in', ids as string[]))
    .execute();
  const aliases = await db
    .selectFrom('person_alias')
    .select(['person_id', 'given_name', 'family_name'])
    .where('partnership_id', '=', partnershipId)
    .$if(ids !== null, (q) => q.where('person_id', 'in', ids as string[]))
    .execute();
  const byPerson = new Map<string, { givenName: string | null; familyName: string | null }[]>();
  for (const a of aliases) {
    const list = byPerson.get(a.person_id) ?? [];
    list.push({ givenName: a.given_name, familyName: a.family_name });
    byPerson.set(a.person_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    postcode: r.postcode,
    nhsNumber: r.nhs_number,
    aliases: byPerson.get(r.id) ?? [],
  }));
}

export interface SearchLookup {
  parts: readonly SearchPart[];
  /** Only the people the searcher may read (searchVisibility in rules.ts); null for partnership scope. */
  visibleTo: SearchVisibility | null;
  limit: number;
}

/**
 * The people matching the most of a search, visible to the searcher and not merged away. One statement: per key an
 * index range scan of at most its cap of rows, then each person's parts matched, weighed, best first.
 */
/**
 * The facts of searchVisibility for the candidate `r.person_id`, each an index probe per candidate: person_agency,
 * the person's one case (unique on person), the open or in-progress actions on them (action_person_idx).
 */
function visible(partnershipId: string, v: SearchVisibility) {
  const involved = sql`exists (select 1 from person_agency pa where pa.partnership_id = ${partnershipId} and pa.person_id = r.person_id and pa.agency_id = ${v.agencyInvolved})`;
  if (!v.worksTheCase) return involved;
  const { userId, agencyId } = v.worksTheCase;
  const caseWorker = sql`exists (select 1 from exploitation_case c where c.partnership_id = ${partnershipId} and c.person_id = r.person_id
    and c.status <> 'closed' and (c.allocated_worker_id = ${userId} or c.key_worker_id = ${userId}))`;
  const ownsOpenAction = sql`exists (select 1 from triage_action t
    where t.partnership_id = ${partnershipId} and t.person_id = r.person_id and t.owner_agency_id = ${agencyId} and t.status in ('open', 'in_progress'))`;
  const caseClosed = sql`exists (select 1 from exploitation_case c where c.partnership_id = ${partnershipId} and c.person_id = r.person_id and c.status = 'closed')`;
  return sql`${involved} or ${caseWorker} or (${ownsOpenAction} and not ${caseClosed})`;
}

export async function lookUp(db: Db, partnershipId: string, q: SearchLookup): Promise<{ ids: string[]; cut: boolean }> {
  const partIdx: number[] = [];
  const weights: number[] = [];
  const kinds: string[] = [];
  const keys: string[] = [];
  const caps: number[] = [];
  q.parts.forEach((p, i) => {
    for (const k of p.keys) {
      partIdx.push(i);
      weights.push(p.weight);
      kinds.push(k.kind);
      keys.push(k.key);
      caps.push(k.cap);
    }
  });
  if (keys.length === 0) return { ids: [], cut: false };
  const result = await sql<{ person_id: string; cut: boolean }>`
    with q as (select * from unnest(${partIdx}::int[], ${weights}::int[], ${kinds}::text[], ${keys}::text[], ${caps}::int[]) as q(part, weight, kind, key, cap)),
    hits as (
      select q.part, q.weight, b.person_id, count(*) over (partition by q.part, q.kind, q.key) >= q.cap as cut
      from q cross join lateral (
        select k.person_id from person_search_key k
        where k.partnership_id = ${partnershipId} and k.kind = q.kind and k.key = q.key
        limit q.cap
      ) b
    ),
    per_part as (select person_id, part, max(weight) as weight, bool_or(cut) as cut from hits group by person_id, part),
    ranked as (select person_id, sum(weight) as score, bool_or(cut) as cut from per_part group by person_id)
    select r.person_id, bool_or(r.cut) over () as cut from ranked r
    where not exists (
      select 1 from person_merge m where m.partnership_id = ${partnershipId} and m.merged_person_id = r.person_id and m.undone_at is null
    )
    ${q.visibleTo ? sql`and (${visible(partnershipId, q.visibleTo)})` : sql``}
    order by r.score desc, r.person_id
    limit ${q.limit}`.execute(db);
  return { ids: result.rows.map((r) => r.person_id), cut: result.rows.some((r) => r.cut) };
}
