// /api/v1/programmes and outcomes: programmes with their caseloads (allocate, end), indicators against the comparison
// group, the report by programme; outcome scales; a child's outcome records (/persons/{id}/outcomes).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { createScale, listScales, personOutcomes, recordOutcome } from './outcomes.ts';
import { programmeReport } from './report.ts';
import { AllocateBody, CreateProgrammeInput, CreateScaleInput, LeaveBody, RecordOutcomeBody, ReportQuery } from './schemas.ts';
import { allocate, createProgramme, getProgramme, leave, listProgrammes, programmeIndicators } from './use-cases.ts';

const tags = ['programmes'];
const Params = Type.Object({ id: Uuid });
const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const Cell = Type.Union([Type.Integer(), Type.Literal('c')]);

const Programme = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    description: Nullable(Type.String()),
    riskLevels: Type.Array(Type.String()),
    ageFrom: Nullable(Type.Integer()),
    ageTo: Nullable(Type.Integer()),
    caseloadCap: Type.Integer(),
    startsOn: IsoDate,
    current: Type.Integer({ description: 'Children in the programme now' }),
    full: Type.Boolean(),
    indicators: Type.Array(Type.Object({ kind: Type.String(), measure: Type.String(), scaleId: Nullable(Uuid), label: Type.String() })),
  },
  { $id: 'Programme' },
);
const Allocation = Type.Object(
  {
    id: Uuid,
    personId: Uuid,
    childName: Type.String(),
    workerId: Uuid,
    workerName: Type.String(),
    riskLevel: Type.String(),
    joinedOn: IsoDate,
    leftOn: Nullable(IsoDate),
    leftReason: Nullable(Type.String()),
  },
  { $id: 'ProgrammeAllocation' },
);
const Figures = Type.Object({ count: Type.Integer(), of: Nullable(Type.Integer()), percent: Nullable(Type.Integer()) });
const Point = Type.Object({ id: Uuid, recordedOn: IsoDate, value: Type.Number() });
const Indicators = Type.Object({
  id: Uuid,
  name: Type.String(),
  from: IsoDate,
  to: IsoDate,
  sizes: Type.Object({ programme: Type.Integer(), comparison: Type.Integer() }),
  indicators: Type.Array(
    Type.Object({
      label: Type.String(),
      kind: Type.String(),
      programme: Figures,
      comparison: Figures,
      counted: Type.Array(Type.Object({ personId: Uuid, childName: Type.String(), counts: Type.Boolean(), first: Point, latest: Point }), {
        description: 'For a change: each programme child with two or more records, the records compared and whether they count',
      }),
    }),
  ),
  statement: Type.Array(Type.String(), { description: 'What the comparison can and cannot show' }),
});
const Shown = Type.Object({ count: Cell, of: Type.Union([Cell, Type.Null()]), percent: Type.Union([Type.Integer(), Type.Literal('c'), Type.Null()]) });
const Report = Type.Object({
  published: Type.Boolean({ description: 'true: counts of 1 to 5 shown as `c` (disclosure control)' }),
  programmes: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      from: IsoDate,
      to: IsoDate,
      caseloadCap: Type.Integer(),
      current: Cell,
      sizes: Type.Object({ programme: Cell, comparison: Cell }),
      indicators: Type.Array(Type.Object({ label: Type.String(), kind: Type.String(), programme: Shown, comparison: Shown })),
      statement: Type.Array(Type.String()),
    }),
  ),
});
const Scale = Type.Object(
  { id: Uuid, name: Type.String(), kind: Type.String(), areas: Type.Array(Type.String()), min: Type.Integer(), max: Type.Integer(), top: Type.Integer() },
  { $id: 'OutcomeScale' },
);
const Outcomes = Type.Object({
  personId: Uuid,
  scales: Type.Array(
    Type.Object({
      scale: Scale,
      records: Type.Array(
        Type.Object({
          id: Uuid,
          scaleId: Uuid,
          recordedOn: IsoDate,
          value: Type.Number(),
          scores: Type.Record(Type.String(), Type.Number()),
          recordedByName: Type.String(),
        }),
      ),
    }),
  ),
});

const id = (req: { params: unknown }) => (req.params as { id: string }).id;

