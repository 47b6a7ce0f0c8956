// The transition plan sweep, run by the server itself: once when it is ready, then every 24 hours, for every
// partnership, as the scheduler (no user); stopped when the server closes. Safe to repeat and to run on several
// servers at once: each person's plan is claimed and created exactly once (store.ts).
import type { FastifyInstance } from 'fastify';
import { schedulerActor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import { DAY_MS, periodicSweep } from '../../platform/jobs/periodic.ts';
import type { Services } from '../../services.ts';
import * as store from './store.ts';
import { planTransitions } from './use-cases.ts';

export interface SweepOptions {
  /** The partnerships swept (default: all of them). */
  partnerships?: () => Promise<string[]>;
  everyMs?: number;
}

export function dailyTransitionSweep(app: FastifyInstance, db: Db, svc: Services, opts: SweepOptions = {}): { sweep: () => Promise<number> } {
  return periodicSweep(app, {
    what: 'transition plans',
    everyMs: opts.everyMs ?? DAY_MS,
    partnerships: opts.partnerships ?? (() => store.partnershipIds(db)),
    run: async (id) => (await svc.run(planTransitions, schedulerActor(id), undefined)).created,
  });
}
