// Audited requests at once through the real app (API tokens): none waits for another's audit event, and the app's
// sealer then seals every event into one complete chain that verifies (decision 0007).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { verifyAudit } from '../src/platform/audit/store.ts';
import { api, referralBody, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const count = async (where = sql`true`) =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from audit_event where partnership_id = ${w.partnershipId} and ${where}`.execute(w.database.db)).rows[0]
      .n,
  );

test('32 concurrent audited reads and writes: every event sealed by the app’s sealer, the chain complete and verifiable', async () => {
  const people: string[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await api(
      w,
      'hub_coordinator',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { ...referralBody().subject, givenName: `Loadchild${'abcd'[i]}` } }),
    );
    assert.equal(r.statusCode, 201, r.body);
    people.push(r.json().personId);
  }
  const before = await count();
  const responses = await Promise.all(
    Array.from({ length: 32 }, (_, i) =>
      i % 2 === 0
        ? api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${people[i % people.length]}`)
        : api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { ...referralBody().subject, givenName: `Concurrent${i}` } })),
    ),
  );
  assert.deepEqual(
    responses.map((r) => r.statusCode),
    Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 200 : 201)),
  );
  const written = (await count()) - before;
  assert.ok(written >= 32, `${written} events for 32 audited requests`);
  assert.equal(await count(sql`action = 'person.viewed' and at >= now() - interval '1 minute'`), 16);

  // The sealer started with the app seals them within its interval (250 ms), well inside the documented 2 s.
  const t = Date.now();
  while ((await count(sql`seq is null`)) > 0 && Date.now() - t < 5000) await new Promise((r) => setTimeout(r, 25));
  assert.equal(await count(sql`seq is null`), 0, 'all sealed');
  assert.ok(Date.now() - t < 2000, `sealed within ${Date.now() - t} ms`);

  const result = await verifyAudit(w.database.db, w.partnershipId);
  assert.equal(result.break, null);
  assert.equal(result.checked, await count());
  assert.equal(result.head?.seq, result.checked, 'seq 1..N with no gap');
  assert.equal(result.unsealed.count, 0);
});
