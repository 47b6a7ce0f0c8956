// Prometheus metrics at /metrics (prom-client): request rate and latency by route pattern and status, the job
// queue's depth, and the audit sealer's backlog. Labels are route patterns, never paths, so no identifier or name
// reaches the metrics. Protected by JIGSAW_METRICS_TOKEN (a bearer token, compared in constant time); without it
// configured /metrics answers 403 to everyone.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/connect.ts';
import { Problem } from '../http/problems.ts';
import { queueCounts } from '../jobs/store.ts';
import { sealingBacklog } from './store.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  return given !== '' && timingSafeEqual(digest(given), digest(token));
}

export function metrics(app: FastifyInstance, db: Db, token: string | undefined): Registry {
  // One registry per app: tests build many apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jigsaw_' });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({ name: 'jigsaw_http_requests_total', help: 'HTTP requests answered, by route pattern', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'jigsaw_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'jigsaw_job_queue_depth',
    help: 'Jobs waiting to run (not done, not failed for good)',
    registers: [registry],
    async collect() {
      this.set((await queueCounts(db)).pending);
    },
  });
  new Gauge({
    name: 'jigsaw_jobs_failed',
    help: 'Jobs that failed for good',
    registers: [registry],
    async collect() {
      this.set((await queueCounts(db)).failed);
    },
  });
  const backlog = () => sealingBacklog(db);
  new Gauge({
    name: 'jigsaw_audit_unsealed_events',
    help: 'Audit events recorded but not yet sealed',
    registers: [registry],
    async collect() {
      this.set((await backlog()).unsealed);
    },
  });
  new Gauge({
    name: 'jigsaw_audit_sealing_delay_seconds',
    help: 'How long the oldest unsealed audit event has waited (0 when none wait)',
    registers: [registry],
    async collect() {
      this.set((await backlog()).oldestSeconds);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: req.routeOptions?.url ?? '(no route)', status_code: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { config: { auth: 'public' } }, async (req, reply) => {
    if (!token) throw new Problem(403, 'Metrics not enabled', 'Set JIGSAW_METRICS_TOKEN and have Prometheus send it as a bearer token');
    if (!tokenMatches(req.headers.authorization, token)) throw new Problem(401, 'Not authorised', 'Send the metrics token as Authorization: Bearer <token>');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}
