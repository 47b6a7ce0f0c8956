// In a real browser, the partnership holding itself to account (issue 13): the delivery plan, standards frameworks
// and committee business, every kind of page and a refused form axe-clean for the hub, and read by a scrutiny member
// with no form to change anything. (Reviews and case audits: accountability.test.ts.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedCommitteeDemo } from '../../src/demo/committee.ts';
import { seedDeliveryPlanDemo } from '../../src/demo/delivery-plan.ts';
import { seedStandardsDemo } from '../../src/demo/standards.ts';
import { type E2E, startE2E } from './browser.ts';
import { refusedForm, walkArea } from './walk.ts';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
  const { w } = e2e;
  const coordinator = { id: w.users.hub_coordinator.id, name: 'Test hub_coordinator' };
  const anchor = new Date();
  await w.database.db.transaction().execute(async (tx) => {
    await seedDeliveryPlanDemo(tx, w.partnershipId, coordinator, anchor);
    await seedStandardsDemo(tx, w.partnershipId, { ...w.agencies, csc: w.agencies.hub }, coordinator, anchor);
    await seedCommitteeDemo(tx, w.partnershipId, coordinator, anchor);
  });
});
after(async () => {
  await e2e?.close();
});

for (const [index, newForm, what] of [
  ['/delivery-plans', '/delivery-plans/new', 'the delivery plan'],
  ['/standards', '/standards/new', 'standards frameworks'],
  ['/committees', '/committees/meetings/new', 'committee business'],
] as const) {
  test(`${what}: every kind of page and a refused form for the hub; scrutiny reads it all with no form to change it`, async () => {
    const hub = await e2e.pageAs('hub_coordinator');
    const opened = await walkArea(e2e, hub, index);
    assert.ok(opened.length >= 3, opened.join(', '));
    await refusedForm(e2e, hub, newForm, `${what}: a new one`);
    const scrutiny = await e2e.pageAs('scrutiny_member');
    for (const path of await walkArea(e2e, scrutiny, index, 4)) {
      await scrutiny.goto(e2e.url(path));
      assert.equal(await scrutiny.locator('main form[method=post]').count(), 0, `${path}: no form for a scrutiny member`);
    }
  });
}
