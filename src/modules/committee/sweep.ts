// The committee report sweep, run by `jigsaw serve` beside the action sweep: for each partnership, as the scheduler,
// it produces every promised report whose period has ended (missed periods too, oldest first) and writes one
// `committee_report.produced` event each. Hourly, not daily (one indexed query a partnership when nothing is due):
// a report is produced early on its due day, and a resolution recorded with periods already ended catches up within
// the hour rather than showing as overdue until the next day. A report is unique per resolution and period, and the
// resolution's next due date moves on, so running the sweep again, or on two servers, produces nothing more.
import type { FastifyInstance } from 'fastify';
import { schedulerActor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import { HOUR_MS, periodicSweep } from '../../platform/jobs/periodic.ts';
import type { Services } from '../../services.ts';
import { partnershipIds } from '../transition/store.ts';
import { produceDueReports } from './produce.ts';

/** One partnership's sweep; the number of reports produced. */
export async function sweepCommitteeReports(svc: Pick<Services, 'run'>, partnershipId: string): Promise<number> {
  return (await svc.run(produceDueReports, schedulerActor(partnershipId), undefined)).length;
}

export const committeeReportSweep = (app: FastifyInstance, db: Db, svc: Services, everyMs = HOUR_MS) =>
  periodicSweep(app, { what: 'committee reports', everyMs, partnerships: () => partnershipIds(db), run: (id) => sweepCommitteeReports(svc, id) });
