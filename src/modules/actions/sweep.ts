// The daily action sweep, run by `jigsaw serve` beside the transition sweep: for each partnership, as the scheduler,
// it writes `action.due_tomorrow`, `action.overdue` and `action.escalated` (to the owner's manager once an action is
// the partnership's number of days overdue). Each event is written once per action and due date (action_reminder),
// so running the sweep again the same day, or on two servers, writes nothing more.
import type { FastifyInstance } from 'fastify';
import { schedulerActor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import { DAY_MS, periodicSweep } from '../../platform/jobs/periodic.ts';
import { addDays, ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import type { Services } from '../../services.ts';
import { partnershipIds } from '../transition/store.ts';
import { type ReminderKind, remindersDue } from './domain.ts';
import * as store from './store.ts';

interface Reminder {
  actionId: string;
  personId: string | null;
  ownerUserId: string | null;
  managerUserId: string | null;
  title: string;
  dueOn: string;
}

async function claimDue(db: Db, partnershipId: string, kind: ReminderKind, now: Date): Promise<Reminder[]> {
  const today = ukDate(now);
  const days = await store.escalationDays(db, partnershipId);
  const out: Reminder[] = [];
  for (const a of await store.sweepCandidates(db, partnershipId, addDays(today, 1))) {
    if (!remindersDue(a.due_date, a.status, today, days).includes(kind)) continue;
    // No manager yet: not claimed, so the action escalates once a manager is named.
    if (kind === 'escalated' && !a.manager_user_id) continue;
    if (!(await store.claimReminder(db, partnershipId, a.id, kind, a.due_date, today))) continue;
    out.push({
      actionId: a.id,
      personId: a.person_id,
      ownerUserId: a.owner_user_id,
      managerUserId: a.manager_user_id,
      title: a.description,
      dueOn: a.due_date,
    });
  }
  return out;
}

const subjects = (list: Reminder[]) =>
  list.length ? list.map(({ personId, ...r }) => ({ type: 'triage_action', id: r.actionId, personId, details: { ...r } })) : null;

export const remindDueTomorrow = useCase({
  name: 'actions.sweep_due_tomorrow',
  permission: ['action', 'update'],
  input: undefined,
  run: ({ db, actor, now }) => claimDue(db, actor.partnershipId, 'due_tomorrow', now),
  audit: { change: 'action.due_tomorrow', subject: subjects },
});
export const remindOverdue = useCase({
  name: 'actions.sweep_overdue',
  permission: ['action', 'update'],
  input: undefined,
  run: ({ db, actor, now }) => claimDue(db, actor.partnershipId, 'overdue', now),
  audit: { change: 'action.overdue', subject: subjects },
});
export const escalateOverdue = useCase({
  name: 'actions.sweep_escalated',
  permission: ['action', 'update'],
  input: undefined,
  run: ({ db, actor, now }) => claimDue(db, actor.partnershipId, 'escalated', now),
  audit: { change: 'action.escalated', subject: subjects },
});

/** One partnership's sweep; the number of events written. */
export async function sweepActions(svc: Pick<Services, 'run'>, partnershipId: string): Promise<number> {
  const actor = schedulerActor(partnershipId);
  let n = 0;
  for (const uc of [remindDueTomorrow, remindOverdue, escalateOverdue]) n += (await svc.run(uc, actor, undefined)).length;
  return n;
}

export const dailyActionSweep = (app: FastifyInstance, db: Db, svc: Services, everyMs = DAY_MS) =>
  periodicSweep(app, { what: 'action reminders', everyMs, partnerships: () => partnershipIds(db), run: (id) => sweepActions(svc, id) });
