// In a real browser: a practitioner makes a referral about a new (fictional) child through the GOV.UK form, the
// hub sees it and opens the child's page, and information governance sees that view in the access log. Also:
// a double submission makes one referral, the form works without JavaScript, and checkboxes work by keyboard.
// Two-factor is switched off in this world (sign-in.test.ts covers it), so each user signs in with a password.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatUkDateTime } from '../../src/platform/time.ts';
import { andWait, type E2E, expectAccessible, focused, pathOf, signInAs, startE2E } from './browser.ts';

let e2e: E2E;

before(async () => {
  e2e = await startE2E({ requireMfa: false });
});

after(async () => {
  await e2e?.close();
});

const CONCERNS = 'Fictional test concern: seen getting into cars with unknown older adults outside school on several evenings.';

const send = (page: Page) => andWait(page, () => page.locator('[data-qa=send-referral]').click());

/** Opens the form from the service navigation, as a user would. */
async function openForm(page: Page) {
  await andWait(page, () => page.getByRole('banner').getByRole('button', { name: 'Make a referral' }).click());
  assert.equal(pathOf(page), '/referrals/new');
}

/** Fills the fields every referral about a new person needs. */
async function fillRequired(page: Page, givenName: string, familyName: string) {
  await page.getByLabel('First name').fill(givenName);
  await page.getByLabel('Last name').fill(familyName);
  await page.getByLabel('What are you worried about?').fill(CONCERNS);
  await page.getByLabel('Consent to share was given').check();
}

