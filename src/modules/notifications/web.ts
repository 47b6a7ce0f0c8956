// The notifications pages: a user's own in-app notifications and their e-mail choice (single e-mails or a daily
// digest); the administrator's page of what the partnership e-mails.
import type { FastifyInstance } from 'fastify';
import type { MailConfig } from '../../config.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { TRIGGER_IDS, TRIGGERS } from './triggers.ts';
import { getPreference, getTriggerSettings, listNotifications, markAllRead, savePreference, saveTriggerSettings } from './use-cases.ts';

const TRANSPORTS = { smtp: 'by SMTP', notify: 'through GOV.UK Notify' } as const;

export function notificationsWeb(app: FastifyInstance, transport: MailConfig['transport'] | null = null) {
  const mail = transport ? TRANSPORTS[transport] : null;

  app.get('/notifications', { config: { useCases: [listNotifications, getPreference] } }, async (req, reply) => {
    const items = await req.run(listNotifications);
    const { dailyDigest } = await req.run(getPreference);
    return reply.render('notifications.njk', { pageTitle: 'Notifications', items, unread: items.filter((i) => !i.read).length, mail, dailyDigest });
  });

  app.post('/notifications/read', { preHandler: app.csrfProtection, config: { useCases: [markAllRead] } }, async (req, reply) => {
    await req.run(markAllRead);
    return reply.redirect(paths.notifications(), 303);
  });

  app.get('/notifications/preferences', { config: { useCases: [getPreference] } }, async (req, reply) => {
    const { dailyDigest } = await req.run(getPreference);
    return reply.render('notification-preferences.njk', { pageTitle: 'How you get e-mails', choice: dailyDigest ? 'digest' : 'single', mail });
  });

  app.post('/notifications/preferences', { preHandler: app.csrfProtection, config: { useCases: [savePreference] } }, async (req, reply) => {
    const choice = one(((req.body ?? {}) as FormBody).delivery);
    if (choice !== 'digest' && choice !== 'single') {
      const errors = [{ field: 'delivery', message: 'Select how you want to get e-mails' }];
      return reply.status(422).render('notification-preferences.njk', { pageTitle: 'Error: How you get e-mails', errors, mail });
    }
    await req.run(savePreference, { dailyDigest: choice === 'digest' });
    await reply.flash(choice === 'digest' ? 'You will get one e-mail a day' : 'You will get an e-mail for each notification');
    return reply.redirect(paths.notifications(), 303);
  });

  app.get('/admin/notifications', { config: { useCases: [getTriggerSettings] } }, async (req, reply) => {
    const settings = await req.run(getTriggerSettings);
    const triggers = TRIGGER_IDS.map((t) => ({ value: t, text: TRIGGERS[t], checked: settings[t] }));
    return reply.render('notification-settings.njk', { pageTitle: 'E-mail notifications', triggers, mail });
  });

  app.post('/admin/notifications', { preHandler: app.csrfProtection, config: { useCases: [saveTriggerSettings] } }, async (req, reply) => {
    const raw = (req.body ?? {}) as FormBody;
    const on = new Set(([] as unknown[]).concat(raw.triggers ?? []).map(String));
    await req.run(saveTriggerSettings, { triggers: Object.fromEntries(TRIGGER_IDS.map((t) => [t, on.has(t)])) });
    await reply.flash('E-mail notifications saved');
    return reply.redirect('/admin/notifications', 303);
  });
}
