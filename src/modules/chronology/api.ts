// GET /api/v1/persons/{id}/chronology: the same items as the Chronology tab, with the same filters and pages.
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { PersonId } from '../people/schemas.ts';
import type { Kind } from './domain.ts';
import { ChronologyPageSchema, ChronologyQueryString } from './schemas.ts';
import { type ChronologyPage, personChronology } from './use-cases.ts';

export const chronologyJson = (p: ChronologyPage) => ({ ...p, items: p.items.map((i) => ({ ...i, at: i.at.toISOString() })) });

export function chronologyApi(api: FastifyInstance) {
  api.get(
    '/persons/:id/chronology',
    {
      config: { useCases: [personChronology] },
      schema: {
        tags: ['persons'],
        summary: 'A person’s chronology: every event about them you may see, newest first (the read is audited)',
        description:
          'Events you may not see (intelligence whose handling restricts it, records of other agencies outside your scope) are left out and not counted. ' +
          'Filter with `kind` (repeatable), `from` and `to` (UK calendar days, inclusive); page with `page` and `pageSize` (at most 100).',
        params: PersonId,
        querystring: ChronologyQueryString,
        response: withProblems({ 200: ChronologyPageSchema }, { 404: 'No such person', 422: 'A filter is not valid' }),
      },
    },
    async (req) => {
      const { kind, ...rest } = req.query as { kind?: Kind | Kind[]; from?: string; to?: string; page?: number; pageSize?: number };
      const kinds = kind === undefined ? undefined : [...new Set([kind].flat())];
      return chronologyJson(await req.run(personChronology, { id: (req.params as { id: string }).id, ...(kinds ? { kinds } : {}), ...rest }));
    },
  );
}
