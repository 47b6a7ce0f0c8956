// /api/v1 for committees: meetings with their questions, answers and resolutions; a resolution with the reports
// produced for it; produce its report now. Thin: each route names its use case, whose schema is the body's.
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Enum, IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { REPORT_KINDS } from '../reports/figures.ts';
import { CADENCES } from './domain.ts';
import { getResolution, produceReportNow } from './produce.ts';
import { CreateMeetingInput, SpawnActionInput } from './schemas.ts';
import { createMeeting, getMeeting, listCommittees, spawnAction } from './use-cases.ts';

const tags = ['committees'];
const Params = Type.Object({ id: Uuid });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const MeetingSummary = Type.Object(
  {
    id: Uuid,
    committee: Type.String(),
    heldOn: IsoDate,
    title: Type.String(),
    questions: Type.Integer(),
    unanswered: Type.Integer(),
    resolutions: Type.Integer(),
  },
  { $id: 'CommitteeMeetingSummary' },
);
const Question = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  askedBy: Type.String(),
  question: Type.String(),
  answer: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredOn: Nullable(IsoDate),
});
const PromisedReport = Type.Object({
  kind: Enum(REPORT_KINDS),
  cadence: Enum(CADENCES),
  firstPeriodStart: IsoDate,
  nextDueOn: Type.String({ format: 'date', description: 'The day after the oldest period not yet produced ends' }),
  overdue: Type.Boolean(),
});
const Resolution = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  text: Type.String(),
  evidencePromised: Nullable(Type.String()),
  promisedReport: Nullable(PromisedReport),
});
const Meeting = Type.Object(
  { id: Uuid, committee: Type.String(), heldOn: IsoDate, title: Type.String(), questions: Type.Array(Question), resolutions: Type.Array(Resolution) },
  { $id: 'CommitteeMeeting' },
);
const Report = Type.Object(
  {
    id: Uuid,
    period: Type.Object({ from: IsoDate, to: IsoDate }),
    periodLabel: Type.String({ description: 'e.g. "Q2 2026/27 (July to September 2026)"' }),
    kind: Enum(REPORT_KINDS),
    figures: Type.Array(
      Type.Object({
        label: Type.String(),
        value: Type.Union([Type.Number(), Type.Literal('c'), Type.Null()]),
        percentOf: Type.Optional(Type.String({ description: 'A percentage of the figure of this label' })),
      }),
    ),
    published: Type.Boolean({ description: 'True when counts from 1 to 5 are shown as c (for whoever may not see exact counts)' }),
    producedAt: Type.String({ format: 'date-time' }),
    producedBy: Type.Union([Type.String(), Type.Null()], { description: 'Who asked for it now; null: produced by the scheduler when due' }),
    liveReportHref: Type.String({ description: 'The live report for the period' }),
  },
  { $id: 'CommitteeReport' },
);
const ResolutionDetail = Type.Object(
  {
    ...Resolution.properties,
    meeting: Type.Object({ id: Uuid, committee: Type.String(), heldOn: IsoDate, title: Type.String() }),
    reports: Type.Array(Report, { description: 'Newest period first' }),
    actions: Type.Array(Type.Object({ id: Uuid, title: Type.String(), status: Type.String(), dueOn: IsoDate, ownerAgencyName: Type.String() }), {
      description: 'Actions in the tracker made from the resolution',
    }),
  },
  { $id: 'CommitteeResolution' },
);

const id = (req: { params: unknown }) => (req.params as { id: string }).id;

export function committeeApi(api: FastifyInstance) {
  api.get(
    '/committee-meetings',
    {
      config: { useCases: [listCommittees] },
      schema: {
        tags,
        summary: 'Committee meetings, newest first, with counts of questions (and those unanswered) and resolutions',
        response: withProblems({ 200: Type.Array(MeetingSummary) }),
      },
    },
    async (req) => (await req.run(listCommittees, undefined)).meetings,
  );

  api.post(
    '/committee-meetings',
    {
      config: { useCases: [createMeeting, getMeeting] },
      schema: {
        tags,
        summary: 'Record a committee meeting with the questions asked (and answers given) and its resolutions',
        description:
          'Questions and resolutions are numbered in the order given. An answer without `answeredOn` was given at the meeting. A resolution may promise a recurring report from Jigsaw’s figures: `reportKind`, `cadence` (`monthly`, or `quarterly`: April to June, July to September, October to December, January to March) and `firstPeriodStart`, the three together; each report is produced the day after its period ends.',
        body: CreateMeetingInput,
        response: withProblems({ 201: Meeting }, { 422: 'Not valid: see errors (e.g. `resolutions[0].firstPeriodStart`)' }),
      },
    },
    async (req, reply) => {
      const created = await req.run(createMeeting, req.body as never);
      return reply.status(201).send(await req.run(getMeeting, { id: created.id }));
    },
  );

  api.get(
    '/committee-meetings/:id',
    {
      config: { useCases: [getMeeting] },
      schema: {
        tags,
        summary: 'A committee meeting with its questions and answers and its resolutions',
        params: Params,
        response: withProblems({ 200: Meeting }, { 404: 'No such meeting' }),
      },
    },
    async (req) => req.run(getMeeting, { id: id(req) }),
  );

  api.get(
    '/committee-resolutions/:id',
    {
      config: { useCases: [getResolution] },
      schema: {
        tags,
        summary: 'A resolution with its promised report, when the next is due, and the reports produced for it',
        params: Params,
        response: withProblems({ 200: ResolutionDetail }, { 404: 'No such resolution' }),
      },
    },
    async (req) => {
      // The serialiser keeps only what the schema names (not the page's produceNow, kindLabel ...).
      return req.run(getResolution, { id: id(req) });
    },
  );

  api.post(
    '/committee-resolutions/:id/reports',
    {
      config: { useCases: [produceReportNow] },
      schema: {
        tags,
        summary: 'Produce the report for the latest ended period now (as the daily sweep does when it is due)',
        description: '201 when produced; 200 with the report when that period’s was produced already. 409 when no report was promised or no period has ended.',
        params: Params,
        response: withProblems({ 201: Report, 200: Report }, { 404: 'No such resolution', 409: 'No report promised, or no period ended yet' }),
      },
    },
    async (req, reply) => {
      const r = await req.run(produceReportNow, { id: id(req) });
      return reply.status(r.created ? 201 : 200).send(r.report);
    },
  );

  api.post(
    '/committee-resolutions/:id/actions',
    {
      config: { useCases: [spawnAction] },
      schema: {
        tags,
        summary: 'Make an action in the tracker from the resolution (source "committee")',
        params: Params,
        body: Type.Omit(SpawnActionInput, ['id'], {
          examples: [
            { title: 'Send the Panel the street team’s school engagement figures', ownerAgencyId: '6f1c1d7e-0000-4000-8000-000000000001', dueOn: '2027-03-31' },
          ],
        }),
        response: withProblems(
          { 201: Type.Object({ resolutionId: Uuid, number: Type.Integer(), actionId: Uuid, title: Type.String(), dueOn: IsoDate }) },
          { 404: 'No such resolution', 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await req.run(spawnAction, { ...(req.body as { title: string; ownerAgencyId: string; dueOn: string }), id: id(req) })),
  );
}
