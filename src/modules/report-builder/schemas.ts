// Input of the report builder's use cases. Measures, breakdowns and their combinations are checked by specErrors
// (domain.ts) so that each error names its field and says what is allowed for the chosen measure.
import { Type } from '@sinclair/typebox';
import { DIMENSIONS, MEASURES } from './domain.ts';

const text = (max: number, required: string) =>
  Type.String({ maxLength: max, errorMessage: { type: required, maxLength: `Must be ${max} characters or fewer` } });

export const Spec = Type.Object(
  {
    measure: Type.String({ maxLength: 40, description: `What to count: ${MEASURES.join(', ')}`, errorMessage: { type: 'Choose what to count' } }),
    dimensions: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 5, description: `Up to five of: ${DIMENSIONS.join(', ')}` })),
    from: Type.String({
      maxLength: 10,
      description: 'First day, YYYY-MM-DD (UK calendar days, inclusive)',
      errorMessage: { type: 'Enter the start of the period' },
    }),
    to: Type.String({ maxLength: 10, description: 'Last day, YYYY-MM-DD', errorMessage: { type: 'Enter the end of the period' } }),
    filters: Type.Optional(
      Type.Record(Type.String(), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 }), {
        description: 'Only these values of a breakdown, e.g. {"sex": ["female"]}',
      }),
    ),
  },
  { additionalProperties: false },
);

export const BuildInput = Type.Object({ spec: Spec, publish: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const OpenInput = Type.Object({ name: Type.String({ maxLength: 60 }), publish: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const SaveInput = Type.Object(
  {
    name: text(60, 'Enter a name for the link'),
    title: text(120, 'Enter a title'),
    spec: Spec,
    replace: Type.Optional(Type.Boolean({ description: 'true: replace a saved report of the same name' })),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: 'street-teams-by-quarter',
        title: 'Street Teams referrals by quarter',
        spec: { measure: 'referrals', dimensions: ['quarter', 'referrer_group'], from: '2025-04-01', to: '2026-03-31' },
      },
    ],
  },
);

export const GroupInput = Type.Object(
  {
    name: text(80, 'Enter a name for the group'),
    agencyIds: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500 }),
  },
  { additionalProperties: false },
);

const Count = Type.Union([Type.Integer(), Type.Literal('c')]);
const Value = Type.Object({ key: Type.String(), label: Type.String() });
export const ReportSchema = Type.Object(
  {
    name: Type.Union([Type.String(), Type.Null()]),
    title: Type.String(),
    counts: Type.String({ description: 'What each count is: referrals, children (distinct), triage_decisions, missing_episodes ...' }),
    unit: Type.String(),
    note: Type.String(),
    from: Type.String(),
    to: Type.String(),
    spec: Type.Unknown(),
    exact: Type.Boolean(),
    suppression: Type.String({ description: 'none (exact), table (primary and secondary over the table shown) or cells (each on its own)' }),
    suppressionNote: Type.String(),
    dimensions: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), values: Type.Array(Value) })),
    cells: Type.Array(Type.Object({ keys: Type.Array(Type.String()), count: Count })),
    firstTotals: Type.Array(Count, { description: "Totals by the first breakdown's values, in order" }),
    secondTotals: Type.Array(Count, { description: "Totals by the second breakdown's values (two or more breakdowns)" }),
    total: Count,
  },
  { $id: 'BuiltReport' },
);
