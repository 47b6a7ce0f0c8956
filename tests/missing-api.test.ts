// Missing children through the API: episodes, returns, return home interviews, the due list, repeat missing,
// the quarterly report; bad input refused with nothing saved; who can and cannot; every view audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { raiseReferral } from '../src/modules/missing/use-cases/interviews.ts';
import { missingDashboard } from '../src/modules/missing/use-cases/reports.ts';
import { listNotifications } from '../src/modules/notifications/use-cases.ts';
import { monthEnd, monthStart } from '../src/modules/reports/domain.ts';
import { addDays } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let childId: string; // the school works with the child (its practitioner is involved), the health practitioner does not
before(async () => {
  w = await world();
  childId = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json().personId;
  // Referring alone does not make an agency involved: the school works with the child.
  await w.database.db
    .insertInto('person_agency')
    .values({ partnership_id: w.partnershipId, person_id: childId, agency_id: w.users.practitioner.agencyId })
    .execute();
});
after(() => w?.close());

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const count = async (table: 'missing_episode' | 'return_interview' | 'notification' | 'repeat_missing_alert') =>
  Number(
    (
      await w.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = async (action: string) =>
  Number(
    (
      await w.database.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

const episode = (overrides: Record<string, unknown> = {}) => ({
  personId: childId,
  classification: 'missing',
  riskGrade: 'medium',
  reportedAt: ago(100),
  ...overrides,
});
const fields = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

describe('episodes', () => {
  test('a missing coordinator records an episode and its return; the due list shows it with a 72-hour deadline', async () => {
    const res = await api(
      w,
      'missing_coordinator',
      'POST',
      '/api/v1/missing-episodes',
      episode({ reportedAt: ago(30), lastSeenAt: ago(31), lastSeenPlace: 'Fictional Park', policeReference: 'TS-0001' }),
    );
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
    const future = await api(
      w,
      'missing_coordinator',
      'POST',
      '/api/v1/missing-episodes',
      episode({ reportedAt: new Date(Date.now() + 3 * HOUR).toISOString() }),
    );
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
    assert.ok((await audits('return_interview.recorded')) >= 2, 'the offer and the completion');
  });

  test('declined needs a reason; a child who declines can take it up later, late, and the record says so', async () => {
    const e = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(200), returnedAt: ago(190) }))).json();
    const url = `/api/v1/missing-episodes/${e.id}/return-interview`;
    const noReason = await api(w, 'missing_coordinator', 'PUT', url, { status: 'declined', offeredAt: ago(180) });
    assert.equal(noReason.statusCode, 422);
    assert.deepEqual(fields(noReason), ['declinedReason']);
    const declined = await api(w, 'missing_coordinator', 'PUT', url, {
      status: 'declined',
      offeredAt: ago(180),
      declinedAt: ago(170),
      declinedReason: 'child_declined',
    });
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
    const body = episode({ reportedAt: ago(500) });
    const a = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', body, headers);
    const b = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', body, headers);
    assert.equal(a.statusCode, 201);
    assert.equal(b.statusCode, 200);
    assert.equal(a.json().id, b.json().id);
    assert.equal(await count('missing_episode'), before + 1);
    // The same key for a different episode is refused, not answered with the first one.
    const other = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(450) }), headers);
    assert.equal(other.statusCode, 422, other.body);
    assert.equal(other.json().type, '/problems/idempotency-key-reused');
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

    const viewed = await w.database.db
      .selectFrom('audit_event')
      .select(['person_id', 'actor_label'])
      .where('action', '=', 'missing_episode.viewed')
      .where('resource_id', '=', e.id)
      .execute();
    assert.equal(viewed.length, 4, 'each view audited');
    assert.ok(viewed.every((v) => v.person_id === childId));
  });
});

