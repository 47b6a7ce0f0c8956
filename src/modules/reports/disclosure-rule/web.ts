// The partnership's disclosure rule as an administration page (/admin/disclosure): threshold, rounding and
// secondary suppression, with the rule in words as published tables state it.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { may } from '../../../platform/access/rules.ts';
import { type FormBody, one } from '../../../platform/http/forms.ts';
import { type FieldError, forbidden, ValidationProblem } from '../../../platform/http/problems.ts';
import { DEFAULT_DISCLOSURE_RULE, describeDisclosureRule, ROUNDING_LABELS, ROUNDINGS, type Rounding, THRESHOLD_MAX } from '../disclosure.ts';
import { getDisclosureRule, setDisclosureRule } from './use-cases.ts';

export const DISCLOSURE_PATH = '/admin/disclosure';

const whole = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : (v as unknown as number));
const yesNo = (v: string) => (v === 'yes' ? true : v === 'no' ? false : (v as unknown as boolean));

interface Form {
  threshold: string;
  rounding: string;
  secondary: string;
}

export function disclosureRuleWeb(app: FastifyInstance) {
  const page = (reply: FastifyReply, form: Form, current: string, errors?: FieldError[]) =>
    reply.status(errors ? 422 : 200).render('admin-disclosure.njk', {
      pageTitle: 'Disclosure control',
      form,
      current,
      defaultRule: describeDisclosureRule(DEFAULT_DISCLOSURE_RULE),
      thresholdMax: THRESHOLD_MAX,
      roundings: ROUNDINGS.map((r) => ({ value: r, text: ROUNDING_LABELS[r], checked: form.rounding === r })),
      secondaryItems: [
        { value: 'yes', text: 'On: hide further figures so that no c can be worked out from the totals', checked: form.secondary === 'yes' },
        { value: 'no', text: 'Off: hide only the small counts themselves', checked: form.secondary === 'no' },
      ],
      errors,
    });

  app.get(DISCLOSURE_PATH, { config: { useCases: [getDisclosureRule, setDisclosureRule] } }, async (req, reply) => {
    if (!may(req.actor!, 'disclosure_rule', 'manage')) throw forbidden('Only partnership administrators set the disclosure rule');
    const rule = await req.run(getDisclosureRule, undefined);
    return page(reply, { threshold: String(rule.threshold), rounding: rule.rounding, secondary: rule.secondary ? 'yes' : 'no' }, rule.description);
  });

  app.post(DISCLOSURE_PATH, { preHandler: app.csrfProtection, config: { useCases: [getDisclosureRule, setDisclosureRule] } }, async (req, reply) => {
    const f = req.body as FormBody;
    const form = { threshold: one(f.threshold), rounding: one(f.rounding), secondary: one(f.secondary) };
    try {
      await req.run(setDisclosureRule, { threshold: whole(form.threshold), rounding: form.rounding as Rounding, secondary: yesNo(form.secondary) });
      await reply.flash('Disclosure rule saved: published figures follow it from now on');
      return reply.redirect(DISCLOSURE_PATH, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return page(reply, form, (await req.run(getDisclosureRule, undefined)).description, err.errors);
      throw err;
    }
  });
}
