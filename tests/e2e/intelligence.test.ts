// In a real browser: a police officer records intelligence about two children, a vehicle and a place; the hub
// opens a child's network (chart and table) and the hotspot map; every page is checked with axe, and the chart
// and map must really draw under the Content Security Policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ukDate } from '../../src/platform/time.ts';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, signInAs, startE2E } from './browser.ts';

let e2e: E2E;
const people: string[] = [];
before(async () => {
  e2e = await startE2E();
  for (const name of ['Intelchild', 'Secondchild']) {
    people.push(
      (
        await api(
          e2e.w,
          'hub_coordinator',
          'POST',
          '/api/v1/referrals',
          referralBody({ subject: { givenName: name, familyName: 'Fictional', dateOfBirth: '2011-03-04' } }),
        )
      ).json().personId,
    );
  }
});
after(async () => {
  await e2e?.close();
});

test('record intelligence, open the network chart and its table, see the hotspot map; axe-clean', async () => {
  const { page } = await e2e.newPage();
  await signInAs(page, e2e, 'police_intelligence');
  await page.goto(e2e.url(`/intelligence/new?personId=${people[0]}&personId=${people[1]}`));
  assert.match(await page.locator('[data-qa=chosen-people]').innerText(), /Intelchild Fictional[\s\S]*Secondchild Fictional/);
  await expectAccessible(page, 'the intelligence form');

  // A wrong grading is refused with the error summary; what was typed stays.
  await page
    .getByLabel('What was seen, heard or reported')
    .fill('Fictional: a silver car, plate seen twice outside the takeaway on Station Road, collecting two girls.');
  await page.getByLabel('Victim', { exact: true }).check();
  await page.getByLabel('Category').selectOption('cse');
  await page.locator('#occurredOn-day').fill('2');
  await page.locator('#occurredOn-month').fill('11');
  await page.locator('#occurredOn-year').fill(ukDate(new Date()).slice(0, 4));
  await page.getByLabel('Grading (3x5x2)').fill('4ZC');
  await page.getByLabel('Registration', { exact: true }).fill('NM12 ABC');
  await page.getByLabel('Make', { exact: true }).fill('Vauxhall');
  await page.getByLabel('Colour', { exact: true }).fill('Silver');
  await page.locator('#location-label').fill('Fictional takeaway, Station Road');
  await page.getByLabel('Type', { exact: true }).selectOption('takeaway');
  await page.getByLabel('Ward', { exact: true }).selectOption('Brookside');
  await andWait(page, () => page.locator('[data-qa=save-intelligence]').click());
  assert.match(await page.locator('.govuk-error-summary').innerText(), /grading/i);
  await expectAccessible(page, 'the intelligence form with an error');
  await page.getByLabel('Grading (3x5x2)').fill('2BC');
  await page.getByLabel('Handling conditions (needed for handling code C)').fill('Fictional: not to be shared outside the hub without police agreement.');
  await page.getByLabel('Hub coordinators').check();
  await andWait(page, () => page.locator('[data-qa=save-intelligence]').click());
  assert.match(await page.locator('[data-qa=grading]').innerText(), /2BC/);
  await expectAccessible(page, 'the recorded intelligence');

  // The hub coordinator (released the C item) sees the child's network.
  const hub = (await e2e.newPage()).page;
  await signInAs(hub, e2e, 'hub_coordinator');
  await hub.goto(e2e.url(`/people/${people[0]}/network`));
  const nodes = await hub.locator('[data-qa=network-nodes]').innerText();
  assert.match(nodes, /Silver Vauxhall NM12 ?ABC/);
  assert.match(nodes, /Fictional takeaway, Station Road/);
  assert.match(nodes, /Secondchild Fictional/, 'the other child, two steps away');
  await hub.locator('[data-qa=network-chart] canvas').first().waitFor({ state: 'attached' });
  assert.ok((await hub.locator('[data-qa=network-chart] canvas').count()) > 0, 'Cytoscape drew the chart');
  assert.equal(await hub.locator('[data-qa=network-chart]').getAttribute('data-label-overlaps'), '0', 'no label covers a node');
  // Each entity in the tables links to its own network (the car's, the takeaway's, the other child's).
  const car = hub.locator('[data-qa=network-nodes] a', { hasText: 'NM12' });
  assert.match((await car.getAttribute('href')) ?? '', /^\/people\/[0-9a-f-]{36}\/network$/);
  assert.ok((await hub.locator('[data-qa=network-links] a', { hasText: 'NM12' }).count()) > 0, 'the links table links the car too');
  await expectAccessible(hub, 'the network page');
  await andWait(hub, () => car.click());
  assert.match(await hub.locator('h1').innerText(), /NM12/);
  assert.match(await hub.locator('[data-qa=network-nodes]').innerText(), /Intelchild Fictional/);
  await expectAccessible(hub, 'the car’s network');

  // A location with a position puts a marker on the map too (Leaflet used to throw then), and its label, typed by a
  // user, is shown in the popup as text, never as HTML.
  const placed = await api(e2e.w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
    summary: 'Fictional: two children seen waiting outside the arcade late at night.',
    category: 'cse',
    occurredOn: new Date().toISOString().slice(0, 10),
    grading: '2BP',
    entities: [
      { ref: 'child', personId: people[0] },
      { ref: 'arcade', kind: 'location', label: 'Fictional <b>arcade</b>', locationType: 'other', ward: 'Brookside', x: 40, y: 40 },
    ],
    links: [{ from: 'child', to: 'arcade', type: 'seen_at', fromRole: 'victim' }],
  });
  assert.equal(placed.statusCode, 201, placed.body);

  await hub.goto(e2e.url('/intelligence/hotspots'));
  assert.match(await hub.locator('[data-qa="ward-Brookside"]').innerText(), /[1-9]/);
  await hub.locator('[data-qa=hotspot-map][data-rendered=true]').waitFor({ state: 'attached' });
  assert.ok((await hub.locator('[data-qa=hotspot-map] .leaflet-overlay-pane path').count()) >= 7, 'Leaflet drew the wards and the marker');
  await hub.locator('[data-qa=hotspot-map] .leaflet-overlay-pane path[fill="#ffdd00"]').click();
  assert.equal(await hub.locator('.leaflet-popup-content').innerText(), 'Fictional <b>arcade</b> (Other): 1');
  assert.equal(await hub.locator('.leaflet-popup-content b').count(), 0, 'the label is not HTML');
  await expectAccessible(hub, 'the hotspot map');

  // The Panel pack: every table column has a header (axe: empty-table-header).
  await hub.goto(e2e.url('/intelligence/panel'));
  await expectAccessible(hub, 'the Panel pack');
});
