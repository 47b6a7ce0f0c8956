// In a real browser: the child's Meetings tab as the hub (the whole frame) and as an agency that only attended the
// meeting (identity bar and the tab alone); axe clean and reflowing at 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { recordAttendance } from '../../src/modules/triage/use-cases.ts';
import { addDays, ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { type E2E, expectAccessible, startE2E, submitPassword } from './browser.ts';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ requireMfa: false });
});
after(async () => {
  await e2e?.close();
});

test('the Meetings tab for the hub and for an attending agency is accessible', async () => {
  const { w } = e2e;
  const hubActor = {
    userId: w.users.hub_coordinator.id,
    partnershipId: w.partnershipId,
    agencyId: w.agencies.hub,
    role: 'hub_coordinator' as const,
    name: 'Test hub coordinator',
    email: w.users.hub_coordinator.email,
    via: 'session' as const,
  };
  const { meetingId } = await w.svc.run(recordAttendance, hubActor, {
    day: addDays(ukDate(new Date()), -1),
    chairAgencyId: w.agencies.hub,
    chairName: 'Fictional Chair',
    attendees: [
      { agencyId: w.agencies.hub, name: 'Fictional Hub Lead' },
      { agencyId: w.agencies.health, name: 'Fictional School Nurse' },
    ],
  });
  const r = (
    await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { ...referralBody().subject, givenName: 'Meetingbrowser' } }))
  ).json();
  const decided = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    meetingId,
    outcome: 'high',
    category: 'cse',
    rationale: 'Fictional rationale: seen with older associates late at night on several occasions.',
    actions: [
      { description: 'Fictional: arrange a strategy discussion with the police', ownerAgencyId: w.agencies.hub, dueDate: addDays(ukDate(new Date()), 3) },
    ],
  });
  assert.equal(decided.statusCode, 201, decided.body);

  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url(`/people/${r.personId}/meetings`));
  assert.match(await hub.locator('[data-qa=meeting]').innerText(), /Fictional rationale/);
  await expectAccessible(hub, 'the child’s Meetings tab (hub)');

  const { page: health } = await e2e.newPage();
  await submitPassword(health, e2e, w.otherPractitioner.email);
  await health.goto(e2e.url(`/people/${r.personId}/meetings`));
  assert.match(await health.locator('[data-qa=meeting]').innerText(), /Fictional: arrange a strategy discussion/);
  assert.equal(await health.locator('[data-qa=tab-overview]').count(), 0);
  await expectAccessible(health, 'the child’s Meetings tab (an attending agency)');
});
