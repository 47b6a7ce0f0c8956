// People: who may see a person, and the person page's view model. Every read is audited.
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import { forbidden, isUuid, notFound } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { ageOn, ETHNICITIES, type Ethnicity } from './domain.ts';
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

/** Throws 403/404 unless the actor may read this person: a rule you can name (hub-wide role, or agency involved). */
export async function assertCanReadPerson(db: Db, actor: Actor, personId: string): Promise<void> {
  const scope = requireScope(actor, 'person', 'read');
  if (scope === 'partnership') return;
  if (!(await store.isAgencyInvolved(db, actor.partnershipId, personId, actor.agencyId))) {
    throw forbidden('Your agency is not involved with this person');
  }
}

export function peopleService(db: Db) {
  return {
    async get(actor: Actor, personId: string, purpose = 'person.viewed'): Promise<PersonView> {
      requireScope(actor, 'person', 'read');
      if (!isUuid(personId)) throw notFound('The person');
      return db.transaction().execute(async (tx) => {
        const row = await store.findPerson(tx, actor.partnershipId, personId);
        if (!row) {
          requireScope(actor, 'person', 'read');
          throw notFound('The person');
        }
        await assertCanReadPerson(tx, actor, personId);
        const [aliases, agencies] = await Promise.all([
          store.personAliases(tx, actor.partnershipId, personId),
          store.involvedAgencies(tx, actor.partnershipId, personId),
        ]);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: purpose, resourceType: 'person', resourceId: personId, personId });
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
      });
    },

    /** Finds people by name or NHS number among those the actor may see; the search itself is audited. */
    async search(actor: Actor, q: string) {
      const scope = requireScope(actor, 'person', 'read');
      if (q.trim().length < 2) return [];
      return db.transaction().execute(async (tx) => {
        const rows = await store.searchPeople(tx, actor.partnershipId, q, scope === 'partnership' ? null : actor.agencyId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'person.searched', resourceType: 'person', details: { query: q, results: rows.length } });
        return rows.map((r) => ({ id: r.id, givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth, postcode: r.postcode }));
      });
    },
  };
}

export type PeopleService = ReturnType<typeof peopleService>;
