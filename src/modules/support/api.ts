// /api/v1/support: the services directory, a child's onward referral to a service, the provider agency's referrals
// (accept or decline with a reason, start, end with an outcome) and the report of referrals and waits by service.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { supportReport } from './report.ts';
import { DecisionBody, EndBody, ReferBody, ReferralsQuery, ServiceInput, StartBody } from './schemas.ts';
import { createService, decideReferral, endReferral, listServices, providerReferrals, referToService, startReferral } from './use-cases.ts';

const tags = ['support'];
const Params = Type.Object({ id: Uuid });
const N = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Union([Type.Integer(), Type.Literal('c')]);

const Service = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    providerAgencyId: Uuid,
    providerAgencyName: Type.String(),
    type: Type.String(),
    typeLabel: Type.String(),
    eligibility: N(Type.String()),
    ageFrom: Type.Union([Type.Integer(), Type.Null()]),
    ageTo: Type.Union([Type.Integer(), Type.Null()]),
    capacity: Type.Union([Type.Integer(), Type.Null()]),
    placesInUse: Type.Integer({ description: 'Referrals accepted or started and not yet ended' }),
    full: Type.Boolean({ description: 'Places in use have reached the capacity: new referrals wait' }),
    contact: Type.Object({ name: N(Type.String()), phone: N(Type.String()), email: N(Type.String()) }),
    active: Type.Boolean(),
  },
  { $id: 'SupportService' },
);
const Referral = Type.Object(
  {
    id: Uuid,
    personId: Uuid,
    childName: Type.String(),
    serviceId: Uuid,
    serviceName: Type.String(),
    providerAgencyId: Uuid,
    status: Type.String({ description: 'sent, accepted, declined, started or ended' }),
    statusLabel: Type.String(),
    reason: Type.String(),
    sentOn: IsoDate,
    decidedOn: N(IsoDate),
    decisionReason: N(Type.String()),
    startedOn: N(IsoDate),
    endedOn: N(IsoDate),
    outcome: N(Type.String()),
    outcomeLabel: N(Type.String()),
    outcomeNote: N(Type.String()),
    waitingDays: Type.Union([Type.Number(), Type.Null()], { description: 'Sent to started, in days' }),
  },
  { $id: 'SupportReferral' },
);
const Report = Type.Object({
  from: IsoDate,
  to: IsoDate,
  published: Type.Boolean({ description: 'true: counts of 1 to 5 shown as `c` (disclosure control)' }),
  services: Type.Array(
    Type.Object({
      serviceId: Uuid,
      serviceName: Type.String(),
      sent: Count,
      accepted: Count,
      declined: Count,
      started: Count,
      medianWaitingDays: Type.Union([Type.Number(), Type.Literal('c'), Type.Null()]),
      longestWaitingDays: Type.Union([Type.Number(), Type.Literal('c'), Type.Null()]),
    }),
  ),
});

const id = (req: { params: unknown }) => (req.params as { id: string }).id;
const step = (summary: string, body: typeof DecisionBody | typeof StartBody | typeof EndBody) => ({
  tags,
  summary,
  params: Params,
  body,
  response: withProblems({ 200: Referral }, { 404: 'No such referral', 409: 'Not at that step', 422: 'Not valid (a decline needs its reason)' }),
});

export function supportApi(api: FastifyInstance) {
  api.get(
    '/support/services',
    {
      config: { useCases: [listServices] },
      schema: { tags, summary: 'The partnership’s support services', response: withProblems({ 200: Type.Array(Service) }) },
    },
    async (req) => req.run(listServices, undefined),
  );
  api.post(
    '/support/services',
    {
      config: { useCases: [createService] },
      schema: {
        tags,
        summary: 'Add a service to the directory (hub coordinator, partnership administrator)',
        body: ServiceInput,
        response: withProblems({ 201: Type.Object({ id: Uuid, name: Type.String(), type: Type.String(), providerAgencyId: Uuid }) }, { 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createService, req.body as never)),
  );
  api.post(
    '/persons/:id/support-referrals',
    {
      config: { useCases: [referToService] },
      schema: {
        tags,
        summary: 'Refer the child to a service (the hub, or a worker on the child’s case)',
        params: Params,
        body: ReferBody,
        response: withProblems({ 201: Referral }, { 404: 'No such person', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(referToService, { ...(req.body as { serviceId: string; reason: string }), personId: id(req) })),
  );
  api.get(
    '/support/referrals',
    {
      config: { useCases: [providerReferrals] },
      schema: {
        tags,
        summary: 'Referrals to the actor’s agency’s services (the hub: every service’s), by status',
        querystring: ReferralsQuery,
        response: withProblems({ 200: Type.Array(Referral) }),
      },
    },
    async (req) => req.run(providerReferrals, req.query as { status?: string }),
  );
  api.post(
    '/support/referrals/:id/decision',
    { config: { useCases: [decideReferral] }, schema: step('Accept or decline (with the reason)', DecisionBody) },
    async (req) => req.run(decideReferral, { ...(req.body as { decision: 'accept' }), id: id(req) }),
  );
  api.post('/support/referrals/:id/start', { config: { useCases: [startReferral] }, schema: step('Record that the support started', StartBody) }, async (req) =>
    req.run(startReferral, { ...(req.body as object), id: id(req) }),
  );
  api.post(
    '/support/referrals/:id/end',
    { config: { useCases: [endReferral] }, schema: step('Record that the support ended, with its outcome', EndBody) },
    async (req) => req.run(endReferral, { ...(req.body as { outcome: 'other' }), id: id(req) }),
  );
  api.get(
    '/support/report',
    {
      config: { useCases: [supportReport] },
      schema: {
        tags,
        summary: 'Referrals and waiting times by service for a period (published figures for scrutiny members)',
        querystring: Type.Object({ from: IsoDate, to: IsoDate, publish: Type.Optional(Type.Boolean()) }),
        response: withProblems({ 200: Report }, { 422: 'Not a period' }),
      },
    },
    async (req) => req.run(supportReport, req.query as { from: string; to: string }),
  );
}
