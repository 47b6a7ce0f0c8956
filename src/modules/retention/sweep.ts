// The daily retention sweep, run by `jigsaw serve` beside the other sweeps: for each partnership it lists the records
// whose retention period has run (and are not on hold) into information governance's review queue. Listing is
// idempotent (one queue row per record), so a second run or a second server lists nothing more. Nothing is deleted
// here: deletion waits for a person's approval.
import type { FastifyInstance } from 'fastify';
import { type Actor, schedulerActor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import { DAY_MS, periodicSweep } from '../../platform/jobs/periodic.ts';
import type { Services } from '../../services.ts';
import { partnershipIds } from '../transition/store.ts';
import { listDue } from './use-cases.ts';

/** The scheduler acting for information governance: only that role may list records for review. */
export const retentionScheduler = (partnershipId: string): Actor => ({ ...schedulerActor(partnershipId), role: 'information_governance' });

export async function sweepRetention(svc: Pick<Services, 'run'>, partnershipId: string): Promise<number> {
  return (await svc.run(listDue, retentionScheduler(partnershipId), undefined)).length;
}

export const dailyRetentionSweep = (app: FastifyInstance, db: Db, svc: Services, everyMs = DAY_MS) =>
  periodicSweep(app, { what: 'records due for retention review', everyMs, partnerships: () => partnershipIds(db), run: (id) => sweepRetention(svc, id) });
