// /api/v1/notifications: the user's own notifications, marking them read, their e-mail choice; and the partnership's
// e-mail triggers (administrators).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { MailConfig } from '../../config.ts';
import { withProblems } from '../../platform/http/schemas.ts';
import { NotificationSchema, PreferenceBody, TriggerSettingsBody, TriggerSettingsSchema } from './schemas.ts';
import { getPreference, getTriggerSettings, listNotifications, markAllRead, savePreference, saveTriggerSettings } from './use-cases.ts';

const tags = ['notifications'];

export function notificationsApi(api: FastifyInstance, transport: MailConfig['transport'] | null) {
  api.get(
    '/notifications',
    {
      config: { useCases: [listNotifications] },
      schema: {
        tags,
        summary: 'Your notifications, newest first',
        description: 'Only your own. Reading them is audited (they can name a child).',
        response: withProblems({ 200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() }) }),
      },
    },
    async (req) => {
      const items = await req.run(listNotifications);
      return { items: items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })), unread: items.filter((n) => !n.read).length };
    },
  );

  api.post(
    '/notifications/read',
    {
      config: { useCases: [markAllRead] },
      schema: { tags, summary: 'Mark all your notifications read', response: withProblems({ 200: Type.Object({ marked: Type.Integer() }) }) },
    },
    async (req) => ({ marked: await req.run(markAllRead) }),
  );

  api.get(
    '/notifications/preferences',
    {
      config: { useCases: [getPreference] },
      schema: { tags, summary: 'Your e-mail choice: one e-mail per notification, or a daily digest', response: withProblems({ 200: PreferenceBody }) },
    },
    async (req) => req.run(getPreference),
  );

  api.put(
    '/notifications/preferences',
    {
      config: { useCases: [savePreference] },
      schema: {
        tags,
        summary: 'Choose a daily digest (true) or single e-mails (false)',
        body: PreferenceBody,
        response: withProblems({ 200: PreferenceBody }),
      },
    },
    async (req) => req.run(savePreference, req.body),
  );

  api.get(
    '/notification-settings',
    {
      config: { useCases: [getTriggerSettings] },
      schema: {
        tags,
        summary: 'What the partnership e-mails',
        description: 'Each trigger is on unless turned off; nothing is e-mailed while no transport (SMTP or GOV.UK Notify) is configured.',
        response: withProblems({ 200: TriggerSettingsSchema }),
      },
    },
    async (req) => ({ transport, triggers: await req.run(getTriggerSettings) }),
  );

  api.put(
    '/notification-settings',
    {
      config: { useCases: [saveTriggerSettings] },
      schema: {
        tags,
        summary: 'Turn e-mail triggers on or off',
        description: 'Triggers not named keep their setting.',
        body: TriggerSettingsBody,
        response: withProblems({ 200: TriggerSettingsSchema }),
      },
    },
    async (req) => ({ transport, triggers: await req.run(saveTriggerSettings, req.body) }),
  );
}
