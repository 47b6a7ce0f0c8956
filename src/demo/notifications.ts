// Demo notifications (issue 12): the hub coordinator's and the manager's, some read and some not; the manager has
// chosen a daily digest, and the partnership has turned one e-mail trigger off. All fictional.
import { createHash } from 'node:crypto';
import '../modules/notifications/schema.ts';
import type { Db } from '../platform/db/connect.ts';
import { insertRows } from './store.ts';

const COORDINATOR = '00000000-0000-4000-8000-000000000002';
const MANAGER = '00000000-0000-4000-8000-000000000007';

const uuid = (seed: string) => {
  const h = createHash('sha256').update(`demo-notification:${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export async function seedNotificationsDemo(tx: Db, pid: string, anchor: Date): Promise<void> {
  const hoursAgo = (h: number) => new Date(anchor.getTime() - h * 3_600_000);
  const items = [
    {
      user: COORDINATOR,
      kind: 'urgent_referral',
      title: 'Urgent referral received',
      body: 'A referral marked urgent has reached the hub. Triage it today.',
      link: '/hub',
      at: 1,
      read: false,
    },
    {
      user: COORDINATOR,
      kind: 'action_overdue',
      title: 'Overdue: chase the school’s attendance record',
      body: 'Your action is overdue. Update it or ask for more time.',
      link: '/actions',
      at: 20,
      read: false,
    },
    {
      user: COORDINATOR,
      kind: 'meeting_invitation',
      title: 'Meeting invitation: Exploitation Panel',
      body: 'You are invited to this month’s Exploitation Panel.',
      link: '/meetings',
      at: 30,
      read: true,
    },
    {
      user: COORDINATOR,
      kind: 'minutes_ready',
      title: 'Minutes ready: Operational Delivery Group',
      body: 'The minutes of a meeting you were invited to are ready.',
      link: '/meetings',
      at: 70,
      read: true,
    },
    {
      user: MANAGER,
      kind: 'action_escalated',
      title: 'Overdue action in your team: home visit',
      body: 'An action owned by someone you manage is overdue.',
      link: '/actions',
      at: 5,
      read: false,
    },
    {
      user: MANAGER,
      kind: 'action_assigned',
      title: 'Action assigned to you: review the plan',
      body: 'An action has been assigned to you.',
      link: '/actions',
      at: 50,
      read: true,
    },
  ];
  await insertRows(
    tx,
    'notification',
    items.map((n, i) => ({
      partnership_id: pid,
      id: uuid(`${i}`),
      user_id: n.user,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      person_id: null,
      created_at: hoursAgo(n.at),
      read_at: n.read ? hoursAgo(n.at - 0.5) : null,
    })),
  );
  await insertRows(tx, 'notification_preference', [{ partnership_id: pid, user_id: MANAGER, daily_digest: true }]);
  await insertRows(tx, 'notification_trigger_setting', [{ partnership_id: pid, trigger: 'training_reminder', enabled: false, updated_by: null }]);
}
