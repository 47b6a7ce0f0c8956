// The referrer hears back (issue 11.4, 11.5, 16.13): the outcome of their referral in the API, on the page and as a
// notification, and nothing more of the case; the practitioner lands on "My referrals"; hub pages have one h1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const due = () => addDays(ukDate(new Date()), 14);
const RATIONALE = 'Older associates and two missing episodes this month. Police hold intelligence on the group that we cannot share.';

/** A practitioner's referral, screened by them and decided by the hub with one action for the school and one for the police. */
async function decided(owners: ('school' | 'police')[] = ['school', 'police']) {
  const actions = {
    school: { description: 'School: daily check-in with the designated safeguarding lead', ownerAgencyId: w.agencies.school, dueDate: due() },
    police: { description: 'Police: disruption visit to the address', ownerAgencyId: w.agencies.police, dueDate: due() },
  };
  const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
  await api(w, 'practitioner', 'POST', `/api/v1/referrals/${r.id}/screenings`, { answers: { repeat_missing: 'current', older_associates: 'current' } });
  const d = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: RATIONALE,
    actions: owners.map((o) => actions[o]),
  });
  assert.equal(d.statusCode, 201, d.body);
  return r as { id: string; reference: string; personId: string };
}

const notificationsOf = (userId: string, kind: string) =>
  w.database.db.selectFrom('notification').selectAll().where('user_id', '=', userId).where('kind', '=', kind).orderBy('created_at').execute();

