// Cumulative concern alerts (issue 19.5): three agencies' referrals about one child within 28 days raise one alert
// listing the three, two agencies do not, a fourth joins the same alert, a concern outside the window does not count;
// dismissing needs a reason, shows in the chronology and closes the alert; the hub is told; others are refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const DAY = 86_400_000;
let children = 0;

/** The hub coordinator records a referral from `agency` (new child unless `personId`); returns the child's id. */
async function refer(agency: string, personId?: string, daysAgo = 0): Promise<string> {
  const subject = personId ? { personId } : { givenName: 'Alertchild', familyName: `Fictional${++children}`, dateOfBirth: '2011-03-09', sex: 'female' };
  const res = await api(
    w,
    'hub_coordinator',
    'POST',
    '/api/v1/referrals',
    referralBody({ subject, referringAgencyId: w.agencies[agency], ...(daysAgo ? { receivedAt: new Date(Date.now() - daysAgo * DAY).toISOString() } : {}) }),
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json().personId;
}

interface AlertJson {
  id: string;
  kind: string;
  personId: string;
  contextId: string | null;
  raisedAt: string;
  agencies: string[];
  signals: { agency: string; kind: string; label: string; at: string }[];
}
const openAlerts = async (personId: string): Promise<AlertJson[]> => {
  const res = await api(w, 'hub_member', 'GET', '/api/v1/alerts');
  assert.equal(res.statusCode, 200, res.body);
  return res.json().filter((a: AlertJson) => a.personId === personId);
};

test('referrals from three agencies within 28 days raise one alert listing the three, and the hub is notified', async () => {
  const child = await refer('school');
  await refer('police', child, 3);
  assert.deepEqual(await openAlerts(child), [], 'two agencies do not raise an alert');
  await refer('health', child, 1);
  const alerts = await openAlerts(child);
  assert.equal(alerts.length, 1);
  const [a] = alerts;
  assert.equal(a.kind, 'cumulative_concern');
  assert.equal(a.contextId, null);
  assert.deepEqual([...a.agencies].sort(), ['Testshire Health', 'Testshire Police', 'Testshire School']);
  assert.deepEqual(
    a.signals.map((s) => [s.agency, s.kind]),
    [
      ['Testshire Police', 'referral'],
      ['Testshire Health', 'referral'],
      ['Testshire School', 'referral'],
    ],
    'oldest first',
  );
  assert.match(a.signals[0].label, /^Referral /);

  const told = (await api(w, 'hub_member', 'GET', '/api/v1/notifications')).json().items as { title: string; body: string; link: string }[];
  const note = told.find((n) => n.title.startsWith('Cumulative concern'));
  assert.ok(note, JSON.stringify(told));
  assert.match(note.body, /3 agencies have raised concerns about Alertchild/);
  assert.equal(note.link, '/alerts');
  const chron = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}/chronology`);
  assert.match(chron.body, /Cumulative concern alert raised: 3 agencies raised concerns within 28 days/);
});

test('missing episodes, intelligence and answered information requests count; restricted intelligence does not', async () => {
  const first = await api(
    w,
    'hub_coordinator',
    'POST',
    '/api/v1/referrals',
    referralBody({
      subject: { givenName: 'Mixedchild', familyName: 'Fictional', dateOfBirth: '2010-07-01', sex: 'male' },
      referringAgencyId: w.agencies.school,
    }),
  );
  assert.equal(first.statusCode, 201, first.body);
  const child = first.json().personId;
  const episode = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
    personId: child,
    classification: 'missing',
    riskGrade: 'medium',
    reportedAt: new Date(Date.now() - 5 * 3600_000).toISOString(),
  });
  assert.equal(episode.statusCode, 201, episode.body);
  const intel = (grading: string) => ({
    summary: 'Fictional: seen in a car after school.',
    category: 'cse',
    occurredOn: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10),
    grading,
    ...(grading.endsWith('C') ? { handlingConditions: 'Fictional: police intelligence only.' } : {}),
    entities: [
      { ref: 'car', kind: 'vehicle', registration: 'ZZ02 ALR', make: 'Fictional' },
      { ref: 'child', personId: child },
    ],
    links: [{ from: 'child', to: 'car', type: 'seen_with', fromRole: 'victim' }],
  });
  assert.equal((await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', intel('1AC'))).statusCode, 201);
  assert.deepEqual(await openAlerts(child), [], 'restricted intelligence is not counted: two agencies so far');
  const asked = await api(w, 'hub_coordinator', 'POST', '/api/v1/information-requests', {
    referralId: first.json().id,
    agencyIds: [w.agencies.health],
    question: 'What does your agency hold about this child?',
    dueDate: new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10),
  });
  assert.equal(asked.statusCode, 201, asked.body);
  const answered = await api(w, 'otherPractitioner', 'POST', `/api/v1/information-requests/${asked.json().items[0].id}/answer`, {
    answer: 'Fictional: missed appointments.',
  });
  assert.equal(answered.statusCode, 200, answered.body);
  const [a] = await openAlerts(child);
  assert.deepEqual(
    a.signals.map((s) => [s.agency, s.kind]),
    [
      ['Testshire Hub', 'missing_episode'],
      ['Testshire School', 'referral'],
      ['Testshire Health', 'information_request'],
    ],
    'oldest first: the episode was reported five hours ago',
  );
  assert.equal((await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', intel('2BP'))).statusCode, 201);
  const [joined] = await openAlerts(child);
  assert.deepEqual(joined.signals.at(-1), { ...joined.signals.at(-1), agency: 'Testshire Police', kind: 'intelligence', label: 'Intelligence recorded' });
});

test('a fourth agency joins the open alert instead of raising a second', async () => {
  const child = await refer('school');
  await refer('police', child);
  await refer('health', child);
  const [before] = await openAlerts(child);
  await refer('hub', child);
  const after = await openAlerts(child);
  assert.equal(after.length, 1);
  assert.equal(after[0].id, before.id);
  assert.equal(after[0].signals.length, 4);
  assert.ok(after[0].agencies.includes('Testshire Hub'));
});

test('a concern outside the window does not count', async () => {
  const child = await refer('school', undefined, 40);
  await refer('police', child, 2);
  await refer('health', child);
  assert.deepEqual(await openAlerts(child), [], 'the school’s referral was 40 days ago');
  // A further agency within the window makes three.
  await refer('hub', child);
  const [a] = await openAlerts(child);
  assert.deepEqual([...a.agencies].sort(), ['Testshire Health', 'Testshire Hub', 'Testshire Police']);
});

test('dismissing needs a reason, shows in the chronology and removes the alert; a new alert counts only new concerns', async () => {
  const child = await refer('school');
  await refer('police', child);
  await refer('health', child);
  const [a] = await openAlerts(child);
  const none = await api(w, 'hub_member', 'POST', `/api/v1/alerts/${a.id}/dismiss`, {});
  assert.equal(none.statusCode, 422);
  assert.equal(none.json().errors[0].field, 'reason');
  const blank = await api(w, 'hub_member', 'POST', `/api/v1/alerts/${a.id}/dismiss`, { reason: '   ' });
  assert.equal(blank.statusCode, 422);
  assert.equal((await openAlerts(child)).length, 1);
  const ok = await api(w, 'hub_member', 'POST', `/api/v1/alerts/${a.id}/dismiss`, { reason: 'Fictional: discussed at triage, plan in place' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(await openAlerts(child), []);
  assert.equal((await api(w, 'hub_member', 'POST', `/api/v1/alerts/${a.id}/dismiss`, { reason: 'Again' })).statusCode, 409);
  const chron = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}/chronology`);
  assert.match(chron.body, /Cumulative concern alert dismissed. Why: Fictional: discussed at triage, plan in place/);
  // What the hub considered does not count again: one more agency is not a fresh three.
  await refer('hub', child);
  assert.deepEqual(await openAlerts(child), []);
});

