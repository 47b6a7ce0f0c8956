// In a real browser: the header and service navigation (one row at 1280 px, administration under one entry, "Make a
// referral" a button, the account's links in the header) and the repeat-missing alert as the MOJ alert component.
// Every page checked (expectAccessible) is also checked at 320x640 for reflow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Role } from '../../src/platform/access/policy.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
let child: string;
before(async () => {
  e2e = await startE2E();
  child = (
    await api(e2e.w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Alertchild', familyName: 'Fictional' } }))
  ).json().personId;
  // Three episodes within the rule's 30 days: a repeat-missing alert.
  for (const days of [20, 10, 2]) {
    const reportedAt = new Date(Date.now() - days * 86_400_000).toISOString();
    const res = await api(e2e.w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
      personId: child,
      classification: 'missing',
      riskGrade: 'high',
      reportedAt,
    });
    assert.equal(res.statusCode, 201, res.body);
  }
});
after(async () => {
  await e2e?.close();
});

/** Whether the service navigation's items and the button all sit on the first item's row. */
const oneRow = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.govuk-service-navigation__item')].map((i) => i.getBoundingClientRect());
    return boxes.every((b) => b.top + b.height / 2 > boxes[0].top && b.top + b.height / 2 < boxes[0].bottom);
  });

test('the service navigation fits one row at 1280 px for every role; admin is one entry; the account is in the header', async () => {
  const roles: Role[] = ['hub_coordinator', 'partnership_admin', 'police_intelligence', 'practitioner', 'manager', 'information_governance'];
  for (const role of roles) {
    const page = await e2e.pageAs(role);
    assert.ok(await oneRow(page), `${role}'s navigation is on one row`);
    const sections = await page.locator('.govuk-service-navigation__item').allInnerTexts();
    for (const admin of ['Users', 'Agencies', 'API tokens', 'Duplicates', 'Make a referral', 'Notifications'])
      assert.ok(!sections.includes(admin), `${role}: ${admin} is not a section`);
    const account = page.getByRole('banner').getByRole('navigation', { name: 'Your account' });
    assert.match(await account.innerText(), /Signed in as .+[\s\S]*Notifications[\s\S]*Sign out/);
    await page.context().close();
  }
  const hub = await e2e.pageAs('hub_coordinator');
  assert.ok(await hub.getByRole('banner').getByRole('button', { name: 'Make a referral' }).isVisible());
  await andWait(hub, () => hub.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Admin' }).click());
  assert.deepEqual(await hub.locator('[data-qa=admin-pages] a').allInnerTexts(), [
    'Duplicates',
    'API tokens',
    'Meeting types',
    'Cumulative concern alerts',
    'Context assessment toolkit',
  ]);
  assert.equal(await hub.locator('.govuk-service-navigation__item--active').innerText(), 'Admin');
  await expectAccessible(hub, 'the admin page');
  await andWait(hub, () => hub.getByRole('link', { name: 'Duplicates' }).click());
  assert.equal(await hub.locator('.govuk-service-navigation__item--active').innerText(), 'Admin', 'Duplicates is under Admin, not People');
  const practitioner = await e2e.pageAs('practitioner');
  assert.equal((await practitioner.goto(e2e.url('/admin')))?.status(), 403);
});

test('the repeat-missing alert is the MOJ alert (icon column and content) on the dashboard and the child’s page', async () => {
  const page = await e2e.pageAs('hub_coordinator');
  for (const [path, qa] of [
    ['/missing', 'repeat-alerts'],
    [`/people/${child}/missing`, 'child-repeat-alert'],
  ]) {
    await page.goto(e2e.url(path));
    const alert = page.locator(`[data-qa=${qa}]`);
    assert.match(await alert.innerText(), /Alertchild Fictional|met the rule/);
    assert.equal(await alert.locator(':scope > div > svg.moj-alert__icon').count(), 1, `${path}: the icon column`);
    const content = await alert.locator('.moj-alert__content').boundingBox();
    assert.ok(content && content.width > 600, `${path}: the content is wide (${content?.width} px), not squeezed into the icon's column`);
    await expectAccessible(page, path);
  }
});
