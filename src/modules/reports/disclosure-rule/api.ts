// GET and PUT /api/v1/disclosure-rule: the partnership's disclosure rule for published figures.
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../../platform/http/schemas.ts';
import { DisclosureRuleInput, DisclosureRuleView } from './schemas.ts';
import { getDisclosureRule, setDisclosureRule } from './use-cases.ts';

const tags = ['reports'];

export function disclosureRuleApi(api: FastifyInstance) {
  api.get(
    '/disclosure-rule',
    {
      config: { useCases: [getDisclosureRule] },
      schema: {
        tags,
        summary: 'The partnership’s disclosure rule for published figures (whoever reads reports)',
        description:
          'Counts from 1 to `threshold` are shown as "c" (0: none hidden); `rounding` rounds every shown figure on its own (totals may not add up); `secondary` hides further figures so that no "c" can be worked out. Who sees exact figures is the access policy’s, not the rule’s.',
        response: withProblems({ 200: DisclosureRuleView }),
      },
    },
    async (req) => req.run(getDisclosureRule, undefined),
  );
  api.put(
    '/disclosure-rule',
    {
      config: { useCases: [setDisclosureRule] },
      schema: {
        tags,
        summary: 'Set the disclosure rule (partnership administrator): every published page, API response and export follows it',
        body: DisclosureRuleInput,
        response: withProblems({ 200: DisclosureRuleView }, { 422: 'A field is not valid (named in errors), or the threshold is too low for the rounding' }),
      },
    },
    async (req) => {
      const { was: _was, ...rule } = await req.run(setDisclosureRule, req.body as never);
      return rule;
    },
  );
}
