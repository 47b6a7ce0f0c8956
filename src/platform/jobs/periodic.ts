// A sweep the server runs itself: once when it is ready (not awaited, so a long sweep does not hold back listening),
// then every `everyMs`, one run at a time; a failure is logged and the next run tries again; closing waits for it.
import type { FastifyInstance } from 'fastify';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export interface Periodic {
  /** What the log says it wrote, e.g. "action reminders". */
  what: string;
  everyMs: number;
  /** The partnerships swept. */
  partnerships: () => Promise<string[]>;
  /** One partnership's run; how many things it wrote. */
  run: (partnershipId: string) => Promise<number>;
}

export function periodicSweep(app: FastifyInstance, p: Periodic): { sweep: () => Promise<number> } {
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const sweepAll = async () => {
    let n = 0;
    for (const id of await p.partnerships()) n += await p.run(id);
    if (n > 0) app.log.info({ written: n }, `${p.what} written`);
    return n;
  };
  const sweep = () => {
    running ??= sweepAll()
      .catch((e) => {
        app.log.error({ err: e }, `${p.what} sweep failed; trying again at the next run`);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  app.addHook('onReady', async () => {
    void sweep();
    timer = setInterval(sweep, p.everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });
  return { sweep };
}
