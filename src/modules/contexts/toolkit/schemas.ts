// Inputs of the context assessment toolkit (the admin pages and /api/v1/contexts/toolkit share them).
import { Type } from '@sinclair/typebox';
import { Enum } from '../../../platform/http/schemas.ts';
import { CONTEXT_KINDS } from '../domain.ts';
import { AREA_LABEL_MAX } from './domain.ts';

const Label = Type.String({
  minLength: 1,
  maxLength: AREA_LABEL_MAX,
  pattern: '\\S',
  description: 'What the area asks about, as assessors see it',
  errorMessage: {
    required: 'Enter the area',
    minLength: 'Enter the area',
    pattern: 'Enter the area',
    maxLength: `The area must be ${AREA_LABEL_MAX} characters or fewer`,
  },
});
const Active = Type.Boolean({
  description: 'Offered on new assessments; a withdrawn area is not (assessments already recorded keep it)',
  errorMessage: 'Say whether the area is offered on new assessments',
});
const Kind = Enum(CONTEXT_KINDS);
const Code = Type.String({ pattern: '^[a-z0-9_]{1,40}$' });

export const AddAreaBody = Type.Object(
  { label: Label },
  {
    $id: 'ContextToolkitAreaInput',
    additionalProperties: false,
    description: 'The code is made from the label.',
    examples: [{ label: 'Transport: the buses and stations the group uses' }],
  },
);
export const ChangeAreaBody = Type.Object(
  { label: Label, active: Active },
  {
    $id: 'ContextToolkitAreaChange',
    additionalProperties: false,
    description: 'A default area renamed keeps its code; assessments already recorded keep the label they were rated with.',
    examples: [{ label: 'Guardianship: who watches over the space, and when', active: true }],
  },
);

export const AreaRef = Type.Object({ kind: Kind, code: Code }, { additionalProperties: false });
export const AddAreaInput = Type.Object({ kind: Kind, label: Label }, { additionalProperties: false });
export const ChangeAreaInput = Type.Object({ kind: Kind, code: Code, label: Label, active: Active }, { additionalProperties: false });

const areaProperties = {
  code: Type.String(),
  label: Type.String(),
  defaultLabel: Type.Union([Type.String(), Type.Null()], { description: 'The default’s label, for a default area; null for the partnership’s own' }),
  source: Enum(['default', 'renamed', 'own'] as const, { description: 'default, a default renamed, or added by the partnership' }),
  active: Type.Boolean({ description: 'Offered on new assessments' }),
};
export const ToolkitAreaSchema = Type.Object({ kind: Kind, ...areaProperties }, { $id: 'ContextToolkitArea' });
export const ToolkitSchema = Type.Object(
  { kinds: Type.Array(Type.Object({ kind: Kind, label: Type.String(), areas: Type.Array(Type.Object(areaProperties)) })) },
  { $id: 'ContextToolkit' },
);
