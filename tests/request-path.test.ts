// The audited read's short path (decision 0010): people.get reads the person and its access facts in one statement
// and writes its audit event in the same transaction, so an allowed read leaves exactly one event and a refused or
// missing one leaves none.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { api, referralBody, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w.close());

const viewsOf = async (personId: string) =>
  (
    await w.database.db
      .selectFrom('audit_event')
      .select('actor_id')
      .where('partnership_id', '=', w.partnershipId)
      .where('action', '=', 'person.viewed')
      .where('person_id', '=', personId)
      .execute()
  ).map((e) => e.actor_id);

test('GET /api/v1/persons/{id}: one audit event when read, none when refused or missing', async () => {
  const made = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody());
  assert.equal(made.statusCode, 201, made.body);
  const personId = made.json().personId as string;

  const read = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}`);
  assert.equal(read.statusCode, 200, read.body);
  assert.equal(read.json().id, personId);
  assert.ok(Array.isArray(read.json().aliases) && Array.isArray(read.json().agencies), 'aliases and agencies come with the row');
  assert.deepEqual(await viewsOf(personId), [w.users.hub_coordinator.id]);

  const refused = await api(w, 'practitioner', 'GET', `/api/v1/persons/${personId}`);
  assert.equal(refused.statusCode, 403);
  const missing = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${randomUUID()}`);
  assert.equal(missing.statusCode, 404);
  assert.deepEqual(await viewsOf(personId), [w.users.hub_coordinator.id], 'a refused read writes no event');
});