/** The referral page's success banner, and the reference it gives. */
async function createdReference(page: Page): Promise<string> {
  assert.match(pathOf(page), /^\/referrals\/[0-9a-f-]{36}$/);
  const banner = page.locator('[data-qa=referral-created]');
  assert.equal(await banner.getAttribute('role'), 'alert', 'the success banner is announced');
  const reference = /Referral (REF-\d{4}-\d{5}) sent to the hub/.exec(await banner.innerText())?.[1];
  assert.ok(reference, `no reference in the success banner: ${await banner.innerText()}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), reference);
  return reference;
}

/** The rows of the hub's list of new referrals that are about this person. */
async function hubListRows(page: Page, name: string) {
  await page.goto(e2e.url('/referrals'));
  return page.locator('[data-qa=referral-list] tbody tr').filter({ hasText: name });
}

/** The summary list value for a key on the referral page. */
const summaryValue = (page: Page, key: string) =>
  page
    .locator('.govuk-summary-list__row')
    .filter({ has: page.locator('.govuk-summary-list__key', { hasText: key }) })
    .locator('.govuk-summary-list__value')
    .innerText();

let childPath = '';
let hubViewedAt: Date;

test('a practitioner makes a referral: errors are summarised and linked, values kept, then it is sent', async () => {
  const page = await e2e.pageAs('practitioner');
  await openForm(page);
  assert.equal(await page.title(), 'Make a referral – Jigsaw');
  await expectAccessible(page, 'Referral form');

  // Some fields filled, the last name and consent left out.
  await page.getByLabel('First name').fill('Wrenna');
  await page.getByRole('group', { name: 'Date of birth' }).getByLabel('Day').fill('17');
  await page.getByRole('group', { name: 'Date of birth' }).getByLabel('Month').fill('5');
  await page.getByRole('group', { name: 'Date of birth' }).getByLabel('Year').fill('2012');
  await page.getByLabel('Postcode').fill('NM1 4AB');
  await page.getByLabel('What are you worried about?').fill(CONCERNS);
  await page.getByLabel('Getting into cars with unknown adults').check();
  await send(page);

  assert.equal(pathOf(page), '/referrals', 'the form is shown again where it was posted');
  assert.match(await page.title(), /^Error: Make a referral/);
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.getByRole('heading').innerText(), 'There is a problem');
  assert.ok((await focused(page)).className.includes('govuk-error-summary'), 'focus moves to the error summary');
  const links = await summary.getByRole('link').evaluateAll((as) => as.map((a) => [a.textContent?.trim(), a.getAttribute('href')]));
  assert.deepEqual(links.sort(), [
    ['Enter the last name', '#subject-familyName'],
    ['Say whether consent to share was given, or the lawful basis for sharing without it', '#consent'],
  ]);
  for (const [, href] of links) assert.equal(await page.locator(href as string).count(), 1, `the summary links to ${href}, which is on the page`);
  assert.equal((await page.locator('#subject-familyName-error').innerText()).replace(/\s+/g, ' '), 'Error: Enter the last name');

  // What was typed is kept.
  assert.equal(await page.getByLabel('First name').inputValue(), 'Wrenna');
  assert.equal(await page.getByRole('group', { name: 'Date of birth' }).getByLabel('Day').inputValue(), '17');
  assert.equal(await page.getByRole('group', { name: 'Date of birth' }).getByLabel('Year').inputValue(), '2012');
  assert.equal(await page.getByLabel('Postcode').inputValue(), 'NM1 4AB');
  assert.equal(await page.getByLabel('What are you worried about?').inputValue(), CONCERNS);
  assert.ok(await page.getByLabel('Getting into cars with unknown adults').isChecked());
  assert.equal(await page.getByLabel('Referrer name').inputValue(), 'Test practitioner');
  await expectAccessible(page, 'Referral form with errors');

  await summary.getByRole('link', { name: 'Enter the last name' }).click();
  assert.equal((await focused(page)).id, 'subject-familyName', 'the summary link moves focus to the last name');
  await page.keyboard.type('Quillfeather');
  await page.getByLabel('Consent to share was given').check();
  await send(page);

  const reference = await createdReference(page);
  assert.equal(await summaryValue(page, 'About'), 'Wrenna Quillfeather');
  assert.equal(await summaryValue(page, 'Indicators observed'), 'Getting into cars with unknown adults');
  assert.equal(await summaryValue(page, 'Referring agency'), 'Testshire School');
  await expectAccessible(page, 'Referral page after sending');

  // The hub coordinator sees it in the list of new referrals and opens the child's page.
  const hub = await e2e.pageAs('hub_coordinator');
  const rows = await hubListRows(hub, 'Wrenna Quillfeather');
  assert.equal(await rows.count(), 1);
  const row = await rows.innerText();
  for (const shown of [reference, 'Wrenna Quillfeather', 'Testshire School', 'Routine']) assert.ok(row.includes(shown), `the row shows ${shown}: ${row}`);
  assert.match(row, /\d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}(:\d{2})?[ap]m/, 'the row shows when it was received, as 1 December 2026 at 2:25pm');
  await expectAccessible(hub, 'Hub list of new referrals');

  hubViewedAt = new Date();
  await andWait(hub, () => rows.getByRole('link', { name: 'Wrenna Quillfeather' }).click());
  childPath = pathOf(hub);
  assert.match(childPath, /^\/people\/[0-9a-f-]{36}$/);
  assert.equal(await hub.title(), 'Wrenna Quillfeather – Jigsaw');
  const identity = hub.locator('.moj-identity-bar');
  assert.equal(await identity.getByRole('heading', { level: 1 }).innerText(), 'Wrenna Quillfeather');
  assert.match(await identity.innerText(), /Born 17 May 2012 · age \d+/);
  const subNav = hub.getByRole('navigation', { name: 'Child’s record' });
  const tabs = await subNav.getByRole('link').allInnerTexts();
  assert.ok(tabs.includes('Overview') && tabs.includes('Referrals (1)'), `sub navigation: ${tabs.join(', ')}`);
  assert.equal(await subNav.getByRole('link', { name: 'Overview' }).getAttribute('aria-current'), 'page');
  const timeline = hub.locator('[data-qa=timeline] .moj-timeline__item');
  assert.equal(await timeline.filter({ hasText: 'Record created' }).count(), 1);
  const entry = timeline.filter({ hasText: `Referral ${reference} received` });
  assert.match(await entry.innerText(), /by Test practitioner/);
  assert.match(await entry.innerText(), /received: Routine/);
  assert.ok(await entry.locator('time[datetime]').count(), 'the timeline entry has a machine-readable time');
  await expectAccessible(hub, "Child's page");

  await andWait(hub, () => subNav.getByRole('link', { name: 'Referrals (1)' }).click());
  assert.equal(await hub.locator('[data-qa=person-referrals] tbody tr').count(), 1);
  assert.match(await hub.locator('[data-qa=person-referrals]').innerText(), new RegExp(reference));
  await expectAccessible(hub, "Child's referrals");
});

test('information governance finds the child and sees that the hub coordinator viewed the record, and when', async () => {
  assert.ok(childPath, 'needs the referral from the previous test');
  const page = await e2e.pageAs('information_governance');
  await andWait(page, () => page.getByRole('navigation').getByRole('link', { name: 'Information governance' }).click());
  assert.equal(pathOf(page), '/governance');
  await expectAccessible(page, 'Information governance search');

  await page.getByLabel('Name or NHS number').fill('Quillfeather');
  await andWait(page, () => page.getByRole('button', { name: 'Search' }).click());
  const result = page.locator('[data-qa=governance-results]').getByRole('link', { name: 'Wrenna Quillfeather, born 17 May 2012' });
  await expectAccessible(page, 'Information governance search results');
  await andWait(page, () => result.click());
  assert.equal(pathOf(page), `/governance${childPath}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Who viewed Wrenna Quillfeather');

  const views = page.locator('[data-qa=access-log] tbody tr').filter({ hasText: 'Test hub_coordinator' }).filter({ hasText: 'person.viewed' });
  assert.ok((await views.count()) >= 1, `no view by the hub coordinator in the log:\n${await page.locator('[data-qa=access-log]').innerText()}`);
  const when = await views.first().locator('td').first().innerText();
  const possible = new Set<string>();
  for (let t = hubViewedAt.getTime() - 60_000; t <= Date.now() + 60_000; t += 30_000) possible.add(formatUkDateTime(new Date(t)));
  assert.ok(possible.has(when), `the view is logged at "${when}", expected about ${[...possible].join(' / ')} (UK time)`);
  await expectAccessible(page, 'Who viewed this record');
});

