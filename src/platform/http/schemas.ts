// Shared API schemas (TypeBox): they validate requests and generate /api/openapi.json.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { FieldError } from './problems.ts';

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), detail: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details, with field-level errors' },
);

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The error responses every authenticated endpoint can give. */
export const problems = {
  400: problem('The request is malformed or does not match the schema'),
  401: problem('No valid bearer token'),
  403: problem('The token’s user may not do this'),
} as const;

export const withProblems = (ok: Record<number, TSchema>, extra: Record<number, string> = {}) => ({
  ...ok,
  ...problems,
  ...Object.fromEntries(Object.entries(extra).map(([code, d]) => [code, problem(d)])),
});

/**
 * A choice among fixed values, as a JSON Schema `enum` (one error listing the allowed values, not one per value).
 * Accepts a list or a vocabulary object (its keys are the values).
 */
export function Enum<const V extends string>(values: readonly V[] | Record<V, unknown>, options: Record<string, unknown> = {}) {
  const list = (Array.isArray(values) ? values : Object.keys(values)) as V[];
  return Type.Unsafe<V>({ type: 'string', enum: list, ...options });
}

const day = (which: 'start' | 'end', example: string) =>
  Type.String({
    format: 'date',
    description: `The ${which === 'start' ? 'first' : 'last'} day, YYYY-MM-DD (UK calendar days, inclusive)`,
    errorMessage: `Enter the ${which} of the period as a date, like ${example}`,
  });

/** A report period: from and to, UK calendar days inclusive. Its rule (from not after to) is `periodErrors`. */
export const Period = Type.Object({ from: day('start', '2022-10-01'), to: day('end', '2023-02-28') }, { additionalProperties: false });
export type Period = Static<typeof Period>;

/** The rule of every period: it does not end before it starts. */
export const periodErrors = (p: Period): FieldError[] =>
  p.to < p.from ? [{ field: 'to', message: 'The end of the period must be on or after its start' }] : [];
