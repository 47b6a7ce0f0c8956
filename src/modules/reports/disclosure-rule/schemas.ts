// The partnership's disclosure rule: one schema for the API, the admin page and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum } from '../../../platform/http/schemas.ts';
import { ROUNDINGS, THRESHOLD_MAX } from '../disclosure.ts';

export const DisclosureRuleInput = Type.Object(
  {
    threshold: Type.Integer({
      minimum: 0,
      maximum: THRESHOLD_MAX,
      description: 'The largest count shown as "c": counts from 1 to this are hidden (0: none hidden). Zeros are never hidden.',
      errorMessage: { required: 'Enter the threshold', default: `The threshold must be a whole number from 0 to ${THRESHOLD_MAX}` },
    }),
    rounding: Enum(ROUNDINGS, {
      description: 'Shown figures rounded, each on its own: none, nearest_5 or nearest_10 (halves up)',
      errorMessage: { required: 'Choose the rounding', enum: `Choose the rounding (one of: ${ROUNDINGS.join(', ')})` },
    }),
    secondary: Type.Boolean({
      description: 'Secondary suppression: hide further figures so that no `c` can be worked out from totals',
      errorMessage: { required: 'Choose whether secondary suppression is on', default: 'Choose whether secondary suppression is on' },
    }),
  },
  { $id: 'DisclosureRule', additionalProperties: false, examples: [{ threshold: 5, rounding: 'none', secondary: true }] },
);

export const DisclosureRuleView = Type.Object({
  threshold: Type.Integer(),
  rounding: Type.String(),
  secondary: Type.Boolean(),
  description: Type.String({ description: 'The rule in words, as published tables state it' }),
});
