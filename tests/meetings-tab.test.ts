// The child's Meetings tab (issue 11, "a meeting attendee may read what the meeting covered"): the triage meetings
// that discussed the child, newest first; an attending agency reads those meetings' decisions and nothing else.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { recordAttendance } from '../src/modules/triage/use-cases.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { addDays, formatDate, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let child: string;
let decidedWithHealth: string;
let decidedWithoutHealth: string;
let undecided: string;
const today = () => ukDate(new Date());

before(async () => {
  w = await world();
  const hubActor: Actor = {
    userId: w.users.hub_coordinator.id,
    partnershipId: w.partnershipId,
    agencyId: w.agencies.hub,
    role: 'hub_coordinator',
    name: 'Test hub coordinator',
    email: w.users.hub_coordinator.email,
    via: 'session',
  };
  const meeting = async (daysAgo: number, agencies: string[]) =>
    (
      await w.svc.run(recordAttendance, hubActor, {
        day: addDays(today(), -daysAgo),
        chairAgencyId: w.agencies.hub,
        chairName: `Fictional Chair ${daysAgo}`,
        attendees: agencies.map((agencyId) => ({ agencyId, name: '' })),
      })
    ).meetingId;
  // The hub refers, so neither the school nor the health agency is involved with the child.
  const first = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody())).json();
  child = first.personId;
  const refer = async () => (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { personId: child } }))).json().id;
  decidedWithoutHealth = first.id;
  decidedWithHealth = await refer();
  undecided = await refer();
  const decide = async (referralId: string, meetingId: string, body: Record<string, unknown>) => {
    const res = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${referralId}/triage-decision`, { meetingId, ...body });
    assert.equal(res.statusCode, 201, res.body);
  };
  await decide(decidedWithoutHealth, await meeting(2, [w.agencies.hub, w.agencies.police]), {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional: seen with older associates.',
  });
  await decide(decidedWithHealth, await meeting(1, [w.agencies.hub, w.agencies.health]), {
    outcome: 'high',
    category: 'ce_and_cse',
    rationale: 'Fictional: new missing episodes and a lift from an unknown adult.',
    // Owned by the hub: owning an action would make the health agency a worker on the case, which is another rule.
    actions: [{ description: 'Fictional: arrange a strategy discussion', ownerAgencyId: w.agencies.hub, dueDate: addDays(today(), 3) }],
  });
});
after(() => w?.close());

const meetingDates = (html: string) => [...html.matchAll(/data-qa="meeting-date">([^<]+)</g)].map((m) => m[1]);

test('the hub sees every meeting that discussed the child, newest first, with each decision', async () => {
  const hub = await signedIn(w, 'hub_coordinator');
  const page = await hub.get(`/people/${child}/meetings`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /data-qa="tab-meetings"[^>]*aria-current="page"|aria-current="page"[^>]*data-qa="tab-meetings"/);
  assert.deepEqual(meetingDates(page.body), [formatDate(addDays(today(), -1)), formatDate(addDays(today(), -2))]);
  assert.match(page.body, /Fictional: new missing episodes/);
  assert.match(page.body, /Fictional: seen with older associates/);
  assert.match(page.body, /Fictional Chair 1/);
  assert.match(page.body, /data-qa="tab-intelligence"/, 'the hub has the whole record');
  const overview = await hub.get(`/people/${child}`);
  assert.match(overview.body, /data-qa="tab-meetings"/, 'every tab of the frame links to Meetings');
});

test('an agency that attended reads that meeting and its decision, audited as a read of the child', async () => {
  const health = await signedIn(w, 'otherPractitioner');
  const page = await health.get(`/people/${child}/meetings`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /data-qa="person-name">Testchild Fictional</, 'the identity bar');
  assert.deepEqual(meetingDates(page.body), [formatDate(addDays(today(), -1))], 'only the meeting their agency attended');
  assert.match(page.body, /data-qa="meeting-agencies">[^<]*Testshire Health/);
  assert.match(page.body, /High/);
  assert.match(page.body, /Fictional: new missing episodes and a lift from an unknown adult/);
  assert.match(page.body, /Fictional: arrange a strategy discussion/);
  assert.doesNotMatch(page.body, /Fictional: seen with older associates/, 'not a meeting they did not attend');
  for (const tab of ['overview', 'chronology', 'referrals', 'actions', 'missing', 'intelligence'])
    assert.doesNotMatch(page.body, new RegExp(`data-qa="tab-${tab}"`), `no ${tab} tab`);
  assert.doesNotMatch(page.body, /No exploitation case/, 'the case is not shown rather than said not to exist');
  const audit = await w.database.db
    .selectFrom('audit_event')
    .select(['person_id', 'actor_id'])
    .where('partnership_id', '=', w.partnershipId)
    .where('action', '=', 'person.meetings_viewed')
    .where('actor_id', '=', w.otherPractitioner.id)
    .execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0].person_id, child);
});

test('the attendee gets 403 on the rest of the record: overview, chronology, intelligence, and referrals not decided at their meeting', async () => {
  const health = await signedIn(w, 'otherPractitioner');
  for (const url of [`/people/${child}`, `/people/${child}/chronology`, `/people/${child}/network`, `/people/${child}/missing`]) {
    assert.equal((await health.get(url)).statusCode, 403, url);
  }
  for (const id of [decidedWithoutHealth, undecided]) {
    assert.equal((await health.get(`/referrals/${id}`)).statusCode, 403, `referral ${id}`);
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/referrals/${id}`)).statusCode, 403);
  }
  assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${child}/chronology`)).statusCode, 403);
});

test('an agency that attended no meeting about the child gets 403; an unknown child is 404', async () => {
  const school = await signedIn(w, 'practitioner');
  assert.equal((await school.get(`/people/${child}/meetings`)).statusCode, 403);
  const hub = await signedIn(w, 'hub_coordinator');
  assert.equal((await hub.get('/people/6f1c1d7e-0000-4000-8000-000000000000/meetings')).statusCode, 404);
  assert.equal((await hub.get('/people/not-a-uuid/meetings')).statusCode, 404);
  const scrutiny = await signedIn(w, 'scrutiny_member');
  assert.equal((await scrutiny.get(`/people/${child}/meetings`)).statusCode, 403, 'no person-level access at all');
});

test('an agency that reads the child’s record but did not attend sees the meetings, and decisions only where it reads the referral’s triage', async () => {
  const own = (
    await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { ...referralBody().subject, givenName: 'Otherchild' } }))
  ).json();
  const hubs = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { personId: own.personId } }))).json();
  for (const [id, rationale] of [
    [own.id, 'Fictional: the school’s referral decided'],
    [hubs.id, 'Fictional: the hub’s referral decided'],
  ]) {
    const res = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${id}/triage-decision`, { outcome: 'low', category: 'cse', rationale });
    assert.equal(res.statusCode, 201, res.body);
  }
  // Referring alone does not involve the school; working with the child does (as recording a missing episode would).
  await w.database.db.insertInto('person_agency').values({ partnership_id: w.partnershipId, person_id: own.personId, agency_id: w.agencies.school }).execute();
  // The school's manager reads its agency's referrals' triage: that decision in full, not the hub's referral's.
  const manager = await signedIn(w, 'manager');
  const page = await manager.get(`/people/${own.personId}/meetings`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /data-qa="tab-overview"/, 'the whole frame: the school reads the record');
  assert.equal(meetingDates(page.body).length, 1, 'both referrals were decided at today’s meeting');
  assert.match(page.body, /Fictional: the school’s referral decided/);
  assert.doesNotMatch(page.body, /Fictional: the hub’s referral decided/);
  assert.match(page.body, /data-qa="decision-withheld"/);
  // A practitioner reads no triage (the referrer has its outcome on My referrals): the meeting, not its decisions.
  const practitioner = await (await signedIn(w, 'practitioner')).get(`/people/${own.personId}/meetings`);
  assert.equal(practitioner.statusCode, 200);
  assert.doesNotMatch(practitioner.body, /Fictional: the (school|hub)’s referral decided/);
  assert.equal([...practitioner.body.matchAll(/data-qa="decision-withheld"/g)].length, 2);
});
