// /api/v1/delivery-plans: the partnership's delivery plans with their plan-level summaries; create one with its
// priorities, objectives and actions; read one; add a progress update to an action; make a tracker action from one.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Enum, IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { ACTION_STATUSES, RAGS } from './domain.ts';
import { ActionProgressInput, CreatePlanInput, SpawnTrackerActionInput } from './schemas.ts';
import { addActionProgress, createPlan, getPlan, listPlans, spawnTrackerAction } from './use-cases.ts';

const tags = ['delivery plans'];
const Params = Type.Object({ id: Uuid });
const ActionParams = Type.Object({ id: Uuid, actionId: Uuid });
const Rag = Type.Union([Enum(RAGS), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

const Rollup = {
  total: Count,
  byStatus: Type.Object({ not_started: Count, in_progress: Count, completed: Count, outstanding: Count }),
  byRag: Type.Object({ red: Count, amber: Count, green: Count, unrated: Count }),
  overdue: Type.Integer({ minimum: 0, description: 'Actions past their due date and not completed' }),
  rag: Type.Union([Enum(RAGS), Type.Null()], {
    description:
      'Overall: red if an unfinished action is red or overdue, else amber if one is amber, else green if one is completed or green; null if none rated',
  }),
};
const Summary = Type.Object(
  { ...Rollup, priorities: Type.Array(Type.Object({ number: Type.Integer(), title: Type.String(), ...Rollup })) },
  { $id: 'DeliveryPlanSummary' },
);
const PlanAction = Type.Object(
  {
    id: Uuid,
    ref: Type.String({ description: 'Priority, objective and action numbers, e.g. "2.1.3"' }),
    number: Type.Integer(),
    text: Type.String(),
    leadOfficer: Type.String(),
    leadOrganisation: Type.String(),
    leadUser: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
    dueOn: IsoDate,
    status: Enum(ACTION_STATUSES),
    rag: Rag,
    overdue: Type.Boolean(),
    progress: Type.Array(
      Type.Object({ id: Uuid, datedOn: IsoDate, text: Type.String(), author: Type.String(), recordedAt: Type.String({ format: 'date-time' }) }),
    ),
    trackerActions: Type.Array(Type.Object({ id: Uuid, title: Type.String(), status: Type.String(), dueOn: IsoDate, ownerAgencyName: Type.String() })),
  },
  { $id: 'DeliveryPlanAction' },
);
const Plan = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    from: IsoDate,
    to: IsoDate,
    createdAt: Type.String({ format: 'date-time' }),
    summary: Summary,
    overdue: Type.Array(
      Type.Object({ id: Uuid, ref: Type.String(), text: Type.String(), dueOn: IsoDate, leadOfficer: Type.String(), leadOrganisation: Type.String() }),
    ),
    priorities: Type.Array(
      Type.Object({
        id: Uuid,
        number: Type.Integer(),
        title: Type.String(),
        objectives: Type.Array(Type.Object({ id: Uuid, number: Type.Integer(), ref: Type.String(), text: Type.String(), actions: Type.Array(PlanAction) })),
      }),
    ),
  },
  { $id: 'DeliveryPlan' },
);
const PlanListItem = Type.Object({ id: Uuid, name: Type.String(), from: IsoDate, to: IsoDate, summary: Summary });

const params = (req: { params: unknown }) => req.params as { id: string; actionId: string };

export function deliveryPlanApi(api: FastifyInstance) {
  api.get(
    '/delivery-plans',
    {
      config: { useCases: [listPlans] },
      schema: {
        tags,
        summary: 'Delivery plans, latest period first, each with its plan-level summary',
        response: withProblems({ 200: Type.Array(PlanListItem) }),
      },
    },
    async (req) => req.run(listPlans, undefined),
  );

  api.post(
    '/delivery-plans',
    {
      config: { useCases: [createPlan] },
      schema: {
        tags,
        summary: 'Create a delivery plan with its priorities, objectives and actions (numbered in the order given)',
        body: CreatePlanInput,
        response: withProblems({ 201: Plan }, { 422: 'Not valid (a name already used, a period that ends before it starts, an unknown lead user)' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createPlan, req.body as never)),
  );

  api.get(
    '/delivery-plans/:id',
    {
      config: { useCases: [getPlan] },
      schema: {
        tags,
        summary: 'A delivery plan: its summary, overdue actions, and priorities with objectives and actions',
        params: Params,
        response: withProblems({ 200: Plan }, { 404: 'No such delivery plan' }),
      },
    },
    async (req) => req.run(getPlan, { id: params(req).id }),
  );

  api.post(
    '/delivery-plans/:id/actions/:actionId/progress',
    {
      config: { useCases: [addActionProgress] },
      schema: {
        tags,
        summary: 'Add a dated progress update to a plan action (you are its author); it may set the status or RAG',
        description: '`datedOn` defaults to today and may not be in the future.',
        params: ActionParams,
        body: Type.Omit(ActionProgressInput, ['id', 'actionId'], {
          examples: [{ text: 'Fictional: sessions held in four of the six schools.', datedOn: '2026-11-20', status: 'in_progress', rag: 'green' }],
        }),
        response: withProblems({ 201: PlanAction }, { 404: 'No such delivery plan or action', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(addActionProgress, { ...(req.body as { text: string }), ...params(req) })),
  );

  api.post(
    '/delivery-plans/:id/actions/:actionId/tracker-actions',
    {
      config: { useCases: [spawnTrackerAction] },
      schema: {
        tags,
        summary: 'Make an action in the tracker from a plan action (source "delivery_plan")',
        params: ActionParams,
        body: Type.Omit(SpawnTrackerActionInput, ['id', 'actionId'], {
          examples: [{ title: 'Book the school sessions for the spring term', ownerAgencyId: '6f1c1d7e-0000-4000-8000-000000000001', dueOn: '2027-01-31' }],
        }),
        response: withProblems(
          { 201: Type.Object({ planId: Uuid, planActionId: Uuid, ref: Type.String(), actionId: Uuid, title: Type.String(), dueOn: IsoDate }) },
          { 404: 'No such delivery plan or action', 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await req.run(spawnTrackerAction, { ...(req.body as { title: string; ownerAgencyId: string; dueOn: string }), ...params(req) })),
  );
}
