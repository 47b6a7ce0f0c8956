// The partnership's disclosure rule (issue 15.4): read by whoever reads reports, set by the partnership
// administrator. Changing it changes every published figure at once (pages, API, exports), since every use case that
// publishes figures loads the rule with `disclosureRuleFor`.
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { type DisclosureRule, describeDisclosureRule, disclosureRuleErrors } from '../disclosure.ts';
import { DisclosureRuleInput } from './schemas.ts';
import * as store from './store.ts';

export interface DisclosureRuleView extends DisclosureRule {
  description: string;
}

const view = (rule: DisclosureRule): DisclosureRuleView => ({ ...rule, description: describeDisclosureRule(rule) });

export const getDisclosureRule = useCase({
  name: 'reports.disclosure_rule',
  permission: ['disclosure_rule', 'read'],
  input: undefined,
  async run({ db, actor }): Promise<DisclosureRuleView> {
    return view(await store.disclosureRuleFor(db, actor.partnershipId));
  },
  audit: { none: 'the partnership’s disclosure rule: configuration, nothing about a person' },
});

export const setDisclosureRule = useCase({
  name: 'reports.set_disclosure_rule',
  permission: ['disclosure_rule', 'manage'],
  input: DisclosureRuleInput,
  async run({ db, actor, now }, input): Promise<DisclosureRuleView & { was: DisclosureRule | null }> {
    const rule: DisclosureRule = { threshold: input.threshold, rounding: input.rounding, secondary: input.secondary };
    const errors = disclosureRuleErrors(rule);
    if (errors.length) throw new ValidationProblem(errors);
    const before = await store.disclosureRuleFor(db, actor.partnershipId);
    const same = before.threshold === rule.threshold && before.rounding === rule.rounding && before.secondary === rule.secondary;
    if (same) return { ...view(rule), was: null };
    await store.setDisclosureRule(db, actor.partnershipId, rule, actor.userId, now);
    return { ...view(rule), was: before };
  },
  // Saving the same rule again (a double submission) changes nothing and records nothing.
  audit: {
    change: 'disclosure_rule.changed',
    subject: (r) =>
      r.was === null ? null : { type: 'disclosure_rule', details: { threshold: r.threshold, rounding: r.rounding, secondary: r.secondary, was: { ...r.was } } },
  },
});
