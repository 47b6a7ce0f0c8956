// Information governance pages: find a person, see who viewed their record and when.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { requireScope } from '../../platform/access/actor.ts';

export function governanceWeb(app: FastifyInstance, svc: Services) {
  app.get('/governance', async (req, reply) => {
    requireScope(req.actor!, 'audit', 'read');
    const q = ((req.query as { q?: string }).q ?? '').trim();
    const results = q.length >= 2 ? await svc.people.search(req.actor!, q) : null;
    return reply.render('governance.njk', { pageTitle: 'Information governance', q, results });
  });

  app.get('/governance/people/:id', async (req, reply) => {
    const log = await svc.governance.personAccess(req.actor!, (req.params as { id: string }).id);
    return reply.render('person-access.njk', { pageTitle: `Who viewed ${log.person.name}`, ...log });
  });
}
