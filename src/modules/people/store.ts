// SQL for people, their aliases and the agencies involved with them.
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { PersonInput } from './domain.ts';

export async function insertPerson(tx: Db, partnershipId: string, p: PersonInput): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('person')
    .values({
      partnership_id: partnershipId,
      id,
      given_name: p.givenName,
      family_name: p.familyName,
      date_of_birth: p.dateOfBirth,
      dob_precision: p.dobPrecision,
      sex: p.sex,
      ethnicity: p.ethnicity,
      first_language: p.firstLanguage,
      address: p.address,
      postcode: p.postcode,
      nhs_number: p.nhsNumber,
      police_reference: p.policeReference,
      la_case_reference: p.laCaseReference,
      school_upn: p.schoolUpn,
      placed_by_other_la: p.placedByOtherLa,
      placing_authority: p.placingAuthority,
    })
    .execute();
  if (p.aliases.length > 0) {
    await tx
      .insertInto('person_alias')
      .values(p.aliases.map((a) => ({ partnership_id: partnershipId, id: randomUUID(), person_id: id, given_name: a.givenName, family_name: a.familyName })))
      .execute();
  }
  return id;
}

export async function involveAgency(tx: Db, partnershipId: string, personId: string, agencyId: string): Promise<void> {
  await tx
    .insertInto('person_agency')
    .values({ partnership_id: partnershipId, person_id: personId, agency_id: agencyId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function isAgencyInvolved(db: Db, partnershipId: string, personId: string, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('person_agency')
    .select('agency_id')
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return !!row;
}

/** The person and whether the agency works with them, in one statement (the access check's facts come with the row). */
export async function personForAgency(db: Db, partnershipId: string, id: string, agencyId: string) {
  return db
    .selectFrom('person as p')
    .selectAll('p')
    .select((eb) => agencyInvolvedOf(eb, agencyId).as('agency_involved'))
    .where('p.partnership_id', '=', partnershipId)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** As personForAgency, with the person's aliases and involved agencies (name order): one round trip for the record. */
export async function personRecordForAgency(db: Db, partnershipId: string, id: string, agencyId: string) {
  return db
    .selectFrom('person as p')
    .selectAll('p')
    .select((eb) => [
      agencyInvolvedOf(eb, agencyId).as('agency_involved'),
      jsonArrayFrom(
        eb
          .selectFrom('person_alias as al')
          .select(['al.given_name', 'al.family_name'])
          .whereRef('al.partnership_id', '=', 'p.partnership_id')
          .whereRef('al.person_id', '=', 'p.id'),
      ).as('aliases'),
      jsonArrayFrom(
        eb
          .selectFrom('person_agency as pa')
          .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'pa.partnership_id').onRef('a.id', '=', 'pa.agency_id'))
          .select(['a.id', 'a.name', 'a.sector'])
          .whereRef('pa.partnership_id', '=', 'p.partnership_id')
          .whereRef('pa.person_id', '=', 'p.id')
          .orderBy('a.name'),
      ).as('agencies'),
    ])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

const agencyInvolvedOf = (eb: ExpressionBuilder<DB & { p: DB['person'] }, 'p'>, agencyId: string) =>
  eb.exists(
    eb
      .selectFrom('person_agency as pi')
      .select('pi.agency_id')
      .whereRef('pi.partnership_id', '=', 'p.partnership_id')
      .whereRef('pi.person_id', '=', 'p.id')
      .where('pi.agency_id', '=', agencyId),
  );

export async function findPerson(db: Db, partnershipId: string, id: string) {
  return db.selectFrom('person').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
}

export async function personAliases(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('person_alias')
    .select(['given_name', 'family_name'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .execute();
}

export async function involvedAgencies(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('person_agency as pa')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'pa.partnership_id').onRef('a.id', '=', 'pa.agency_id'))
    .select(['a.id', 'a.name', 'a.sector', 'pa.since'])
    .where('pa.partnership_id', '=', partnershipId)
    .where('pa.person_id', '=', personId)
    .orderBy('a.name')
    .execute();
}
