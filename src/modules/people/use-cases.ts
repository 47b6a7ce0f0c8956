// People: read one (audited), search (audited), create. Who may read a person is the policy's "agency involved" and
// case-work rules (rules.ts).
import type { Actor } from '../../platform/access/actor.ts';
import { assertMayReadPerson, mayReadPerson, searchVisibility } from '../../platform/access/rules.ts';
import { typed } from '../../platform/audit/typed.ts';
import type { Db } from '../../platform/db/connect.ts';
import { notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { withCaseWork } from '../cases/access.ts';
import { indexPerson } from '../matching/indexing.ts';
import type { MatchReason } from '../matching/search/domain.ts';
import { type SearchResult, findPeople as search } from '../matching/search/find.ts';
import { ageOn, checkPerson, ETHNICITIES, type Ethnicity } from './domain.ts';
import { PersonDetails, PersonId, PersonSearch } from './schemas.ts';
import * as store from './store.ts';

export interface PersonView {
  id: string;
  givenName: string;
  familyName: string;
  aliases: { givenName: string | null; familyName: string | null }[];
  dateOfBirth: string | null;
  dobPrecision: string;
  age: number | null;
  sex: string | null;
  ethnicity: string | null;
  ethnicityLabel: string | null;
  firstLanguage: string | null;
  address: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  policeReference: string | null;
  laCaseReference: string | null;
  schoolUpn: string | null;
  placedByOtherLa: boolean;
  placingAuthority: string | null;
  agencies: { id: string; name: string; sector: string }[];
  createdAt: Date;
}

/** The person if they exist and the actor may read them; 404 before 403 would reveal nothing either way. */
export async function readablePerson(db: Db, actor: Actor, personId: string) {
  const found = await store.personForAgency(db, actor.partnershipId, personId, actor.agencyId);
  if (!found) throw notFound('The person');
  const { agency_involved, ...row } = found;
  assertMayReadPerson(actor, await withCaseWork(db, actor, personId, !!agency_involved));
  return row;
}

/** "Agency involved": the actor's agency works with the person (the policy's agency scope), for other modules' rules. */
export const agencyInvolved = (db: Db, actor: Actor, personId: string) => store.isAgencyInvolved(db, actor.partnershipId, personId, actor.agencyId);

/** Records that an agency works with a person (recording a missing episode, say). */
export const involveAgency = (db: Db, actor: Actor, personId: string, agencyId = actor.agencyId) =>
  store.involveAgency(db, actor.partnershipId, personId, agencyId);

/** A person's other names, for other modules' views (a Philomena profile). */
export const aliasesOf = (db: Db, actor: Actor, personId: string) => store.personAliases(db, actor.partnershipId, personId);

/** Whether the person exists and the actor may read them, without throwing. */
export async function personAccess(db: Db, actor: Actor, personId: string): Promise<'readable' | 'forbidden' | 'missing'> {
  const found = await store.personForAgency(db, actor.partnershipId, personId, actor.agencyId);
  if (!found) return 'missing';
  return mayReadPerson(actor, await withCaseWork(db, actor, personId, !!found.agency_involved)) ? 'readable' : 'forbidden';
}

export const getPerson = useCase({
  name: 'people.get',
  permission: ['person', 'read'],
  input: PersonId,
  async run({ db, actor }, { id }): Promise<PersonView> {
    // The row, the access check's facts, aliases and agencies in one statement; case work only when the matrix needs it.
    const row = await store.personRecordForAgency(db, actor.partnershipId, id, actor.agencyId);
    if (!row) throw notFound('The person');
    assertMayReadPerson(actor, await withCaseWork(db, actor, id, !!row.agency_involved));
    const { aliases, agencies } = row;
    return {
      id: row.id,
      givenName: row.given_name,
      familyName: row.family_name,
      aliases: aliases.map((a) => ({ givenName: a.given_name, familyName: a.family_name })),
      dateOfBirth: row.date_of_birth,
      dobPrecision: row.dob_precision,
      age: row.date_of_birth ? ageOn(row.date_of_birth, ukDate(new Date())) : null,
      sex: row.sex,
      ethnicity: row.ethnicity,
      ethnicityLabel: row.ethnicity ? (ETHNICITIES[row.ethnicity as Ethnicity] ?? row.ethnicity) : null,
      firstLanguage: row.first_language,
      address: row.address,
      postcode: row.postcode,
      nhsNumber: row.nhs_number,
      policeReference: row.police_reference,
      laCaseReference: row.la_case_reference,
      schoolUpn: row.school_upn,
      placedByOtherLa: row.placed_by_other_la,
      placingAuthority: row.placing_authority,
      agencies: agencies.map((a) => ({ id: a.id, name: a.name, sector: a.sector })),
      createdAt: row.created_at,
    };
  },
  audit: { read: 'person.viewed', subject: (p) => ({ type: 'person', id: p.id, personId: p.id }) },
});

export interface PersonSummary {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  postcode: string | null;
  /** Why they matched, strongest first ("Name sounds like Zara", "Same date of birth"). */
  reasons: MatchReason[];
}

export const SEARCH_LIMIT = 50;

/**
 * Finds people as matching does (misspelt, nicknamed and swapped names, a date of birth in any common form, a
 * postcode, an NHS number), ranked, among those the actor may read: everyone for partnership scope, else the people
 * their agency is involved with or whose case they work (searchVisibility).
 */
export const findPeople = useCase({
  name: 'people.find',
  permission: ['person', 'read'],
  input: PersonSearch,
  async run({ db, actor, scope, now }, { q }): Promise<SearchResult> {
    return search(db, actor.partnershipId, q, ukDate(now), { visibleTo: searchVisibility(actor, scope), limit: SEARCH_LIMIT });
  },
  audit: { read: 'person.searched', subject: (r, { q }) => ({ type: 'person', details: { query: typed(q), results: r.people.length } }) },
});

/** The people found, for pages that only list them (a person picker on a form). */
export const searchPeople = useCase({
  name: 'people.search',
  permission: ['person', 'read'],
  input: PersonSearch,
  async run({ db, actor, scope, now }, { q }): Promise<PersonSummary[]> {
    const found = await search(db, actor.partnershipId, q, ukDate(now), { visibleTo: searchVisibility(actor, scope), limit: SEARCH_LIMIT });
    return found.people.map(({ score: _score, ...p }) => p);
  },
  audit: { read: 'person.searched', subject: (rows, { q }) => ({ type: 'person', details: { query: typed(q), results: rows.length } }) },
});

/** A new person (from a referral, an episode, intelligence); field errors are named under `subject.` by callers. */
export const createPerson = useCase({
  name: 'people.create',
  permission: ['person', 'create'],
  input: PersonDetails,
  async run({ db, actor, now }, details): Promise<string> {
    const { value, errors } = checkPerson(details, ukDate(now));
    if (!value) throw new ValidationProblem(errors);
    const id = await store.insertPerson(db, actor.partnershipId, value);
    // Blocking keys and suspected duplicates, in the same transaction, so a new person is findable at once.
    await indexPerson(db, actor.partnershipId, id);
    return id;
  },
  audit: { change: 'person.created', subject: (id) => ({ type: 'person', id, personId: id }) },
});
