// Cancelling an action (issue 16.5): asks for a reason, confirms, shows a success banner, and can be undone; both
// are audited and are domain events with the child's personId (the chronology is built from them).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

async function actionFor(ownerAgencyId: string) {
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  const d = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: older associates.',
    actions: [{ description: 'Fictional home visit', ownerAgencyId, dueDate: addDays(ukDate(new Date()), 3) }],
  });
  assert.equal(d.statusCode, 201, d.body);
  return { actionId: d.json().actions[0].id as string, personId: r.personId as string };
}

const events = async (subjectId: string) =>
  (await w.database.db.selectFrom('domain_event').select(['name', 'person_id', 'changes']).where('subject_id', '=', subjectId).orderBy('at').execute()).filter(
    (e) => e.name.startsWith('action.'),
  );
const statusOf = async (id: string) =>
  await w.database.db.selectFrom('triage_action').select(['status', 'status_reason']).where('id', '=', id).executeTakeFirstOrThrow();

test('the actions list offers "Cancel" as a link to a page that asks why; nothing is cancelled by one click', async () => {
  const { actionId } = await actionFor(w.agencies.hub);
  const hub = await signedIn(w, 'hub_coordinator');
  const list = await hub.get('/actions');
  assert.doesNotMatch(list.body, /name="status" value="cancelled"/, 'no one-click cancel button');
  assert.match(list.body, new RegExp(`href="/actions/${actionId}/cancel"`));
  const confirm = await hub.get(`/actions/${actionId}/cancel`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Why is it being cancelled\?/);
  assert.match(confirm.body, /govuk-character-count/);
  assert.equal((await statusOf(actionId)).status, 'open');
  // The old one-click form post is sent to the page that asks why.
  const old = await hub.submit('/actions', `/actions/${actionId}`, { status: 'cancelled' });
  assert.equal(old.statusCode, 303);
  assert.equal(old.headers.location, `/actions/${actionId}/cancel`);
  assert.equal((await statusOf(actionId)).status, 'open');
});

test('no reason is an error in the summary; with a reason the action is cancelled, a banner says so, and undo reinstates it', async () => {
  const { actionId, personId } = await actionFor(w.agencies.hub);
  const hub = await signedIn(w, 'hub_coordinator');
  const page = `/actions/${actionId}/cancel`;
  const blank = await hub.submit(page, page, { reason: '  ' });
  assert.equal(blank.statusCode, 422);
  assert.match(blank.body, /<a href="#reason">Enter why the action is being cancelled<\/a>/);
  assert.equal((await statusOf(actionId)).status, 'open');

  const done = await hub.submit(page, page, { reason: 'Fictional: the family moved out of area' });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, '/actions');
  assert.deepEqual(await statusOf(actionId), { status: 'cancelled', status_reason: 'Fictional: the family moved out of area' });
  const list = await hub.get('/actions');
  assert.match(list.body, /Action cancelled: Fictional home visit/);
  assert.match(list.body, /Reason: Fictional: the family moved out of area/);
  assert.match(list.body, new RegExp(`action="/actions/${actionId}/reinstate"`), 'an undo button in the banner');
  assert.doesNotMatch((await hub.get('/actions')).body, /Action cancelled/, 'the banner shows once');

  // A second click on the confirmation changes nothing more.
  await hub.post(page, `_csrf=${encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec(list.body)?.[1] ?? '')}&reason=again`);
  assert.equal((await statusOf(actionId)).status_reason, 'Fictional: the family moved out of area');

  const undo = await hub.submit('/actions', `/actions/${actionId}/reinstate`, {});
  assert.equal(undo.statusCode, 303);
  assert.deepEqual(await statusOf(actionId), { status: 'open', status_reason: null });
  assert.match((await hub.get('/actions')).body, /Action reinstated: Fictional home visit/);

  const evs = await events(actionId);
  assert.deepEqual(
    evs.map((e) => e.name),
    ['action.assigned', 'action.cancelled', 'action.reinstated'],
  );
  for (const e of evs) assert.equal(e.person_id, personId);
  assert.equal((evs[1].changes as { reason: string }).reason, 'Fictional: the family moved out of area');
  const audited = await w.database.db.selectFrom('audit_event').select('action').where('resource_id', '=', actionId).execute();
  assert.ok(audited.some((a) => a.action === 'action.cancelled') && audited.some((a) => a.action === 'action.reinstated'));
});

test('only those who may update the action may cancel it: another agency gets 404, a scrutiny member 403', async () => {
  const { actionId } = await actionFor(w.agencies.school);
  const health = await signedIn(w, 'otherPractitioner');
  assert.equal((await health.get(`/actions/${actionId}/cancel`)).statusCode, 404);
  const scrutiny = await signedIn(w, 'scrutiny_member');
  assert.equal((await scrutiny.get(`/actions/${actionId}/cancel`)).statusCode, 403);
  assert.equal((await scrutiny.submit('/actions', `/actions/${actionId}/cancel`, { reason: 'x' })).statusCode, 403);
  assert.equal((await scrutiny.submit('/actions', `/actions/${actionId}/reinstate`, {})).statusCode, 403);
  // The owning agency may.
  const school = await signedIn(w, 'practitioner');
  const page = `/actions/${actionId}/cancel`;
  assert.equal((await school.get(page)).statusCode, 200);
  assert.equal((await school.submit(page, page, { reason: 'Fictional: done by another route' })).statusCode, 303);
  assert.equal((await statusOf(actionId)).status, 'cancelled');
});