describe('repeat missing and the report', () => {
  test('the third episode within 30 days alerts the hub (dashboard and notification); the fourth does not alert again', async () => {
    const child = (
      await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Repeat', familyName: 'Fictional' } }))
    ).json().personId;
    const post = (h: number) =>
      api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', { personId: child, classification: 'missing', riskGrade: 'high', reportedAt: ago(h) });
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
    const dash = await w.svc.run(missingDashboard, hub!, undefined);
    assert.ok(dash.alerts.some((a) => a.personId === child));
    const notes = await w.svc.run(listNotifications, hub!, undefined);
    assert.ok(notes.some((n) => n.title === 'Repeat missing: Repeat Fictional' && n.link === `/people/${child}/missing`));
  });

  test('the report counts episodes, offers, completions within 72 hours, declines by reason; refuses a bad period', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 60 * 24 * HOUR).toISOString().slice(0, 10);
    const res = await api(w, 'hub_coordinator', 'GET', `/api/v1/reports/missing?from=${from}&to=${today}`);
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
    assert.equal(r.suppressed, false);
    assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/reports/missing')).statusCode, 200, 'aggregate figures: the last quarter');
    const part = await api(w, 'scrutiny_member', 'GET', `/api/v1/reports/missing?from=${from}&to=${today}`);
    assert.equal(part.statusCode, 422, 'published figures are for whole months');
    assert.deepEqual(fields(part), monthStart(from) === from ? ['to'] : ['from', 'to']);
    const bad = await api(w, 'manager', 'GET', `/api/v1/reports/missing?from=${today}&to=${from}`);
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(fields(bad), ['to']);
    assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/reports/missing')).statusCode, 403);
  });

  test('a referral is raised from a completed interview in one step, once', async () => {
    const e = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(48), returnedAt: ago(40) }))).json();
    const actor = (await w.svc.auth.tokenActor(w.tokens.missing_coordinator!))!;
    await assert.rejects(w.svc.run(raiseReferral, actor, { id: e.id }), (err: { status?: number }) => err.status === 422);
    await api(w, 'missing_coordinator', 'PUT', `/api/v1/missing-episodes/${e.id}/return-interview`, {
      status: 'completed',
      offeredAt: ago(39),
      completedAt: ago(30),
      whoWith: 'Older males in a car',
    });
    const first = await w.svc.run(raiseReferral, actor, { id: e.id });
    const again = await w.svc.run(raiseReferral, actor, { id: e.id });
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

