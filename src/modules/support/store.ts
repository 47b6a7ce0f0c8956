// SQL for support services and onward referrals.
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { DB } from '../../platform/db/schema.ts';
import './schema.ts';

export const listServices = (db: Db, partnershipId: string) =>
  db
    .selectFrom('support_service as s')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 's.partnership_id').onRef('a.id', '=', 's.provider_agency_id'))
    .selectAll('s')
    .select('a.name as provider_agency_name')
    // Places in use: referrals the provider has accepted or started and not yet ended.
    .select((eb) =>
      eb
        .selectFrom('support_referral as r')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('r.partnership_id', '=', 's.partnership_id')
        .whereRef('r.service_id', '=', 's.id')
        .where('r.status', 'in', ['accepted', 'started'])
        .as('in_use'),
    )
    .where('s.partnership_id', '=', partnershipId)
    .orderBy('s.name')
    .execute();

export const serviceById = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('support_service').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export const serviceNamed = (db: Db, partnershipId: string, name: string) =>
  db
    .selectFrom('support_service')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();

export const agencyExists = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('agency').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export const insertService = (db: Db, row: Insertable<DB['support_service']>) => db.insertInto('support_service').values(row).execute();
export const updateService = (db: Db, partnershipId: string, id: string, row: Updateable<DB['support_service']>) =>
  db.updateTable('support_service').set(row).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();

export const insertReferral = (db: Db, row: Insertable<DB['support_referral']>) => db.insertInto('support_referral').values(row).execute();
export const updateReferral = (db: Db, partnershipId: string, id: string, row: Updateable<DB['support_referral']>) =>
  db.updateTable('support_referral').set(row).where('partnership_id', '=', partnershipId).where('id', '=', id).execute();

const referrals = (db: Db, partnershipId: string) =>
  db
    .selectFrom('support_referral as r')
    .innerJoin('support_service as s', (j) => j.onRef('s.partnership_id', '=', 'r.partnership_id').onRef('s.id', '=', 'r.service_id'))
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .selectAll('r')
    .select(['s.name as service_name', 's.provider_agency_id', 'p.given_name', 'p.family_name'])
    .where('r.partnership_id', '=', partnershipId);

export const referralById = (db: Db, partnershipId: string, id: string) => referrals(db, partnershipId).where('r.id', '=', id).executeTakeFirst();
export const referralsOfPerson = (db: Db, partnershipId: string, personId: string) =>
  referrals(db, partnershipId).where('r.person_id', '=', personId).orderBy('r.sent_on', 'desc').execute();

/** The provider's view: referrals to the services of one agency (or every agency's when null). */
export function providerReferrals(db: Db, partnershipId: string, agencyId: string | null, status?: string) {
  let q = referrals(db, partnershipId);
  if (agencyId) q = q.where('s.provider_agency_id', '=', agencyId);
  if (status) q = q.where('r.status', '=', status);
  return q.orderBy('r.sent_on', 'desc').limit(500).execute();
}

/** Referrals sent in the period, for the report by service. */
export const referralsSentIn = (db: Db, partnershipId: string, from: string, to: string) =>
  db
    .selectFrom('support_referral')
    .select(['service_id', 'status', 'sent_on', 'decided_on', 'started_on'])
    .where('partnership_id', '=', partnershipId)
    .where('sent_on', '>=', from)
    .where('sent_on', '<=', to)
    .execute();
