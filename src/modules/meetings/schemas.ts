// Inputs of meetings: the child's Meetings tab, and the meetings of issue 12 (one schema each for the API, the
// pages and the use cases).
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { ATTENDANCE, MINUTE_HANDLING } from './domain.ts';

export const PersonMeetingsInput = Type.Object({ personId: Uuid }, { additionalProperties: false });

const EX_AGENCY = '6f1c1d7e-0000-4000-8000-000000000001';
const EX_PERSON = '6f1c1d7e-0000-4000-8000-0000000000b1';

const dateTime = (what: string) =>
  Type.String({
    format: 'date-time',
    errorMessage: { required: `Enter when the meeting ${what}`, format: `Enter when the meeting ${what}, like 2026-04-01T10:00:00Z` },
  });
const agencyId = Type.String({ format: 'uuid', errorMessage: { required: 'Select an agency', format: 'Select an agency' } });

export const InviteeInput = Type.Object(
  {
    agencyId,
    userId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Select someone who works for the agency' } })),
    name: Type.Optional(Type.String({ maxLength: 120, errorMessage: { maxLength: 'The name must be 120 characters or fewer' } })),
  },
  { additionalProperties: false },
);

export const CreateMeetingBody = Type.Object(
  {
    typeCode: Type.String({ minLength: 1, maxLength: 40, errorMessage: { required: 'Select the type of meeting', minLength: 'Select the type of meeting' } }),
    title: Type.Optional(Type.String({ maxLength: 200, errorMessage: { maxLength: 'The title must be 200 characters or fewer' } })),
    startsAt: dateTime('starts'),
    endsAt: dateTime('ends'),
    location: Type.Optional(Type.String({ maxLength: 200, errorMessage: { maxLength: 'The location must be 200 characters or fewer' } })),
    chairUserId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Select the chair' } })),
    chairName: Type.Optional(Type.String({ maxLength: 120, errorMessage: { maxLength: 'The chair’s name must be 120 characters or fewer' } })),
    personId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'There is no child with that id' } })),
    entityId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'There is no place or group with that id' } })),
    decisionId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'There is no triage decision with that id' } })),
    invitees: Type.Optional(Type.Array(InviteeInput, { maxItems: 60 })),
  },
  {
    $id: 'MeetingCreateInput',
    additionalProperties: false,
    examples: [
      {
        typeCode: 'mace',
        startsAt: '2026-04-01T10:00:00Z',
        endsAt: '2026-04-01T11:30:00Z',
        location: 'Civic Centre, room 2',
        chairName: 'A. Chair',
        personId: EX_PERSON,
        invitees: [{ agencyId: EX_AGENCY }],
      },
    ],
  },
);
export const CreateMeetingInput = Type.Object(
  { ...CreateMeetingBody.properties, idempotencyKey: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const MeetingRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const MeetingsQuery = Type.Object(
  { type: Type.Optional(Type.String({ maxLength: 40 })), personId: Type.Optional(Uuid), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })) },
  { additionalProperties: false },
);

export const InviteBody = Type.Object(
  { invitees: Type.Array(InviteeInput, { maxItems: 60 }) },
  { $id: 'MeetingInviteInput', additionalProperties: false, examples: [{ invitees: [{ agencyId: EX_AGENCY }] }] },
);
export const InviteInput = Type.Object({ id: Uuid, ...InviteBody.properties }, { additionalProperties: false });

export const AttendanceBody = Type.Object(
  {
    attendance: Type.Array(
      Type.Object(
        {
          inviteeId: Type.String({ format: 'uuid', errorMessage: { format: 'There is no such invitee' } }),
          attendance: Enum(ATTENDANCE, { errorMessage: { required: 'Select present, apologies or absent' } }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 60 },
    ),
  },
  { $id: 'MeetingAttendanceInput', additionalProperties: false, examples: [{ attendance: [{ inviteeId: EX_AGENCY, attendance: 'present' }] }] },
);
export const AttendanceInput = Type.Object({ id: Uuid, ...AttendanceBody.properties }, { additionalProperties: false });

export const MinuteBody = Type.Object(
  {
    /** A retry of the same section (same id) records it once. */
    sectionId: Type.Optional(Uuid),
    itemId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'There is no such agenda item' } })),
    body: Type.String({
      minLength: 1,
      maxLength: 20000,
      errorMessage: { required: 'Enter the minutes', minLength: 'Enter the minutes', maxLength: 'The minutes must be 20000 characters or fewer' },
    }),
    handling: Type.Optional(Enum(MINUTE_HANDLING, { errorMessage: 'Select handling code P or C' })),
    agencyIds: Type.Optional(Type.Array(agencyId, { maxItems: 60, uniqueItems: true })),
    decision: Type.Optional(Type.String({ maxLength: 5000, errorMessage: { maxLength: 'The decision must be 5000 characters or fewer' } })),
  },
  {
    $id: 'MeetingMinuteInput',
    additionalProperties: false,
    examples: [{ body: 'Discussed the school’s concerns.', handling: 'P', decision: 'Refer to the Panel.' }],
  },
);
export const MinuteInput = Type.Object({ id: Uuid, ...MinuteBody.properties }, { additionalProperties: false });

export const MeetingActionBody = Type.Object(
  {
    title: Type.String({
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
    ownerUserId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Select the person responsible for this action' } })),
    dueOn: Type.String({ format: 'date', errorMessage: { required: 'Enter a due date', format: 'Due date must be a real date, for example 2026-03-27' } }),
  },
  {
    $id: 'MeetingActionInput',
    additionalProperties: false,
    examples: [{ title: 'Share the school attendance record', ownerAgencyId: EX_AGENCY, dueOn: '2026-04-08' }],
  },
);
export const MeetingActionInput = Type.Object({ id: Uuid, ...MeetingActionBody.properties }, { additionalProperties: false });

export const MeetingSettingsInput = Type.Object(
  { maceDueWorkingDays: Type.Integer({ minimum: 1, maximum: 60, errorMessage: 'Enter a number of working days from 1 to 60' }) },
  { $id: 'MeetingSettingsInput', additionalProperties: false, examples: [{ maceDueWorkingDays: 5 }] },
);
