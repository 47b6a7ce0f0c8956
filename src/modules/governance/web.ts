// Information governance pages: find a person, see who viewed their record and when.
import type { FastifyInstance } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { forbidden, isUuid, notFound } from '../../platform/http/problems.ts';
import { searchPeople } from '../people/use-cases.ts';
import { getPersonAccess } from './use-cases.ts';

export function governanceWeb(app: FastifyInstance) {
  app.get('/governance', { config: { useCases: [searchPeople] } }, async (req, reply) => {
    if (!may(req.actor!, 'audit', 'read')) throw forbidden('Only information governance may see who viewed a record');
    const q = ((req.query as { q?: string }).q ?? '').toString().trim().slice(0, 200);
    const results = q.length >= 2 ? await req.run(searchPeople, { q }) : null;
    return reply.render('governance.njk', { pageTitle: 'Information governance', q, results });
  });

  app.get('/governance/people/:id', { config: { useCases: [getPersonAccess] } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The person');
    const log = await req.run(getPersonAccess, { id });
    return reply.render('person-access.njk', { pageTitle: `Who viewed ${log.person.name}`, ...log });
  });
}
