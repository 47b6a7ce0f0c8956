// SQL for referrals, their reference numbers and idempotency keys.
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { ReferralTable } from '../../platform/db/schema.ts';

export async function findAgency(db: Db, partnershipId: string, id: string) {
  return db.selectFrom('agency').select(['id', 'active']).where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();
}

export async function insertReferral(tx: Db, values: Insertable<ReferralTable>): Promise<void> {
  await tx.insertInto('referral').values(values).execute();
}

/** A referral's key facts, for other modules' access checks (screening, triage). */
export async function referralFacts(db: Db, partnershipId: string, id: string) {
  return db
    .selectFrom('referral')
    .select(['id', 'reference', 'person_id', 'referring_agency_id', 'status', 'received_at', 'urgency'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function nextReference(tx: Db, partnershipId: string, year: number): Promise<string> {
  const name = `referral-${year}`;
  const row = await tx
    .insertInto('counter')
    .values({ partnership_id: partnershipId, name, value: 1 })
    .onConflict((oc) => oc.columns(['partnership_id', 'name']).doUpdateSet({ value: sql`counter.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return `REF-${year}-${String(row.value).padStart(5, '0')}`;
}

export const referralColumns = [
  'r.id',
  'r.reference',
  'r.person_id',
  'r.received_at',
  'r.referring_agency_id',
  'a.name as referring_agency_name',
  'a.sector as referring_agency_sector',
  'r.referrer_name',
  'r.referrer_role',
  'r.referrer_contact',
  'r.concerns',
  'r.exploitation_types',
  'r.indicators',
  'r.consent',
  'r.lawful_basis_reason',
  'r.sharing_agreement_id',
  'r.urgency',
  'r.status',
  'r.triage_outcome',
  'r.triage_category',
  'r.triaged_at',
  'r.created_at',
  'p.given_name',
  'p.family_name',
  'p.date_of_birth',
  'p.address',
  'p.postcode',
  'p.ethnicity',
  'p.nhs_number',
  'p.school_upn',
] as const;

function base(db: Db, partnershipId: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.referring_agency_id'))
    .select(referralColumns)
    .where('r.partnership_id', '=', partnershipId);
}

export type ReferralRow = Awaited<ReturnType<typeof findReferral>> & {};

export function findReferral(db: Db, partnershipId: string, id: string) {
  return base(db, partnershipId).where('r.id', '=', id).executeTakeFirst();
}

export interface ReferralFilter {
  agencyId?: string | null;
  personId?: string;
  status?: string;
  receivedFrom?: Date;
  receivedBefore?: Date;
  limit: number;
  offset: number;
}

export async function listReferrals(db: Db, partnershipId: string, f: ReferralFilter) {
  let q = base(db, partnershipId);
  if (f.agencyId) q = q.where('r.referring_agency_id', '=', f.agencyId);
  if (f.personId) q = q.where('r.person_id', '=', f.personId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.receivedFrom) q = q.where('r.received_at', '>=', f.receivedFrom);
  if (f.receivedBefore) q = q.where('r.received_at', '<', f.receivedBefore);
  const rows = await q
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id')
    .limit(f.limit + 1)
    .offset(f.offset)
    .execute();
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}
