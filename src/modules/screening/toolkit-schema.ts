// The shape a toolkit file must have before its rules (unique keys, contiguous bands) are checked.
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ANSWERS, EXPLOITATION_TYPES, INDICATOR_GROUPS, SCREENING_LEVELS, type Toolkit, validateToolkit } from './toolkit.ts';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Types = Type.Array(literals(EXPLOITATION_TYPES), { minItems: 1 });
const Points = Type.Object(Object.fromEntries(ANSWERS.map((a) => [a, Type.Number({ minimum: 0 })])));

export const ToolkitSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$' }),
  version: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  indicators: Type.Array(Type.Object({ key: Type.String({ pattern: '^[a-z0-9_]+$' }), label: Type.String({ minLength: 1 }), group: literals(INDICATOR_GROUPS), types: Types }), { minItems: 1 }),
  significantIncidents: Type.Array(Type.Object({ key: Type.String({ pattern: '^[a-z0-9_]+$' }), label: Type.String({ minLength: 1 }), types: Types })),
  points: Type.Object(Object.fromEntries(INDICATOR_GROUPS.map((g) => [g, Points]))),
  incidentForcingAnswers: Type.Array(literals(ANSWERS)),
  bands: Type.Array(Type.Object({ level: literals(SCREENING_LEVELS), min: Type.Integer({ minimum: 0 }), max: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) }), { minItems: 1 }),
});

/** Problems with a toolkit read from a file: its shape first, then its rules. Empty when it can be installed. */
export function toolkitProblems(candidate: unknown): string[] {
  if (!Value.Check(ToolkitSchema, candidate)) {
    return [...Value.Errors(ToolkitSchema, candidate)].slice(0, 20).map((e) => `${e.path || '/'}: ${e.message}`);
  }
  return validateToolkit(candidate as unknown as Toolkit);
}
