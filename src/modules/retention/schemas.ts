// Retention input and output: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { RECORD_TYPES } from './domain.ts';

const EX_ID = '6f1c1d7e-0000-4000-8000-0000000000d1';
const reason = Type.String({
  minLength: 1,
  maxLength: 2000,
  errorMessage: { required: 'Give the reason', minLength: 'Give the reason', maxLength: 'The reason must be 2000 characters or fewer' },
});

export const ScheduleBody = Type.Object(
  {
    years: Type.Integer({ errorMessage: { required: 'Enter the number of years', type: 'The number of years must be a whole number' } }),
    untilAge: Type.Union([Type.Integer(), Type.Null()], { errorMessage: 'The age must be a whole number, or null for none' }),
  },
  { $id: 'RetentionScheduleInput', additionalProperties: false, examples: [{ years: 6, untilAge: 25 }] },
);
export const ScheduleInput = Type.Object(
  { recordType: Enum(RECORD_TYPES, { errorMessage: { required: 'Say which record type' } }), ...ScheduleBody.properties },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  {
    decision: Enum(['approve', 'defer'] as const, {
      errorMessage: { required: 'Choose whether to approve or defer', enum: 'Choose whether to approve or defer' },
    }),
    reason: {
      ...reason,
      errorMessage: { ...reason.errorMessage, required: 'Give the reason for your decision', minLength: 'Give the reason for your decision' },
    },
  },
  { $id: 'RetentionDecisionInput', additionalProperties: false, examples: [{ decision: 'approve', reason: 'Past its period; no open matters' }] },
);
export const DecisionInput = Type.Object({ id: Uuid, ...DecisionBody.properties }, { additionalProperties: false });

export const HoldBody = Type.Object(
  {
    personId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Enter the person’s id, as in the address of their page' } })),
    recordType: Type.Optional(Enum(RECORD_TYPES)),
    recordId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    reason: { ...reason, errorMessage: { ...reason.errorMessage, required: 'Give the reason for the hold', minLength: 'Give the reason for the hold' } },
  },
  { $id: 'RetentionHoldInput', additionalProperties: false, examples: [{ personId: EX_ID, reason: 'Serious case review' }] },
);
export const HoldId = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ScheduleEntrySchema = Type.Object({
  recordType: Type.String(),
  label: Type.String(),
  years: Type.Integer(),
  untilAge: Type.Union([Type.Integer(), Type.Null()]),
  action: Type.String({ description: 'delete: approval deletes the record; review: approval records the review and keeps it' }),
  measuredFrom: Type.String(),
  basis: Type.String(),
});

export const QueueItemSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  recordType: Type.String(),
  recordId: Type.String(),
  personId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  personName: Type.Union([Type.String(), Type.Null()]),
  dueOn: Type.String({ format: 'date' }),
  action: Type.String(),
});

export const HoldSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  personName: Type.Union([Type.String(), Type.Null()]),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  placedBy: Type.String(),
  placedAt: Type.String({ format: 'date-time' }),
});
