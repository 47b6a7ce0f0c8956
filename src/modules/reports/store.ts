// SQL for aggregate reports. Counts are made in the database: a 10-year report reads one index, not a million rows.
import type { Db } from '../../platform/db/connect.ts';
import type { TriageCategory, TriageOutcome } from '../triage/vocab.ts';

/** Referrals received in [from, before), counted by standing outcome, category and referrer sector. */
export async function triageCounts(db: Db, partnershipId: string, from: Date, before: Date) {
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.referring_agency_id'))
    .select(['r.triage_outcome', 'r.triage_category', 'a.sector', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.received_at', '>=', from)
    .where('r.received_at', '<', before)
    .groupBy(['r.triage_outcome', 'r.triage_category', 'a.sector'])
    .execute();
  return rows.map((r) => ({
    outcome: r.triage_outcome as TriageOutcome | null,
    category: r.triage_category as TriageCategory | null,
    referrerSector: r.sector,
    count: Number(r.n),
  }));
}
