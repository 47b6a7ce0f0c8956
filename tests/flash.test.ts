// Success banners come from a one-time message in the session (reply.flash), not from the query string: a reload,
// a bookmark or a shared link does not show "saved" again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const banner = /govuk-notification-banner--success/;

test('a saved form shows its success banner once; a reload or the old query string does not repeat it', async () => {
  const coordinator = await signedIn(w, 'missing_coordinator');
  const saved = await coordinator.submit('/missing/rule', '/missing/rule', { episodes: '3', withinDays: '90' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/missing/rule', 'no banner flag in the address');
  const shown = await coordinator.get('/missing/rule');
  assert.match(shown.body, banner);
  assert.match(shown.body, /Rule saved/);
  const reloaded = await coordinator.get('/missing/rule');
  assert.doesNotMatch(reloaded.body, banner, 'a reload does not repeat it');
  const bookmarked = await coordinator.get('/missing/rule?saved=1');
  assert.doesNotMatch(bookmarked.body, banner, 'a bookmarked address with the old flag shows no banner');
});

test('the banner belongs to the session that saved: another signed-in user does not see it', async () => {
  const coordinator = await signedIn(w, 'missing_coordinator');
  const other = await signedIn(w, 'missing_coordinator');
  await coordinator.submit('/missing/rule', '/missing/rule', { episodes: '3', withinDays: '90' });
  assert.doesNotMatch((await other.get('/missing/rule')).body, banner);
  assert.match((await coordinator.get('/missing/rule')).body, /Rule saved/);
});

test('a banner text is escaped', async () => {
  const admin = await signedIn(w, 'partnership_admin');
  const res = await admin.submit('/admin/agencies', '/admin/agencies', { name: 'Fictional <b>Bold</b> Agency', sector: 'education' });
  assert.equal(res.statusCode, 303);
  const page = await admin.get('/admin/agencies');
  assert.match(page.body, /Agency added: Fictional &lt;b&gt;Bold&lt;\/b&gt; Agency/);
});
