// The notifications page: a user's own in-app notifications (the hub's repeat-missing alerts arrive here).
import type { FastifyInstance } from 'fastify';
import { paths } from '../../platform/http/paths.ts';
import { listNotifications, markAllRead } from './use-cases.ts';

export function notificationsWeb(app: FastifyInstance) {
  app.get('/notifications', { config: { useCases: [listNotifications] } }, async (req, reply) => {
    const items = await req.run(listNotifications);
    return reply.render('notifications.njk', { pageTitle: 'Notifications', items, unread: items.filter((i) => !i.read).length });
  });

  app.post('/notifications/read', { preHandler: app.csrfProtection, config: { useCases: [markAllRead] } }, async (req, reply) => {
    await req.run(markAllRead);
    return reply.redirect(paths.notifications(), 303);
  });
}
