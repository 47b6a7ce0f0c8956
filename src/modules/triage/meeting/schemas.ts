// A triage meeting day's decisions (with their history) and a correction: one schema for the API, pages and use cases.
import { Type } from '@sinclair/typebox';
import { Enum, IsoDate, Uuid } from '../../../platform/http/schemas.ts';
import { TRIAGE_CATEGORIES, TRIAGE_OUTCOMES } from '../vocab.ts';

export const MeetingDayRef = Type.Object({ day: IsoDate }, { additionalProperties: false });

export const CorrectionBody = Type.Object(
  {
    outcome: Enum(TRIAGE_OUTCOMES, { errorMessage: { required: 'Select a level of risk' } }),
    category: Enum(TRIAGE_CATEGORIES, { errorMessage: { required: 'Select a category' } }),
    rationale: Type.String({
      minLength: 1,
      maxLength: 5000,
      errorMessage: {
        required: 'Enter the reason for the decision',
        minLength: 'Enter the reason for the decision',
        maxLength: 'The reason must be 5000 characters or fewer',
      },
    }),
    reason: Type.String({
      minLength: 1,
      maxLength: 2000,
      errorMessage: {
        required: 'Enter why the decision is being corrected',
        minLength: 'Enter why the decision is being corrected',
        maxLength: 'The reason for the correction must be 2000 characters or fewer',
      },
    }),
    /** The version being corrected: a correction made meanwhile by someone else is not overwritten (409). */
    version: Type.Integer({ minimum: 1, errorMessage: { required: 'Reload the page and correct the current version', minimum: 'Reload the page' } }),
  },
  {
    $id: 'TriageCorrectionInput',
    additionalProperties: false,
    examples: [
      {
        outcome: 'high',
        category: 'cse',
        rationale: 'Older associates, two missing episodes and a disclosure heard after the meeting.',
        reason: 'The meeting recorded Medium; the chair confirmed High was agreed.',
        version: 1,
      },
    ],
  },
);

export const CorrectionInput = Type.Object({ id: Uuid, ...CorrectionBody.properties }, { additionalProperties: false });

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Version = Type.Object({
  version: Type.Integer(),
  outcome: Type.String(),
  category: Type.String(),
  rationale: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
  recordedBy: nullable(Type.String()),
  reason: nullable(Type.String()),
});

export const MeetingDaySchema = Type.Object(
  {
    day: IsoDate,
    decisions: Type.Array(
      Type.Object({
        id: Uuid,
        referralId: Uuid,
        reference: Type.String(),
        personId: Uuid,
        personName: Type.String(),
        outcome: Type.String(),
        outcomeLabel: Type.String(),
        category: Type.String(),
        categoryLabel: Type.String(),
        rationale: Type.String(),
        decidedAt: Type.String({ format: 'date-time' }),
        decidedBy: nullable(Type.String()),
        version: Type.Integer(),
        corrected: Type.Union([Type.Object({ at: Type.String({ format: 'date-time' }), by: nullable(Type.String()), reason: Type.String() }), Type.Null()]),
        history: Type.Array(Version),
        actions: Type.Array(Type.Object({ description: Type.String(), ownerAgencyName: Type.String(), dueDate: IsoDate, status: Type.String() })),
      }),
    ),
  },
  { $id: 'TriageMeetingDay' },
);
