// Action tracker input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { REASON_MAX, SOURCE_KINDS, TITLE_MAX } from './domain.ts';

const EX_AGENCY = '6f1c1d7e-0000-4000-8000-000000000001';
const EX_ID = '6f1c1d7e-0000-4000-8000-0000000000a1';

const title = Type.String({
  minLength: 1,
  maxLength: TITLE_MAX,
  errorMessage: {
    required: 'Enter what needs to be done',
    minLength: 'Enter what needs to be done',
    maxLength: `The action must be ${TITLE_MAX} characters or fewer`,
  },
});
const ownerAgencyId = Type.String({
  format: 'uuid',
  errorMessage: { required: 'Select the agency responsible for this action', format: 'Select the agency responsible for this action' },
});
const ownerUserId = Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Select the person responsible for this action' } }));
const ownerName = Type.Optional(Type.String({ maxLength: 120, errorMessage: { maxLength: 'The owner’s name must be 120 characters or fewer' } }));
const dueOn = Type.String({ format: 'date', errorMessage: { required: 'Enter a due date', format: 'Due date must be a real date, for example 2026-03-27' } });

export const CreateActionInput = Type.Object(
  {
    sourceKind: Enum(SOURCE_KINDS, { errorMessage: { required: 'Say where the action comes from' } }),
    sourceId: Type.Optional(Uuid),
    personId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'There is no person with that id' } })),
    context: Type.Optional(Type.String({ maxLength: 200, errorMessage: { maxLength: 'The context must be 200 characters or fewer' } })),
    planId: Type.Optional(Uuid),
    /** The referral a triage decision's action follows from. */
    referralId: Type.Optional(Uuid),
    title,
    ownerAgencyId,
    ownerUserId,
    ownerName,
    dueOn,
  },
  {
    $id: 'ActionCreateInput',
    additionalProperties: false,
    examples: [
      { sourceKind: 'meeting', sourceId: EX_ID, personId: EX_ID, title: 'Share the school attendance record', ownerAgencyId: EX_AGENCY, dueOn: '2026-04-01' },
    ],
  },
);

export const ActionRef = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ACTION_FILTERS = ['all', 'mine', 'agency', 'overdue'] as const;
export const ActionsQuery = Type.Object(
  {
    show: Type.Optional(Enum(ACTION_FILTERS)),
    status: Type.Optional(Enum(['open', 'in_progress', 'done', 'cancelled', 'live'] as const)),
    personId: Type.Optional(Uuid),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object(
  { status: Enum(['open', 'in_progress', 'done'] as const, { errorMessage: { required: 'Select a status' } }) },
  { $id: 'ActionStatusInput', additionalProperties: false, examples: [{ status: 'in_progress' }] },
);
export const StatusInput = Type.Object({ id: Uuid, ...StatusBody.properties }, { additionalProperties: false });

export const ReassignBody = Type.Object(
  { ownerAgencyId, ownerUserId, ownerName, dueOn: Type.Optional(dueOn) },
  { $id: 'ActionReassignInput', additionalProperties: false, examples: [{ ownerAgencyId: EX_AGENCY, dueOn: '2026-04-08' }] },
);
export const ReassignInput = Type.Object({ id: Uuid, ...ReassignBody.properties }, { additionalProperties: false });

export const CancelBody = Type.Object(
  {
    reason: Type.String({
      maxLength: REASON_MAX,
      errorMessage: { required: 'Enter why the action is being cancelled', maxLength: `The reason must be ${REASON_MAX} characters or fewer` },
    }),
  },
  { $id: 'ActionCancelInput', additionalProperties: false, examples: [{ reason: 'The family moved out of the area; the new authority holds the plan.' }] },
);
export const CancelInput = Type.Object({ id: Uuid, ...CancelBody.properties }, { additionalProperties: false });

const nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ActionSchema = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    sourceKind: Type.String(),
    sourceId: nullable(Uuid),
    personId: nullable(Uuid),
    context: nullable(Type.String()),
    referralId: nullable(Uuid),
    planId: nullable(Uuid),
    ownerAgencyId: Uuid,
    ownerAgencyName: Type.String(),
    ownerUserId: nullable(Uuid),
    ownerName: nullable(Type.String()),
    dueOn: Type.String({ format: 'date' }),
    status: Type.String(),
    reason: nullable(Type.String()),
    rag: Type.String(),
    overdue: Type.Boolean(),
  },
  { $id: 'Action' },
);

export const ActionWithHistorySchema = Type.Object({
  ...ActionSchema.properties,
  history: Type.Array(
    Type.Object({ at: Type.String({ format: 'date-time' }), change: Type.String(), by: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) }),
  ),
});
