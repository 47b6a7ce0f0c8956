// In a real browser: the hub opens a child's case from the list of cases, allocates it and closes it through the
// GOV.UK forms; an allocated social worker opens the case; every page is axe clean and reflows at 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, pathOf, startE2E, submitPassword } from './browser.ts';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ requireMfa: false });
});
after(async () => {
  await e2e?.close();
});

test('the hub works a case from the list to closure; the allocated social worker opens it', async () => {
  const { w } = e2e;
  const r = (
    await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { ...referralBody().subject, givenName: 'Casebrowser' } }))
  ).json();
  await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, { outcome: 'high', category: 'cse', rationale: 'Fictional rationale.' });

  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url('/hub'));
  await expectAccessible(hub, 'the hub dashboard with reviews due');
  await andWait(hub, () => hub.locator('[data-qa=all-cases]').click());
  assert.equal(pathOf(hub), '/cases');
  await hub.getByLabel('High').check();
  await andWait(hub, () => hub.locator('[data-qa=apply-filters]').click());
  await expectAccessible(hub, 'the list of cases, filtered');
  await andWait(hub, () => hub.getByRole('link', { name: 'Casebrowser Fictional' }).click());
  assert.equal(pathOf(hub), `/people/${r.personId}/actions`);
  assert.match(await hub.locator('[data-qa=case-risk]').innerText(), /High risk/);
  await expectAccessible(hub, 'the child’s plan and actions');

  await andWait(hub, () => hub.locator('[data-qa=case-allocate]').click());
  await expectAccessible(hub, 'the allocation form');
  await hub.getByLabel('Allocated worker').selectOption({ label: 'Test other practitioner (Testshire Health)' });
  await andWait(hub, () => hub.locator('[data-qa=case-submit]').click());
  assert.match(await hub.locator('[data-qa=case-done]').innerText(), /Allocation saved/);

  const { page: worker } = await e2e.newPage();
  await submitPassword(worker, e2e, w.otherPractitioner.email);
  await worker.goto(e2e.url(`/people/${r.personId}`));
  assert.match(await worker.locator('[data-qa=case-allocated-worker]').innerText(), /Test other practitioner/);
  await expectAccessible(worker, 'the child’s overview for the allocated worker');

  await andWait(hub, () => hub.locator('[data-qa=case-close]').click());
  await andWait(hub, () => hub.locator('[data-qa=case-submit]').click());
  assert.match(await hub.locator('.govuk-error-summary').innerText(), /Select why the case is closing/);
  await expectAccessible(hub, 'the closing form with its error summary');
  await hub.getByLabel('Risk reduced').check();
  await andWait(hub, () => hub.locator('[data-qa=case-submit]').click());
  assert.match(await hub.locator('[data-qa=case-done]').innerText(), /Case closed/);
  const res = await worker.goto(e2e.url(`/people/${r.personId}`));
  assert.equal(res?.status(), 403, 'access ends when the case closes');
});
