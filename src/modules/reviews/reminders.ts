// Chasing a recommendation's lead (issue 13.2), in the daily sweep beside the action tracker's: a week before the
// next update is due the lead is reminded, the day after it is missed again, and once it is the partnership's
// escalation days overdue (the tracker's setting) their manager is told. Only a lead with a Jigsaw account can be
// reminded; each reminder is claimed once per recommendation and due date, so a second run or server sends nothing.
import type { FastifyInstance } from 'fastify';
import { schedulerActor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent } from '../../platform/events/events.ts';
import { DAY_MS, periodicSweep } from '../../platform/jobs/periodic.ts';
import { addDays, formatDate, ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import type { Services } from '../../services.ts';
import { escalationDays } from '../actions/store.ts';
import { partnershipIds } from '../transition/store.ts';
import { UPDATE_DUE_SOON_DAYS, type UpdateReminder, updateRemindersDue } from './domain.ts';
import * as store from './store.ts';

interface Reminder {
  recommendationId: string;
  reviewId: string;
  reviewName: string;
  number: number;
  dueOn: string;
  leadUserId: string;
  managerUserId: string | null;
}

async function claimDue(db: Db, partnershipId: string, kind: UpdateReminder, now: Date): Promise<Reminder[]> {
  const today = ukDate(now);
  const days = await escalationDays(db, partnershipId);
  const out: Reminder[] = [];
  for (const r of await store.reminderCandidates(db, partnershipId, addDays(today, UPDATE_DUE_SOON_DAYS))) {
    const dueOn = r.next_update_due as string;
    if (!updateRemindersDue(dueOn, r.status, today, days).includes(kind) || !r.lead_user_id) continue;
    // No manager yet: not claimed, so the recommendation escalates once a manager is named.
    if (kind === 'escalated' && !r.manager_user_id) continue;
    if (!(await store.claimReminder(db, partnershipId, r.id, kind, dueOn, today))) continue;
    out.push({
      recommendationId: r.id,
      reviewId: r.review_id,
      reviewName: r.review_name,
      number: r.number,
      dueOn,
      leadUserId: r.lead_user_id,
      managerUserId: r.manager_user_id,
    });
  }
  return out;
}

const subjects = (list: Reminder[]) => (list.length ? list.map((r) => ({ type: 'recommendation', id: r.recommendationId, details: { ...r } })) : null);
export const remindUpdateDueSoon = useCase({
  name: 'reviews.sweep_due_soon',
  permission: ['review', 'update'],
  input: undefined,
  run: ({ db, actor, now }) => claimDue(db, actor.partnershipId, 'due_soon', now),
  audit: { change: 'recommendation.update_due_soon', subject: subjects },
});
export const remindUpdateOverdue = useCase({
  name: 'reviews.sweep_overdue',
  permission: ['review', 'update'],
  input: undefined,
  run: ({ db, actor, now }) => claimDue(db, actor.partnershipId, 'overdue', now),
  audit: { change: 'recommendation.update_overdue', subject: subjects },
});
export const escalateUpdateOverdue = useCase({
  name: 'reviews.sweep_escalated',
  permission: ['review', 'update'],
  input: undefined,
  run: ({ db, actor, now }) => claimDue(db, actor.partnershipId, 'escalated', now),
  audit: { change: 'recommendation.update_escalated', subject: subjects },
});

/** One partnership's sweep; the number of reminders written. */
export async function sweepRecommendations(svc: Pick<Services, 'run'>, partnershipId: string): Promise<number> {
  const actor = schedulerActor(partnershipId);
  let n = 0;
  for (const uc of [remindUpdateDueSoon, remindUpdateOverdue, escalateUpdateOverdue]) n += (await svc.run(uc, actor, undefined)).length;
  return n;
}

export const dailyRecommendationSweep = (app: FastifyInstance, db: Db, svc: Services, everyMs = DAY_MS) =>
  periodicSweep(app, { what: 'recommendation reminders', everyMs, partnerships: () => partnershipIds(db), run: (id) => sweepRecommendations(svc, id) });

// The notifications (the notifications module's consumer runs these on the events above, in the sweep's transaction).
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
function maker(kind: string, to: 'leadUserId' | 'managerUserId', title: (c: Record<string, unknown>) => string, body: string) {
  return async (_tx: unknown, event: DomainEvent) => {
    const c = event.changes;
    const user = str(c[to]);
    const reviewId = str(c.reviewId);
    if (!user || !reviewId) return [];
    const due = str(c.dueOn) ? ` It is due on ${formatDate(String(c.dueOn))}.` : '';
    return [{ userIds: [user], notification: { kind, title: title(c), body: `${body}${due}`, link: `/reviews/${reviewId}/recommendations/${c.number}` } }];
  };
}
const named = (c: Record<string, unknown>) => `recommendation ${c.number} of ${str(c.reviewName) ?? 'a review'}`;
export const RECOMMENDATION_MAKERS = {
  'recommendation.update_due_soon': maker(
    'recommendation_update_due_soon',
    'leadUserId',
    (c) => `Update due soon: ${named(c)}`,
    'You lead this recommendation and its next progress update is due within a week.',
  ),
  'recommendation.update_overdue': maker(
    'recommendation_update_overdue',
    'leadUserId',
    (c) => `Update overdue: ${named(c)}`,
    'You lead this recommendation and its progress update is overdue. Add the update in Jigsaw.',
  ),
  'recommendation.update_escalated': maker(
    'recommendation_update_escalated',
    'managerUserId',
    (c) => `Overdue update in your team: ${named(c)}`,
    'A recommendation led by someone you manage is overdue for its progress update.',
  ),
};
