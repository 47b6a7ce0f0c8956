// A user's own notifications. Every signed-in user may read their own (the policy's 'own' scope); reading them is
// audited because they can name children (for example a repeat-missing alert). Marking them read is a change.
import { useCase } from '../../platform/usecase/usecase.ts';
import * as mailStore from './mail/store.ts';
import { PreferenceBody, TriggerSettingsBody } from './schemas.ts';
import * as store from './store.ts';
import type { Trigger } from './triggers.ts';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  personId: string | null;
  createdAt: Date;
  read: boolean;
}

/** For the navigation's count. */
export const countUnread = useCase({
  name: 'notifications.unread_count',
  permission: ['notification', 'read'],
  input: undefined,
  noTransaction: true,
  async run({ db, actor }): Promise<number> {
    // The command line has no inbox.
    if (actor.via === 'system') return 0;
    return store.unreadCount(db, actor.partnershipId, actor.userId);
  },
  audit: { none: 'a number of the user’s own unread notifications, no names' },
});

export const listNotifications = useCase({
  name: 'notifications.list',
  permission: ['notification', 'read'],
  input: undefined,
  async run({ db, actor }): Promise<NotificationView[]> {
    const rows = await store.list(db, actor.partnershipId, actor.userId);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      personId: r.person_id,
      createdAt: r.created_at,
      read: r.read_at !== null,
    }));
  },
  audit: { read: 'notification.listed', subject: (rows) => ({ type: 'notification', details: { count: rows.length } }) },
});

export const markAllRead = useCase({
  name: 'notifications.mark_all_read',
  permission: ['notification', 'update'],
  input: undefined,
  async run({ db, actor }): Promise<number> {
    return store.markAllRead(db, actor.partnershipId, actor.userId);
  },
  // No event when there was nothing unread.
  audit: { change: 'notification.marked_read', subject: (n) => (n > 0 ? { type: 'notification', details: { count: n } } : null) },
});

/** The partnership's e-mail triggers (every one on unless turned off). Settings, no person. */
export const getTriggerSettings = useCase({
  name: 'notifications.trigger_settings',
  permission: ['user', 'manage'],
  input: undefined,
  async run({ db, actor }) {
    return mailStore.triggerSettings(db, actor.partnershipId);
  },
  audit: { none: 'the partnership’s e-mail settings, about no person' },
});

export const saveTriggerSettings = useCase({
  name: 'notifications.save_trigger_settings',
  permission: ['user', 'manage'],
  input: TriggerSettingsBody,
  async run({ db, actor }, input) {
    await mailStore.saveTriggerSettings(
      db,
      actor.partnershipId,
      input.triggers as Partial<Record<Trigger, boolean>>,
      actor.via === 'system' ? null : actor.userId,
    );
    return mailStore.triggerSettings(db, actor.partnershipId);
  },
  audit: { change: 'notification_settings.changed', subject: (_out, input) => ({ type: 'notification_settings', details: { ...input.triggers } }) },
});

export const getPreference = useCase({
  name: 'notifications.preference',
  permission: ['notification', 'read'],
  input: undefined,
  async run({ db, actor }) {
    return { dailyDigest: await mailStore.isDigestUser(db, actor.partnershipId, actor.userId) };
  },
  audit: { none: 'the user’s own e-mail choice' },
});

export const savePreference = useCase({
  name: 'notifications.save_preference',
  permission: ['notification', 'update'],
  input: PreferenceBody,
  async run({ db, actor }, input) {
    await mailStore.setDigest(db, actor.partnershipId, actor.userId, input.dailyDigest);
    return input;
  },
  audit: { change: 'notification_preference.changed', subject: (out) => ({ type: 'notification_preference', details: { dailyDigest: out.dailyDigest } }) },
});
