// The daily check of data sharing agreements: `jigsaw serve` runs it once a day for each partnership, as
// information governance (the scheduler acts in the role that keeps agreements). Each agreement whose review date
// has passed is flagged once for that date; the notifications module tells information governance (notify.ts).
import type { FastifyInstance } from 'fastify';
import { schedulerActor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import { DAY_MS, periodicSweep } from '../../platform/jobs/periodic.ts';
import type { Services } from '../../services.ts';
import { partnershipIds } from '../transition/store.ts';
import { flagOverdueAgreements } from './use-cases.ts';

/** One partnership's check; how many agreements it flagged. */
export async function sweepOverdueAgreements(svc: Pick<Services, 'run'>, partnershipId: string): Promise<number> {
  const actor = { ...schedulerActor(partnershipId), role: 'information_governance' as const };
  return (await svc.run(flagOverdueAgreements, actor, undefined)).length;
}

export const sharingAgreementSweep = (app: FastifyInstance, db: Db, svc: Services, everyMs = DAY_MS) =>
  periodicSweep(app, {
    what: 'overdue sharing agreement flags',
    everyMs,
    partnerships: () => partnershipIds(db),
    run: (id) => sweepOverdueAgreements(svc, id),
  });
