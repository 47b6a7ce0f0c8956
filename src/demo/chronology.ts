// Demo: the generated history is bulk-loaded, not made through use cases, so its domain events are written here
// from the records, and each demo child's chronology shows their referrals, screenings, decisions, missing episodes,
// returns, interviews, notices, intelligence and disruption.
import { backfillChronology } from '../modules/chronology/backfill.ts';
import type { Db } from '../platform/db/connect.ts';

export async function seedChronologyDemo(tx: Db, partnershipId: string): Promise<number> {
  return backfillChronology(tx, partnershipId);
}
