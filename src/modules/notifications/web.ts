// The notifications page: a user's own in-app notifications (the hub's repeat-missing alerts arrive here).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { paths } from '../../platform/http/paths.ts';

export function notificationsWeb(app: FastifyInstance, svc: Services) {
  app.get('/notifications', async (req, reply) => {
    const items = await svc.notifications.list(req.actor!);
    return reply.render('notifications.njk', { pageTitle: 'Notifications', items, unread: items.filter((i) => !i.read).length });
  });

  app.post('/notifications/read', { preHandler: app.csrfProtection }, async (req, reply) => {
    await svc.notifications.markAllRead(req.actor!);
    return reply.redirect(paths.notifications(), 303);
  });
}
