// /api/v1/cases: the hub's list, one case, and its changes (allocation, status, closure, reviews). Every change sends
// the `version` it read; a case changed since is refused with 409 so no one's edit is lost.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import {
  AllocationBody,
  CaseListApiQuery,
  CaseListSchema,
  CaseSchema,
  CaseSettingsBody,
  CaseSettingsSchema,
  CloseBody,
  ReviewBody,
  StatusBody,
} from './schemas.ts';
import { allocateCase, changeCaseStatus, closeCase, reviewCase } from './use-cases/changes.ts';
import { getCase, listCases, personCase } from './use-cases/read.ts';
import { caseSettings, setCaseSettings } from './use-cases/settings.ts';
import type { CaseListItem, CaseView } from './view.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const caseJson = (c: CaseView) => ({
  id: c.id,
  personId: c.personId,
  status: c.status,
  statusReason: c.statusReason,
  statusChangedAt: c.statusChangedAt.toISOString(),
  riskLevel: c.riskLevel,
  category: c.category,
  riskDecidedAt: c.riskDecidedAt.toISOString(),
  riskDecidedBy: c.riskDecidedBy,
  leadAgency: c.leadAgency,
  allocatedWorker: c.allocatedWorker,
  keyWorker: c.keyWorker,
  ward: c.ward,
  reviewDue: c.reviewDue,
  reviewOverdue: c.reviewOverdue,
  lastReviewedAt: iso(c.lastReviewedAt),
  closureReason: c.closureReason,
  closureDetail: c.closureDetail,
  openedAt: c.openedAt.toISOString(),
  closedAt: iso(c.closedAt),
  version: c.version,
});

const itemJson = (c: CaseListItem) => ({
  id: c.id,
  personId: c.personId,
  name: c.name,
  dateOfBirth: c.dateOfBirth,
  age: c.age,
  sex: c.sex,
  status: c.status,
  riskLevel: c.riskLevel,
  category: c.category,
  ward: c.ward,
  leadAgencyName: c.leadAgencyName,
  allocatedWorkerName: c.allocatedWorkerName,
  reviewDue: c.reviewDue,
  reviewOverdue: c.reviewOverdue,
  openedAt: c.openedAt.toISOString(),
  version: c.version,
});

const split = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

const caseId = (req: FastifyRequest) => (req.params as { id: string }).id;

/** The case's person, then the change, then the case as it now is. */
async function changed(req: FastifyRequest, run: (personId: string) => Promise<unknown>) {
  const before = await req.run(getCase, { id: caseId(req) });
  await run(before.personId);
  const after = await req.run(personCase, { personId: before.personId });
  return caseJson(after.case!);
}

const changeProblems = { 404: 'No such case', 409: 'The case was changed since the version sent: read it again', 422: 'Not valid (see errors)' };

export function casesApi(api: FastifyInstance) {
  api.get(
    '/cases',
    {
      config: { useCases: [listCases] },
      schema: {
        tags: ['cases'],
        summary: 'List cases (the hub’s list of children and adults by current risk)',
        description: 'Filters combine; lists are comma-separated. Counts are of all the cases the filters match, not only the page.',
        querystring: CaseListApiQuery,
        response: withProblems({ 200: CaseListSchema }, { 404: 'Your role has no list of cases (agency scope)', 422: 'A filter is not valid (see errors)' }),
      },
    },
    async (req) => {
      const q = req.query as Record<string, string | number | boolean | undefined>;
      const input = Object.fromEntries(
        Object.entries({
          ...q,
          riskLevel: split(q.riskLevel as string | undefined),
          category: split(q.category as string | undefined),
          status: split(q.status as string | undefined),
          ageBand: split(q.ageBand as string | undefined),
          sex: split(q.sex as string | undefined),
        }).filter(([, v]) => v !== undefined),
      );
      const r = await req.run(listCases, input);
      return { items: r.items.map(itemJson), total: r.total, byRiskLevel: r.byRisk, byStatus: r.byStatus, page: r.page, pageSize: r.pageSize, pages: r.pages };
    },
  );

  api.get(
    '/cases/:id',
    {
      config: { useCases: [getCase, personCase] },
      schema: {
        tags: ['cases'],
        summary: 'Get a case',
        params: Type.Object({ id: Uuid }),
        response: withProblems({ 200: CaseSchema }, { 404: 'No such case' }),
      },
    },
    async (req) => caseJson((await req.run(getCase, { id: caseId(req) })).case!),
  );

  api.get(
    '/persons/:id/case',
    {
      config: { useCases: [personCase] },
      schema: {
        tags: ['cases'],
        summary: 'Get a person’s case',
        params: Type.Object({ id: Uuid }),
        response: withProblems({ 200: CaseSchema }, { 404: 'No such person, or they have no case' }),
      },
    },
    async (req, reply) => {
      const r = await req.run(personCase, { personId: caseId(req) });
      if (!r.case)
        return reply
          .status(404)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: 'Not found', status: 404, detail: 'The person has no case' });
      return caseJson(r.case);
    },
  );

  api.get(
    '/case-settings',
    {
      config: { useCases: [caseSettings] },
      schema: {
        tags: ['cases'],
        summary: 'The partnership’s weeks between reviews by risk level, and its closing reasons',
        response: withProblems({ 200: CaseSettingsSchema }),
      },
    },
    async (req) => req.run(caseSettings),
  );

  api.put(
    '/case-settings',
    {
      config: { useCases: [setCaseSettings] },
      schema: {
        tags: ['cases'],
        summary: 'Set the weeks between reviews by risk level and the closing reasons (hub coordinators)',
        body: CaseSettingsBody,
        response: withProblems({ 200: CaseSettingsSchema }, { 422: 'Not valid (see errors)' }),
      },
    },
    async (req) => {
      const { changed: _, ...settings } = await req.run(setCaseSettings, req.body);
      return settings;
    },
  );

  const routes = [
    {
      method: 'patch',
      path: '/cases/:id/allocation',
      uc: allocateCase,
      body: AllocationBody,
      summary: 'Allocate a case: lead agency, allocated worker, key worker, ward',
    },
    { method: 'post', path: '/cases/:id/status', uc: changeCaseStatus, body: StatusBody, summary: 'Change a case’s status (open, under review, stepped down)' },
    { method: 'post', path: '/cases/:id/closure', uc: closeCase, body: CloseBody, summary: 'Close a case with a closing reason' },
    { method: 'post', path: '/cases/:id/reviews', uc: reviewCase, body: ReviewBody, summary: 'Record a review of a case' },
  ] as const;
  for (const r of routes) {
    api.route({
      method: r.method.toUpperCase() as 'PATCH' | 'POST',
      url: r.path,
      config: { useCases: [getCase, personCase, r.uc] },
      schema: {
        tags: ['cases'],
        summary: r.summary,
        params: Type.Object({ id: Uuid }),
        body: r.body,
        response: withProblems({ 200: CaseSchema }, changeProblems),
      },
      handler: async (req) => changed(req, (personId) => req.run(r.uc as typeof allocateCase, { ...(req.body as object), personId } as never)),
    });
  }
}
