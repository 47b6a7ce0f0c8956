// The "interview due within 24 hours" reminder (issue 12 point 6): run by `jigsaw serve` every hour, for each partnership
// as the scheduler, it writes `return_interview.due` once per episode whose 72-hour return home interview deadline
// is within 24 hours and which has no interview completed or declined. The notifications module tells the hub
// (makers.ts). Running it again, or on two servers at once, writes nothing more: one event per episode, ever.
import type { FastifyInstance } from 'fastify';
import { schedulerActor } from '../../../../platform/access/actor.ts';
import type { Db } from '../../../../platform/db/connect.ts';
import { HOUR_MS, periodicSweep } from '../../../../platform/jobs/periodic.ts';
import { useCase } from '../../../../platform/usecase/usecase.ts';
import type { Services } from '../../../../services.ts';
import { partnershipIds } from '../../../transition/store.ts';
import { INTERVIEW_DUE_HOURS } from '../../interviews.ts';
import * as store from './store.ts';

/** How long before the deadline the hub is reminded. */
export const REMIND_HOURS_BEFORE = 24;

interface Reminder {
  episodeId: string;
  personId: string;
  dueBy: string;
}

export const remindInterviewsDue = useCase({
  name: 'missing.remind_interviews_due',
  permission: ['missing', 'update'],
  input: undefined,
  async run({ db, actor, now }): Promise<Reminder[]> {
    const out: Reminder[] = [];
    for (const e of await store.dueSoon(db, actor.partnershipId, now, INTERVIEW_DUE_HOURS, REMIND_HOURS_BEFORE)) {
      if (!(await store.claim(db, actor.partnershipId, e.episode_id))) continue;
      out.push({
        episodeId: e.episode_id,
        personId: e.person_id,
        dueBy: new Date(e.returned_at.getTime() + INTERVIEW_DUE_HOURS * HOUR_MS).toISOString(),
      });
    }
    return out;
  },
  audit: {
    change: 'return_interview.due',
    subject: (list) => (list.length ? list.map((r) => ({ type: 'missing_episode', id: r.episodeId, personId: r.personId, details: { ...r } })) : null),
  },
});

/** One partnership's reminders; how many were written. */
export async function sweepInterviewsDue(svc: Pick<Services, 'run'>, partnershipId: string): Promise<number> {
  return (await svc.run(remindInterviewsDue, schedulerActor(partnershipId), undefined)).length;
}

/** Hourly, so each 24-hour window is seen however the server's day falls; the first run once the app is ready. */
export const interviewDueSweep = (app: FastifyInstance, db: Db, svc: Services, everyMs = HOUR_MS) =>
  periodicSweep(app, { what: 'interview-due reminders', everyMs, partnerships: () => partnershipIds(db), run: (id) => sweepInterviewsDue(svc, id) });
