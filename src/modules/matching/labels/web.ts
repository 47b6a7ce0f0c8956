// /admin/matching/model: the matching model's parameters for the information governance officer and the admin
// to check (issue 18.4): each comparison level's m, u and match weight, the prior and the household corrections.
import type { FastifyInstance } from 'fastify';
import { signed } from '../waterfall.ts';
import { viewModel } from './use-cases.ts';

export const MODEL_PAGE = '/admin/matching/model';

/** A probability as a reader takes it in: "95.1%", or "1 in 81,300" when under 1%. */
export function readableProbability(p: number): string {
  if (p >= 0.01) return `${(p * 100).toFixed(1)}%`;
  if (p <= 0) return '0';
  return `1 in ${Math.round(1 / p).toLocaleString('en-GB')}`;
}

export function matchingModelWeb(app: FastifyInstance) {
  app.get(MODEL_PAGE, { config: { useCases: [viewModel] } }, async (req, reply) => {
    const model = await req.run(viewModel);
    return reply.render('matching-model.njk', {
      pageTitle: 'Person matching model',
      model,
      prior: readableProbability(model.prior),
      priorWeight: signed(Math.log2(model.prior / (1 - model.prior))),
      household: model.household ? { siblings: signed(model.household.sharedFamilyAndAddress), twins: signed(model.household.sharedDateOfBirth) } : null,
      comparisons: model.comparisons.map((c) => ({
        ...c,
        fitted: model.fittedFromLabels.includes(c.name),
        levels: c.levels.map((l) => ({ level: l.level, m: readableProbability(l.m), u: readableProbability(l.u), weight: signed(l.weight) })),
      })),
    });
  });
}
