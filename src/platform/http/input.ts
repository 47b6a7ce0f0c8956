// The one way input is checked, for pages and API alike: a TypeBox schema, compiled by Ajv with no type coercion
// (12345 is not text), unknown fields refused, and errors that name the field ("subject.givenName",
// "indicators[2]") and, for a choice, list what is allowed.
import type { Static, TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { type FieldError, ValidationProblem } from './problems.ts';

/** Keywords our schemas carry for people, not for validation. */
export const MESSAGE_KEYWORDS = ['errorMessage'] as const;

function makeAjv(coerceTypes: boolean) {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, coerceTypes, useDefaults: false, verbose: true, strict: false });
  // ajv-formats is CommonJS: its function is the default export under Node, or `.default` of it under some loaders.
  const addFormats = ((ajvFormats as unknown as { default?: typeof ajvFormats }).default ?? ajvFormats) as unknown as (a: Ajv) => void;
  addFormats(ajv);
  for (const k of MESSAGE_KEYWORDS) ajv.addKeyword(k);
  return ajv;
}

/** Ajv for JSON bodies (no coercion) and for query strings, path parameters and headers (text coerced to numbers). */
export const bodyAjv = makeAjv(false);
export const textAjv = makeAjv(true);

const compiled = new WeakMap<TSchema, ValidateFunction>();
function validatorFor(schema: TSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = bodyAjv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** A schema property's own message for a failed keyword: `errorMessage: 'Enter ...'` or `{ maxLength: '...' }`. */
function ownMessage(schema: unknown, keyword: string): string | undefined {
  const m = (schema as { errorMessage?: string | Record<string, string> } | undefined)?.errorMessage;
  if (typeof m === 'string') return m;
  return m?.[keyword] ?? m?.default;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

const FORMAT_WORDS: Record<string, string> = {
  date: 'a real date, like 2026-01-31',
  'date-time': 'a date and time, like 2026-01-31T14:30:00Z',
  uuid: 'an id (a UUID)',
  email: 'an email address, like name@example.org',
};

/** Field path in the one syntax used everywhere: dots between names, [n] for list items. */
export function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (extra) parts.push(extra);
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function messageFor(e: ErrorObject, field: string): string {
  const subject = field || 'The request';
  switch (e.keyword) {
    case 'required': {
      const prop = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties?.[String(e.params.missingProperty)];
      return ownMessage(prop, 'required') ?? `${subject} is required`;
    }
    case 'additionalProperties':
      return `${subject} is not a known field: remove it`;
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String).join(', ');
      return ownMessage(e.parentSchema, 'enum') ?? `${subject} must be one of: ${allowed}`;
    }
    case 'const':
      return `${subject} must be ${JSON.stringify(e.params.allowedValue)}`;
    case 'type':
      return ownMessage(e.parentSchema, 'type') ?? `${subject} must be ${TYPE_WORDS[String(e.params.type)] ?? e.params.type}`;
    case 'format':
      return ownMessage(e.parentSchema, 'format') ?? `${subject} must be ${FORMAT_WORDS[String(e.params.format)] ?? `in the ${e.params.format} format`}`;
    case 'maxLength':
      return ownMessage(e.parentSchema, 'maxLength') ?? `${subject} must be ${e.params.limit} characters or fewer`;
    case 'minLength':
      return (
        ownMessage(e.parentSchema, 'minLength') ??
        (e.params.limit === 1 ? `${subject} must not be empty` : `${subject} must be at least ${e.params.limit} characters`)
      );
    case 'maxItems':
      return `${subject} may have at most ${e.params.limit} items`;
    case 'minItems':
      return ownMessage(e.parentSchema, 'minItems') ?? `${subject} needs at least ${e.params.limit} item${e.params.limit === 1 ? '' : 's'}`;
    case 'minimum':
    case 'maximum':
      return ownMessage(e.parentSchema, e.keyword) ?? `${subject} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${e.params.limit}`;
    case 'pattern':
      return ownMessage(e.parentSchema, 'pattern') ?? `${subject} is not in the expected form`;
    default:
      return ownMessage(e.parentSchema, e.keyword) ?? `${subject} ${e.message ?? 'is not valid'}`;
  }
}

/** Ajv errors as field errors, one per field (the first problem found for it), in the order found. */
export function fieldErrors(errors: readonly ErrorObject[], context?: string): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const e of errors) {
    // A union's branch errors say nothing a person can use; the union's own error (anyOf) is reported instead.
    if (e.schemaPath.includes('/anyOf/')) continue;
    const extra =
      e.keyword === 'required' ? String(e.params.missingProperty) : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
    const field = fieldPath(e.instancePath, extra) || context || 'body';
    if (!out.has(field))
      out.set(field, { field, message: e.keyword === 'anyOf' ? (ownMessage(e.parentSchema, 'anyOf') ?? `${field} is not valid`) : messageFor(e, field) });
  }
  return [...out.values()];
}

/**
 * Fields holding a NUL character (U+0000), which PostgreSQL cannot store in text: in values, names and list items,
 * at any depth, named in the same syntax as schema errors. Buffers (uploaded files) are not text and are skipped.
 */
export function nulErrors(raw: unknown, field = ''): FieldError[] {
  const out: FieldError[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) out.push({ field: path || 'body', message: `${path || 'The request'} must not contain a NUL character` });
    } else if (v && typeof v === 'object' && depth < 64 && !Buffer.isBuffer(v) && !ArrayBuffer.isView(v)) {
      for (const [k, child] of Object.entries(v)) {
        const at = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) out.push({ field: at.replaceAll('\u0000', ''), message: 'A field name must not contain a NUL character' });
        else walk(child, at, depth + 1);
      }
    }
  };
  walk(raw, field, 0);
  return out;
}

/** Parses input with the schema, or throws a 422 naming every field that is wrong. */
export function parseInput<S extends TSchema>(schema: S, raw: unknown): Static<S> {
  const nul = nulErrors(raw);
  if (nul.length > 0) throw new ValidationProblem(nul);
  const validate = validatorFor(schema);
  if (!validate(raw)) throw new ValidationProblem(fieldErrors(validate.errors ?? []));
  return raw as Static<S>;
}

/** The field errors input would get, without throwing (forms with checks of their own). */
export function inputErrors(schema: TSchema, raw: unknown): FieldError[] {
  const validate = validatorFor(schema);
  return validate(raw) ? [] : fieldErrors(validate.errors ?? []);
}
