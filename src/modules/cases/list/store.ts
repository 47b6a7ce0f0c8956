// SQL for the hub's list of cases: one filtered query for the page, one grouped count for the figures at the top.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';
import { type AgeBand, ageBandBirthRange } from '../domain.ts';

export interface CaseFilter {
  riskLevel?: string[];
  category?: string[];
  status?: string[];
  ward?: string;
  ageBand?: AgeBand[];
  sex?: string[];
  leadAgencyId?: string;
  allocatedWorkerId?: string;
  reviewOverdue?: boolean;
  sort?: string;
  order?: string;
}

/** The filters on the case alone; the person's (sex, age) as an EXISTS, so counting needs no join when they are absent. */
function filtered(db: Db, partnershipId: string, f: CaseFilter, today: string) {
  let q = db.selectFrom('exploitation_case as c').where('c.partnership_id', '=', partnershipId);
  if (f.riskLevel?.length) q = q.where('c.risk_level', 'in', f.riskLevel);
  if (f.category?.length) q = q.where('c.category', 'in', f.category);
  if (f.status?.length) q = q.where('c.status', 'in', f.status);
  if (f.ward) q = q.where(sql`lower(c.ward)`, '=', f.ward.trim().toLowerCase());
  if (f.leadAgencyId) q = q.where('c.lead_agency_id', '=', f.leadAgencyId);
  if (f.allocatedWorkerId === 'none') q = q.where('c.allocated_worker_id', 'is', null);
  else if (f.allocatedWorkerId) q = q.where('c.allocated_worker_id', '=', f.allocatedWorkerId);
  if (f.reviewOverdue) q = q.where('c.status', '<>', 'closed').where('c.review_due', '<', today);
  const bands = f.ageBand ?? [];
  const sexes = f.sex ?? [];
  if (bands.length || sexes.length) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person as fp')
          .select('fp.id')
          .whereRef('fp.partnership_id', '=', 'c.partnership_id')
          .whereRef('fp.id', '=', 'c.person_id')
          .$if(sexes.length > 0, (w) => w.where('fp.sex', 'in', sexes))
          .$if(bands.length > 0, (w) =>
            w.where((p) =>
              p.or(
                bands.map((band) => {
                  const r = ageBandBirthRange(band, today);
                  const upTo = p('fp.date_of_birth', '<=', r.bornOnOrBefore);
                  return r.bornAfter ? p.and([upTo, p('fp.date_of_birth', '>', r.bornAfter)]) : upTo;
                }),
              ),
            ),
          ),
      ),
    );
  }
  return q;
}

const RISK_ORDER = sql<number>`case c.risk_level when 'high' then 0 when 'medium' then 1 when 'low' then 2 else 3 end`;

export async function listCases(db: Db, partnershipId: string, f: CaseFilter, today: string, page: { limit: number; offset: number }) {
  const desc = f.order === 'desc';
  const dir = desc ? 'desc' : 'asc';
  let q = filtered(db, partnershipId, f, today)
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'c.partnership_id').onRef('p.id', '=', 'c.person_id'))
    .leftJoin('agency as la', (j) => j.onRef('la.partnership_id', '=', 'c.partnership_id').onRef('la.id', '=', 'c.lead_agency_id'))
    .leftJoin('app_user as aw', (j) => j.onRef('aw.partnership_id', '=', 'c.partnership_id').onRef('aw.id', '=', 'c.allocated_worker_id'))
    .select([
      'c.id',
      'c.person_id',
      'c.status',
      'c.risk_level',
      'c.category',
      'c.review_due',
      'c.ward',
      'c.opened_at',
      'c.status_changed_at',
      'c.version',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.sex',
      'la.name as lead_agency_name',
      'aw.name as allocated_worker_name',
    ]);
  switch (f.sort ?? 'review_due') {
    case 'risk':
      q = q.orderBy(RISK_ORDER, dir).orderBy('c.review_due', 'asc');
      break;
    case 'name':
      q = q.orderBy('p.family_name', dir).orderBy('p.given_name', dir);
      break;
    case 'opened':
      q = q.orderBy('c.opened_at', dir);
      break;
    case 'status':
      q = q.orderBy('c.status', dir).orderBy('c.review_due', 'asc');
      break;
    default:
      q = q.orderBy(sql`c.review_due ${sql.raw(dir)} nulls last`);
  }
  const [items, counts] = await Promise.all([
    q.orderBy('c.id').limit(page.limit).offset(page.offset).execute(),
    filtered(db, partnershipId, f, today)
      .select(['c.risk_level', 'c.status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['c.risk_level', 'c.status'])
      .execute(),
  ]);
  const byRisk: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let total = 0;
  for (const c of counts) {
    const n = Number(c.n);
    total += n;
    byRisk[c.risk_level] = (byRisk[c.risk_level] ?? 0) + n;
    byStatus[c.status] = (byStatus[c.status] ?? 0) + n;
  }
  return { rows: items, total, byRisk, byStatus };
}

/** Open cases whose review is due by `until` (overdue first), for the hub dashboard. */
export const reviewsDue = (db: Db, partnershipId: string, until: string, limit = 20) =>
  db
    .selectFrom('exploitation_case as c')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'c.partnership_id').onRef('p.id', '=', 'c.person_id'))
    .leftJoin('app_user as aw', (j) => j.onRef('aw.partnership_id', '=', 'c.partnership_id').onRef('aw.id', '=', 'c.allocated_worker_id'))
    .select(['c.id', 'c.person_id', 'c.risk_level', 'c.status', 'c.review_due', 'p.given_name', 'p.family_name', 'aw.name as allocated_worker_name'])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.status', '<>', 'closed')
    .where('c.review_due', '<=', until)
    .orderBy('c.review_due')
    .limit(limit)
    .execute();
