// The operations routes and hooks of a web server: /ready beside /health, /metrics, and the request id on every
// response (x-request-id), the same id each log line of the request carries, so a report can be matched to the logs.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../db/connect.ts';
import { metrics } from './metrics.ts';
import { readiness } from './readiness.ts';

export function operations(app: FastifyInstance, db: Db, config: Config): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  readiness(app, db);
  metrics(app, db, config.metricsToken);
}
