// Information governance pages: find a person, see who viewed their record and when; the audit trail, filtered,
// paged and exported to CSV.
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { dateInput, type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, forbidden, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDateTime } from '../../platform/time.ts';
import { searchPeople } from '../people/use-cases.ts';
import { csvSafe } from './domain.ts';
import { getAuditTrail, getPersonAccess } from './use-cases.ts';

/** The trail's filters from the query string (GOV.UK date inputs: from-day, from-month, from-year). */
function trailQuery(req: FastifyRequest) {
  const q = req.query as FormBody;
  const date = (name: string) => {
    const d = dateInput(q, name);
    return d === 'invalid' ? 'not a date' : d;
  };
  const page = Number(one(q.page) || '1');
  return {
    userId: one(q.userId),
    agencyId: one(q.agencyId),
    action: one(q.action),
    from: date('from'),
    to: date('to'),
    page: Number.isInteger(page) ? page : 0,
  };
}

export function governanceWeb(app: FastifyInstance) {
  app.get('/governance', { config: { useCases: [searchPeople, getAuditTrail] } }, async (req, reply) => {
    if (!may(req.actor!, 'audit', 'read')) throw forbidden('Only information governance may see who viewed a record');
    const q = ((req.query as { q?: string }).q ?? '').toString().trim().slice(0, 200);
    const results = q.length >= 2 ? await req.run(searchPeople, { q }) : null;
    const query = trailQuery(req);
    let errors: FieldError[] | undefined;
    const trail = await req.run(getAuditTrail, query).catch(async (err) => {
      if (!(err instanceof ValidationProblem)) throw err;
      // Show the refused filters with the error summary, and the trail without them.
      errors = err.errors;
      const refused = new Set(err.errors.map((e) => e.field));
      return req.run(getAuditTrail, Object.fromEntries(Object.entries(query).filter(([k]) => !refused.has(k))));
    });
    const raw = req.query as FormBody;
    const keep = new URLSearchParams(
      Object.entries(raw).filter(([k, v]) => k !== 'page' && k !== 'q' && typeof v === 'string' && v !== '') as [string, string][],
    );
    const pageHref = (n: number) => `/governance?${new URLSearchParams([...keep, ['page', String(n)]])}#audit-trail`;
    return reply.status(errors ? 422 : 200).render('governance.njk', {
      pageTitle: 'Information governance',
      errors,
      q,
      results,
      trail,
      form: raw,
      selects: {
        users: selectItems(
          trail.choices.users.map((u) => ({ value: u.id, text: u.name })),
          trail.filter.userId,
          'Anyone',
        ),
        agencies: selectItems(
          trail.choices.agencies.map((a) => ({ value: a.id, text: a.name })),
          trail.filter.agencyId,
          'Any agency',
        ),
        actions: selectItems(trail.choices.actions, trail.filter.action, 'Any action'),
      },
      csvHref: `/governance/audit.csv?${keep}`,
      pagination: {
        previous: trail.page > 1 ? { href: pageHref(trail.page - 1) } : undefined,
        next: trail.page < trail.pages ? { href: pageHref(trail.page + 1) } : undefined,
        items: pagesAround(trail.page, trail.pages).map((n) => (n === 0 ? { ellipsis: true } : { number: n, href: pageHref(n), current: n === trail.page })),
      },
    });
  });

  app.get('/governance/audit.csv', { config: { useCases: [getAuditTrail] } }, async (req, reply) => {
    const trail = await req.run(getAuditTrail, { ...trailQuery(req), page: 1, all: true });
    const rows = trail.events.map((e) => [ukDateTime(e.at), e.who, e.agency, e.actionText, e.action, e.record, e.recordHref ?? ''].map(csvSafe));
    const csv = stringify([['When', 'Who', 'Agency', 'What', 'Event name', 'Record', 'Link'], ...rows]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-trail.csv"').send(csv);
  });

  app.get('/governance/people/:id', { config: { useCases: [getPersonAccess] } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The person');
    const log = await req.run(getPersonAccess, { id });
    return reply.render('person-access.njk', { pageTitle: `Who viewed ${log.person.name}`, ...log });
  });
}

const selectItems = (items: { value: string; text: string }[], chosen: string | undefined, blank: string) => [
  { value: '', text: blank },
  ...items.map((i) => ({ ...i, selected: i.value === chosen })),
];

/** Page numbers for the GOV.UK pagination: first, last and two either side of the current one; 0 is a gap. */
function pagesAround(current: number, last: number): number[] {
  const keep = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, last])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  return keep.flatMap((n, i) => (i > 0 && n - keep[i - 1] > 1 ? [0, n] : [n]));
}
