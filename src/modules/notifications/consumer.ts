// Notifications made from domain events: registered with the use-case runner and sign-in (services.ts), so each is
// written in the transaction of the change it reports and rolls back with it.
import { can, isHubRole, ROLES } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent, EventConsumer } from '../../platform/events/events.ts';
import { formatDate } from '../../platform/time.ts';
import { ALERT_MAKERS } from '../alerts/notify.ts';
import { FLAG_MAKERS } from '../flags/notify.ts';
import { RECOMMENDATION_MAKERS } from '../reviews/reminders.ts';
import { SHARING_AGREEMENT_MAKERS } from '../sharing-agreements/notify.ts';
import { TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS } from '../triage/vocab.ts';
import { enqueueEmails, type MeetingInvite } from './email.ts';
import { ISSUE_12_MAKERS } from './makers.ts';
import * as store from './store.ts';

/** Who is told: everyone active in these roles, and these users, less any excluded. */
interface Made {
  roles?: readonly string[];
  userIds?: string[];
  except?: string[];
  notification: store.NotificationInput;
  /** A meeting invitation's calendar entry, for its e-mail. */
  meeting?: MeetingInvite;
}

type Maker = (tx: Db, event: DomainEvent) => Promise<Made[]>;

const HUB = ROLES.filter(isHubRole);
const ADMINS = ROLES.filter((r) => can(r, 'user', 'manage'));
const ANSWERERS = ROLES.filter((r) => can(r, 'information_request', 'update'));
const label = (labels: Readonly<Record<string, string>>, key: unknown) => labels[String(key)] ?? String(key ?? '');

