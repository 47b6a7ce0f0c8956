// Administration through the pages: agencies, invitations, account changes (an event only when something changed), tokens.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const events = async (action: string, resourceId?: string) => {
  let q = w.database.db.selectFrom('audit_event').select('id').where('partnership_id', '=', w.partnershipId).where('action', '=', action);
  if (resourceId) q = q.where('resource_id', '=', resourceId);
  return (await q.execute()).length;
};

test('an agency needs a name and a sector, and names are unique', async () => {
  const admin = await signedIn(w, 'partnership_admin');
  const blank = await admin.submit('/admin/agencies', '/admin/agencies', { name: '  ', sector: 'health' });
  assert.equal(blank.statusCode, 422);
  assert.match(blank.body, /Enter the agency name/);
  const noSector = await admin.submit('/admin/agencies', '/admin/agencies', { name: 'Testshire Youth Service', sector: '' });
  assert.equal(noSector.statusCode, 422);
  assert.match(noSector.body, /href="#sector"/);
  assert.equal((await admin.submit('/admin/agencies', '/admin/agencies', { name: 'testshire school', sector: 'education' })).statusCode, 422);
  assert.equal((await admin.submit('/admin/agencies', '/admin/agencies', { name: 'Testshire Youth Service', sector: 'youth_justice' })).statusCode, 303);
  assert.equal(await events('agency.created'), 5);
});

test('an invitation gives a one-time link; changing a role records an event only when the role changes', async () => {
  const admin = await signedIn(w, 'partnership_admin');
  const invited = await admin.submit('/admin/users/new', '/admin/users', {
    name: 'Fictional Newcomer',
    email: 'Newcomer@Test.Jigsaw.Example',
    role: 'hub_member',
    agencyId: w.agencies.hub,
  });
  assert.equal(invited.statusCode, 201, invited.body);
  assert.match(invited.body, /\/invitation\//);
  assert.equal(await events('user.invited'), 1);
  const id = w.users.hub_member.id;
  const same = await admin.submit(`/admin/users/${id}`, `/admin/users/${id}`, { action: 'role', role: 'hub_member' });
  assert.equal(same.statusCode, 303);
  assert.equal(await events('user.updated', id), 0, 'nothing changed');
  await admin.submit(`/admin/users/${id}`, `/admin/users/${id}`, { action: 'role', role: 'hub_coordinator' });
  assert.equal(await events('user.updated', id), 1);
  const self = await admin.submit(`/admin/users/${w.users.partnership_admin.id}`, `/admin/users/${w.users.partnership_admin.id}`, { action: 'deactivate' });
  assert.equal(self.statusCode, 422);
  assert.match(self.body, /cannot remove your own administrator access/);
});

test('a hub coordinator issues API tokens for themselves only', async () => {
  const hub = await signedIn(w, 'hub_coordinator');
  const own = await hub.submit('/admin/tokens', '/admin/tokens', { name: 'Fictional records system' });
  assert.equal(own.statusCode, 200);
  assert.match(own.body, /jgs_/);
  const other = await hub.submit('/admin/tokens', '/admin/tokens', { name: 'x', email: w.users.practitioner.email });
  assert.equal(other.statusCode, 422);
  assert.match(other.body, /only issue tokens for yourself/);
});

test('a role change signs the user out everywhere: their next request needs a new sign-in', async () => {
  const member = await signedIn(w, 'manager');
  assert.equal((await member.get('/referrals')).statusCode, 200);
  const admin = await signedIn(w, 'partnership_admin');
  const id = w.users.manager.id;
  assert.equal((await admin.submit(`/admin/users/${id}`, `/admin/users/${id}`, { action: 'role', role: 'hub_member' })).statusCode, 303);
  const after = await member.get('/referrals');
  assert.equal(after.statusCode, 302);
  assert.match(after.headers.location as string, /^\/sign-in/);
});

test('resetting two-factor removes the user’s passkeys as well as their authenticator app', async () => {
  const id = w.users.information_governance.id;
  await w.database.db
    .insertInto('passkey_credential')
    .values({
      partnership_id: w.partnershipId,
      id: 'credential-fictional',
      user_id: id,
      public_key: 'AA',
      counter: 0,
      transports: [],
      name: 'Test key',
    } as never)
    .execute();
  const admin = await signedIn(w, 'partnership_admin');
  assert.equal((await admin.submit(`/admin/users/${id}`, `/admin/users/${id}`, { action: 'reset-two-factor' })).statusCode, 303);
  const left = await w.database.db.selectFrom('passkey_credential').select('id').where('user_id', '=', id).execute();
  assert.equal(left.length, 0);
});
