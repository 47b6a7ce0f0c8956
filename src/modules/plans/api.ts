// /api/v1/persons/{id}/plan: the child's multi-agency plan: goals, reviews, and the actions of the tracker.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { ActionSchema } from '../actions/schemas.ts';
import { GoalBody, PlanActionBody, PlanSchema, ReviewBody } from './schemas.ts';
import { addGoal, addPlanAction, personPlan, recordPlanReview } from './use-cases.ts';

const tags = ['plans'];
const params = Type.Object({ id: Uuid });
const personId = (req: { params: unknown }) => (req.params as { id: string }).id;

export function plansApi(api: FastifyInstance) {
  api.get(
    '/persons/:id/plan',
    {
      config: { useCases: [personPlan] },
      schema: {
        tags,
        summary: 'The child’s multi-agency plan: goals, reviews and actions',
        description:
          'Actions are every action on the child that you may see, the plan’s own (planId set) first. planId is null until a goal, review or action is added.',
        params,
        response: withProblems({ 200: PlanSchema }, { 403: 'You may not read this case', 404: 'No such person' }),
      },
    },
    async (req) => req.run(personPlan, { personId: personId(req) }),
  );

  const GoalOut = Type.Object({ id: Uuid, planId: Uuid, description: Type.String(), targetDate: Type.Union([Type.String(), Type.Null()]) });
  api.post(
    '/persons/:id/plan/goals',
    {
      config: { useCases: [addGoal] },
      schema: {
        tags,
        summary: 'Add a goal to the child’s plan',
        params,
        body: GoalBody,
        response: withProblems({ 201: GoalOut }, { 403: 'You do not work this case', 404: 'No such person' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(addGoal, { ...(req.body as { description: string }), personId: personId(req) })),
  );

  const ReviewOut = Type.Object({ id: Uuid, planId: Uuid, reviewedOn: Type.String({ format: 'date' }), meetingId: Type.Union([Uuid, Type.Null()]) });
  api.post(
    '/persons/:id/plan/reviews',
    {
      config: { useCases: [recordPlanReview] },
      schema: {
        tags,
        summary: 'Record a review of the child’s plan (at a meeting, or not)',
        params,
        body: ReviewBody,
        response: withProblems({ 201: ReviewOut }, { 403: 'You do not work this case', 404: 'No such person' }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await req.run(recordPlanReview, { ...(req.body as { reviewedOn: string; summary: string }), personId: personId(req) })),
  );

  api.post(
    '/persons/:id/plan/actions',
    {
      config: { useCases: [addPlanAction] },
      schema: {
        tags,
        summary: 'Add an action to the child’s plan: who does what by when',
        params,
        body: PlanActionBody,
        response: withProblems({ 201: ActionSchema }, { 403: 'You do not work this case', 404: 'No such person', 422: 'The action is not valid' }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await req.run(addPlanAction, { ...(req.body as { title: string; ownerAgencyId: string; dueOn: string }), personId: personId(req) })),
  );
}
