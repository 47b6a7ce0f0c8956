// /api/v1/standards-frameworks: frameworks of numbered standards (such as the 12 "See Me, Hear Me" local standards)
// with their review schedule, and self-assessments of a standard for a quarter.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Enum, IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { RATINGS } from './domain.ts';
import { ASSESS_EXAMPLE, AssessInput, CreateFrameworkInput, WordingInput } from './schemas.ts';
import { assessStandard, changeWording, createFramework, getFramework, getStandard, listFrameworks } from './use-cases.ts';

const tags = ['standards'];
const Params = Type.Object({ id: Uuid });
const StdParams = Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1 }) });

const Quarter = Type.Object({
  startsOn: IsoDate,
  endsOn: IsoDate,
  cycle: Type.Integer(),
  position: Type.Integer({ description: 'Its place in the cycle, from 1' }),
  label: Type.String(),
});
const Assessment = Type.Object({
  id: Uuid,
  quarter: Quarter,
  rating: Enum(RATINGS),
  evidenceSummary: Type.String(),
  evidenceLinks: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
  assessedOn: IsoDate,
  assessedBy: Type.String(),
  actions: Type.Array(Type.Object({ id: Uuid, title: Type.String(), status: Type.String(), dueOn: IsoDate, ownerAgencyName: Type.String() })),
});
const Standard = Type.Object({
  number: Type.Integer(),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  quarter: Type.Union([Quarter, Type.Null()], { description: 'Its quarter in this cycle' }),
  dueNow: Type.Boolean(),
  overdue: Type.Boolean(),
  latest: Type.Union([Assessment, Type.Null()], { description: 'Its latest self-assessment (latest rating)' }),
});
const Framework = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    perQuarter: Type.Integer(),
    startsOn: IsoDate,
    quartersPerCycle: Type.Integer(),
    currentQuarter: Type.Union([Quarter, Type.Null()], { description: 'Null before the cycle starts' }),
    cycleProgress: Type.Object(
      { cycle: Type.Integer(), assessed: Type.Integer(), total: Type.Integer() },
      { description: 'Standards assessed this cycle, of all' },
    ),
    standards: Type.Array(Standard),
    dueThisQuarter: Type.Array(Type.Object({ number: Type.Integer(), title: Type.String(), assessed: Type.Boolean() })),
    overdue: Type.Array(Type.Object({ number: Type.Integer(), title: Type.String(), quarter: Quarter }), {
      description: 'Standards whose quarter has ended with no self-assessment for it or since',
    }),
  },
  { $id: 'StandardsFramework' },
);

const params = (req: { params: unknown }) => req.params as { id: string; number: number };

export function standardsApi(api: FastifyInstance) {
  api.get(
    '/standards-frameworks',
    {
      config: { useCases: [listFrameworks] },
      schema: {
        tags,
        summary: 'Standards frameworks with each standard’s latest rating, what is due this quarter and what is overdue',
        response: withProblems({ 200: Type.Array(Framework) }),
      },
    },
    async (req) => req.run(listFrameworks, undefined),
  );

  api.post(
    '/standards-frameworks',
    {
      config: { useCases: [createFramework] },
      schema: {
        tags,
        summary: 'Create a standards framework with its numbered standards and review schedule',
        body: CreateFrameworkInput,
        response: withProblems(
          { 201: Type.Object({ id: Uuid, name: Type.String(), perQuarter: Type.Integer(), startsOn: IsoDate, standards: Type.Integer() }) },
          { 422: 'Not valid (a name already used, a number given twice, a start that is not the first of a month)' },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createFramework, req.body as never)),
  );

  api.get(
    '/standards-frameworks/:id',
    {
      config: { useCases: [getFramework] },
      schema: {
        tags,
        summary: 'A standards framework and its schedule',
        params: Params,
        response: withProblems({ 200: Framework }, { 404: 'No such framework' }),
      },
    },
    async (req) => req.run(getFramework, { id: params(req).id }),
  );

  api.get(
    '/standards-frameworks/:id/standards/:number',
    {
      config: { useCases: [getStandard] },
      schema: {
        tags,
        summary: 'A standard with all its self-assessments, newest first, and the quarters it may be assessed for',
        params: StdParams,
        response: withProblems(
          {
            200: Type.Object({
              framework: Type.Object({ id: Uuid, name: Type.String(), currentQuarter: Type.Union([Quarter, Type.Null()]) }),
              standard: Standard,
              assessments: Type.Array(Assessment),
              quarters: Type.Array(Type.Object({ ...Quarter.properties, isDefault: Type.Boolean() }), {
                description: 'Quarters that have started, latest first; `isDefault`: the one an assessment is for unless another is named',
              }),
            }),
          },
          { 404: 'No such framework or standard' },
        ),
      },
    },
    async (req) => req.run(getStandard, params(req)),
  );

  api.put(
    '/standards-frameworks/:id/standards/:number',
    {
      config: { useCases: [changeWording, getStandard] },
      schema: {
        tags,
        summary: 'Change a standard’s wording (title and description); its number and the schedule stay',
        params: StdParams,
        body: Type.Omit(WordingInput, ['id', 'number'], {
          examples: [{ title: 'Leaders share one picture of exploitation (fictional)', description: 'Reworded after the annual review.' }],
        }),
        response: withProblems({ 200: Standard }, { 404: 'No such framework or standard', 422: 'Not valid' }),
      },
    },
    async (req) => {
      await req.run(changeWording, { ...(req.body as { title: string }), ...params(req) });
      return (await req.run(getStandard, params(req))).standard;
    },
  );

  api.post(
    '/standards-frameworks/:id/standards/:number/assessments',
    {
      config: { useCases: [assessStandard] },
      schema: {
        tags,
        summary: 'Record a self-assessment of the standard (you are its author); its actions go into the tracker',
        description:
          '`quarter`: the first day of the quarter it is for (one that has started); by default the quarter the standard was last due in. `assessedOn` defaults to today. `evidenceLinks`: a title and a web address or a Jigsaw path. Each of `actions` becomes an action in the tracker (source "standard"), which needs the right to create actions.',
        params: StdParams,
        body: Type.Omit(AssessInput, ['id', 'number'], { examples: [ASSESS_EXAMPLE] }),
        response: withProblems(
          { 201: Type.Object({ ...Assessment.properties, frameworkId: Uuid, number: Type.Integer(), actionIds: Type.Array(Uuid) }) },
          { 404: 'No such framework or standard', 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(assessStandard, { ...(req.body as typeof ASSESS_EXAMPLE & { rating: 'met' }), ...params(req) })),
  );
}
