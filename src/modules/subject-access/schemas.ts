// Subject access inputs.
import { Type } from '@sinclair/typebox';
import { Uuid } from '../../platform/http/schemas.ts';

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
