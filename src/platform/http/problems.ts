// Errors that map to RFC 9457 problem+json in the API and to the GOV.UK error summary on pages.
export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message?: string,
    readonly errors: FieldError[] = [],
    /** A URI reference naming the kind of problem; about:blank when the status says it all. */
    readonly type = 'about:blank',
  ) {
    super(message ?? title);
  }
}

export class ValidationProblem extends Problem {
  constructor(errors: FieldError[], message = 'Some of the information is missing or not valid') {
    super(422, 'Validation failed', message, errors);
  }
}

export const unauthenticated = (message = 'Sign in, or send a valid API bearer token') => new Problem(401, 'Unauthenticated', message);
export const forbidden = (message = 'You do not have permission to do this') => new Problem(403, 'Forbidden', message);
export const notFound = (what = 'The record') => new Problem(404, 'Not found', `${what} was not found`);

export function problemBody(p: Problem, instance?: string) {
  return {
    type: p.type,
    title: p.title,
    status: p.status,
    detail: p.message,
    ...(instance ? { instance } : {}),
    ...(p.errors.length > 0 ? { errors: p.errors.map((e) => ({ field: e.field, detail: e.message })) } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids in paths are checked before they reach SQL, so a mistyped link is a 404, not a database error. */
export const isUuid = (value: string) => UUID.test(value);
