// SQL for data sharing agreements and their parties.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { AgreementFields } from './domain.ts';

export interface AgreementRow {
  id: string;
  title: string;
  purpose: string;
  lawful_basis: string;
  data_categories: string[];
  starts_on: string;
  review_on: string;
  overdue_flagged_for: string | null;
  updated_at: Date;
  parties: { id: string; name: string }[];
}

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const normal = (r: AgreementRow): AgreementRow => ({
  ...r,
  starts_on: day(r.starts_on),
  review_on: day(r.review_on),
  overdue_flagged_for: r.overdue_flagged_for ? day(r.overdue_flagged_for) : null,
});

export async function agreements(db: Db, partnershipId: string, id?: string): Promise<AgreementRow[]> {
  const { rows } = await sql<AgreementRow>`
    select s.id, s.title, s.purpose, s.lawful_basis, s.data_categories, s.starts_on, s.review_on, s.overdue_flagged_for, s.updated_at,
      coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name) order by a.name)
        from sharing_agreement_party p join agency a on a.partnership_id = p.partnership_id and a.id = p.agency_id
        where p.partnership_id = s.partnership_id and p.agreement_id = s.id), '[]'::jsonb) as parties
    from sharing_agreement s
    where s.partnership_id = ${partnershipId} ${id ? sql`and s.id = ${id}` : sql``}
    order by s.review_on, s.title`.execute(db);
  return rows.map(normal);
}

async function replaceParties(tx: Db, partnershipId: string, id: string, agencyIds: string[]) {
  await sql`delete from sharing_agreement_party where partnership_id = ${partnershipId} and agreement_id = ${id}`.execute(tx);
  for (const agencyId of agencyIds)
    await sql`insert into sharing_agreement_party (partnership_id, agreement_id, agency_id) values (${partnershipId}, ${id}, ${agencyId})`.execute(tx);
}

export async function insertAgreement(tx: Db, partnershipId: string, id: string, a: AgreementFields) {
  await sql`insert into sharing_agreement (partnership_id, id, title, purpose, lawful_basis, data_categories, starts_on, review_on)
    values (${partnershipId}, ${id}, ${a.title}, ${a.purpose}, ${a.lawfulBasis}, ${a.dataCategories}::text[], ${a.startDate}, ${a.reviewDate})`.execute(tx);
  await replaceParties(tx, partnershipId, id, a.partyAgencyIds);
}

/** Locks the agreement's row for the update (two admins saving at once: one after the other). */
export async function lockAgreement(tx: Db, partnershipId: string, id: string): Promise<boolean> {
  const { rows } = await sql`select id from sharing_agreement where partnership_id = ${partnershipId} and id = ${id} for update`.execute(tx);
  return rows.length > 0;
}

export async function updateAgreement(tx: Db, partnershipId: string, id: string, a: AgreementFields) {
  await sql`update sharing_agreement set title = ${a.title}, purpose = ${a.purpose}, lawful_basis = ${a.lawfulBasis},
      data_categories = ${a.dataCategories}::text[], starts_on = ${a.startDate}, review_on = ${a.reviewDate}, updated_at = now()
    where partnership_id = ${partnershipId} and id = ${id}`.execute(tx);
  await replaceParties(tx, partnershipId, id, a.partyAgencyIds);
}

export async function activeAgencies(db: Db, partnershipId: string) {
  const { rows } = await sql<{ id: string; name: string }>`
    select id, name from agency where partnership_id = ${partnershipId} and active order by name`.execute(db);
  return rows;
}

/**
 * Agreements whose review date has passed and whose officer has not been told about that date, locked and marked
 * as told in one statement, so a second server (or a second run) claims none of them again.
 */
export async function claimOverdue(tx: Db, partnershipId: string, today: string) {
  const { rows } = await sql<{ id: string; title: string; review_on: unknown }>`
    update sharing_agreement set overdue_flagged_for = review_on
    where partnership_id = ${partnershipId} and review_on < ${today}::date and overdue_flagged_for is distinct from review_on
    returning id, title, review_on`.execute(tx);
  return rows.map((r) => ({ id: r.id, title: r.title, reviewDate: day(r.review_on) }));
}

export async function agreementExists(db: Db, partnershipId: string, id: string): Promise<boolean> {
  const { rows } = await sql`select 1 from sharing_agreement where partnership_id = ${partnershipId} and id = ${id}`.execute(db);
  return rows.length > 0;
}

/** The agreement's title, for a referral's page (the referral names the agreement its sharing relies on). */
export async function agreementTitle(db: Db, partnershipId: string, id: string): Promise<string | null> {
  const { rows } = await sql<{ title: string }>`select title from sharing_agreement where partnership_id = ${partnershipId} and id = ${id}`.execute(db);
  return rows[0]?.title ?? null;
}
