// Support services and onward referrals (issue 19.1, 19.7): the life cycle by API with the waiting time, a decline
// needs its reason, the provider agency sees its own referrals only, the chronology shows them, the report publishes
// `c` for scrutiny members, and the pages render with error summaries.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());
const today = ukDate(new Date());

test('a referral to a service: sent, accepted, started (with its wait), ended; the provider works it; scrutiny reads the report', async () => {
  const ref = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody());
  assert.equal(ref.statusCode, 201, ref.body);
  const personId = ref.json().personId ?? ref.json().subject?.id;
  assert.ok(personId, ref.body);

  const svc = await api(w, 'hub_coordinator', 'POST', '/api/v1/support/services', {
    name: 'Project Demo-X (fictional)',
    providerAgencyId: w.agencies.health,
    type: 'specialist_cse_cce',
    capacity: 20,
  });
  assert.equal(svc.statusCode, 201, svc.body);
  assert.equal(
    (await api(w, 'practitioner', 'POST', '/api/v1/support/services', { name: 'X', providerAgencyId: w.agencies.health, type: 'other' })).statusCode,
    403,
  );
  assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/support/services')).statusCode, 403);

  const sent = await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/${personId}/support-referrals`, {
    serviceId: svc.json().id,
    reason: 'Fictional: needs one-to-one work',
    sentOn: addDays(today, -10),
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const id = sent.json().id;

  // The provider agency (health) sees it; another agency (school) does not.
  const mine = await api(w, 'otherPractitioner', 'GET', '/api/v1/support/referrals');
  assert.deepEqual(
    mine.json().map((r: { id: string }) => r.id),
    [id],
  );
  assert.deepEqual((await api(w, 'practitioner', 'GET', '/api/v1/support/referrals')).json(), []);
  assert.equal((await api(w, 'practitioner', 'POST', `/api/v1/support/referrals/${id}/decision`, { decision: 'accept' })).statusCode, 403);
  assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/support/referrals')).statusCode, 403);

  const noReason = await api(w, 'otherPractitioner', 'POST', `/api/v1/support/referrals/${id}/decision`, { decision: 'decline' });
  assert.equal(noReason.statusCode, 422);
  assert.equal(noReason.json().errors[0].field, 'reason');
  assert.equal((await api(w, 'otherPractitioner', 'POST', `/api/v1/support/referrals/${id}/decision`, { decision: 'accept' })).statusCode, 200);
  const started = await api(w, 'otherPractitioner', 'POST', `/api/v1/support/referrals/${id}/start`, {});
  assert.equal(started.statusCode, 200, started.body);
  assert.equal(started.json().waitingDays, 10);
  const inUse = async () => (await api(w, 'hub_coordinator', 'GET', '/api/v1/support/services')).json().find((s: { id: string }) => s.id === svc.json().id);
  assert.deepEqual([(await inUse()).placesInUse, (await inUse()).full], [1, false]);
  const ended = await api(w, 'otherPractitioner', 'POST', `/api/v1/support/referrals/${id}/end`, { outcome: 'engaged_completed' });
  assert.equal(ended.json().status, 'ended');
  assert.equal((await inUse()).placesInUse, 0, 'an ended referral frees its place');

  const chron = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}/chronology`);
  assert.match(chron.body, /Referred to Project Demo-X \(fictional\)/);
  assert.match(chron.body, /started after 10 days waiting/);

  const exact = (await api(w, 'hub_coordinator', 'GET', `/api/v1/support/report?from=${addDays(today, -30)}&to=${today}`)).json();
  assert.deepEqual([exact.services[0].sent, exact.services[0].started, exact.services[0].medianWaitingDays], [1, 1, 10]);
  const pub = await api(w, 'scrutiny_member', 'GET', `/api/v1/support/report?from=${addDays(today, -30)}&to=${today}`);
  assert.equal(pub.statusCode, 200, pub.body);
  assert.deepEqual([pub.json().published, pub.json().services[0].sent, pub.json().services[0].medianWaitingDays], [true, 'c', 'c']);

  const hub = await signedIn(w, 'hub_coordinator');
  const page = await hub.get(`/people/${personId}/support`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /Project Demo-X/);
  const bad = await hub.submit(`/people/${personId}/support`, `/people/${personId}/support`, { reason: '' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match((await hub.get('/support/services')).body, /0 of 20 in use/);
  assert.equal((await (await signedIn(w, 'scrutiny_member')).get('/support/referrals')).statusCode, 403);
});
