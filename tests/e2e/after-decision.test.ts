// In a real browser, what happens after the triage decision (issue 19.8): the hub refers a child to a support
// service and the provider agency works the referral; a place from intelligence opened as a context, two children
// linked, a MACE held on it and disruption recorded; a child's outcome star recorded twice; each page and each
// form's error summary axe-clean at 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, ukDate } from '../../src/platform/time.ts';
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

test('a context: opened from an intelligence place, two children linked, a MACE held on it, disruption recorded', async () => {
  const { w } = e2e;
  const children: string[] = [];
  for (const givenName of ['Parkone', 'Parktwo'])
    children.push(
      (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { ...referralBody().subject, givenName } }))).json().personId,
    );
  // Police intelligence names the park, where the first child is seen.
  const item = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
    summary: 'Fictional: Parkone seen most evenings at the park with older youths.',
    category: 'cse',
    occurredOn: ukDate(new Date()),
    grading: '2BP',
    entities: [
      { ref: 'park', kind: 'location', label: 'Demo Browser Park (fictional)', locationType: 'park', ward: 'Abbeyfield' },
      { ref: 'child', personId: children[0] },
    ],
    links: [{ from: 'child', to: 'park', type: 'frequents', fromRole: 'victim' }],
  });
  assert.equal(item.statusCode, 201, item.body);

  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url(`/people/${children[0]}/network`));
  await andWait(hub, () => hub.getByRole('link', { name: 'Demo Browser Park (fictional)' }).first().click());
  await andWait(hub, () => hub.locator('[data-qa=open-as-context]').click());
  await expectAccessible(hub, 'opening a context from intelligence');
  await hub.getByLabel('Concerns').fill('Fictional: younger children seen with older youths after dark');
  await andWait(hub, () => hub.getByRole('button', { name: 'Open the context' }).click());
  const placeId = new URL(hub.url()).pathname.split('/')[2];
  const placeNetwork = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${children[0]}/network?depth=1`);
  assert.ok(
    placeNetwork.json().nodes.some((n: { id: string }) => n.id === placeId),
    'the intelligence place is the context: no copy',
  );
  await expectAccessible(hub, 'the context');

  for (const name of ['Parkone', 'Parktwo']) {
    await andWait(hub, () => hub.locator('[data-qa=link-child]').click());
    await hub.getByLabel('Search for the child').fill(name);
    await andWait(hub, () => hub.getByRole('button', { name: 'Search' }).click());
    if (name === 'Parkone') {
      await andWait(hub, () => hub.getByRole('button', { name: 'Save' }).click());
      assert.match(await hub.locator('.govuk-error-summary').innerText(), /child/i);
      await expectAccessible(hub, 'linking a child, with its errors');
    }
    await hub.getByLabel(new RegExp(name)).check();
    await hub.getByLabel('Frequents the place').check();
    await andWait(hub, () => hub.getByRole('button', { name: 'Save' }).click());
  }
  assert.match(await hub.locator('[data-qa=context-children]').innerText(), /Parkone[\s\S]*Parktwo|Parktwo[\s\S]*Parkone/);

  await andWait(hub, () => hub.locator('[data-qa=hold-mace]').click());
  const day = addDays(ukDate(new Date()), 3);
  await hub.getByLabel('Starts').fill(`${day}T10:00`);
  await hub.getByLabel('Ends').fill(`${day}T11:00`);
  await hub.getByLabel('Location').fill('Room 2, Fictional House');
  await hub.getByLabel('Chair', { exact: true }).fill('Fictional Chair');
  await hub.getByLabel('Testshire Police', { exact: true }).check();
  await andWait(hub, () => hub.locator('[data-qa=convene-submit]').click());
  assert.match(new URL(hub.url()).pathname, /^\/meetings\/[0-9a-f-]{36}$/);
  await hub.goto(e2e.url(`/contexts/${placeId}`));
  assert.match(await hub.locator('[data-qa=context-meetings]').innerText(), /MACE: Demo Browser Park/);

  const police = await e2e.pageAs('police_intelligence');
  await police.goto(e2e.url(`/contexts/${placeId}`));
  await andWait(police, () => police.locator('[data-qa=record-disruption]').click());
  await police.getByLabel('Licensing review (taxi or premises)').check();
  await police.getByLabel('Owner agency').selectOption({ label: 'Testshire Police' });
  const [y, m, d] = ukDate(new Date()).split('-');
  await police.locator('#startedOn-day').fill(String(Number(d)));
  await police.locator('#startedOn-month').fill(String(Number(m)));
  await police.locator('#startedOn-year').fill(y);
  await police.getByLabel('Planned').check();
  await andWait(police, () => police.getByRole('button', { name: 'Save disruption' }).click());
  await police.goto(e2e.url(`/contexts/${placeId}`));
  assert.match(await police.locator('[data-qa=context-disruption]').innerText(), /Licensing review/);
  await expectAccessible(police, 'the context with its disruption, read by police intelligence');
});

test("outcomes: a child's outcome star recorded twice shows as a chart and a table on the Outcomes tab", async () => {
  const { w } = e2e;
  const ref = (
    await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { ...referralBody().subject, givenName: 'Starchild' } }))
  ).json();
  await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${ref.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional rationale.',
  });
  const scale = await api(w, 'hub_coordinator', 'POST', '/api/v1/outcome-scales', { name: 'Demo Browser Star', kind: 'star', areas: ['Safety', 'Friends'] });
  assert.equal(scale.statusCode, 201, scale.body);

  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url(`/people/${ref.personId}`));
  await andWait(hub, () => hub.locator('[data-qa=tab-outcomes]').click());
  await expectAccessible(hub, 'the Outcomes tab, nothing recorded');
  for (const [safety, friends] of [
    ['3', '4'],
    ['6', '7'],
  ]) {
    const form = hub.locator('form[action$="/outcomes"]').first();
    if (!(await form.isVisible())) await hub.locator('.govuk-details__summary', { hasText: 'Record Demo Browser Star' }).click();
    await form.getByLabel('Safety (1 to 10)').fill(safety);
    await form.getByLabel('Friends (1 to 10)').fill(friends);
    await andWait(hub, () => form.getByRole('button').click());
  }
  const table = await hub.locator('main table').first().innerText();
  assert.match(table, /7 of 20[\s\S]*13 of 20|13 of 20[\s\S]*7 of 20/);
  assert.equal(await hub.locator('main svg circle').count(), 2, 'two points on the chart');
  await expectAccessible(hub, 'the Outcomes tab with two records');
});

test('the context assessment toolkit: an area added for places (a blank label refused first), listed as offered', async () => {
  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url('/admin'));
  await andWait(hub, () => hub.getByRole('link', { name: 'Context assessment toolkit' }).click());
  await expectAccessible(hub, 'the context assessment toolkit');
  await andWait(hub, () => hub.locator('[data-qa=add-area-place]').click());
  await andWait(hub, () => hub.getByRole('button', { name: 'Add the area' }).click());
  assert.match(await hub.locator('.govuk-error-summary').innerText(), /area/i, 'a blank label is refused with the error summary');
  await expectAccessible(hub, 'adding an area, with its error');
  await hub.getByLabel('Area').fill('Late-night takeaways the group meets at');
  await andWait(hub, () => hub.getByRole('button', { name: 'Add the area' }).click());
  assert.match(await hub.locator('[data-qa=toolkit-place]').innerText(), /Late-night takeaways the group meets at\s+Added by the partnership\s+Offered/);
});
