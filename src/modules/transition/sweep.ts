// The transition plan sweep, run by the server itself: once when it is ready, then every 24 hours, for every
// partnership, as the scheduler (no user); stopped when the server closes. Safe to repeat and to run on several
// servers at once: each person's plan is claimed and created exactly once (store.ts).
import type { FastifyInstance } from 'fastify';
import { schedulerActor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { Services } from '../../services.ts';
import * as store from './store.ts';
import { planTransitions } from './use-cases.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface SweepOptions {
  /** The partnerships swept (default: all of them). */
  partnerships?: () => Promise<string[]>;
  everyMs?: number;
}

export function dailyTransitionSweep(app: FastifyInstance, db: Db, svc: Services, opts: SweepOptions = {}): { sweep: () => Promise<number> } {
  const partnerships = opts.partnerships ?? (() => store.partnershipIds(db));
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const sweepAll = async () => {
    let created = 0;
    for (const id of await partnerships()) created += (await svc.run(planTransitions, schedulerActor(id), undefined)).created;
    if (created > 0) app.log.info({ created }, 'transition plans created');
    return created;
  };
  // One sweep at a time; a failure is logged and the next day's sweep tries again.
  const sweep = () => {
    running ??= sweepAll()
      .catch((e) => {
        app.log.error({ err: e }, 'transition plan sweep failed; trying again tomorrow');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  // Not awaited: a large partnership's sweep must not hold the server back from listening (closing waits for it).
  app.addHook('onReady', async () => {
    void sweep();
    timer = setInterval(sweep, opts.everyMs ?? DAY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });
  return { sweep };
}
