// Programme and outcome input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, IsoDate, Uuid } from '../../platform/http/schemas.ts';
import { INDICATOR_KINDS, RISK_LEVELS, SCALE_KINDS } from './domain.ts';

/** An id chosen from a list: one message whether it is missing or not an id. */
const choose = (message: string) => Type.String({ format: 'uuid', errorMessage: { required: message, format: message, type: message } });
/** A date typed as YYYY-MM-DD, with a message that says how. */
const day = (what: string) =>
  Type.String({
    format: 'date',
    description: 'YYYY-MM-DD',
    errorMessage: { required: `Enter ${what}`, format: `Enter ${what}, written year-month-day, for example 2026-09-01` },
  });

const age = (what: string) =>
  Type.Optional(
    Type.Union([
      Type.Integer({
        minimum: 0,
        maximum: 25,
        errorMessage: { minimum: `${what} must be 0 or more`, maximum: `${what} must be 25 or less`, type: `${what} must be a whole number` },
      }),
      Type.Null(),
    ]),
  );

export const IndicatorInput = Type.Object(
  {
    kind: Enum(INDICATOR_KINDS),
    measure: Type.String({ minLength: 1, maxLength: 40 }),
    scaleId: Type.Optional(Uuid),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const CreateProgrammeInput = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 200,
      errorMessage: { required: 'Enter the name of the programme', minLength: 'Enter the name of the programme' },
    }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    riskLevels: Type.Array(Enum(RISK_LEVELS), {
      uniqueItems: true,
      maxItems: 4,
      errorMessage: { required: 'Select at least one risk level the programme takes' },
    }),
    ageFrom: age('The youngest age'),
    ageTo: age('The oldest age'),
    caseloadCap: Type.Integer({
      minimum: 1,
      maximum: 1000,
      errorMessage: { required: 'Enter the caseload cap', minimum: 'The cap must be 1 or more', type: 'The cap must be a whole number' },
    }),
    startsOn: day('the start date'),
    indicators: Type.Optional(Type.Array(IndicatorInput, { maxItems: 20 })),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: 'Demo Pilot Team',
        description: 'Case holding responsibility for up to 20 young people deemed as medium risk',
        riskLevels: ['medium'],
        ageFrom: 10,
        ageTo: 17,
        caseloadCap: 20,
        startsOn: '2026-09-01',
        indicators: [
          { kind: 'count', measure: 'cases' },
          { kind: 'percentage', measure: 'review_not_overdue' },
        ],
      },
    ],
  },
);

export const ProgrammeRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const IndicatorsQuery = Type.Object({ id: Uuid, from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }, { additionalProperties: false });

export const AllocateBody = Type.Object(
  {
    personId: choose('Choose a child'),
    workerId: choose('Choose the worker who holds the case'),
    joinedOn: Type.Optional(day('the date joined')),
  },
  {
    additionalProperties: false,
    examples: [{ personId: '0b7e8f0e-4a43-4d55-9d8e-7a1f2f3c4d5e', workerId: '5f2a1c3b-7d4e-4b8a-9c6d-1e2f3a4b5c6d', joinedOn: '2026-11-02' }],
  },
);
export const AllocateInput = Type.Object({ id: Uuid, ...AllocateBody.properties }, { additionalProperties: false });

export const LeaveInput = Type.Object(
  { id: Uuid, allocationId: Uuid, leftOn: Type.Optional(IsoDate), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const CreateScaleInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, errorMessage: { required: 'Enter the name of the scale', minLength: 'Enter the name of the scale' } }),
    kind: Enum(SCALE_KINDS),
    areas: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20, uniqueItems: true })),
    min: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    max: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false, examples: [{ name: 'Demo Outcome Star', kind: 'star', areas: ['Safety', 'Friends', 'Education'], min: 1, max: 10 }] },
);

export const PersonRef = Type.Object({ personId: Uuid }, { additionalProperties: false });

export const RecordOutcomeBody = Type.Object(
  {
    scaleId: choose('Choose an outcome scale'),
    recordedOn: day('the date recorded'),
    scores: Type.Record(Type.String({ maxLength: 100 }), Type.Number(), { description: 'For a star, each area’s score by name; otherwise `{ "value": n }`' }),
  },
  { additionalProperties: false, examples: [{ scaleId: '5f2a1c3b-7d4e-4b8a-9c6d-1e2f3a4b5c6d', recordedOn: '2026-11-20', scores: { value: 87 } }] },
);
export const RecordOutcomeInput = Type.Object({ personId: Uuid, ...RecordOutcomeBody.properties }, { additionalProperties: false });

export const ReportQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), publish: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const LeaveBody = Type.Object(
  { leftOn: Type.Optional(IsoDate), reason: Type.String({ maxLength: 500, errorMessage: { required: 'Enter why the child is leaving the programme' } }) },
  { additionalProperties: false, examples: [{ leftOn: '2026-11-30', reason: 'Fictional: goals met, stepped down to early help' }] },
);
