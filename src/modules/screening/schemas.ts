// Screening input: one schema for the API, the toolkit form, the command line's toolkit install and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { ANSWERS, EXPLOITATION_TYPES, INDICATOR_GROUPS, SCREENING_LEVELS, TOOLKIT_AUDIENCES } from './toolkit.ts';

export const ReferralRef = Type.Object({ id: Uuid }, { additionalProperties: false });

const Level = Enum(SCREENING_LEVELS, { errorMessage: { enum: 'Select a level of risk from the list' } });

export const ScreeningBody = Type.Object(
  {
    answers: Type.Record(Type.String(), Enum(ANSWERS), { description: 'Keyed by indicator key; unanswered counts as not present' }),
    overrideLevel: Type.Optional(Level),
    overrideReason: Type.Optional(Type.String({ maxLength: 2000, errorMessage: { maxLength: 'The reason must be 2000 characters or fewer' } })),
  },
  { $id: 'ScreeningInput', additionalProperties: false, examples: [{ answers: { missing: 'current', older_associates: 'past_6_months' } }] },
);

/** What the screen use case takes: the referral, the body, and the retry key (API header or the form's submission id). */
export const ScreenReferralInput = Type.Object(
  { referralId: Uuid, ...ScreeningBody.properties, idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 220 })) },
  { additionalProperties: false },
);

export const ScreeningSchema = Type.Object(
  {
    id: Uuid,
    referralId: Uuid,
    toolkit: Type.Object({ id: Type.String(), version: Type.Integer() }),
    score: Type.Integer(),
    suggestedLevel: Enum(SCREENING_LEVELS),
    level: Enum(SCREENING_LEVELS),
    overridden: Type.Boolean(),
    overrideReason: Type.Union([Type.String(), Type.Null()]),
    drivers: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), group: Type.String(), answer: Type.String(), points: Type.Integer() }), {
      description: 'The indicators that drove the score, highest first',
    }),
    forcedBy: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), answer: Type.String() }), {
      description: 'Significant incidents that force the highest level',
    }),
    screenedAt: Type.String({ format: 'date-time' }),
    rescreenDue: Type.String({ format: 'date' }),
  },
  { $id: 'Screening' },
);

const Types = Type.Array(Enum(EXPLOITATION_TYPES), { minItems: 1 });
const Points = Type.Object(Object.fromEntries(ANSWERS.map((a) => [a, Type.Number({ minimum: 0 })])));
const Key = Type.String({ pattern: '^[a-z0-9_]+$' });

/** A toolkit file's shape; its rules (unique keys, contiguous bands) are validateToolkit's. */
export const ToolkitSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$' }),
  version: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  audience: Type.Optional(Enum(TOOLKIT_AUDIENCES, { description: 'child (the default) or adult: screenings use the toolkit of the subject’s age' })),
  indicators: Type.Array(Type.Object({ key: Key, label: Type.String({ minLength: 1 }), group: Enum(INDICATOR_GROUPS), types: Types }), { minItems: 1 }),
  significantIncidents: Type.Array(Type.Object({ key: Key, label: Type.String({ minLength: 1 }), types: Types })),
  points: Type.Object(Object.fromEntries(INDICATOR_GROUPS.map((g) => [g, Points]))),
  incidentForcingAnswers: Type.Array(Enum(ANSWERS)),
  bands: Type.Array(
    Type.Object({ level: Enum(SCREENING_LEVELS), min: Type.Integer({ minimum: 0 }), max: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) }),
    { minItems: 1 },
  ),
});