test('sending the same form twice makes one referral', async () => {
  const page = await e2e.pageAs('practitioner');
  await openForm(page);
  await fillRequired(page, 'Tobiah', 'Fernsby');
  // What the browser would send again on a double click, a retry or a resubmission: the same hidden submissionId.
  const form = await page
    .locator('[data-qa=referral-form]')
    .evaluate((f) => new URLSearchParams(new FormData(f as HTMLFormElement) as unknown as string[][]).toString());
  assert.match(form, /submissionId=[0-9a-f-]{36}/);
  await send(page);
  const reference = await createdReference(page);
  const first = pathOf(page);

  const again = (body: string) =>
    page.evaluate(async (payload) => {
      const res = await fetch('/referrals', { method: 'POST', body: payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return { status: res.status, url: new URL(res.url).pathname };
    }, body);
  // Once more after the first finished, then twice at the same moment.
  const answers = [await again(form), ...(await Promise.all([again(form), again(form)]))];
  for (const a of answers) assert.deepEqual(a, { status: 200, url: first }, 'a repeat is taken to the referral already made');

  const hub = await e2e.pageAs('hub_coordinator');
  const rows = await hubListRows(hub, 'Tobiah Fernsby');
  assert.equal(await rows.count(), 1, 'one referral in the hub list');
  assert.match(await rows.innerText(), new RegExp(reference));
});

test('with only a keyboard, a user reaches and ticks a checkbox', async () => {
  const page = await e2e.pageAs('practitioner');
  await openForm(page);
  await fillRequired(page, 'Pip', 'Ashdown-Vale');

  await page.getByLabel('What are you worried about?').focus();
  await page.keyboard.press('Tab');
  const first = page.getByLabel('Child sexual exploitation');
  assert.equal((await focused(page)).id, await first.getAttribute('id'), 'Tab from the concerns reaches the first type of exploitation');
  await page.keyboard.press('Space');
  assert.ok(await first.isChecked(), 'Space ticks it');
  await page.keyboard.press('Tab');
  const second = page.getByLabel('Criminal exploitation');
  assert.equal((await focused(page)).id, await second.getAttribute('id'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Space');
  assert.ok(!(await second.isChecked()), 'Space again unticks it');
  await send(page);

  await createdReference(page);
  assert.equal(await summaryValue(page, 'Suspected exploitation'), 'Child sexual exploitation');
});

test('without JavaScript the referral form can still be completed and sent', async () => {
  const { page } = await e2e.newPage({ javaScriptEnabled: false });
  await signInAs(page, e2e, 'practitioner');
  await openForm(page);
  assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /govuk-frontend-supported/, 'really without JavaScript');
  await expectAccessible(page, 'Referral form without JavaScript');

  await send(page);
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.getByRole('heading').innerText(), 'There is a problem');
  await andWait(page, () => summary.getByRole('link', { name: 'Enter the first name' }).click());
  assert.equal(new URL(page.url()).hash, '#subject-givenName', 'the summary links still go to the field');
  await expectAccessible(page, 'Referral form with errors, without JavaScript');

  await page.getByLabel('First name').fill('Odile');
  await page.getByLabel('Last name').fill('Brackenridge');
  await page.getByLabel('What are you worried about?').fill(CONCERNS);
  // Without JavaScript the "conditional" question under a checkbox is simply shown.
  await page.getByLabel('Yes, placed here by another local authority').check();
  await page.getByLabel('Which local authority placed them here?').fill('Fictionshire County Council');
  await page.getByLabel('Consent not sought: sharing without consent on a lawful basis').check();
  await page.getByLabel(/lawful basis and reason/).fill('Fictional: the child is at risk of significant harm now.');
  await page.getByLabel('Urgent (same day)').check();
  await send(page);

  const reference = await createdReference(page);
  assert.equal(await summaryValue(page, 'Urgency'), 'Urgent (same day)');
  assert.equal(await summaryValue(page, 'Lawful basis for sharing without consent'), 'Fictional: the child is at risk of significant harm now.');
  await expectAccessible(page, 'Referral page without JavaScript');

  // The referrer sees their referral, not the child's record: referring does not widen what they may see.
  assert.equal(await page.getByRole('link', { name: 'Odile Brackenridge' }).count(), 0);
  const referralUrl = pathOf(page);
  const { page: hub } = await e2e.newPage({ javaScriptEnabled: false });
  await signInAs(hub, e2e, 'hub_coordinator');
  await hub.goto(e2e.url(referralUrl));
  await andWait(hub, () => hub.getByRole('link', { name: 'Odile Brackenridge' }).click());
  assert.equal(await summaryValue(hub, 'Placed by another local authority'), 'Yes: Fictionshire County Council');
  assert.match(await hub.locator('[data-qa=timeline]').innerText(), new RegExp(`Referral ${reference} received`));
});
