// In a real browser: the hub asks the referring school what it holds; the teacher is told, answers on their own list;
// after triage the teacher lands on "My referrals", sees the outcome and nothing more; each page checked with axe at
// 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, pathOf, startE2E } from './browser.ts';

let e2e: E2E;
let referral: { id: string; reference: string; personId: string };
before(async () => {
  e2e = await startE2E();
  referral = (
    await api(
      e2e.w,
      'practitioner',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Feedbackchild', familyName: 'Fictional', dateOfBirth: '2011-02-03' } }),
    )
  ).json();
});
after(async () => {
  await e2e?.close();
});

test('the hub asks the school; the teacher answers, hears the outcome and sees nothing more of the case', async () => {
  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url(`/referrals/${referral.id}`));
  await andWait(hub, () => hub.locator('[data-qa=information-requests-link]').click());
  await expectAccessible(hub, 'the referral’s information requests');
  await andWait(hub, () => hub.locator('[data-qa=send-requests]').click());
  assert.match(await hub.locator('.govuk-error-summary').innerText(), /Select the agencies to ask[\s\S]*Enter what you want to know/);
  await expectAccessible(hub, 'the information request form with errors');
  await hub.getByLabel('Testshire School').check();
  await hub.getByLabel('What do you want to know?').fill('Fictional: attendance and anyone seen collecting her after school?');
  await andWait(hub, () => hub.locator('[data-qa=send-requests]').click());
  assert.match(await hub.locator('[data-qa=requests-sent]').innerText(), /1 information request sent/);

  const teacher = await e2e.pageAs('practitioner');
  await teacher.goto(e2e.url('/notifications'));
  assert.match(await teacher.locator('main').innerText(), /Information request: Feedbackchild Fictional/);
  await teacher.goto(e2e.url('/information-requests'));
  await expectAccessible(teacher, 'the school’s information requests');
  await andWait(teacher, () => teacher.getByRole('link', { name: /Feedbackchild Fictional/ }).click());
  await expectAccessible(teacher, 'an information request to answer');
  await teacher.getByLabel(/What does your agency hold/).fill('Fictional: attendance 71%; collected by a grey car twice.');
  await andWait(teacher, () => teacher.locator('[data-qa=send-answer]').click());
  assert.match(await teacher.locator('[data-qa=answer]').innerText(), /attendance 71%/);
  await expectAccessible(teacher, 'an answered information request');

  const decided = await api(e2e.w, 'hub_coordinator', 'POST', `/api/v1/referrals/${referral.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: older associates and the school’s answer. Police hold more.',
    actions: [{ description: 'Fictional: school safety plan', ownerAgencyId: e2e.w.agencies.school, dueDate: addDays(ukDate(new Date()), 7) }],
  });
  assert.equal(decided.statusCode, 201, decided.body);

  await teacher.goto(e2e.url('/'));
  assert.equal(pathOf(teacher), '/referrals');
  assert.equal(await teacher.locator('h1').innerText(), 'My referrals');
  assert.match(await teacher.locator('[data-qa=referral-list]').innerText(), /Feedbackchild Fictional[\s\S]*Medium/);
  await expectAccessible(teacher, 'My referrals');
  await andWait(teacher, () => teacher.getByRole('link', { name: referral.reference }).click());
  const outcome = await teacher.locator('[data-qa=outcome]').innerText();
  assert.match(outcome, /Medium[\s\S]*CSE[\s\S]*older associates and the school’s answer\.[\s\S]*school safety plan/);
  assert.doesNotMatch(outcome, /Police hold more/);
  await expectAccessible(teacher, 'the referral with its outcome');
});
