// In a real browser: the hub reviews suspected duplicates as clusters (issue 18.3): a cluster of three records of one
// fictional girl shown together with each pair's explanation behind "Why they may be the same", a pair across
// clusters, a missing choice refused with the error summary, then "not the same" splitting the cluster. Every page
// axe clean at 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody } from '../fixtures.ts';
import { andWait, type E2E, expectAccessible, startE2E } from './browser.ts';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ requireMfa: false });
  const kayleigh = {
    givenName: 'Kayleigh',
    familyName: 'Browsercluster',
    dateOfBirth: '2011-03-04',
    sex: 'female',
    postcode: 'NM2 3CD',
    address: '7 Weir Road',
  };
  for (const subject of [
    kayleigh,
    { ...kayleigh, givenName: 'Kayley' },
    { givenName: 'Jordan', familyName: 'Browserchain', dateOfBirth: '2010-05-06', sex: 'male', postcode: 'NM1 1AA', address: '1 Chain Street' },
    { givenName: 'Jordan', familyName: 'Browserchain', sex: 'male' },
    { givenName: 'Jordan', familyName: 'Browserchain', dateOfBirth: '2013-11-23', sex: 'male', postcode: 'NM7 7ZZ', address: '9 Other Road' },
    { ...kayleigh, dateOfBirth: '2011-04-03', address: undefined },
  ]) {
    const res = await api(e2e.w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject }));
    assert.equal(res.statusCode, 201, res.body);
  }
});
after(async () => {
  await e2e?.close();
});

test('the hub reviews a cluster of three, opens a pair’s explanation, and splits the cluster with “not the same”', async () => {
  const hub = await e2e.pageAs('hub_coordinator');
  await hub.goto(e2e.url('/people/duplicates'));
  const three = hub.locator('[data-qa=duplicate-cluster][data-cluster-size="3"]');
  assert.match(await three.locator('.govuk-summary-card__title').innerText(), /3 records probably the same person/);
  assert.equal(await three.locator('[data-qa=cluster-member]').count(), 3);
  assert.equal(await three.locator('[data-qa=duplicate-pair]').count(), 3);
  assert.equal(await hub.locator('[data-qa=duplicate-link]').count(), 1, 'the pair a chain would have used, across clusters');
  await expectAccessible(hub, 'the duplicates page with a cluster of three');

  const first = three.locator('[data-qa=duplicate-pair]').first();
  await first.locator('.govuk-details__summary').click();
  assert.match(await first.locator('[data-qa=explanation]').innerText(), /same family name|Match weight/);
  assert.ok(await first.locator('[data-qa=waterfall] svg').isVisible(), 'the waterfall is shown');
  await expectAccessible(hub, 'a pair’s explanation opened inside the cluster');

  // Saving without a choice: the error summary, on the right pair.
  await andWait(hub, () => first.locator('[data-qa=save-decision]').click());
  assert.match(await hub.locator('.govuk-error-summary').innerText(), /Choose whether these records are the same person/);
  await expectAccessible(hub, 'the duplicates page with an error');

  const pair = hub.locator('[data-qa=duplicate-cluster][data-cluster-size="3"] [data-qa=duplicate-pair]').first();
  await pair.getByLabel('Not the same person').check();
  await andWait(hub, () => pair.locator('[data-qa=save-decision]').click());
  assert.match(await hub.locator('[data-qa=duplicates-notice]').innerText(), /Recorded as not the same person/);
  assert.equal(await hub.locator('[data-qa=duplicate-cluster][data-cluster-size="3"]').count(), 0, 'the cluster of three is split');
  assert.ok((await hub.locator('[data-qa=duplicate-link]').count()) >= 2, 'the pairs it left are still there to review');
  await expectAccessible(hub, 'the duplicates page after splitting the cluster');
});
