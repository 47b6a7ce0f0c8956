// Events recorded in one transaction share their time, so the chronology orders them by id: ids must follow the
// order the events were recorded in, or a case opened by a triage decision may show below the decision.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventId } from '../src/platform/events/ids.ts';
import { api, referralBody, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

test('event ids made one after another sort in that order (as PostgreSQL compares uuids)', () => {
  const ids = Array.from({ length: 5000 }, () => eventId());
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids.slice(0, 3)) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the case a triage decision opens is listed above the decision, every time', async () => {
  for (let n = 0; n < 6; n++) {
    const r = (
      await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: `Ordered${n}`, familyName: 'Fictional' } }))
    ).json();
    const decided = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
      outcome: 'high',
      category: 'ce',
      rationale: 'Fictional.',
    });
    assert.equal(decided.statusCode, 201, decided.body);
    const page = (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${r.personId}/chronology`)).json();
    assert.deepEqual(
      page.items.slice(0, 2).map((i: { event: string }) => i.event),
      ['case.opened', 'triage_decision.recorded'],
    );
  }
});
