// The Meetings tab of the child's page. A reader of the child's record gets the full frame; an agency that only
// attended a meeting about the child gets the identity bar and this tab alone.
import type { FastifyInstance } from 'fastify';
import { isUuid, notFound } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { frameUseCases, loadPersonFrame } from '../cases/frame.ts';
import { personFrame } from '../cases/view.ts';
import { ageFlags } from '../people/view.ts';
import { meetingPages } from './pages.ts';
import { meetingTypePages } from './types/web.ts';
import { personMeetings } from './use-cases.ts';

export function meetingsWeb(app: FastifyInstance) {
  meetingPages(app);
  meetingTypePages(app);
  app.get('/people/:id/meetings', { config: { useCases: [personMeetings, ...frameUseCases] } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The person');
    const result = await req.run(personMeetings, { personId: id });
    const frame = result.readsRecord
      ? (await loadPersonFrame(req, id, 'meetings')).frame
      : personFrame(
          {
            person: result.person,
            case: null,
            missing: { missingNow: false, repeatMissing: false },
            may: { intelligence: false, accessLog: false, referrals: false, record: false },
            extraFlags: ageFlags(result.person.dateOfBirth, ukDate(new Date())),
          },
          'meetings',
        );
    return reply.render('person-meetings.njk', { pageTitle: `Meetings: ${frame.name}`, frame, meetings: result.meetings, readsRecord: result.readsRecord });
  });
}
