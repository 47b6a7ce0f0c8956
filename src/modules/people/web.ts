// Person pages: search, and the child's page (identity bar, sub navigation, the latest of the chronology).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { may, mayDirectCase } from '../../platform/access/rules.ts';
import { forbidden, isUuid, notFound } from '../../platform/http/problems.ts';
import { frameUseCases, loadPersonFrame } from '../cases/frame.ts';
import { personChronology } from '../chronology/use-cases.ts';
import { timelineItems } from '../chronology/view.ts';
import { listReferrals } from '../referrals/use-cases.ts';
import { personVoice } from '../voice/use-cases.ts';
import { findPeople } from './use-cases.ts';
import { SEARCH_HINT, searchedFor, understoodAs } from './view.ts';

/** How many of the latest chronology events the overview shows. */
const LATEST_EVENTS = 5;

export function peopleWeb(app: FastifyInstance) {
  app.get('/people', { config: { useCases: [findPeople] } }, async (req, reply) => {
    if (!may(req.actor!, 'person', 'read')) throw forbidden('Your role may not see people’s records');
    const q = ((req.query as { q?: string }).q ?? '').toString().trim().slice(0, 200);
    const found = q ? await req.run(findPeople, { q }) : null;
    const errors = found && !searchedFor(found.understood) ? [{ field: 'q', message: SEARCH_HINT }] : undefined;
    return reply.render('people-search.njk', {
      pageTitle: 'Find a person',
      q,
      results: errors ? null : found?.people,
      understood: found && !errors ? understoodAs(found.understood) : null,
      narrower: found?.narrower,
      errors,
      canRefer: may(req.actor!, 'referral', 'create'),
    });
  });

  const personPage = async (req: FastifyRequest, tab: 'overview' | 'referrals') => {
    const actor = req.actor!;
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The person');
    const referrals = may(actor, 'referral', 'read') ? (await req.run(listReferrals, { personId: id, pageSize: 200 })).items : [];
    const { person, caseOf, frame } = await loadPersonFrame(req, id, tab, { referralCount: referrals.length });
    const latest = tab === 'overview' ? await req.run(personChronology, { id, pageSize: LATEST_EVENTS }) : null;
    return {
      pageTitle: `${person.givenName} ${person.familyName}`,
      person,
      frame,
      caseOf,
      referrals,
      tab,
      canRefer: may(actor, 'referral', 'create'),
      canDirectCase: mayDirectCase(actor),
      // The child's voice: the latest child's and family's views, and where to add them on the plan.
      voice: tab === 'overview' ? await req.run(personVoice, { personId: id }) : null,
      voiceLink: may(actor, 'case', 'update'),
      // The overview shows the latest of the chronology (its own tab has the rest).
      latest,
      timeline: latest ? timelineItems(actor, latest) : [],
    };
  };

  const pageUseCases = [...frameUseCases, personVoice, listReferrals, personChronology];
  app.get('/people/:id', { config: { useCases: pageUseCases } }, async (req, reply) => reply.render('person.njk', await personPage(req, 'overview')));
  app.get('/people/:id/referrals', { config: { useCases: pageUseCases } }, async (req, reply) =>
    reply.render('person.njk', await personPage(req, 'referrals')),
  );
}
