// Notifications of issue 12's events: urgent referrals, actions, meetings, interviews due. The events come from the
// referrals, actions and meetings modules through the use-case runner; names and fields as they emit them.
import { isHubRole, ROLES } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent } from '../../platform/events/events.ts';
import { formatDate, formatUkDateTime } from '../../platform/time.ts';
import type { MeetingInvite } from './email.ts';
import type { NotificationInput } from './store.ts';

interface Made {
  roles?: readonly string[];
  userIds?: string[];
  except?: string[];
  notification: NotificationInput;
  meeting?: MeetingInvite;
}
type Maker = (tx: Db, event: DomainEvent) => Promise<Made[]>;

const HUB = ROLES.filter(isHubRole);
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function actionMaker(kind: string, title: (t: string) => string, body: (c: Record<string, unknown>) => string, to: 'owner' | 'manager'): Maker {
  return async (_tx, event) => {
    const c = event.changes;
    const actionId = str(c.actionId) ?? event.subject.id;
    const user = str(to === 'owner' ? c.ownerUserId : c.managerUserId);
    if (!actionId || !user) return [];
    const t = str(c.title) ?? 'an action';
    return [{ userIds: [user], notification: { kind, title: title(t), body: body(c), link: `/actions/${actionId}`, personId: event.personId } }];
  };
}
const due = (c: Record<string, unknown>) => (str(c.dueOn) ? ` It is due by ${formatDate(String(c.dueOn))}.` : '');

export const ISSUE_12_MAKERS: Record<string, Maker> = {
  // An urgent (same-day) or immediate referral: the hub hears at once (it used to wait for someone to look).
  'referral.created': async (_tx, event) => {
    const c = event.changes as { reference?: string; urgency?: string };
    if (!event.subject.id || (c.urgency !== 'urgent' && c.urgency !== 'immediate')) return [];
    return [
      {
        roles: HUB,
        except: event.actor.id ? [event.actor.id] : [],
        notification: {
          kind: 'urgent_referral',
          title: `${c.urgency === 'immediate' ? 'Immediate risk' : 'Urgent'} referral ${c.reference ?? ''}`.trim(),
          body: `A referral marked ${c.urgency} has reached the hub. Triage it today.`,
          link: `/referrals/${event.subject.id}`,
          personId: event.personId,
        },
      },
    ];
  },
  'action.assigned': actionMaker(
    'action_assigned',
    (t) => `Action assigned to you: ${t}`,
    (c) => `An action has been assigned to you.${due(c)}`,
    'owner',
  ),
  'action.due_tomorrow': actionMaker(
    'action_due_tomorrow',
    (t) => `Due tomorrow: ${t}`,
    (c) => `Your action is due tomorrow.${due(c)}`,
    'owner',
  ),
  'action.overdue': actionMaker(
    'action_overdue',
    (t) => `Overdue: ${t}`,
    (c) => `Your action is overdue.${due(c)} Update it or ask for more time.`,
    'owner',
  ),
  'action.escalated': actionMaker(
    'action_escalated',
    (t) => `Overdue action in your team: ${t}`,
    (c) => `An action owned by someone you manage is overdue.${due(c)}`,
    'manager',
  ),
  'meeting.invited': async (_tx, event) => {
    const c = event.changes;
    const meetingId = str(c.meetingId) ?? event.subject.id;
    const to = ids(c.inviteeUserIds);
    if (!meetingId || to.length === 0) return [];
    const startsAt = str(c.startsAt);
    return [
      {
        userIds: to,
        except: event.actor.id ? [event.actor.id] : [],
        notification: {
          kind: 'meeting_invitation',
          title: `Meeting invitation: ${str(c.title) ?? 'meeting'}`,
          body: `You are invited${startsAt ? ` on ${formatUkDateTime(startsAt)}` : ''}${str(c.location) ? ` at ${c.location}` : ''}.`,
          link: `/meetings/${meetingId}`,
        },
        meeting: startsAt ? { meetingId, startsAt, endsAt: str(c.endsAt), location: str(c.location) } : undefined,
      },
    ];
  },
  'meeting.minutes_ready': async (_tx, event) => {
    const c = event.changes;
    const meetingId = str(c.meetingId) ?? event.subject.id;
    const to = ids(c.inviteeUserIds);
    if (!meetingId || to.length === 0) return [];
    return [
      {
        userIds: to,
        except: event.actor.id ? [event.actor.id] : [],
        notification: {
          kind: 'minutes_ready',
          title: `Minutes ready: ${str(c.title) ?? 'meeting'}`,
          body: 'The minutes of a meeting you were invited to are ready.',
          link: `/meetings/${meetingId}`,
        },
      },
    ];
  },
  // The hourly interview check (missing/due/reminders/sweep.ts) finds return home interviews due within 24 hours.
  'return_interview.due': async (_tx, event) => {
    if (!event.personId) return [];
    const c = event.changes as { dueBy?: string };
    return [
      {
        roles: HUB,
        notification: {
          kind: 'interview_due',
          title: 'Return home interview due within 24 hours',
          body: `A return home interview is due${c.dueBy ? ` by ${formatUkDateTime(c.dueBy)}` : ' soon'}.`,
          link: `/people/${event.personId}/missing`,
          personId: event.personId,
        },
      },
    ];
  },
};
