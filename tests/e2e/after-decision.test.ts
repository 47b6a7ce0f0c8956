// In a real browser, what happens after the triage decision (issue 19.8): the hub refers a child to a support
// service from the child's page and the provider agency works the referral; each page and each form's error summary
// axe-clean at 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
let personId: string;
before(async () => {
  e2e = await startE2E();
  const ref = await api(e2e.w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody());
  assert.equal(ref.statusCode, 201, ref.body);
  personId = ref.json().personId;
});
after(async () => {
  await e2e?.close();
});

test('support: the hub refers a child to a service, the provider agency accepts and starts it, the chronology tells it', async () => {
  const { w } = e2e;
  const svc = await api(w, 'hub_coordinator', 'POST', '/api/v1/support/services', {
    name: 'Project Browser-X (fictional)',
    providerAgencyId: w.users.practitioner.agencyId,
    type: 'specialist_cse_cce',
    capacity: 20,
  });
  assert.equal(svc.statusCode, 201, svc.body);

  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url(`/people/${personId}/support`));
  await expectAccessible(hub, "the child's support page");
  await andWait(hub, () => hub.getByRole('button', { name: 'Send the referral' }).click());
  assert.match(await hub.locator('.govuk-error-summary').innerText(), /service[\s\S]*/i);
  await expectAccessible(hub, 'the referral form with its errors');
  await hub.getByLabel(/Project Browser-X/).check();
  await hub.getByLabel('Why the child is referred').fill('Fictional: one-to-one work on healthy relationships');
  await andWait(hub, () => hub.getByRole('button', { name: 'Send the referral' }).click());
  assert.match(await hub.locator('[data-qa=person-support]').innerText(), /Project Browser-X[\s\S]*Sent/);

  const provider = await e2e.pageAs('practitioner');
  await provider.goto(e2e.url('/support/referrals'));
  await expectAccessible(provider, "the provider's referrals");
  await andWait(provider, () => provider.locator('[data-qa=support-referrals] a').first().click());
  await expectAccessible(provider, 'a referral to decide');
  await provider.getByLabel('Decline').check();
  await andWait(provider, () => provider.getByRole('button', { name: 'Save decision' }).click());
  assert.match(await provider.locator('.govuk-error-summary').innerText(), /Say why the referral is declined/);
  await expectAccessible(provider, 'the decision with its error');
  await provider.getByLabel('Accept').check();
  await andWait(provider, () => provider.getByRole('button', { name: 'Save decision' }).click());
  await andWait(provider, () => provider.getByRole('button', { name: 'Record that support started today' }).click());
  assert.match(await provider.locator('[data-qa=support-referral]').innerText(), /Started[\s\S]*waited 0 days/);

  await hub.goto(e2e.url(`/people/${personId}/chronology`));
  assert.match(await hub.locator('main').innerText(), /Referred to Project Browser-X \(fictional\)/);
});
