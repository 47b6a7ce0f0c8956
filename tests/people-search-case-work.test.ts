// People search shows an agency-scope searcher the children whose case they work (issue 11.4's worksTheCase): the
// allocated or key worker while the case is open, the owner of an open action while no case is closed; and not
// once the case closes, the allocation ends or the action is done. The health practitioner (otherPractitioner) is
// never otherwise involved: each child is referred by the school.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

let n = 0;
/** A child referred by the school, with a family name only they have, and the triage decision that opens the case. */
async function child(
  actions: Record<string, unknown>[] = [],
): Promise<{ personId: string; name: string; c: { id: string; version: number }; actionIds: string[] }> {
  n += 1;
  const name = `Workedcase${String.fromCharCode(96 + n)}`;
  const body = referralBody({ subject: { ...referralBody().subject, familyName: name, nhsNumber: undefined } });
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', body)).json();
  const d = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'high',
    category: 'cse',
    rationale: 'Fictional rationale.',
    actions,
  });
  assert.equal(d.statusCode, 201, d.body);
  const c = (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${r.personId}/case`)).json();
  return { personId: r.personId, name, c, actionIds: (d.json().actions ?? []).map((a: { id: string }) => a.id) };
}

/** Whether the health practitioner's search for the child's name finds them. */
async function healthFinds(name: string, personId: string): Promise<boolean> {
  const res = await api(w, 'otherPractitioner', 'GET', `/api/v1/persons?${new URLSearchParams({ q: name })}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().people as { id: string }[]).some((p) => p.id === personId);
}

const allocate = (c: { id: string; version: number }, body: Record<string, unknown>) =>
  api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${c.id}/allocation`, { version: c.version, ...body });

test('the allocated worker finds the child while allocated and the case is open; not before, not after it closes', async () => {
  const { personId, name, c } = await child();
  assert.equal(await healthFinds(name, personId), false, 'not involved, not allocated');
  const allocated = await allocate(c, { allocatedWorkerId: w.otherPractitioner.id });
  assert.equal(allocated.statusCode, 200, allocated.body);
  assert.equal(await healthFinds(name, personId), true, 'allocated');
  // Only the allocated worker: the referrer's practitioner (whose agency is not involved with the child's record,
  // and who does not work the case) still does not find the child; the hub finds everyone.
  const found = async (who: 'practitioner' | 'hub_member') =>
    (await api(w, who, 'GET', `/api/v1/persons?${new URLSearchParams({ q: name })}`)).json().people.some((p: { id: string }) => p.id === personId);
  assert.equal(await found('practitioner'), false);
  assert.equal(await found('hub_member'), true);
  const closed = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/closure`, { version: allocated.json().version, reason: 'risk_reduced' });
  assert.equal(closed.statusCode, 200, closed.body);
  assert.equal(await healthFinds(name, personId), false, 'the case closed');
});

test('the key worker finds the child until the allocation ends', async () => {
  const { personId, name, c } = await child();
  const keyed = await allocate(c, { keyWorkerId: w.otherPractitioner.id });
  assert.equal(keyed.statusCode, 200, keyed.body);
  assert.equal(await healthFinds(name, personId), true, 'key worker');
  const ended = await allocate(keyed.json(), { keyWorkerId: '' });
  assert.equal(ended.statusCode, 200, ended.body);
  assert.equal(await healthFinds(name, personId), false, 'allocation ended');
});

test('the agency owning an open action finds the child until the action is done, and not once the case closes', async () => {
  const action = () => ({ description: 'Strategy discussion', ownerAgencyId: w.agencies.health, dueDate: addDays(ukDate(new Date()), 7) });
  const done = await child([action()]);
  assert.equal(await healthFinds(done.name, done.personId), true, 'open action');
  // Work under way on the action is still work on the child (the tracker's in_progress status).
  await w.database.db.updateTable('triage_action').set({ status: 'in_progress' }).where('id', '=', done.actionIds[0]).execute();
  assert.equal(await healthFinds(done.name, done.personId), true, 'action in progress');
  await w.database.db.updateTable('triage_action').set({ status: 'done' }).where('id', '=', done.actionIds[0]).execute();
  assert.equal(await healthFinds(done.name, done.personId), false, 'action done');

  const closing = await child([action()]);
  assert.equal(await healthFinds(closing.name, closing.personId), true);
  const closed = await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${closing.c.id}/closure`, { version: closing.c.version, reason: 'risk_reduced' });
  assert.equal(closed.statusCode, 200, closed.body);
  assert.equal(await healthFinds(closing.name, closing.personId), false, 'the case closed, the action still open');
});
