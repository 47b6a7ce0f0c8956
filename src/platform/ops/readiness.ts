// /ready (readiness: take traffic?) beside /health (liveness: is the process alive?). Ready means the database
// answers and every migration this code knows is applied: a load balancer keeps a server out of rotation during a
// deployment whose migrations are still to run, without an orchestrator restarting it as dead.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.ts';
import { pendingMigrations } from './checks.ts';

export function readiness(app: FastifyInstance, db: Db): void {
  app.get('/ready', { config: { auth: 'public' } }, async (_req, reply) => {
    try {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) return reply.status(503).send({ status: 'not ready', database: 'ok', migrations: `${pending.length} not applied` });
      return { status: 'ready', database: 'ok', migrations: 'applied' };
    } catch {
      return reply.status(503).send({ status: 'not ready', database: 'unreachable' });
    }
  });
}
