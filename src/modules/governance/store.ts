// Information governance SQL: the partnership's audit trail, filtered and paged, and the choices its filters offer.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';

export interface AuditFilter {
  userId?: string;
  agencyId?: string;
  action?: string;
  /** Inclusive UK dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

function filtered(db: Db, partnershipId: string, f: AuditFilter) {
  let q = db
    .selectFrom('audit_event as e')
    .leftJoin('app_user as u', (j) => j.onRef('u.id', '=', 'e.actor_id').onRef('u.partnership_id', '=', 'e.partnership_id'))
    .leftJoin('agency as a', (j) => j.onRef('a.id', '=', 'u.agency_id').onRef('a.partnership_id', '=', 'u.partnership_id'))
    .where('e.partnership_id', '=', partnershipId);
  if (f.userId) q = q.where('e.actor_id', '=', f.userId);
  if (f.agencyId) q = q.where('u.agency_id', '=', f.agencyId);
  if (f.action) q = q.where('e.action', '=', f.action);
  // Days are UK days: an event at 00:30 on 2 June (BST) belongs to 2 June.
  if (f.from) q = q.where(sql<boolean>`(e.at at time zone 'Europe/London')::date >= ${f.from}::date`);
  if (f.to) q = q.where(sql<boolean>`(e.at at time zone 'Europe/London')::date <= ${f.to}::date`);
  return q;
}

export async function auditPage(db: Db, partnershipId: string, f: AuditFilter, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    filtered(db, partnershipId, f)
      .select(['e.id', 'e.at', 'e.actor_id', 'e.actor_label', 'e.action', 'e.resource_type', 'e.resource_id', 'e.person_id', 'a.name as agency_name'])
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(db, partnershipId, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function filterChoices(db: Db, partnershipId: string) {
  const [users, agencies, actions] = await Promise.all([
    db.selectFrom('app_user').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    db.selectFrom('audit_event').select('action').distinct().where('partnership_id', '=', partnershipId).execute(),
  ]);
  return { users, agencies, actions: actions.map((a) => a.action) };
}