describe('the referral’s outcome in the API', () => {
  test('before triage the outcome is empty; after it the referrer gets decision, level, category, a summary and only their actions', async () => {
    const r = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
    const before = (await api(w, 'practitioner', 'GET', `/api/v1/referrals/${r.id}`)).json();
    assert.deepEqual(before.outcome, { decision: null, category: null, decidedAt: null, rationaleSummary: null, screeningLevel: null, actions: [] });

    const d = await decided();
    const res = await api(w, 'practitioner', 'GET', `/api/v1/referrals/${d.id}`);
    assert.equal(res.statusCode, 200);
    const { outcome, status } = res.json();
    assert.equal(status, 'triaged');
    assert.equal(outcome.decision, 'medium');
    assert.equal(outcome.category, 'cse');
    assert.equal(outcome.screeningLevel, 'mild');
    assert.equal(outcome.rationaleSummary, 'Older associates and two missing episodes this month.', 'the first sentence only');
    assert.ok(!JSON.stringify(outcome).includes('cannot share'));
    assert.deepEqual(
      outcome.actions.map((a: { ownerAgencyId: string }) => a.ownerAgencyId),
      [w.agencies.school],
      'only the action the school owns',
    );

    const hub = (await api(w, 'hub_member', 'GET', `/api/v1/referrals/${d.id}`)).json();
    assert.equal(hub.outcome.actions.length, 2, 'the hub sees every action');
  });

  test('the referrer gets nothing more: not the child, not another agency’s referral, not intelligence', async () => {
    // No action for the school: owning an open action is what would let it read the child's case (11.4).
    const d = await decided(['police']);
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/persons/${d.personId}`)).statusCode, 403);
    assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/intelligence')).statusCode, 403);
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/referrals/${d.id}`)).statusCode, 403, 'another agency may not read it');
    const list = (await api(w, 'practitioner', 'GET', '/api/v1/referrals')).json();
    assert.ok(list.items.every((i: { referringAgencyId: string }) => i.referringAgencyId === w.agencies.school));
    const b = await signedIn(w, 'practitioner');
    assert.equal((await b.get(`/people/${d.personId}`)).statusCode, 403);
    const page = await b.get(`/referrals/${d.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-qa="outcome"/);
    assert.match(page.body, /Medium/);
    assert.match(page.body, /Actions for your agency[\s\S]*None/);
    assert.doesNotMatch(page.body, /Police: disruption visit/, 'another agency’s action is not shown');
    assert.doesNotMatch(page.body, /cannot share/, 'the full rationale is the hub’s');
    assert.doesNotMatch(page.body, /Triage decisions/);
  });

  test('the outcome read is audited as a read of the referral, with the child', async () => {
    const d = await decided();
    await api(w, 'practitioner', 'GET', `/api/v1/referrals/${d.id}`);
    const audit = await w.database.db
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('action', '=', 'referral_outcome.viewed')
      .where('resource_id', '=', d.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0].person_id, d.personId);
  });
});

describe('the referrer is told', () => {
  test('when the hub decides, the referrer gets an in-app notification with the outcome, linking to the referral', async () => {
    const d = await decided();
    const mine = (await notificationsOf(w.users.practitioner.id, 'referral_outcome')).filter((n) => n.title.includes(d.reference));
    assert.equal(mine.length, 1);
    assert.equal(mine[0].title, `Referral ${d.reference} triaged: Medium`);
    assert.match(mine[0].body, /Level of risk: Medium\. Category: CSE \(Child Sexual Exploitation\)\. 1 action is for your agency\./);
    assert.equal(mine[0].link, `/referrals/${d.id}`);
    const b = await signedIn(w, 'practitioner');
    const page = await b.get('/notifications');
    assert.match(page.body, new RegExp(`Referral ${d.reference} triaged`));
    const hub = (await notificationsOf(w.users.hub_coordinator.id, 'referral_outcome')).filter((n) => n.title.includes(d.reference));
    assert.equal(hub.length, 0, 'the decider is not told of their own decision');
  });

  test('a later decision tells the referrer again; a replayed decision does not', async () => {
    const d = await decided();
    const body = { outcome: 'high', category: 'ce_and_cse', rationale: 'Escalated after a new missing episode.' };
    const key = { 'idempotency-key': `outcome-${d.id}` };
    assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${d.id}/triage-decision`, body, key)).statusCode, 201);
    assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${d.id}/triage-decision`, body, key)).statusCode, 200);
    const mine = (await notificationsOf(w.users.practitioner.id, 'referral_outcome')).filter((n) => n.title.includes(d.reference));
    assert.deepEqual(
      mine.map((n) => n.title.split(': ')[1]),
      ['Medium', 'High'],
    );
  });
});

describe('pages', () => {
  test('the practitioner lands on "My referrals", each with its outcome, and the child’s name is not a link', async () => {
    const d = await decided();
    const b = await signedIn(w, 'practitioner');
    const home = await b.get('/');
    assert.equal(home.headers.location, '/referrals');
    const page = await b.get('/referrals');
    assert.equal(page.statusCode, 200);
    assert.equal(page.body.match(/<h1[\s>]/g)?.length, 1);
    assert.match(page.body, /<h1 class="govuk-heading-l">My referrals<\/h1>/);
    const row = page.body.split('<tr').find((r) => r.includes(d.reference)) ?? '';
    assert.match(row, /Medium/);
    assert.match(row, /CSE \(Child Sexual Exploitation\)/);
    assert.doesNotMatch(row, new RegExp(`href="/people/${d.personId}"`));
    const one = await b.get(`/referrals/${d.id}`);
    assert.match(one.body, /School: daily check-in/, 'the action the school owns');
    assert.doesNotMatch(one.body, /Police: disruption visit/);
  });

  test('the hub’s pages have one h1 each', async () => {
    const d = await decided();
    const b = await signedIn(w, 'hub_coordinator');
    const today = ukDate(new Date());
    for (const url of [
      '/hub',
      `/triage/${today}`,
      '/referrals',
      `/referrals/${d.id}`,
      `/referrals/${d.id}/information-requests`,
      '/information-requests',
      '/actions',
      '/people',
      `/people/${d.personId}`,
      '/notifications',
      '/cases',
      `/people/${d.personId}/chronology`,
      `/people/${d.personId}/actions`,
      '/missing',
      '/intelligence',
      '/reports/triage',
    ]) {
      const res = await b.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1, `one h1 on ${url}`);
    }
  });
});