describe('pages and the record of what changed', () => {
  test('a missing page whose id is not an id is 404, not 500', async () => {
    const b = await signedIn(w, 'missing_coordinator');
    for (const url of [
      '/missing/episodes/not-an-id',
      '/missing/episodes/123/return',
      '/missing/episodes/x/interview',
      '/missing/episodes/x/notices/new',
      '/missing/notices/x',
      '/people/x/missing',
      '/people/x/philomena',
      '/people/x/philomena/print',
      '/people/x/philomena/photo',
      '/people/x/philomena/edit',
    ]) {
      assert.equal((await b.get(url)).statusCode, 404, url);
    }
  });

  test('saving an interview unchanged writes no event; a change says which fields changed', async () => {
    const e = (await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: ago(30), returnedAt: ago(28) }))).json();
    const url = `/api/v1/missing-episodes/${e.id}/return-interview`;
    const events = () =>
      w.database.db.selectFrom('audit_event').select(['details']).where('action', '=', 'return_interview.recorded').where('resource_id', '=', e.id).execute();
    const offer = { status: 'offered', offeredAt: ago(27) };
    assert.equal((await api(w, 'missing_coordinator', 'PUT', url, offer)).statusCode, 200);
    assert.equal((await api(w, 'missing_coordinator', 'PUT', url, offer)).statusCode, 200, 'the same again');
    assert.equal((await events()).length, 1, 'nothing changed the second time');
    assert.equal((await api(w, 'missing_coordinator', 'PUT', url, { status: 'completed', completedAt: ago(2), travel: 'Bus' })).statusCode, 200);
    const all = await events();
    assert.equal(all.length, 2);
    const changed = (all.map((a) => a.details as { changed: string[] }).find((d) => d.changed.includes('travel')) ?? { changed: [] }).changed;
    assert.deepEqual([...changed].sort(), ['completedAt', 'completedBy', 'status', 'travel']);
  });

  test('a scrutiny member gets suppressed figures from both the page and the API; the hub exact ones', async () => {
    const day = new Date(Date.now() - 200 * 24 * HOUR).toISOString().slice(0, 10);
    await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', episode({ reportedAt: `${day}T12:00:00Z` }));
    const month = `from=${monthStart(day)}&to=${monthEnd(day)}`; // published figures: whole months
    const url = `/api/v1/reports/missing?${month}`;
    const hub = (await api(w, 'hub_coordinator', 'GET', url)).json();
    assert.equal(hub.episodes, 1);
    const scrutiny = await api(w, 'scrutiny_member', 'GET', url);
    assert.equal(scrutiny.statusCode, 200, scrutiny.body);
    assert.equal(scrutiny.json().episodes, 'c');
    assert.equal(scrutiny.json().children, 'c');
    assert.equal(scrutiny.json().suppressed, true);
    const browser = await signedIn(w, 'scrutiny_member');
    const page = await browser.get(`/missing/report?${month}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-qa="episodes">c</);
    assert.match(page.body, /data-qa="period-months"/, 'months to choose from');
    // The same figures on the page as from the API, row by row.
    const api1 = scrutiny.json();
    for (const k of ['episodes', 'children', 'episodesReturned', 'interviewsOffered', 'interviewsCompleted', 'completedWithin72Hours', 'repeatMissingChildren'])
      assert.ok(typeof api1[k] === 'number' || api1[k] === 'c', k);
    const cells = [
      ...page.body.slice(page.body.indexOf('data-qa="missing-report"')).matchAll(/<td class="govuk-table__cell govuk-table__cell--numeric"[^>]*>([^<]*)</g),
    ].map((m) => m[1]);
    const pct = (v: unknown) => (v === 'c' ? 'c' : v === null ? '–' : `${v}%`);
    assert.deepEqual(
      cells,
      [
        api1.episodes,
        api1.children,
        api1.episodesReturned,
        api1.interviewsOffered,
        pct(api1.offeredPct),
        api1.interviewsCompleted,
        pct(api1.completedPct),
        api1.completedWithin72Hours,
        pct(api1.completedWithin72HoursPct),
        ...Object.values(api1.declined),
        api1.repeatMissingChildren,
      ].map(String),
    );
    // The one-day attack: the month and a day more is refused on the API and the page, naming the field.
    const shifted = `from=${monthStart(day)}&to=${addDays(monthEnd(day), 1)}`;
    const b = await api(w, 'scrutiny_member', 'GET', `/api/v1/reports/missing?${shifted}`);
    assert.equal(b.statusCode, 422);
    assert.deepEqual(fields(b), ['to']);
    const bPage = await browser.get(`/missing/report?${shifted}`);
    assert.equal(bPage.statusCode, 422);
    assert.match(bPage.body, /href="#to">The end of the period must be the last day of a month/);
    assert.doesNotMatch(bPage.body, /data-qa="episodes"/);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/reports/missing?${shifted}`)).statusCode, 200, 'exact counts: any period');
    const hubPage = await (await signedIn(w, 'hub_coordinator')).get(`/missing/report?${month}`);
    assert.match(hubPage.body, /data-qa="episodes">1</);
  });

  test('the Philomena photo: a file that is not a JPEG or PNG, or is too large, is refused on the form; a PNG is kept', async () => {
    const b = await signedIn(w, 'missing_coordinator');
    const edit = `/people/${childId}/philomena/edit`;
    const post = async (file: Buffer) => {
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await b.get(edit)).body)?.[1] ?? '';
      const boundary = '----jigsawtest';
      const part = (headers: string, content: Buffer | string) =>
        Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')]);
      const payload = Buffer.concat([
        part('Content-Disposition: form-data; name="_csrf"', csrf),
        part('Content-Disposition: form-data; name="description"', 'Tall, dark hair (fictional)'),
        part('Content-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png', file),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      return b.jar.take(
        await w.app.inject({
          method: 'POST',
          url: edit,
          payload,
          headers: { cookie: b.jar.header, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
        }),
      );
    };
    const notImage = await post(Buffer.from('GIF89a not a png'));
    assert.equal(notImage.statusCode, 422);
    assert.match(notImage.body, /The photo must be a JPEG or PNG image/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const tooLarge = await post(Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]));
    assert.equal(tooLarge.statusCode, 422);
    assert.match(tooLarge.body, /The photo must be 2 MB or smaller/);
    const ok = await post(png);
    assert.equal(ok.statusCode, 303, ok.body);
    const photo = await b.get(`/people/${childId}/philomena/photo`);
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/png');
    assert.ok((await audits('philomena_photo.viewed')) >= 1);
  });
});
