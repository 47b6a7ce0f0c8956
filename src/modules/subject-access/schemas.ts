// Subject access inputs.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { RECTIFIABLE_FIELDS } from './rectification.ts';

export const SubjectAccessPreview = Type.Object({ personId: Uuid }, { additionalProperties: false });

export const SubjectAccessRelease = Type.Object(
  {
    personId: Uuid,
    /** Who the copy goes to: the person, or their representative. */
    releasedTo: Type.String({ minLength: 1, maxLength: 200 }),
    format: Type.Union([Type.Literal('html'), Type.Literal('json')]),
  },
  { additionalProperties: false },
);

/** Rectification: the person, the detail and its correct value (blank clears an optional detail), and why. */
export const RectifyInput = Type.Object(
  {
    personId: Uuid,
    field: Enum(RECTIFIABLE_FIELDS, { errorMessage: { required: 'Choose the detail to correct', enum: 'Choose the detail to correct' } }),
    value: Type.Optional(Type.String({ maxLength: 500, errorMessage: { maxLength: 'The correct value must be 500 characters or fewer' } })),
    reason: Type.String({
      maxLength: 2000,
      errorMessage: { maxLength: 'The reason must be 2000 characters or fewer', required: 'Say why the detail was wrong' },
    }),
  },
  { additionalProperties: false },
);
