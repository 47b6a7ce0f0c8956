// The child's page frame for every tab: loads the person and their case and shapes the identity bar and tabs.
// A tab's route: `config: { useCases: [...frameUseCases, yourUseCase] }`, then
// `reply.render('your-tab.njk', { pageTitle, frame: (await loadPersonFrame(req, id, 'chronology')).frame, ... })`
// and in the template `{% from "person-frame.njk" import personFrame %}{{ personFrame(frame) }}`.
import type { FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { isUuid, notFound } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { getPerson, type PersonView } from '../people/use-cases.ts';
import { ageFlags } from '../people/view.ts';
import { personCase } from './use-cases/read.ts';
import { type FrameFlag, type FrameTab, personFrame } from './view.ts';

export const frameUseCases = [getPerson, personCase];

export interface FrameOptions {
  referralCount?: number;
  extraFlags?: FrameFlag[];
}

export async function loadPersonFrame(req: FastifyRequest, personId: string, tab: FrameTab, options: FrameOptions = {}) {
  if (!isUuid(personId)) throw notFound('The person');
  const actor = req.actor!;
  const person: PersonView = await req.run(getPerson, { id: personId });
  const caseOf = may(actor, 'case', 'read') ? await req.run(personCase, { personId }) : null;
  const frame = personFrame(
    {
      person,
      case: caseOf?.case ?? null,
      missing: caseOf?.missing ?? { missingNow: false, repeatMissing: false },
      may: {
        intelligence: may(actor, 'intelligence', 'read'),
        accessLog: may(actor, 'audit', 'read'),
        referrals: may(actor, 'referral', 'read'),
        support: may(actor, 'support_referral', 'read'),
        outcomes: may(actor, 'case', 'read'),
        contexts: may(actor, 'context', 'read'),
        flags: may(actor, 'flag', 'read'),
      },
      referralCount: options.referralCount,
      extraFlags: [...ageFlags(person.dateOfBirth, ukDate(new Date())), ...(options.extraFlags ?? [])],
    },
    tab,
  );
  return { person, caseOf, frame };
}