export function programmesApi(api: FastifyInstance) {
  api.get(
    '/programmes',
    {
      config: { useCases: [listProgrammes] },
      schema: { tags, summary: 'Programmes (a worker: those they hold a case in)', response: withProblems({ 200: Type.Array(Programme) }) },
    },
    async (req) => req.run(listProgrammes, undefined),
  );
  api.post(
    '/programmes',
    {
      config: { useCases: [createProgramme] },
      schema: {
        tags,
        summary: 'Create a programme (hub coordinator)',
        body: CreateProgrammeInput,
        response: withProblems({ 201: Programme }, { 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createProgramme, req.body as never)),
  );
  api.get(
    '/programmes/report',
    {
      config: { useCases: [programmeReport] },
      schema: {
        tags,
        summary: 'Caseloads and indicators by programme, programme against comparison group (published figures for scrutiny members)',
        querystring: ReportQuery,
        response: withProblems({ 200: Report }, { 422: 'Not a period' }),
      },
    },
    async (req) => req.run(programmeReport, req.query as never),
  );
  api.get(
    '/programmes/:id',
    {
      config: { useCases: [getProgramme] },
      schema: {
        tags,
        summary: 'A programme and its caseload (a worker: their own)',
        params: Params,
        response: withProblems({ 200: Type.Object({ ...Programme.properties, caseload: Type.Array(Allocation) }) }, { 404: 'No such programme' }),
      },
    },
    async (req) => req.run(getProgramme, { id: id(req) }),
  );
  api.post(
    '/programmes/:id/allocations',
    {
      config: { useCases: [allocate] },
      schema: {
        tags,
        summary: 'Allocate a child’s case to a worker in the programme (422 on personId: full, ineligible, in another programme)',
        params: Params,
        body: AllocateBody,
        response: withProblems({ 201: Allocation }, { 404: 'No such programme', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(allocate, { ...(req.body as { personId: string; workerId: string }), id: id(req) })),
  );
  api.post(
    '/programmes/:id/allocations/:allocationId/end',
    {
      config: { useCases: [leave] },
      schema: {
        tags,
        summary: 'End a child’s allocation with the reason',
        params: Type.Object({ id: Uuid, allocationId: Uuid }),
        body: LeaveBody,
        response: withProblems({ 200: Allocation }, { 404: 'No such allocation', 409: 'Already left', 422: 'Not valid' }),
      },
    },
    async (req) => req.run(leave, { ...(req.body as { reason: string }), ...(req.params as { id: string; allocationId: string }) }),
  );
  api.get(
    '/programmes/:id/indicators',
    {
      config: { useCases: [programmeIndicators] },
      schema: {
        tags,
        summary: 'The programme’s indicators beside its comparison group’s, with which records counted per child',
        params: Params,
        querystring: Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }),
        response: withProblems({ 200: Indicators }, { 404: 'No such programme', 422: 'Not a period' }),
      },
    },
    async (req) => req.run(programmeIndicators, { ...(req.query as object), id: id(req) }),
  );
  api.get(
    '/outcome-scales',
    { config: { useCases: [listScales] }, schema: { tags, summary: 'The partnership’s outcome scales', response: withProblems({ 200: Type.Array(Scale) }) } },
    async (req) => req.run(listScales, undefined),
  );
  api.post(
    '/outcome-scales',
    {
      config: { useCases: [createScale] },
      schema: {
        tags,
        summary: 'Add an outcome scale (hub coordinator, partnership admin)',
        body: CreateScaleInput,
        response: withProblems({ 201: Scale }, { 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createScale, req.body as never)),
  );
  api.get(
    '/persons/:id/outcomes',
    {
      config: { useCases: [personOutcomes] },
      schema: { tags, summary: 'The child’s outcome records on each scale over time (audited)', params: Params, response: withProblems({ 200: Outcomes }) },
    },
    async (req) => req.run(personOutcomes, { personId: id(req) }),
  );
  api.post(
    '/persons/:id/outcomes',
    {
      config: { useCases: [recordOutcome] },
      schema: {
        tags,
        summary: 'Record an outcome for the child (a star’s area scores, a score or a percentage); shown in the chronology',
        params: Params,
        body: RecordOutcomeBody,
        response: withProblems(
          {
            201: Type.Object({
              id: Uuid,
              personId: Uuid,
              scaleId: Uuid,
              scaleName: Type.String(),
              kind: Type.String(),
              recordedOn: IsoDate,
              value: Type.Number(),
              top: Type.Integer(),
            }),
          },
          { 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await req.run(recordOutcome, { ...(req.body as { scaleId: string; recordedOn: string; scores: Record<string, number> }), personId: id(req) })),
  );
}