test('the rule is the partnership’s: the hub coordinator changes it; the hub member and practitioners are refused', async () => {
  const get = await api(w, 'hub_coordinator', 'GET', '/api/v1/alerts/settings');
  assert.deepEqual(get.json(), { minAgencies: 3, windowDays: 28 });
  const bad = await api(w, 'hub_coordinator', 'PUT', '/api/v1/alerts/settings', { minAgencies: 1, windowDays: 28 });
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().errors[0].field, 'minAgencies');
  assert.equal((await api(w, 'hub_member', 'PUT', '/api/v1/alerts/settings', { minAgencies: 2, windowDays: 28 })).statusCode, 403);
  assert.equal((await api(w, 'partnership_admin', 'PUT', '/api/v1/alerts/settings', { minAgencies: 2, windowDays: 14 })).statusCode, 200);
  try {
    const child = await refer('school');
    await refer('police', child);
    assert.equal((await openAlerts(child)).length, 1, 'two agencies are enough now');
  } finally {
    await api(w, 'hub_coordinator', 'PUT', '/api/v1/alerts/settings', { minAgencies: 3, windowDays: 28 });
  }
});

test('practitioners and other roles are refused the alerts', async () => {
  for (const role of ['practitioner', 'manager', 'police_intelligence', 'scrutiny_member', 'partnership_admin'] as const) {
    const res = await api(w, role, 'GET', '/api/v1/alerts');
    assert.equal(res.statusCode, 403, role);
  }
  const child = await refer('school');
  await refer('police', child);
  await refer('health', child);
  const [a] = await openAlerts(child);
  assert.equal((await api(w, 'practitioner', 'POST', `/api/v1/alerts/${a.id}/dismiss`, { reason: 'Not mine to dismiss' })).statusCode, 403);
  const page = await (await signedIn(w, 'practitioner')).get('/alerts');
  assert.equal(page.statusCode, 403);
});

test('the alerts page lists what added up and dismisses with a reason, showing the error summary without one', async () => {
  const child = await refer('school');
  await refer('police', child);
  await refer('health', child);
  const [a] = await openAlerts(child);
  const hub = await signedIn(w, 'hub_coordinator');
  const page = await hub.get('/alerts');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`data-alert-id="${a.id}"`));
  assert.match(page.body, /What added up/);
  assert.match(page.body, /Testshire Police/);
  const bad = await hub.submit('/alerts', `/alerts/${a.id}/dismiss`, { reason: '' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, new RegExp(`href="#reason-${a.id}"`));
  const done = await hub.submit('/alerts', `/alerts/${a.id}/dismiss`, { reason: 'Fictional: known to the hub' });
  assert.equal(done.statusCode, 303);
  assert.deepEqual(await openAlerts(child), []);
  const settings = await hub.get('/alerts/settings');
  assert.equal(settings.statusCode, 200);
  const wrong = await hub.submit('/alerts/settings', '/alerts/settings', { minAgencies: 'three', windowDays: '28' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /The number of agencies must be a whole number from 2 to 20/);
  assert.match(wrong.body, /value="three"/);
});
