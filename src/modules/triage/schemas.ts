// Triage input and output: one schema for the API, the meeting page and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, IsoDate, Uuid } from '../../platform/http/schemas.ts';
import { VoiceFields } from '../voice/schemas.ts';
import { TRIAGE_CATEGORIES, TRIAGE_OUTCOMES } from './vocab.ts';

export const ActionBody = Type.Object(
  {
    description: Type.String({
      minLength: 1,
      maxLength: 1000,
      errorMessage: {
        required: 'Enter what needs to be done',
        minLength: 'Enter what needs to be done',
        maxLength: 'The action must be 1000 characters or fewer',
      },
    }),
    ownerAgencyId: Type.String({
      format: 'uuid',
      errorMessage: { required: 'Select the agency responsible for this action', format: 'Select the agency responsible for this action' },
    }),
    ownerName: Type.Optional(Type.String({ maxLength: 120, errorMessage: { maxLength: 'The owner’s name must be 120 characters or fewer' } })),
    dueDate: Type.String({ format: 'date', errorMessage: { required: 'Enter a due date', format: 'Due date must be a real date, for example 2024-03-27' } }),
  },
  { $id: 'TriageActionInput', additionalProperties: false },
);

export const DecisionBody = Type.Object(
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
    decidedAt: Type.Optional(Type.String({ format: 'date-time', errorMessage: { format: 'Decided at must be a date-time, like 2026-03-27T10:30:00Z' } })),
    meetingId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'There is no triage meeting with that id' } })),
    actions: Type.Optional(Type.Array(ActionBody, { maxItems: 20 })),
    ...VoiceFields,
  },
  {
    $id: 'TriageDecisionInput',
    additionalProperties: false,
    examples: [
      {
        outcome: 'medium',
        category: 'cse',
        rationale: 'Older associates and two missing episodes this month.',
        actions: [{ description: 'Strategy discussion', ownerAgencyId: '6f1c1d7e-0000-4000-8000-000000000001', dueDate: '2026-04-01' }],
      },
    ],
  },
);

/** What the decide use case takes: the referral, the body, and the retry key (API header or the form's submission id). */
export const RecordDecisionInput = Type.Object(
  { referralId: Uuid, ...DecisionBody.properties, idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 220 })) },
  { additionalProperties: false },
);

export const ReferralRef = Type.Object({ id: Uuid }, { additionalProperties: false });

export const MeetingDay = Type.Object({ day: IsoDate }, { additionalProperties: false });

export const AttendanceInput = Type.Object(
  {
    day: Type.String({ format: 'date', errorMessage: { format: 'The meeting date must be a real date' } }),
    chairAgencyId: Type.String({
      format: 'uuid',
      errorMessage: { required: 'Select the agency chairing the meeting', format: 'Select the agency chairing the meeting' },
    }),
    chairName: Type.String({
      minLength: 1,
      maxLength: 120,
      errorMessage: { required: 'Enter the name of the chair', minLength: 'Enter the name of the chair' },
    }),
    attendees: Type.Array(
      Type.Object(
        { agencyId: Type.String({ format: 'uuid', errorMessage: { format: 'Select agencies of this partnership' } }), name: Type.String({ maxLength: 120 }) },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: 100,
        errorMessage: { minItems: 'Select at least one agency that attended' },
      },
    ),
  },
  { additionalProperties: false },
);

export const QueueQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false });

export const DecisionSchema = Type.Object(
  {
    id: Uuid,
    referralId: Uuid,
    meetingId: Uuid,
    meetingDate: IsoDate,
    outcome: Type.String(),
    category: Type.String(),
    rationale: Type.String(),
    decidedAt: Type.String({ format: 'date-time' }),
    superseded: Type.Boolean(),
    actions: Type.Array(
      Type.Object({
        id: Uuid,
        description: Type.String(),
        ownerAgencyId: Uuid,
        ownerName: Type.Union([Type.String(), Type.Null()]),
        dueDate: IsoDate,
        status: Type.String(),
        rag: Type.String(),
      }),
    ),
  },
  { $id: 'TriageDecision' },
);
