// People search: keeping every person's search keys, and finding the people a search means, ranked, each with why.
import type { SearchVisibility } from '../../../platform/access/rules.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { explainMatch, type MatchReason, parseSearch, personSearchKeys, type SearchQuery, searchParts } from './domain.ts';
import * as store from './store.ts';

/** Rewrites one person's search keys, in the transaction that records or changes them. */
export async function indexForSearch(tx: Db, partnershipId: string, personId: string): Promise<void> {
  const [person] = await store.searchablePeople(tx, partnershipId, [personId]);
  await store.replaceSearchKeys(tx, partnershipId, personId, person ? personSearchKeys(person) : []);
}

/** Rewrites everyone's search keys (after a bulk load; `jigsaw persons review-queue`). */
export async function reindexSearch(tx: Db, partnershipId: string): Promise<number> {
  const people = await store.searchablePeople(tx, partnershipId, null);
  await store.replaceAllSearchKeys(
    tx,
    partnershipId,
    people.flatMap((p) => personSearchKeys(p).map((k) => ({ ...k, personId: p.id }))),
  );
  return people.length;
}

export interface FoundPerson {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  postcode: string | null;
  score: number;
  reasons: MatchReason[];
}

export interface SearchResult {
  /** What the search was understood as (the page says so: "date of birth 12 March 2010"). */
  understood: SearchQuery;
  people: FoundPerson[];
  /** More people share a common part than were read: a date of birth or postcode narrows the search. */
  narrower: boolean;
}

/** Candidates read from the index before ranking; the best `limit` of them are shown. */
const CANDIDATES = 100;

/** The people a search means, among those visible (visibleTo null: everyone; see searchVisibility in rules.ts). */
export async function findPeople(
  db: Db,
  partnershipId: string,
  raw: string,
  today: string,
  opts: { visibleTo: SearchVisibility | null; limit: number },
): Promise<SearchResult> {
  const understood = parseSearch(raw, today);
  const parts = searchParts(understood);
  const { ids, cut } = await store.lookUp(db, partnershipId, { parts, visibleTo: opts.visibleTo, limit: CANDIDATES });
  const found = await store.searchablePeople(db, partnershipId, ids);
  const people = found
    .map((p) => ({ p, ...explainMatch(understood, p) }))
    .filter((r) => r.score > 0)
    .sort(
      (a, b) => b.score - a.score || a.p.familyName.localeCompare(b.p.familyName) || a.p.givenName.localeCompare(b.p.givenName) || a.p.id.localeCompare(b.p.id),
    )
    .slice(0, opts.limit)
    .map(({ p, score, reasons }) => ({
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      postcode: p.postcode,
      score,
      reasons,
    }));
  return { understood, people, narrower: cut || ids.length >= CANDIDATES };
}
