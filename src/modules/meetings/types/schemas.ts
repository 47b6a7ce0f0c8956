// Inputs of the partnership's meeting types (the admin page and /api/v1/meeting-types share them).
import { Type } from '@sinclair/typebox';
import { Enum } from '../../../platform/http/schemas.ts';
import { AGENDA_ITEM_MAX, AGENDA_ITEMS_MAX, AGENDA_KINDS, CADENCES, MEETING_SUBJECTS } from '../domain.ts';

const fields = {
  name: Type.String({
    minLength: 1,
    maxLength: 80,
    pattern: '\\S',
    errorMessage: {
      required: 'Enter the name of the meeting type',
      minLength: 'Enter the name of the meeting type',
      pattern: 'Enter the name of the meeting type',
      maxLength: 'The name must be 80 characters or fewer',
    },
  }),
  subject: Enum(MEETING_SUBJECTS, { description: 'What a meeting of the type is about', errorMessage: { required: 'Select what the meeting is about' } }),
  agenda: Enum(AGENDA_KINDS, { description: 'The live agenda it assembles', errorMessage: { required: 'Select the agenda it assembles' } }),
  cadence: Enum(CADENCES, { errorMessage: { required: 'Select how often it meets' } }),
  defaultAgenda: Type.Array(
    Type.String({
      minLength: 1,
      maxLength: AGENDA_ITEM_MAX,
      errorMessage: { minLength: 'An agenda item cannot be blank', maxLength: `Each agenda item must be ${AGENDA_ITEM_MAX} characters or fewer` },
    }),
    {
      maxItems: AGENDA_ITEMS_MAX,
      description: 'The items a new meeting of the type starts with; empty for the standard items of its live agenda',
      errorMessage: { maxItems: `The default agenda can have up to ${AGENDA_ITEMS_MAX} items` },
    },
  ),
  active: Type.Boolean({ description: 'An inactive type cannot be chosen for a new meeting', errorMessage: 'Say whether the type is in use' }),
};

export const CreateMeetingTypeInput = Type.Object(
  {
    code: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9_]{1,40}$',
        description: 'The key meetings refer to the type by; made from the name when left out',
        errorMessage: 'A code is lower-case letters, digits and underscores, up to 40 characters',
      }),
    ),
    name: fields.name,
    subject: fields.subject,
    agenda: Type.Optional(fields.agenda),
    cadence: Type.Optional(fields.cadence),
    defaultAgenda: Type.Optional(fields.defaultAgenda),
  },
  {
    $id: 'MeetingTypeInput',
    additionalProperties: false,
    examples: [{ name: 'Missing Children Panel', subject: 'many', agenda: 'panel', cadence: 'monthly', defaultAgenda: ['Apologies', 'Repeat missing'] }],
  },
);

export const UpdateMeetingTypeBody = Type.Object(
  {
    name: Type.Optional(fields.name),
    subject: Type.Optional(fields.subject),
    agenda: Type.Optional(fields.agenda),
    cadence: Type.Optional(fields.cadence),
    defaultAgenda: Type.Optional(fields.defaultAgenda),
    active: Type.Optional(fields.active),
  },
  {
    $id: 'MeetingTypeChange',
    additionalProperties: false,
    description: 'Fields left out are unchanged.',
    examples: [{ cadence: 'weekly', defaultAgenda: ['Apologies', 'Hub figures', 'Any other business'] }],
  },
);
export const UpdateMeetingTypeInput = Type.Object(
  { code: Type.String({ maxLength: 40 }), ...UpdateMeetingTypeBody.properties },
  { additionalProperties: false },
);

export const MeetingTypeSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  subject: Type.String(),
  agenda: Type.String(),
  cadence: Type.String(),
  active: Type.Boolean(),
  defaultAgenda: Type.Array(Type.String()),
});
