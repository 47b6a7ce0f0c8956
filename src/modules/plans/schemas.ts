// The multi-agency plan's input: goals, reviews and the plan's actions (for the API and the use cases).
import { Type } from '@sinclair/typebox';
import { Uuid } from '../../platform/http/schemas.ts';

const EX_AGENCY = '6f1c1d7e-0000-4000-8000-000000000001';

export const GoalBody = Type.Object(
  {
    /** Chosen by the sender: the same id again changes nothing (a double submission). */
    id: Type.Optional(Uuid),
    description: Type.String({
      minLength: 1,
      maxLength: 1000,
      errorMessage: { required: 'Enter the goal', minLength: 'Enter the goal', maxLength: 'The goal must be 1000 characters or fewer' },
    }),
    targetDate: Type.Optional(Type.String({ format: 'date', errorMessage: { format: 'Target date must be a real date, for example 2026-06-30' } })),
  },
  { $id: 'PlanGoalInput', additionalProperties: false, examples: [{ description: 'Attends school every day this half term', targetDate: '2026-06-30' }] },
);
export const GoalInput = Type.Object({ personId: Uuid, ...GoalBody.properties }, { additionalProperties: false });

export const ReviewBody = Type.Object(
  {
    /** Chosen by the sender: the same id again changes nothing (a double submission). */
    id: Type.Optional(Uuid),
    reviewedOn: Type.String({
      format: 'date',
      errorMessage: { required: 'Enter the review date', format: 'Review date must be a real date, for example 2026-04-01' },
    }),
    meetingId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'There is no meeting with that id' } })),
    summary: Type.String({
      minLength: 1,
      maxLength: 5000,
      errorMessage: {
        required: 'Enter what the review found',
        minLength: 'Enter what the review found',
        maxLength: 'The summary must be 5000 characters or fewer',
      },
    }),
  },
  {
    $id: 'PlanReviewInput',
    additionalProperties: false,
    examples: [{ reviewedOn: '2026-04-01', summary: 'Attendance improving; the youth worker continues weekly sessions.' }],
  },
);
export const ReviewInput = Type.Object({ personId: Uuid, ...ReviewBody.properties }, { additionalProperties: false });

export const PlanActionBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500, errorMessage: { required: 'Enter what needs to be done', minLength: 'Enter what needs to be done' } }),
    ownerAgencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the agency responsible', format: 'Select the agency responsible' } }),
    ownerUserId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Select the person responsible' } })),
    dueOn: Type.String({ format: 'date', errorMessage: { required: 'Enter a due date', format: 'Due date must be a real date, for example 2026-04-01' } }),
  },
  { $id: 'PlanActionInput', additionalProperties: false, examples: [{ title: 'Weekly youth work session', ownerAgencyId: EX_AGENCY, dueOn: '2026-04-15' }] },
);
export const PlanActionInput = Type.Object({ personId: Uuid, ...PlanActionBody.properties }, { additionalProperties: false });

const nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const PlanSchema = Type.Object(
  {
    personId: Uuid,
    planId: nullable(Uuid),
    goals: Type.Array(Type.Object({ id: Uuid, description: Type.String(), targetDate: nullable(Type.String({ format: 'date' })), status: Type.String() })),
    reviews: Type.Array(
      Type.Object({
        id: Uuid,
        reviewedOn: Type.String({ format: 'date' }),
        meetingId: nullable(Uuid),
        summary: Type.String(),
        recordedBy: nullable(Type.String()),
      }),
    ),
    actions: Type.Array(
      Type.Object({
        id: Uuid,
        title: Type.String(),
        sourceKind: Type.String(),
        planId: nullable(Uuid),
        ownerAgencyName: Type.String(),
        ownerName: nullable(Type.String()),
        dueOn: Type.String({ format: 'date' }),
        status: Type.String(),
        rag: Type.String(),
      }),
    ),
  },
  { $id: 'MultiAgencyPlan' },
);
