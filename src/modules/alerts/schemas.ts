// Cumulative concern input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Uuid } from '../../platform/http/schemas.ts';
import { MIN_AGENCIES_RANGE, REASON_MAX, WINDOW_DAYS_RANGE } from './domain.ts';

const whole = (label: string, [min, max]: readonly [number, number]) =>
  Type.Integer({ minimum: min, maximum: max, errorMessage: `${label} must be a whole number from ${min} to ${max}` });

export const DismissBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: REASON_MAX,
      errorMessage: {
        required: 'Say why the alert is dismissed',
        minLength: 'Say why the alert is dismissed',
        maxLength: `The reason must be ${REASON_MAX} characters or fewer`,
      },
    }),
  },
  { additionalProperties: false, examples: [{ reason: 'Fictional: discussed at triage; the concerns are known and a plan is in place' }] },
);
export const DismissInput = Type.Object({ id: Uuid, ...DismissBody.properties }, { additionalProperties: false });

export const SettingsInput = Type.Object(
  {
    minAgencies: whole('The number of agencies', MIN_AGENCIES_RANGE),
    windowDays: whole('The number of days', WINDOW_DAYS_RANGE),
  },
  { $id: 'CumulativeConcernSettings', additionalProperties: false, examples: [{ minAgencies: 3, windowDays: 28 }] },
);
