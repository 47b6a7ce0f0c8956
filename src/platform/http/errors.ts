// One place that turns errors into responses: problem+json for the API, a GOV.UK error page otherwise.

import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldErrors } from './input.ts';
import { Problem, problemBody } from './problems.ts';

export function toProblem(err: FastifyError | Problem | Error): Problem {
  if (err instanceof Problem) return err;
  const e = err as FastifyError & { validation?: ErrorObject[]; validationContext?: string };
  if (e.validation) {
    // A path id that is not an id names no record: 404, as a mistyped link would.
    if (e.validationContext === 'params') return new Problem(404, 'Not found', 'The record was not found');
    const errors = fieldErrors(e.validation, e.validationContext);
    // A well-formed JSON body that breaks the schema is unprocessable (422); a bad query string or header is 400.
    if (e.validationContext === 'body') return new Problem(422, 'Validation failed', 'Some of the information is missing or not valid', errors);
    return new Problem(400, 'Bad request', 'The request does not match the API schema', errors);
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e instanceof SyntaxError) {
    return new Problem(400, 'Bad request', 'The request body is not valid JSON', [{ field: 'body', message: 'Send a valid JSON document' }]);
  }
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return new Problem(400, 'Bad request', 'The request body is empty', [{ field: 'body', message: 'Send a JSON document' }]);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new Problem(415, 'Unsupported media type', 'Send application/json');
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new Problem(413, 'Payload too large', 'The request body is too large');
  if (e.code?.startsWith('FST_CSRF'))
    return new Problem(403, 'Form expired', 'This form has expired or was not sent from Jigsaw. Go back, reload the page and try again.');
  if (e.statusCode === 429) return new Problem(429, 'Too many requests', e.message);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new Problem(e.statusCode, 'Bad request', e.message);
  return new Problem(500, 'Internal server error', 'Something went wrong. Try again later.');
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: Problem) {
  if (req.url.startsWith('/api/') || !req.headers.accept?.includes('text/html')) {
    return reply.status(problem.status).type('application/problem+json').send(problemBody(problem, req.url));
  }
  return reply.status(problem.status).render('error.njk', { pageTitle: problem.title, problem });
}

export function errorHandling(app: FastifyInstance) {
  app.setErrorHandler((err, req, reply) => {
    const problem = toProblem(err as FastifyError);
    if (problem.status >= 500) req.log.error(err);
    return sendProblem(req, reply, problem);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new Problem(404, 'Page not found', 'If you typed the web address, check it is correct.')));
}
