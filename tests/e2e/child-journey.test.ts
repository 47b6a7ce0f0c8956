// In a real browser, one child from referral to closure (issue 11, point 10): a teacher refers a new (fictional)
// child; the hub screens the referral, decides High/CE at the triage meeting with an action for the social care
// agency, finds the case on /cases, allocates a social worker and closes the case, and after each step the child's
// chronology shows that step's line; the allocated social worker opens the case; the teacher sees the outcome on
// "My referrals" and nothing else of the child. Every page visited is axe clean at 1280 px and reflows at 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAgency, createUser } from '../../src/modules/admin/use-cases.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { addDays, ukDate } from '../../src/platform/time.ts';
import { andWait, type E2E, expectAccessible, PASSWORD, pathOf, startE2E, submitPassword } from './browser.ts';

let e2e: E2E;
const SOCIAL_WORKER = { email: 'journey.social.worker@test.jigsaw.example', name: 'Fictional Socialworker' };
const CARE = 'Testshire Children’s Social Care';

before(async () => {
  e2e = await startE2E({ requireMfa: false });
  const { w } = e2e;
  const admin = systemActor(w.partnershipId);
  const care = await w.svc.run(createAgency, admin, { name: CARE, sector: 'childrens_social_care' });
  await w.svc.run(createUser, admin, { ...SOCIAL_WORKER, role: 'practitioner', agencyId: care.id, password: PASSWORD });
});
after(async () => {
  await e2e?.close();
});

