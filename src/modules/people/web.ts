// Person pages: search, and the child's page (identity bar, sub navigation, timeline).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { requireScope } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/policy.ts';

export function peopleWeb(app: FastifyInstance, svc: Services) {
  app.get('/people', async (req, reply) => {
    requireScope(req.actor!, 'person', 'read');
    const q = ((req.query as { q?: string }).q ?? '').trim();
    const results = q ? await svc.people.search(req.actor!, q) : null;
    const errors = q && q.length < 2 ? [{ field: 'q', message: 'Enter at least 2 characters of a name, or an NHS number' }] : undefined;
    return reply.render('people-search.njk', { pageTitle: 'Find a person', q, results, errors, canRefer: can(req.actor!.role, 'referral', 'create') });
  });

  const personPage = async (req: FastifyRequest, tab: 'overview' | 'referrals') => {
    const actor = req.actor!;
    const id = (req.params as { id: string }).id;
    const person = await svc.people.get(actor, id);
    const referrals = can(actor.role, 'referral', 'read') ? (await svc.referrals.list(actor, { personId: id, pageSize: 200 })).items : [];
    return {
      pageTitle: `${person.givenName} ${person.familyName}`,
      person,
      referrals,
      tab,
      canRefer: can(actor.role, 'referral', 'create'),
      canSeeAccess: can(actor.role, 'audit', 'read'),
      timeline: [
        ...referrals.map((r) => ({
          label: { text: `Referral ${r.reference} received` },
          text: `From ${r.referringAgencyName}. ${r.urgencyLabel}. ${r.statusLabel}.`,
          datetime: { timestamp: r.receivedAt.toISOString(), type: 'datetime' },
          byline: { text: r.referrerName },
          at: r.receivedAt.getTime(),
        })),
        { label: { text: 'Record created' }, text: 'Added to Jigsaw.', datetime: { timestamp: new Date(person.createdAt).toISOString(), type: 'datetime' }, at: new Date(person.createdAt).getTime() },
      ].sort((a, b) => b.at - a.at),
    };
  };

  app.get('/people/:id', async (req, reply) => reply.render('person.njk', await personPage(req, 'overview')));
  app.get('/people/:id/referrals', async (req, reply) => reply.render('person.njk', await personPage(req, 'referrals')));
}
