// SQL for information requests.
import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import type { InformationRequestTable } from '../../platform/db/schema.ts';

export async function insertRequests(tx: Db, rows: Insertable<InformationRequestTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('information_request').values(rows).execute();
}

export async function activeAgencies(db: Db, partnershipId: string) {
  return db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('active', '=', true).orderBy('name').execute();
}

function base(db: Db, partnershipId: string) {
  return db
    .selectFrom('information_request as i')
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 'i.partnership_id').onRef('r.id', '=', 'i.referral_id'))
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'i.partnership_id').onRef('p.id', '=', 'i.person_id'))
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'i.partnership_id').onRef('a.id', '=', 'i.agency_id'))
    .leftJoin('app_user as ab', (j) => j.onRef('ab.partnership_id', '=', 'i.partnership_id').onRef('ab.id', '=', 'i.answered_by'))
    .leftJoin('app_user as cb', (j) => j.onRef('cb.partnership_id', '=', 'i.partnership_id').onRef('cb.id', '=', 'i.created_by'))
    .select([
      'i.id',
      'i.referral_id',
      'r.reference',
      'i.person_id',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'i.agency_id',
      'a.name as agency_name',
      'i.question',
      'i.due_date',
      'i.status',
      'i.answer',
      'i.answered_at',
      'ab.name as answered_by_name',
      'cb.name as created_by_name',
      'i.created_by',
      'i.created_at',
    ])
    .where('i.partnership_id', '=', partnershipId);
}

export type RequestRow = Awaited<ReturnType<typeof findRequest>> & {};

export function findRequest(db: Db, partnershipId: string, id: string) {
  return base(db, partnershipId).where('i.id', '=', id).executeTakeFirst();
}

export interface RequestFilter {
  /** Only requests sent to this agency (agency scope); every request when null. */
  agencyId: string | null;
  referralId?: string;
  status?: string;
  /** Outstanding and due before this date. */
  dueBefore?: string;
  limit: number;
  offset: number;
}

/** Outstanding first (earliest due first), then answered (latest first). */
export async function listRequests(db: Db, partnershipId: string, f: RequestFilter) {
  let q = base(db, partnershipId);
  if (f.agencyId) q = q.where('i.agency_id', '=', f.agencyId);
  if (f.referralId) q = q.where('i.referral_id', '=', f.referralId);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.dueBefore) q = q.where('i.status', '=', 'outstanding').where('i.due_date', '<', f.dueBefore);
  const rows = await q
    .orderBy('i.status', 'desc')
    .orderBy('i.due_date')
    .orderBy('i.created_at')
    .orderBy('i.id')
    .limit(f.limit + 1)
    .offset(f.offset)
    .execute();
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

/** Records the answer if the request is still outstanding; false when someone answered it first. */
export async function answer(tx: Db, partnershipId: string, id: string, text: string, by: string, at: Date): Promise<boolean> {
  const r = await tx
    .updateTable('information_request')
    .set({ status: 'answered', answer: text, answered_at: at, answered_by: by })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('status', '=', 'outstanding')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Per referral: how many requests are outstanding, and how many of those are overdue (for the triage queue). */
export async function outstandingCounts(db: Db, partnershipId: string, referralIds: string[], today: string) {
  if (referralIds.length === 0) return [];
  return db
    .selectFrom('information_request')
    .select((eb) => ['referral_id', eb.fn.countAll<number>().as('outstanding'), eb.fn.count<number>('id').filterWhere('due_date', '<', today).as('overdue')])
    .where('partnership_id', '=', partnershipId)
    .where('status', '=', 'outstanding')
    .where('referral_id', 'in', referralIds)
    .groupBy('referral_id')
    .execute();
}

/** The partnership's overdue requests, for the hub. */
export async function overdueCount(db: Db, partnershipId: string, today: string): Promise<number> {
  const row = await db
    .selectFrom('information_request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .where('status', '=', 'outstanding')
    .where('due_date', '<', today)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
