// What the server may write to its logs: never names, dates of birth, addresses or free text. Requests are logged as
// method, route pattern (not the path, whose query string or tokens could hold anything) and request id; errors as
// their class, code, stack frames and a message with every value taken out. Bodies, query strings and headers are
// never logged.
import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

const SAFE_CODE = /^[A-Z0-9_]{1,40}$/;

/**
 * An error message without its values: only the text before the first colon or line break, with quoted, bracketed
 * and any other word that is not plain lower-case (names, numbers, dates, e-mails, paths) replaced by "…".
 */
export function scrubMessage(message: unknown): string {
  const head = String(message ?? '').split(/[:\n\r]/)[0];
  const words = head
    .replace(/"[^"]*"?|'[^']*'?|`[^`]*`?|\([^)]*\)?|\[[^\]]*\]?|\{[^}]*\}?/g, ' … ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i) => (/^[a-z]+[,.;]?$/.test(w) || (i === 0 && /^[A-Z][a-z]+$/.test(w)) ? w : '…'));
  return words
    .join(' ')
    .replace(/…( …)+/g, '…')
    .slice(0, 200);
}

interface LoggedError {
  type: string;
  code?: string;
  message: string;
  stack?: string;
}

/** The error's class, code, message without values and stack frames (which hold code locations, not data). */
export function serializeError(err: unknown): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: '…' };
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 15)
    .join('\n');
  return {
    type: err.constructor?.name || err.name,
    ...(typeof code === 'string' && SAFE_CODE.test(code) ? { code } : {}),
    message: scrubMessage(err.message),
    ...(frames ? { stack: frames } : {}),
  };
}

function serializeRequest(req: FastifyRequest) {
  return { id: req.id, method: req.method, route: req.routeOptions?.url ?? '(no route)' };
}

const WARN = 40;
const ERROR = 50;

/** Pino options for Fastify's logger. `stream` lets tests read what would be written. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): LoggerOptions & { stream?: NodeJS.WritableStream } {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: { req: serializeRequest as never, err: serializeError, error: serializeError },
    redact: { paths: ['req.headers', 'req.body', 'req.query', 'req.params', 'req.url', 'body', 'query', 'headers', 'params', 'url'], remove: true },
    hooks: {
      // `log.error(err)` would otherwise use the raw err.message as the line's message, values and all.
      logMethod(args, method, level) {
        const [first, second] = args as unknown[];
        if (first instanceof Error) return method.apply(this, [{ err: first }, scrubMessage(first.message)] as never);
        const err =
          first && typeof first === 'object' ? ((first as { err?: unknown; error?: unknown }).err ?? (first as { error?: unknown }).error) : undefined;
        if (level >= WARN && err instanceof Error) return method.apply(this, [first, scrubMessage(err.message)] as never);
        if (level >= ERROR && typeof first === 'string') return method.apply(this, [scrubMessage(first)] as never);
        if (level >= ERROR && typeof second === 'string') return method.apply(this, [first, scrubMessage(second)] as never);
        return method.apply(this, args);
      },
    },
  };
}
