// Missing children through the API: episodes, returns, return home interviews, the due list, repeat missing,
// the quarterly report; bad input refused with nothing saved; who can and cannot; every view audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, referralBody, type World, world } from './fixtures.ts';
import { listNotifications } from '../src/modules/notifications/use-cases.ts';

let w: World;
let childId: string; // referred by the school: the school's practitioner is involved, the health practitioner is not
before(async () => {
  w = await world();
  childId = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json().personId;
});
after(() => w?.close());

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const count = async (table: 'missing_episode' | 'return_interview' | 'notification' | 'repeat_missing_alert') =>
  Number((await w.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const audits = async (action: string) =>
  Number((await w.database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

const episode = (overrides: Record<string, unknown> = {}) => ({ personId: childId, classification: 'missing', riskGrade: 'medium', reportedAt: ago(100), ...overrides });
const fields = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

describe('episodes', () => {
  test('a missing coordinator records an episode and its return; the due list shows it with a 72-hour deadline', async () => {
    const res = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(30), lastSeenAt: ago(31), lastSeenPlace: 'Fictional Park', policeReference: 'TS-0001' }));
    assert.equal(res.statusCode, 201, res.body);
    const e = res.json();
    assert.equal(e.returnedAt, null);
    assert.equal(e.interviewStatus, 'not_due');
    assert.equal(e.repeatMissing, false);

    const returnedAt = ago(10);
    const patched = await api(w, 'missing_coordinator', 'PATCH', `/api/v1/missing-episodes/${e.id}`, { returnedAt, foundPlace: 'Home' });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().returnedAt, returnedAt);
    assert.equal(patched.json().dueBy, new Date(Date.parse(returnedAt) + 72 * HOUR).toISOString());
    assert.equal(patched.json().interviewStatus, 'due');
    assert.equal(patched.json().durationMinutes, 20 * 60);

    const due = (await api(w, 'missing_coordinator', 'GET', '/api/v1/return-interviews/due')).json();
    const item = due.items.find((i: { episodeId: string }) => i.episodeId === e.id);
    assert.deepEqual(item, { episodeId: e.id, personId: childId, returnedAt, dueBy: patched.json().dueBy, overdue: false, status: 'due', offeredAt: null });
  });

  test('an interview returned more than 72 hours ago is overdue, and amber within the last 24 hours', async () => {
    const old = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(90), returnedAt: ago(80) }))).json();
    const soon = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(60), returnedAt: ago(50) }))).json();
    const due = (await api(w, 'missing_coordinator', 'GET', '/api/v1/return-interviews/due')).json();
    const byId = new Map(due.items.map((i: { episodeId: string }) => [i.episodeId, i]));
    assert.equal((byId.get(old.id) as { overdue: boolean }).overdue, true);
    assert.equal((byId.get(soon.id) as { status: string }).status, 'due_soon');
    assert.ok(due.counts.overdue >= 1 && due.counts.dueSoon >= 1);
    assert.equal(due.items[0].episodeId, old.id, 'oldest return first');
  });

  test('bad input is refused with field errors and nothing saved', async () => {
    const before = await count('missing_episode');
    const backwards = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(5), returnedAt: ago(6) }));
    assert.equal(backwards.statusCode, 422);
    assert.deepEqual(fields(backwards), ['returnedAt']);
    const unknown = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ personId: '00000000-0000-4000-8000-000000000001' }));
    assert.equal(unknown.statusCode, 422);
    assert.deepEqual(fields(unknown), ['personId']);
    const awol = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ classification: 'away_without_authorisation' }));
    assert.equal(awol.statusCode, 422, 'away without authorisation is for looked-after children');
    assert.deepEqual(fields(awol), ['classification']);
    const future = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: new Date(Date.now() + 3 * HOUR).toISOString() }));
    assert.equal(future.statusCode, 422);
    assert.equal(await count('missing_episode'), before);

    const e = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(3) }))).json();
    const patch = await api(w, 'missing_coordinator', 'PATCH', `/api/v1/missing-episodes/${e.id}`, { returnedAt: ago(4) });
    assert.equal(patch.statusCode, 422);
    assert.deepEqual(fields(patch), ['returnedAt']);
    assert.equal((await api(w, 'missing_coordinator', 'GET', `/api/v1/missing-episodes/${e.id}`)).json().returnedAt, null, 'unchanged');

    const noReturn = await api(w, 'missing_coordinator', 'PUT', `/api/v1/missing-episodes/${e.id}/return-interview`, { status: 'offered', offeredAt: ago(1) });
    assert.equal(noReturn.statusCode, 422);
    assert.deepEqual(fields(noReturn), ['episode']);
    assert.match(noReturn.json().errors[0].detail, /Record the child’s return/);
    assert.equal(await count('return_interview'), 0);
  });

  test('the interview: offered, then completed; completed before offered is refused; completion takes it off the due list', async () => {
    const e = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(40), returnedAt: ago(30) }))).json();
    const url = `/api/v1/missing-episodes/${e.id}/return-interview`;
    const offered = await api(w, 'missing_coordinator', 'PUT', url, { status: 'offered', offeredAt: ago(20) });
    assert.equal(offered.statusCode, 200, offered.body);
    assert.equal(offered.json().interview.offeredBy, 'Test missing_coordinator');
    assert.equal(offered.json().interviewStatus, 'due');

    const backwards = await api(w, 'missing_coordinator', 'PUT', url, { status: 'completed', completedAt: ago(25) });
    assert.equal(backwards.statusCode, 422);
    assert.deepEqual(fields(backwards), ['completedAt']);
    assert.equal((await api(w, 'missing_coordinator', 'GET', `/api/v1/missing-episodes/${e.id}`)).json().interview.completedAt, null, 'nothing saved');

    const done = await api(w, 'missing_coordinator', 'PUT', url, {
      status: 'completed',
      completedAt: ago(10),
      whereWent: 'A flat in the town centre (fictional)',
      whoWith: 'Two older males',
      travel: 'Taxi',
      pushFactors: 'Arguments at home',
      pullFactors: 'Gifts and attention',
      disclosures: 'None',
      nextSteps: 'Referral to the hub',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().interviewStatus, 'completed_in_time');
    assert.equal(done.json().interview.travel, 'Taxi');
    const due = (await api(w, 'missing_coordinator', 'GET', '/api/v1/return-interviews/due')).json();
    assert.ok(!due.items.some((i: { episodeId: string }) => i.episodeId === e.id));
    assert.ok((await audits('return_interview.completed')) >= 1);
  });

  test('declined needs a reason; a child who declines can take it up later, late, and the record says so', async () => {
    const e = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(200), returnedAt: ago(190) }))).json();
    const url = `/api/v1/missing-episodes/${e.id}/return-interview`;
    const noReason = await api(w, 'missing_coordinator', 'PUT', url, { status: 'declined', offeredAt: ago(180) });
    assert.equal(noReason.statusCode, 422);
    assert.deepEqual(fields(noReason), ['declinedReason']);
    const declined = await api(w, 'missing_coordinator', 'PUT', url, { status: 'declined', offeredAt: ago(180), declinedAt: ago(170), declinedReason: 'child_declined' });
    assert.equal(declined.statusCode, 200, declined.body);
    assert.equal(declined.json().interviewStatus, 'declined');
    const later = await api(w, 'missing_coordinator', 'PUT', url, { status: 'completed', completedAt: ago(20) });
    assert.equal(later.statusCode, 200, later.body);
    assert.equal(later.json().interviewStatus, 'completed_late');
    assert.equal(later.json().interview.takenUpLater, true);
    assert.equal(later.json().interview.declinedReason, 'child_declined');
  });

  test('retrying a POST with the same Idempotency-Key records one episode', async () => {
    const before = await count('missing_episode');
    const headers = { 'idempotency-key': 'missing-retry-1' };
    const a = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(500) }), headers);
    const b = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(500) }), headers);
    assert.equal(a.statusCode, 201);
    assert.equal(b.statusCode, 200);
    assert.equal(a.json().id, b.json().id);
    assert.equal(await count('missing_episode'), before + 1);
  });
});