/** Which events notify whom, and what the notification says. */
const MAKERS: Record<string, Maker> = {
  ...ISSUE_12_MAKERS,
  ...SHARING_AGREEMENT_MAKERS,
  ...RECOMMENDATION_MAKERS,
  ...ALERT_MAKERS,
  ...FLAG_MAKERS,
  // A child reported missing again and again: the hub considers a strategy meeting.
  // The event's changes carry the rule that was met: `{ rule: { episodes, withinDays } }`.
  'repeat_missing.alerted': async (tx, event) => {
    if (!event.personId) return [];
    const name = (await store.personName(tx, event.partnershipId, event.personId)) ?? 'A child';
    const rule = (event.changes.rule ?? {}) as { episodes?: number; withinDays?: number };
    return [
      {
        roles: HUB,
        notification: {
          kind: 'repeat_missing',
          title: `Repeat missing: ${name}`,
          body: `${name} has been reported missing ${rule.episodes ?? 'several'} or more times within ${rule.withinDays ?? 'a few'} days. Consider a strategy meeting.`,
          link: `/people/${event.personId}/missing`,
          personId: event.personId,
        },
      },
    ];
  },
  // The referrer hears the outcome of their referral (seed 002: a head teacher "heard nothing back"). Not the child's
  // record: the link is to the referral, which shows its outcome and the actions their agency owns.
  'triage_decision.recorded': async (tx, event) => {
    const c = event.changes as { referralId?: string; outcome?: string; category?: string };
    if (!c.referralId || !event.subject.id) return [];
    const r = await store.referralOutcomeNotice(tx, event.partnershipId, c.referralId, event.subject.id);
    if (!r?.referrer_user_id) return [];
    const actions = r.actionsForAgency ? ` ${r.actionsForAgency} action${r.actionsForAgency === 1 ? ' is' : 's are'} for your agency.` : '';
    return [
      {
        userIds: [r.referrer_user_id],
        except: event.actor.id ? [event.actor.id] : [],
        notification: {
          kind: 'referral_outcome',
          title: `Referral ${r.reference} triaged: ${label(TRIAGE_OUTCOME_LABELS, c.outcome)}`,
          body: `The hub has decided on your referral about ${r.given_name} ${r.family_name}. Level of risk: ${label(TRIAGE_OUTCOME_LABELS, c.outcome)}. Category: ${label(TRIAGE_CATEGORY_LABELS, c.category)}.${actions}`,
          link: `/referrals/${c.referralId}`,
        },
      },
    ];
  },
  // An agency asked what it holds: everyone there who may answer. The request shows only name, date of birth, question.
  'information_request.sent': async (tx, event) => {
    const c = event.changes as { agencyId?: string; dueDate?: string };
    if (!c.agencyId || !event.personId || !event.subject.id) return [];
    const name = (await store.personName(tx, event.partnershipId, event.personId)) ?? 'a person referred to the hub';
    return [
      {
        userIds: await store.agencyUserIds(tx, event.partnershipId, c.agencyId, ANSWERERS),
        except: event.actor.id ? [event.actor.id] : [],
        notification: {
          kind: 'information_request',
          title: `Information request: ${name}`,
          body: `The hub asks what your agency holds about ${name}${c.dueDate ? `, by ${formatDate(c.dueDate)}` : ''}.`,
          link: `/information-requests/${event.subject.id}`,
        },
      },
    ];
  },
  // The hub user who asked hears the answer.
  'information_request.answered': async (tx, event) => {
    if (!event.personId || !event.subject.id) return [];
    const asker = await store.informationRequestAsker(tx, event.partnershipId, event.subject.id);
    if (!asker) return [];
    const name = (await store.personName(tx, event.partnershipId, event.personId)) ?? 'a person';
    const agency = String((event.changes as { agency?: string }).agency ?? 'An agency');
    return [
      {
        userIds: [asker],
        except: event.actor.id ? [event.actor.id] : [],
        notification: {
          kind: 'information_request_answered',
          title: `${agency} answered: ${name}`,
          body: `${agency} has answered your information request about ${name}.`,
          link: `/information-requests/${event.subject.id}`,
          personId: event.personId,
        },
      },
    ];
  },
  // Too many wrong two-factor codes after a right password: someone may know it. The user and the administrators.
  // A training reminder to a cohort member with a Jigsaw account (training/use-cases/courses.ts sendReminders).
  'training.reminded': async (_tx, event) => {
    const c = event.changes as { userId?: string; cohort?: string; course?: string; status?: string; dueOn?: string | null };
    if (event.subject.type !== 'training_member' || !c.userId) return [];
    return [
      {
        userIds: [c.userId],
        notification: {
          kind: 'training.reminder',
          title: `Training reminder: ${c.course}`,
          body: `Your ${c.course} training for ${c.cohort} is ${String(c.status).toLowerCase()}${c.dueOn ? ` (due by ${formatDate(c.dueOn)})` : ''}. Please complete it.`,
        },
      },
    ];
  },
  'sign_in.two_factor_locked': async (_tx, event) => {
    const userId = event.subject.id;
    if (!userId) return [];
    const c = event.changes as { failures?: number; minutes?: number; name?: string; email?: string };
    const kind = 'security.two_factor_locked';
    return [
      {
        userIds: [userId],
        notification: {
          kind,
          title: 'Two-factor sign-in to your account was locked',
          body: `${c.failures} wrong security codes were entered for your account after its password. Two-factor sign-in is locked for ${c.minutes} minutes. If this was not you, change your password and tell your partnership administrator.`,
        },
      },
      {
        roles: ADMINS,
        except: [userId],
        notification: {
          kind,
          title: `Two-factor sign-in locked for ${c.name}`,
          body: `${c.failures} wrong security codes were entered for ${c.name} (${c.email}) after a right password. Their two-factor sign-in is locked for ${c.minutes} minutes. Someone may know their password.`,
        },
      },
    ];
  },
};

/** In-app notifications, and with `mail` their e-mails enqueued in the same transaction (a rollback sends nothing). */
export function notificationConsumerWith(mail: boolean): EventConsumer {
  return async (tx, event) => {
    for (const made of (await MAKERS[event.name]?.(tx, event)) ?? []) {
      const byRole = made.roles ? await store.activeUserIds(tx, event.partnershipId, made.roles) : [];
      const to = [...new Set([...(made.userIds ?? []), ...byRole])].filter((id) => !made.except?.includes(id));
      const rows = await store.notify(tx, event.partnershipId, to, made.notification, event.id);
      if (mail) await enqueueEmails(tx, event.partnershipId, made.notification.kind, rows, made.meeting, event.at);
    }
  };
}

/** In-app only (no transport configured). */
export const notificationConsumer: EventConsumer = notificationConsumerWith(false);
