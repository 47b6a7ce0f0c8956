// Operations (issue 20): /ready beside /health, /metrics behind its token (request rates and latencies by route
// pattern, job queue depth, audit sealing delay), JSON logs carrying the request id echoed as x-request-id and no
// personal data, and the Dockerfile's non-root user. PGlite; PostgreSQL in CI's second pass.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { enqueue } from '../src/platform/jobs/store.ts';
import { type World, world } from './fixtures.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
const lines: string[] = [];
let w: World;
before(async () => {
  const logStream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  w = await world({ metricsToken: TOKEN, logLevel: 'info' }, logStream);
});
after(() => w?.close());

test('/health is liveness; /ready says whether the database answers and every migration is applied', async () => {
  assert.equal((await w.app.inject({ url: '/health' })).statusCode, 200);
  const ready = await w.app.inject({ url: '/ready' });
  assert.equal(ready.statusCode, 200);
  assert.deepEqual(ready.json(), { status: 'ready', database: 'ok', migrations: 'applied' });
  const last = await sql<{ name: string }>`select name from schema_migration order by name desc limit 1`.execute(w.database.db);
  const name = last.rows[0].name;
  await sql`delete from schema_migration where name = ${name}`.execute(w.database.db);
  try {
    const pending = await w.app.inject({ url: '/ready' });
    assert.equal(pending.statusCode, 503);
    assert.deepEqual(pending.json(), { status: 'not ready', database: 'ok', migrations: '1 not applied' });
    assert.equal((await w.app.inject({ url: '/health' })).statusCode, 200, 'still alive: not to be restarted');
  } finally {
    await sql`insert into schema_migration (name) values (${name})`.execute(w.database.db);
  }
});

test('/metrics: refused without the token; with it, request counts and latency by route pattern, queue depth, sealing delay', async () => {
  assert.equal((await w.app.inject({ url: '/metrics' })).statusCode, 401);
  assert.equal((await w.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode, 401);
  const personId = '5d0b6f8e-1111-4222-8333-944455556666';
  await w.app.inject({ url: `/people/${personId}?name=Philippa+Quartermaine-Test` });
  await enqueue(w.database.db, { queue: 'test-ops', key: `ops-${Date.now()}`, payload: {} });
  const res = await w.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  const text = res.body;
  assert.match(text, /jigsaw_http_requests_total\{method="GET",route="\/health",status_code="200"\} [1-9]/);
  assert.match(text, /jigsaw_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/people\/:id",status_code="302"\} 1/);
  assert.match(text, /jigsaw_job_queue_depth [1-9]/);
  assert.match(text, /jigsaw_audit_unsealed_events \d+/);
  assert.match(text, /jigsaw_audit_sealing_delay_seconds \d/);
  assert.match(text, /jigsaw_process_cpu_user_seconds_total/);
  assert.ok(!text.includes(personId) && !text.includes('Philippa'), 'labels are route patterns, never paths or query strings');

  const unset = await world({ logLevel: 'silent' });
  try {
    const off = await unset.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(off.statusCode, 403, 'no token configured: nobody reads the metrics');
    assert.match(off.body, /JIGSAW_METRICS_TOKEN/);
  } finally {
    await unset.close();
  }
});

test('logs are JSON lines with the request id echoed as x-request-id, and no cookie, token, query or body', async () => {
  lines.length = 0;
  const res = await w.app.inject({
    method: 'POST',
    url: '/sign-in?name=Philippa+Quartermaine-Test',
    headers: { cookie: 'jigsaw_session=secret-session-value', authorization: 'Bearer secret-api-token', 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'email=philippa%40example.test&password=hunter2-secret',
  });
  const id = String(res.headers['x-request-id']);
  assert.match(id, /^[0-9a-f-]{36}$/);
  const ours = lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === id);
  assert.ok(ours.length >= 1, 'the request is logged with its id');
  assert.ok(ours.some((l) => l.req?.route === '/sign-in' && l.req?.method === 'POST'));
  const all = lines.join('\n');
  for (const secret of ['secret-session-value', 'secret-api-token', 'Philippa', 'philippa', 'hunter2']) assert.ok(!all.includes(secret), secret);
  const other = await w.app.inject({ url: '/health', headers: { 'request-id': 'chosen-by-caller' } });
  assert.notEqual(other.headers['x-request-id'], 'chosen-by-caller');
});

test('the Dockerfile runs as a non-root user, installs without dev dependencies and checks /health', () => {
  const file = readFileSync('Dockerfile', 'utf8');
  const users = [...file.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
  assert.ok(users.length > 0, 'a USER line');
  assert.ok(!['root', '0', '0:0', 'root:root'].includes(users[users.length - 1]), `the final user is ${users[users.length - 1]}`);
  assert.match(file, /npm ci --omit=dev/);
  assert.match(file, /^HEALTHCHECK [^\n]*\\\n\s+CMD [^\n]*\/health/m);
  assert.match(readFileSync('.dockerignore', 'utf8'), /^data$/m);
});