describe('access', () => {
  test('the hub and the involved agency may read; another agency and the scrutiny role may not; only the missing team writes', async () => {
    const e = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(600) }))).json();
    const url = `/api/v1/missing-episodes/${e.id}`;
    for (const who of ['hub_coordinator', 'hub_member', 'practitioner', 'police_intelligence'] as const) {
      assert.equal((await api(w, who, 'GET', url)).statusCode, 200, who);
    }
    assert.equal((await api(w, 'otherPractitioner', 'GET', url)).statusCode, 403, 'health practitioner: agency not involved');
    assert.equal((await api(w, 'scrutiny_member', 'GET', url)).statusCode, 403);
    assert.equal((await api(w, 'information_governance', 'GET', url)).statusCode, 403);
    assert.equal((await api(w, 'hub_member', 'POST', '/api/v1/missing-episodes', episode())).statusCode, 403);
    assert.equal((await api(w, 'practitioner', 'PATCH', url, { returnedAt: ago(1) })).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/return-interviews/due')).statusCode, 403);

    const mine = (await api(w, 'practitioner', 'GET', '/api/v1/return-interviews/due')).json();
    const theirs = (await api(w, 'otherPractitioner', 'GET', '/api/v1/return-interviews/due')).json();
    assert.ok(mine.counts.total > 0, 'the school sees its child');
    assert.equal(theirs.counts.total, 0, 'health sees none of the school’s children');

    const viewed = await w.database.db.selectFrom('audit_event').select(['person_id', 'actor_label']).where('action', '=', 'missing_episode.viewed').where('resource_id', '=', e.id).execute();
    assert.equal(viewed.length, 4, 'each view audited');
    assert.ok(viewed.every((v) => v.person_id === childId));
  });
});

