// POST /api/v1/cases/transition-plans: the daily sweep, safe to repeat (each person's plan is created once).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { planTransitions } from './use-cases.ts';

export function transitionApi(api: FastifyInstance) {
  api.post(
    '/cases/transition-plans',
    {
      config: { useCases: [planTransitions] },
      schema: {
        tags: ['cases'],
        summary: 'Create the "Transition plan to adult services" action for every open case of someone 17 and a half to 18 without one (daily; safe to repeat)',
        response: withProblems({ 200: Type.Object({ created: Type.Integer({ description: 'Plans created now' }) }) }, {}),
      },
    },
    async (req) => req.run(planTransitions, undefined),
  );
}
