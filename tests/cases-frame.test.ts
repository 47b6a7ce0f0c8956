// The child's page frame: identity bar and sub-navigation on the overview and referrals tabs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

test('the child’s page shows the identity bar and the tabs the viewer may open', async () => {
  const r = (
    await api(
      w,
      'hub_coordinator',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { ...referralBody().subject, placedByOtherLa: true, placingAuthority: 'Farshire (fictional)' } }),
    )
  ).json();
  const hub = await signedIn(w, 'hub_coordinator');
  const page = await hub.get(`/people/${r.personId}`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /data-qa="identity-bar"/);
  assert.match(page.body, /data-qa="person-name">Testchild Fictional</);
  assert.match(page.body, /No exploitation case/);
  assert.match(page.body, /Placed by another authority: Farshire/);
  for (const tab of ['overview', 'chronology', 'referrals', 'actions', 'missing', 'intelligence'])
    assert.match(page.body, new RegExp(`data-qa="tab-${tab}"`), tab);
  assert.doesNotMatch(page.body, /data-qa="tab-access"/, 'the access log is for information governance');
  const ig = await signedIn(w, 'information_governance');
  const igPage = await ig.get(`/people/${r.personId}/referrals`);
  assert.equal(igPage.statusCode, 200, igPage.body);
  assert.match(igPage.body, /data-qa="tab-access"/);
  assert.doesNotMatch(igPage.body, /data-qa="tab-intelligence"/);
});
