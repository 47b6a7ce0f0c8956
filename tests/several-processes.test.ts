// Two Jigsaw app instances serving one database, as two processes behind a load balancer would: a sign-in (and its
// CSRF cookie) made on one is honoured by the other, a rate limit counts attempts made on both, and the audit chain
// verifies with both writing and both sealing (decision 0010, "Several processes and Citus").
// Honest about what this is: two app instances in one test process. On PostgreSQL each has its own connection pool
// to the same database, so nothing is shared but the database (and the audit key, as two real processes share it);
// on PGlite (one connection by nature) they share the one database handle, which still shows that no per-instance
// memory (cookie secret, rate-limit counters) is relied on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { auditKeyOf, useAuditKey } from '../src/platform/audit/key.ts';
import { sealAll } from '../src/platform/audit/sealer.ts';
import { SEALER_LOCK, verifyAudit } from '../src/platform/audit/store.ts';
import { type Database, openPostgres } from '../src/platform/db/connect.ts';
import { services } from '../src/services.ts';
import { Browser, csrfFrom, PASSWORD, referralBody, type World, world } from './fixtures.ts';

let w: World;
let other: Database;
let b: FastifyInstance;

before(async () => {
  w = await world();
  const url = process.env.JIGSAW_TEST_DATABASE_URL;
  if (url) {
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(w.database.db)).rows[0].name;
    const same = new URL(url);
    same.pathname = `/${name}`;
    other = await openPostgres(same.toString(), 5);
    useAuditKey(other.db, auditKeyOf(w.database.db) as Buffer);
  } else {
    other = w.database;
  }
  b = await buildApp({ config: w.config, database: other, services: services(other, w.config) });
  await b.ready();
});
after(async () => {
  await b?.close();
  if (other && other !== w.database) await other.close();
  await w?.close();
});

test('a sign-in on one instance is a sign-in on the other, CSRF cookie included', async () => {
  const onA = new Browser(w.app);
  const form = await onA.get('/sign-in');
  // The form (and its CSRF cookie) came from A; the post goes to B.
  const onB = new Browser(b);
  onB.jar = onA.jar;
  const res = await onB.post(
    '/sign-in',
    new URLSearchParams({ _csrf: csrfFrom(form.body), email: w.users.hub_coordinator.email, password: PASSWORD }).toString(),
  );
  assert.equal(res.statusCode, 302, 'signed in on B with a form served by A');
  assert.notEqual(res.headers.location, '/sign-in');
  const page = await onA.get('/referrals');
  assert.equal(page.statusCode, 200, "A knows B's session");
  assert.equal((await onB.get('/referrals')).statusCode, 200);
  // Signing out on A ends the session on B too.
  const signOutPage = await onA.get('/referrals');
  await onA.post('/sign-out', new URLSearchParams({ _csrf: csrfFrom(signOutPage.body) }).toString());
  assert.equal((await onB.get('/referrals')).statusCode, 302, 'signed out everywhere');
});

test('the sign-in rate limit counts attempts made on both instances', async () => {
  const attempt = (app: FastifyInstance) =>
    app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: '203.0.113.77',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=x%40y.example&password=wrong',
    });
  const codes: number[] = [];
  for (let i = 0; i < 22; i++) codes.push((await attempt(i % 2 === 0 ? w.app : b)).statusCode);
  assert.ok(
    codes.slice(0, 20).every((c) => c !== 429),
    `the first 20 are not limited: ${codes}`,
  );
  assert.deepEqual(codes.slice(20), [429, 429], 'the 21st and 22nd, on either instance, are refused');
  const elsewhere = await w.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: '203.0.113.78', payload: {} });
  assert.notEqual(elsewhere.statusCode, 429, 'another address has its own count');
});

test('the audit chain verifies with both instances writing and sealing', async () => {
  const create = (app: FastifyInstance, i: number) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${w.tokens.practitioner}`, 'content-type': 'application/json' },
      payload: JSON.stringify(referralBody({ subject: { ...referralBody().subject, givenName: `Twoprocess${i}`, nhsNumber: undefined } })),
    });
  const results = await Promise.all(Array.from({ length: 16 }, (_, i) => create(i % 2 === 0 ? w.app : b, i)));
  assert.deepEqual(
    results.map((r) => r.statusCode),
    Array(16).fill(201),
    results.map((r) => r.body.slice(0, 200)).join('\n'),
  );
  const reads = await Promise.all(
    results.map((r, i) =>
      (i % 2 === 0 ? b : w.app).inject({
        method: 'GET',
        url: `/api/v1/persons/${r.json().personId}`,
        headers: { authorization: `Bearer ${w.tokens.hub_coordinator}` },
      }),
    ),
  );
  assert.ok(
    reads.every((r) => r.statusCode === 200),
    reads.map((r) => r.statusCode).join(','),
  );
  // Both instances' sealers at once, as two processes' would run; each returns only once what was committed before
  // it was called is sealed, even while the other (or a server's timer) holds the sealer lock.
  await Promise.all([sealAll(w.database.db), sealAll(other.db)]);
  const result = await verifyAudit(w.database.db, w.partnershipId);
  assert.equal(result.break, null);
  assert.equal(result.unsealed.count, 0);
  assert.ok(result.checked >= 32, `checked ${result.checked}`);
});

test('sealing everything waits while another process holds the sealer lock, instead of returning with events unsealed', {
  skip: !process.env.JIGSAW_TEST_DATABASE_URL ? 'PGlite has one connection: no other process can hold the lock' : false,
}, async () => {
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { authorization: `Bearer ${w.tokens.practitioner}`, 'content-type': 'application/json' },
    payload: JSON.stringify(referralBody({ subject: { ...referralBody().subject, givenName: 'Lockheld', nhsNumber: undefined } })),
  });
  assert.equal(res.statusCode, 201);
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  let locked!: () => void;
  const lockTaken = new Promise<void>((r) => {
    locked = r;
  });
  // The other instance's connection takes the sealer lock and keeps it, as a sealer mid-turn in another process does.
  const holder = other.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${SEALER_LOCK})`.execute(tx);
    locked();
    await held;
  });
  await lockTaken;
  const sealing = sealAll(w.database.db);
  setTimeout(release, 300);
  const sealed = await sealing;
  await holder;
  assert.ok(sealed >= 1, `sealed ${sealed} after the lock was released`);
  assert.equal((await verifyAudit(w.database.db, w.partnershipId)).unsealed.count, 0);
});