describe('repeat missing and the report', () => {
  test('the third episode within 30 days alerts the hub (dashboard and notification); the fourth does not alert again', async () => {
    const child = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Repeat', familyName: 'Fictional' } }))).json().personId;
    const post = (h: number) => api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', { personId: child, classification: 'missing', riskGrade: 'high', reportedAt: ago(h) });
    assert.equal((await post(24 * 20)).json().repeatMissing, false);
    assert.equal((await post(24 * 10)).json().repeatMissing, false);
    const notesBefore = await count('notification');
    const third = await post(24 * 2);
    assert.equal(third.json().repeatMissing, true);
    assert.equal(await count('notification'), notesBefore + 2, 'one per hub user (coordinator and member)');
    assert.equal((await post(24)).json().repeatMissing, false);
    const alerts = await w.database.db.selectFrom('repeat_missing_alert').selectAll().where('person_id', '=', child).execute();
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].episode_id, third.json().id);
    const hub = await w.svc.auth.tokenActor(w.tokens.hub_coordinator!);
    const dash = await w.svc.missing.dashboard(hub!);
    assert.ok(dash.alerts.some((a) => a.personId === child));
    const notes = await w.svc.run(listNotifications, hub!, undefined);
    assert.ok(notes.some((n) => n.title === 'Repeat missing: Repeat Fictional' && n.link === `/people/${child}/missing`));
  });

  test('the report counts episodes, offers, completions within 72 hours, declines by reason; refuses a bad period', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 60 * 24 * HOUR).toISOString().slice(0, 10);
    const res = await api(w, 'manager', 'GET', `/api/v1/reports/missing?from=${from}&to=${today}`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    const episodes = await w.database.db.selectFrom('missing_episode').select(['id', 'returned_at']).execute();
    assert.equal(r.episodes, episodes.length);
    assert.equal(r.episodesReturned, episodes.filter((e) => e.returned_at).length);
    assert.equal(r.interviewsCompleted, 2);
    assert.equal(r.completedWithin72Hours, 1);
    assert.equal(r.completedWithin72HoursPct, 50);
    assert.equal(r.declinedTotal, 0, 'the decline was later taken up');
    assert.equal(r.repeatMissingChildren, 2, 'the repeat child, and the first child with many episodes this month');
    assert.deepEqual(r.repeatMissingRule, { episodes: 3, withinDays: 30 });
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/reports/missing?from=${from}&to=${today}`)).statusCode, 200, 'aggregate figures');
    const bad = await api(w, 'manager', 'GET', `/api/v1/reports/missing?from=${today}&to=${from}`);
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(fields(bad), ['to']);
    assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/reports/missing')).statusCode, 403);
  });

  test('a referral is raised from a completed interview in one step, once', async () => {
    const e = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(48), returnedAt: ago(40) }))).json();
    const actor = (await w.svc.auth.tokenActor(w.tokens.missing_coordinator!))!;
    await assert.rejects(w.svc.missing.raiseReferral(actor, e.id), (err: { status?: number }) => err.status === 422);
    await api(w, 'missing_coordinator', 'PUT', `/api/v1/missing-episodes/${e.id}/return-interview`, { status: 'completed', offeredAt: ago(39), completedAt: ago(30), whoWith: 'Older males in a car' });
    const first = await w.svc.missing.raiseReferral(actor, e.id);
    const again = await w.svc.missing.raiseReferral(actor, e.id);
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.equal(again.referral.id, first.referral.id);
    assert.equal(first.referral.personId, childId);
    assert.equal(first.referral.referrerName, 'Test missing_coordinator');
    assert.match(first.referral.concerns, /Who they were with: Older males in a car/);
    const got = (await api(w, 'missing_coordinator', 'GET', `/api/v1/missing-episodes/${e.id}`)).json();
    assert.equal(got.interview.referralId, first.referral.id);
  });
});