test('one child from referral to closure: each step in the chronology, the social worker’s case, the teacher’s outcome', async () => {
  // The teacher refers a child Jigsaw has not met.
  const teacher = await e2e.pageAs('practitioner');
  await andWait(teacher, () => teacher.getByRole('banner').getByRole('button', { name: 'Make a referral' }).click());
  await expectAccessible(teacher, 'the referral form');
  await teacher.getByLabel('First name').fill('Journeychild');
  await teacher.getByLabel('Last name').fill('Fictional');
  await teacher.getByLabel('What are you worried about?').fill('Fictional: seen with older youths handing over packages near the station.');
  await teacher.getByLabel('Consent to share was given').check();
  await andWait(teacher, () => teacher.locator('[data-qa=send-referral]').click());
  const reference = /Referral (REF-\d{4}-\d{5}) sent to the hub/.exec(await teacher.locator('[data-qa=referral-created]').innerText())?.[1];
  assert.ok(reference, 'the success banner gives the reference');
  const referralPath = pathOf(teacher);
  await expectAccessible(teacher, 'the referral just sent');

  // The hub opens the referral and, from it, the child's record.
  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url(referralPath));
  await expectAccessible(hub, 'the referral for the hub');
  await andWait(hub, () => hub.getByRole('link', { name: 'Journeychild Fictional' }).click());
  const personId = /^\/people\/([0-9a-f-]{36})$/.exec(pathOf(hub))?.[1];
  assert.ok(personId, `the referral links to the child: ${pathOf(hub)}`);
  await expectAccessible(hub, 'the child’s overview for the hub');

  /**
   * The child's chronology shows this step's line newest (first). The first visit opens it from the child's tab, and
   * the last is checked with axe too; those between are the same page with one line more.
   */
  const chronologyShows = async (line: RegExp, step: string, { fromTab = false, check = false, after: later = [] as RegExp[] } = {}) => {
    if (fromTab) {
      await andWait(hub, () => hub.locator('[data-qa=tab-chronology]').click());
      assert.equal(pathOf(hub), `/people/${personId}/chronology`);
    } else await hub.goto(e2e.url(`/people/${personId}/chronology`));
    const items = hub.locator('[data-qa=chronology-items] .moj-timeline__item');
    // Lines the same step writes after this one (a decision opens the case, then assigns its action) come first.
    for (const [i, next] of later.entries()) assert.match(await items.nth(i).innerText(), next, `after ${step}, line ${i + 1}`);
    assert.match(await items.nth(later.length).innerText(), line, `after ${step}, the newest line of its kind`);
    if (fromTab || check) await expectAccessible(hub, `the chronology after ${step}`);
  };
  await chronologyShows(new RegExp(`Referral ${reference} received`), 'the referral', { fromTab: true });

  // Screening.
  await hub.goto(e2e.url(referralPath));
  await andWait(hub, () => hub.locator('[data-qa=start-screening]').click());
  await expectAccessible(hub, 'the screening toolkit');
  await hub.getByRole('group', { name: 'Repeatedly missing, or missing overnight' }).getByLabel('Current').check();
  await hub.getByLabel('Answer every question I have left blank “Not known”').check();
  await andWait(hub, () => hub.locator('[data-qa=save-screening]').click());
  assert.match(await hub.locator('[data-qa=screening]').first().innerText(), /score \d+/);
  await chronologyShows(/Screened: /, 'the screening');

  // Triage at today's meeting: High, CE, an action for the social care agency. The decision opens the case.
  await hub.goto(e2e.url('/hub'));
  await andWait(hub, () => hub.locator('[data-qa=open-triage]').click());
  const item = hub.locator('[data-qa=queue-item]').filter({ hasText: 'Journeychild' });
  await item.getByLabel('High').check();
  await item.getByLabel('CE (Criminal Exploitation)').check();
  await item.getByLabel('Rationale').fill('Fictional: screening and the school’s account point to county lines.');
  // The first of the decision's action slots (a decision can set up to three).
  const action = item.getByRole('group', { name: 'Action (optional)', exact: true });
  await action.getByLabel('What needs to be done').fill('Fictional: social work assessment and safety plan');
  await action.getByLabel('Owner agency').selectOption({ label: CARE });
  const [year, month, day] = addDays(ukDate(new Date()), 7).split('-');
  const due = action.getByRole('group', { name: 'Due date' });
  await due.getByLabel('Day').fill(String(Number(day)));
  await due.getByLabel('Month').fill(String(Number(month)));
  await due.getByLabel('Year').fill(year);
  await expectAccessible(hub, 'the triage meeting with the decision filled in');
  await andWait(hub, () => item.locator('[data-qa=record-decision]').click());
  assert.match(await hub.locator('[data-qa=decision-recorded]').innerText(), /Decision recorded/);
  await chronologyShows(/Case opened: High risk; CE/, 'the triage decision', { after: [/Action assigned: Fictional: social work assessment/] });
  assert.match(await hub.locator('[data-qa=chronology-items]').innerText(), /Triage decision: High risk; CE[^\n]*; 1 action agreed/);

  // The case is on the hub's list; the hub opens it and allocates the social worker.
  await hub.goto(e2e.url('/hub'));
  await andWait(hub, () => hub.locator('[data-qa=all-cases]').click());
  assert.equal(pathOf(hub), '/cases');
  assert.match(await hub.locator('[data-qa=case-list]').innerText(), /Journeychild Fictional[\s\S]*High/);
  await expectAccessible(hub, 'the list of cases');
  await andWait(hub, () => hub.getByRole('link', { name: 'Journeychild Fictional' }).click());
  assert.equal(pathOf(hub), `/people/${personId}/actions`);
  assert.match(await hub.locator('[data-qa=case-risk]').innerText(), /High risk/);
  await expectAccessible(hub, 'the child’s plan and actions for the hub');
  await andWait(hub, () => hub.locator('[data-qa=case-allocate]').click());
  await expectAccessible(hub, 'the allocation form');
  await hub.getByLabel('Lead agency').selectOption({ label: CARE });
  await hub.getByLabel('Allocated worker').selectOption({ label: `${SOCIAL_WORKER.name} (${CARE})` });
  await andWait(hub, () => hub.locator('[data-qa=case-submit]').click());
  assert.match(await hub.locator('[data-qa=case-done]').innerText(), /Allocation saved/);
  await chronologyShows(new RegExp(`Case allocation changed: lead agency ${CARE}; allocated worker ${SOCIAL_WORKER.name}`), 'the allocation');

  // The allocated social worker signs in and opens the case: the overview, then the plan and actions.
  const { page: worker } = await e2e.newPage();
  await submitPassword(worker, e2e, SOCIAL_WORKER.email);
  await worker.goto(e2e.url(`/people/${personId}`));
  assert.match(await worker.locator('[data-qa=case-summary]').innerText(), new RegExp(`High risk[\\s\\S]*Allocated worker ${SOCIAL_WORKER.name}`));
  await expectAccessible(worker, 'the child’s overview for the allocated social worker');
  await andWait(worker, () => worker.locator('[data-qa=tab-actions]').click());
  assert.match(await worker.locator('[data-qa=case-actions]').innerText(), /social work assessment and safety plan/);
  await expectAccessible(worker, 'the child’s plan and actions for the allocated social worker');

  // The teacher hears the outcome on "My referrals", and sees nothing more of the child.
  await teacher.goto(e2e.url('/'));
  assert.equal(pathOf(teacher), '/referrals');
  assert.equal(await teacher.locator('h1').innerText(), 'My referrals');
  assert.match(await teacher.locator('[data-qa=referral-list]').innerText(), /Journeychild Fictional[\s\S]*High/);
  await expectAccessible(teacher, 'My referrals with the outcome');
  await andWait(teacher, () => teacher.getByRole('link', { name: reference }).click());
  const outcome = await teacher.locator('[data-qa=outcome]').innerText();
  assert.match(outcome, /High[\s\S]*CE[\s\S]*Actions for your agency\s+None/, 'the outcome, and no action of another agency');
  assert.equal(await teacher.getByRole('link', { name: 'Journeychild Fictional' }).count(), 0, 'no link to the child’s record');
  await expectAccessible(teacher, 'the teacher’s referral with its outcome');
  for (const path of [`/people/${personId}`, `/people/${personId}/chronology`, `/people/${personId}/actions`, `/people/${personId}/network`]) {
    const res = await teacher.goto(e2e.url(path));
    assert.equal(res?.status(), 403, `the teacher may not open ${path}`);
    assert.doesNotMatch(await teacher.locator('main').innerText(), /Journeychild|county lines|Socialworker/, `${path} reveals nothing`);
  }
  await expectAccessible(teacher, 'the page refusing the teacher');
  // The hub's list of cases is not the school's: not found, as tests/cases.test.ts has it.
  assert.equal((await teacher.goto(e2e.url('/cases')))?.status(), 404);

  // The hub closes the case with a reason; the chronology shows it and the social worker's access ends.
  await hub.goto(e2e.url(`/people/${personId}/actions`));
  await andWait(hub, () => hub.locator('[data-qa=case-close]').click());
  await hub.getByLabel('Risk reduced').check();
  await expectAccessible(hub, 'the closing form');
  await andWait(hub, () => hub.locator('[data-qa=case-submit]').click());
  assert.match(await hub.locator('[data-qa=case-done]').innerText(), /Case closed/);
  await chronologyShows(/Case closed: Risk reduced/, 'the closure', { check: true });
  const timeline = await hub.locator('[data-qa=chronology-items]').innerText();
  const order = ['Case closed', 'Case allocation changed', 'Case opened', 'Triage decision', 'Screened', `Referral ${reference} received`];
  const at = order.map((line) => timeline.indexOf(line));
  assert.ok(
    at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1])),
    `every step, newest first: ${at.join(', ')}\n${timeline}`,
  );
  const res = await worker.goto(e2e.url(`/people/${personId}`));
  assert.equal(res?.status(), 403, 'the social worker’s access ends when the case closes');
});
