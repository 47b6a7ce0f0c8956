// The hub's list of children by current risk: /cases, MOJ filter layout, sortable columns, paged, counts at the top.
import type { FastifyInstance } from 'fastify';
import { asList, type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { TRIAGE_CATEGORIES } from '../triage/vocab.ts';
import { AGE_BAND_LABELS, AGE_BANDS, CASE_STATUS_LABELS, CASE_STATUSES, RISK_LEVEL_LABELS, RISK_LEVELS, SEX_LABELS } from './domain.ts';
import { caseOptions } from './use-cases/plan.ts';
import { listCases } from './use-cases/read.ts';
import { categoryLabel } from './view.ts';

const SORTABLE = [
  { key: 'name', text: 'Name' },
  { key: 'risk', text: 'Risk' },
  { key: 'status', text: 'Status' },
  { key: 'review_due', text: 'Review due' },
  { key: 'opened', text: 'Opened' },
] as const;

/** The list's query as the use case takes it, from a query string (repeated names are lists). */
export function caseQueryFrom(q: FormBody) {
  const list = (name: string) => (asList(q[name]).filter(Boolean).length ? asList(q[name]).filter(Boolean) : undefined);
  const text = (name: string) => one(q[name]).trim() || undefined;
  const page = Number(one(q.page) || 1);
  return Object.fromEntries(
    Object.entries({
      riskLevel: list('riskLevel'),
      category: list('category'),
      status: list('status'),
      ward: text('ward'),
      ageBand: list('ageBand'),
      sex: list('sex'),
      leadAgencyId: text('leadAgencyId'),
      allocatedWorkerId: text('allocatedWorkerId'),
      reviewOverdue: one(q.reviewOverdue) === 'true' ? true : undefined,
      sort: text('sort'),
      order: text('order'),
      page: Number.isInteger(page) && page > 0 ? page : 1,
    }).filter(([, v]) => v !== undefined),
  );
}

const queryString = (q: Record<string, unknown>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== '') s.append(k, String(item));
  return s.toString();
};

export const casesListUseCases = [listCases, caseOptions];

export function casesListPage(app: FastifyInstance) {
  app.get('/cases', { config: { useCases: casesListUseCases } }, async (req, reply) => {
    const query = caseQueryFrom(req.query as FormBody);
    let errors: FieldError[] | undefined;
    let result: Awaited<ReturnType<typeof listCases.run>> | null = null;
    try {
      result = await req.run(listCases, query);
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      errors = err.errors;
    }
    const options = await req.run(caseOptions, {});
    const chosen = (name: string) => asList(query[name] as string[] | undefined);
    const checks = (name: string, values: readonly string[], label: (v: string) => string) =>
      values.map((v) => ({ value: v, text: label(v), checked: chosen(name).includes(v) }));
    const without = (name: string, value?: string) => {
      const next = { ...query, page: undefined } as Record<string, unknown>;
      next[name] = value === undefined ? undefined : chosen(name).filter((v) => v !== value);
      return `${paths.cases()}?${queryString(next)}`;
    };
    const selected = [
      ...chosen('riskLevel').map((v) => ({
        heading: 'Risk level',
        text: RISK_LEVEL_LABELS[v as keyof typeof RISK_LEVEL_LABELS] ?? v,
        href: without('riskLevel', v),
      })),
      ...chosen('category').map((v) => ({ heading: 'Category', text: categoryLabel(v), href: without('category', v) })),
      ...chosen('status').map((v) => ({ heading: 'Status', text: CASE_STATUS_LABELS[v as keyof typeof CASE_STATUS_LABELS] ?? v, href: without('status', v) })),
      ...chosen('ageBand').map((v) => ({ heading: 'Age', text: AGE_BAND_LABELS[v as keyof typeof AGE_BAND_LABELS] ?? v, href: without('ageBand', v) })),
      ...chosen('sex').map((v) => ({ heading: 'Sex', text: SEX_LABELS[v] ?? v, href: without('sex', v) })),
      ...(query.ward ? [{ heading: 'Ward', text: String(query.ward), href: without('ward') }] : []),
      ...(query.leadAgencyId
        ? [{ heading: 'Lead agency', text: options.agencies.find((a) => a.id === query.leadAgencyId)?.name ?? 'Unknown', href: without('leadAgencyId') }]
        : []),
      ...(query.allocatedWorkerId
        ? [
            {
              heading: 'Allocated worker',
              text: query.allocatedWorkerId === 'none' ? 'Not allocated' : (options.users.find((u) => u.id === query.allocatedWorkerId)?.name ?? 'Unknown'),
              href: without('allocatedWorkerId'),
            },
          ]
        : []),
      ...(query.reviewOverdue ? [{ heading: 'Review', text: 'Overdue', href: without('reviewOverdue') }] : []),
    ];
    const categories = [...new Map(selected.map((s) => [s.heading, [] as { text: string; href: string }[]])).entries()];
    for (const s of selected) categories.find(([h]) => h === s.heading)?.[1].push({ text: s.text, href: s.href });
    const sort = String(query.sort ?? 'review_due');
    const order = String(query.order ?? 'asc');
    const page = result?.page ?? 1;
    const pageLink = (p: number) => `${paths.cases()}?${queryString({ ...query, page: p })}`;
    return reply.status(errors ? 422 : 200).render('cases.njk', {
      pageTitle: 'Children and adults by current risk',
      errors,
      result,
      selectedFilters: categories.length
        ? {
            heading: { text: 'Selected filters' },
            clearLink: { text: 'Clear filters', href: paths.cases() },
            categories: categories.map(([h, items]) => ({ heading: { text: h }, items })),
          }
        : undefined,
      riskLevels: checks('riskLevel', RISK_LEVELS, (v) => RISK_LEVEL_LABELS[v as keyof typeof RISK_LEVEL_LABELS]),
      categories: checks('category', TRIAGE_CATEGORIES, categoryLabel),
      statuses: checks('status', CASE_STATUSES, (v) => CASE_STATUS_LABELS[v as keyof typeof CASE_STATUS_LABELS]),
      ageBands: checks('ageBand', AGE_BANDS, (v) => AGE_BAND_LABELS[v as keyof typeof AGE_BAND_LABELS]),
      sexes: checks('sex', Object.keys(SEX_LABELS), (v) => SEX_LABELS[v]),
      ward: query.ward ?? '',
      agencies: [
        { value: '', text: 'Any lead agency' },
        ...options.agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === query.leadAgencyId })),
      ],
      workers: [
        { value: '', text: 'Anyone' },
        { value: 'none', text: 'Not allocated', selected: query.allocatedWorkerId === 'none' },
        ...options.users.map((u) => ({ value: u.id, text: u.name, selected: u.id === query.allocatedWorkerId })),
      ],
      reviewOverdue: !!query.reviewOverdue,
      sort,
      order,
      columns: SORTABLE.map((c) => {
        const active = c.key === sort;
        const nextOrder = active && order === 'asc' ? 'desc' : 'asc';
        return {
          ...c,
          ariaSort: active ? (order === 'asc' ? 'ascending' : 'descending') : 'none',
          href: `${paths.cases()}?${queryString({ ...query, page: undefined, sort: c.key, order: nextOrder })}`,
        };
      }),
      previous: result && page > 1 ? pageLink(page - 1) : null,
      next: result && page < result.pages ? pageLink(page + 1) : null,
    });
  });
}
