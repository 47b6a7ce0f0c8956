// Domain events for records that were loaded without them (the demo's generated history, or data from before
// events existed), so every child's chronology tells their history. Safe to run again.
import type { Db } from '../../platform/db/connect.ts';
import { backfillEvents } from './backfill/store.ts';

export const backfillChronology = (tx: Db, partnershipId: string): Promise<number> => backfillEvents(tx, partnershipId);
