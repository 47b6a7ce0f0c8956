// The Chronology tab of the child's page: filters (kinds, GOV.UK date inputs), pages, and a print view.
import type { FastifyInstance } from 'fastify';
import { asList, dateInput, dateParts, type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { formatDate, isIsoDate } from '../../platform/time.ts';
import { frameUseCases, loadPersonFrame } from '../cases/frame.ts';
import { KIND_LABELS, KINDS, type Kind } from './domain.ts';
import { personChronology } from './use-cases.ts';
import { type Filters, kindItems, pageHref, pagination, timelineItems } from './view.ts';

/** The most a print view shows on one page. */
export const PRINT_PAGE_SIZE = 100;

const isKind = (v: string): v is Kind => (KINDS as readonly string[]).includes(v);

/** The filter form's fields as the use case's filters, and errors in the order of the form. */
function readFilters(form: FormBody): { filters: Filters; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const date = (name: 'from' | 'to', label: string) => {
    const v = dateInput(form, name);
    if (!v) return undefined;
    if (v === 'invalid' || !isIsoDate(v)) {
      errors.push({ field: name, message: `${label} must be a real date, like 27 3 2026` });
      return undefined;
    }
    return v;
  };
  const from = date('from', 'The start date');
  const to = date('to', 'The end date');
  if (from && to && to < from) errors.push({ field: 'to', message: 'The end date must be the same as or after the start date' });
  // A kind that is not one of the checkboxes (an edited address) is ignored.
  return { filters: { kinds: [...new Set(asList(form.kind).filter(isKind))], from, to }, errors };
}

export function chronologyWeb(app: FastifyInstance) {
  app.get('/people/:id/chronology', { config: { useCases: [...frameUseCases, personChronology] } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The person');
    const form = req.query as FormBody;
    const { frame } = await loadPersonFrame(req, id, 'chronology');
    const { filters, errors } = readFilters(form);
    const printAll = one(form.print) === 'all';
    const pageNumber = /^\d{1,4}$/.test(one(form.page)) ? Math.max(1, Number(one(form.page))) : 1;
    const filtered = filters.kinds.length > 0 || !!filters.from || !!filters.to;
    const view = {
      pageTitle: `Chronology: ${frame.name}`,
      frame,
      personId: id,
      filtered,
      filterSummary: [
        filters.kinds.map((k) => KIND_LABELS[k]).join(', '),
        filters.from ? `from ${formatDate(filters.from)}` : '',
        filters.to ? `to ${formatDate(filters.to)}` : '',
      ]
        .filter(Boolean)
        .join('; '),
      kindItems: kindItems(req.actor!, filters.kinds),
      fromParts: dateParts(form, 'from'),
      toParts: dateParts(form, 'to'),
      printedAt: new Date(),
      printPageSize: PRINT_PAGE_SIZE,
    };
    if (errors.length > 0) return reply.status(422).render('person-chronology.njk', { ...view, errors, chronology: null });
    try {
      const chronology = await req.run(personChronology, {
        id,
        ...(filters.kinds.length ? { kinds: filters.kinds } : {}),
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
        page: printAll ? 1 : pageNumber,
        ...(printAll ? { pageSize: PRINT_PAGE_SIZE } : {}),
      });
      return reply.render('person-chronology.njk', {
        ...view,
        chronology,
        items: timelineItems(req.actor!, chronology),
        paging: printAll ? null : pagination(id, filters, chronology),
        printAllHref: `${pageHref(id, filters, 1)}${pageHref(id, filters, 1).includes('?') ? '&' : '?'}print=all`,
      });
    } catch (err) {
      if (err instanceof ValidationProblem) return reply.status(422).render('person-chronology.njk', { ...view, errors: err.errors, chronology: null });
      throw err;
    }
  });
}
