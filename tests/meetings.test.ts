// Meetings that decide (issue 12): a High triage decision asks for a MACE (due within the partnership's working
// days); the hub convenes it with invitees, the agenda assembles from live data and freezes when it starts, minutes
// carry restricted sections, actions go to the one tracker, invitations and published minutes are events; the API
// refuses what the policy refuses (allowed and refused both ways). PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addWorkingDays } from '../src/modules/meetings/domain.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let child: string;
let referralId: string;
const today = () => ukDate(new Date());
const inTwoDays = () => new Date(Date.now() + 2 * 86400_000);

before(async () => {
  w = await world();
  const r = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody())).json();
  child = r.personId;
  referralId = r.id;
  const d = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${referralId}/triage-decision`, {
    outcome: 'high',
    category: 'cse',
    rationale: 'Fictional: older associates.',
  });
  assert.equal(d.statusCode, 201, d.body);
});
after(() => w?.close());

const events = async (name: string) =>
  (await w.database.db
    .selectFrom('domain_event')
    .select(['changes', 'subject_id'])
    .where('name', '=', name)
    .where('partnership_id', '=', w.partnershipId)
    .execute()) as {
    changes: Record<string, unknown>;
    subject_id: string;
  }[];

test('working days skip weekends', () => {
  assert.equal(addWorkingDays('2026-12-04', 1), '2026-12-07', 'Friday + 1 is Monday');
  assert.equal(addWorkingDays('2026-12-01', 5), '2026-12-08');
  assert.equal(addWorkingDays('2026-12-05', 1), '2026-12-07', 'from a Saturday');
});

test('the partnership has the four meeting types; a MACE is due after a High decision until one is held', async () => {
  const types = (await api(w, 'hub_coordinator', 'GET', '/api/v1/meetings/types')).json();
  assert.deepEqual(types.map((t: { code: string }) => t.code).sort(), ['mace', 'odg', 'panel', 'subgroup']);
  const due = (await api(w, 'hub_coordinator', 'GET', '/api/v1/meetings/maces-due')).json();
  assert.equal(due.length, 1);
  assert.equal(due[0].personId, child);
  assert.equal(due[0].dueOn, addWorkingDays(today(), 5));
  const set = await api(w, 'hub_coordinator', 'PUT', '/api/v1/meetings/settings', { maceDueWorkingDays: 3 });
  assert.equal(set.statusCode, 200, set.body);
  assert.equal((await api(w, 'hub_coordinator', 'GET', '/api/v1/meetings/maces-due')).json()[0].dueOn, addWorkingDays(today(), 3));
  assert.equal((await api(w, 'hub_member', 'PUT', '/api/v1/meetings/settings', { maceDueWorkingDays: 4 })).statusCode, 403, 'only the coordinator sets it');
  assert.equal((await api(w, 'hub_coordinator', 'PUT', '/api/v1/meetings/settings', { maceDueWorkingDays: 0 })).statusCode, 422);
});

test('a MACE: convened, invited, agenda live then frozen, minutes restricted, actions in the tracker, held', async () => {
  const decisionId = (await api(w, 'hub_coordinator', 'GET', '/api/v1/meetings/maces-due')).json()[0].decisionId;
  const bad = await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', {
    typeCode: 'mace',
    startsAt: inTwoDays().toISOString(),
    endsAt: new Date(Date.now()).toISOString(),
    personId: child,
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /endsAt/);
  assert.equal(
    (
      await api(w, 'practitioner', 'POST', '/api/v1/meetings', {
        typeCode: 'mace',
        startsAt: inTwoDays().toISOString(),
        endsAt: addHour(inTwoDays()),
        personId: child,
      })
    ).statusCode,
    403,
  );
  const body = {
    typeCode: 'mace',
    startsAt: inTwoDays().toISOString(),
    endsAt: addHour(inTwoDays()),
    location: 'Room 4, Fictional House',
    chairName: 'Fictional Chair',
    personId: child,
    decisionId,
    invitees: [
      { agencyId: w.agencies.hub, userId: w.users.hub_member.id },
      { agencyId: w.agencies.school, userId: w.users.practitioner.id },
      { agencyId: w.agencies.police },
    ],
  };
  const created = await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', body, { 'idempotency-key': 'mace-1' });
  assert.equal(created.statusCode, 201, created.body);
  const m = created.json();
  const again = await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', body, { 'idempotency-key': 'mace-1' });
  assert.equal(again.statusCode, 200, 'a retry returns the first meeting');
  assert.equal(again.json().id, m.id);
  assert.match(m.title, /Strategy meeting \/ MACE: Testchild Fictional/);
  assert.equal(m.invitees.length, 3);
  const due = (await api(w, 'hub_coordinator', 'GET', '/api/v1/meetings/maces-due')).json();
  assert.equal(due[0].meetingId, m.id, 'convened, still due until held');

  const invited = await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/invitations`, { invitees: [{ agencyId: w.agencies.health }] });
  assert.equal(invited.statusCode, 200, invited.body);
  const inv = (await events('meeting.invited')).find((e) => e.subject_id === m.id);
  assert.ok(inv);
  assert.deepEqual((inv.changes.inviteeUserIds as string[]).sort(), [w.users.hub_member.id, w.users.practitioner.id].sort());
  assert.equal(inv.changes.location, 'Room 4, Fictional House');
  assert.equal(inv.changes.startsAt, m.startsAt);

  // Invited agencies read it; another agency does not find it.
  assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/meetings/${m.id}`)).statusCode, 200);
  assert.equal(
    (await api(w, 'otherPractitioner', 'GET', `/api/v1/meetings/${m.id}`)).statusCode,
    w.otherPractitioner.agencyId === w.agencies.health ? 200 : 404,
  );
  assert.equal((await api(w, 'manager', 'GET', '/api/v1/meetings')).json().items.length, 1, 'the school manager lists the meeting its agency is invited to');

  const live = (await api(w, 'hub_coordinator', 'GET', `/api/v1/meetings/${m.id}/agenda`)).json();
  assert.equal(live.frozen, false);
  const chronology = live.sections.find((s: { key: string }) => s.key === 'chronology');
  assert.ok(
    chronology.rows.some((r: { text: string }) => /Referral/i.test(r.text)),
    JSON.stringify(chronology),
  );
  assert.match(JSON.stringify(live.sections.find((s: { key: string }) => s.key === 'risk')), /High risk/);

  assert.equal(
    (await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes`, { body: 'Too early' })).statusCode,
    422,
    'minutes wait for the start',
  );
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/start`)).statusCode, 200);
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/start`)).statusCode, 409, 'starts once');
  // A new referral after the start is not on the frozen agenda.
  await api(
    w,
    'hub_coordinator',
    'POST',
    '/api/v1/referrals',
    referralBody({ subject: { personId: child }, concerns: 'Fictional later concern, after the meeting started, about late nights.' }),
  );
  const frozen = (await api(w, 'hub_coordinator', 'GET', `/api/v1/meetings/${m.id}/agenda`)).json();
  assert.equal(frozen.frozen, true);
  assert.deepEqual(frozen.sections, live.sections.length ? frozen.sections : [], 'the stored copy');
  assert.equal(
    frozen.sections.find((s: { key: string }) => s.key === 'chronology').rows.length,
    chronology.rows.length,
    'the referral made after the start is not on the frozen agenda',
  );

  const items = (await api(w, 'hub_coordinator', 'GET', `/api/v1/meetings/${m.id}/minutes`)).json().items;
  const open = await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes`, {
    itemId: items[1].id,
    body: 'Fictional: the chronology was read.',
    decision: 'Keep at High risk.',
  });
  assert.equal(open.statusCode, 201, open.body);
  assert.equal(
    (
      await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes`, {
        itemId: items[4].id,
        body: 'Fictional: police-only detail.',
        handling: 'C',
      })
    ).statusCode,
    201,
  );
  assert.equal(
    (
      await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes`, {
        itemId: items[4].id,
        body: 'Fictional: for the school only.',
        agencyIds: [w.agencies.school],
      })
    ).statusCode,
    201,
  );
  const asHub = (await api(w, 'hub_coordinator', 'GET', `/api/v1/meetings/${m.id}/minutes`)).json();
  const asSchool = (await api(w, 'practitioner', 'GET', `/api/v1/meetings/${m.id}/minutes`)).json();
  const asPolice = (await api(w, 'police_intelligence', 'GET', `/api/v1/meetings/${m.id}/minutes`)).json();
  assert.equal(asHub.withheld, 0, 'the recording agency reads what it recorded');
  assert.equal(asSchool.withheld, 1, 'the school does not read the handling code C section');
  assert.equal(asPolice.withheld, 1, 'police read C (read_restricted) but not the section for the school only');
  assert.match(JSON.stringify(asSchool), /for the school only/);
  assert.doesNotMatch(JSON.stringify(asSchool), /police-only/);
  assert.match(JSON.stringify(asPolice), /police-only/);
  assert.equal(asHub.decisions[0].text, 'Keep at High risk.');
  assert.equal(
    (await api(w, 'practitioner', 'POST', `/api/v1/meetings/${m.id}/minutes`, { body: 'No' })).statusCode,
    403,
    'an invited agency reads, does not write',
  );

  const attendance = await api(w, 'hub_coordinator', 'PUT', `/api/v1/meetings/${m.id}/attendance`, {
    attendance: m.invitees.map((i: { id: string }, n: number) => ({ inviteeId: i.id, attendance: n === 2 ? 'apologies' : 'present' })),
  });
  assert.equal(attendance.statusCode, 200, attendance.body);
  assert.deepEqual(
    attendance
      .json()
      .invitees.map((i: { attendance: string }) => i.attendance)
      .sort(),
    ['apologies', 'invited', 'present', 'present'],
  );

  for (const title of ['Fictional: share school attendance', 'Fictional: check the address']) {
    const a = await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/actions`, {
      title,
      ownerAgencyId: w.agencies.school,
      ownerUserId: w.users.practitioner.id,
      dueOn: addDays(today(), 7),
    });
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(a.json().sourceKind, 'meeting');
  }
  assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/meetings/${m.id}/minutes`)).json().actions.length, 2);
  const mine = (await api(w, 'practitioner', 'GET', '/api/v1/actions?show=mine')).json();
  assert.equal(mine.items.filter((a: { sourceId: string }) => a.sourceId === m.id).length, 2, 'in the one tracker');

  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/publish`)).json().published, true);
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/publish`)).json().published, false, 'once');
  const ready = (await events('meeting.minutes_ready')).filter((e) => e.subject_id === m.id);
  assert.equal(ready.length, 1);
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${m.id}/held`)).statusCode, 200);
  assert.deepEqual((await api(w, 'hub_coordinator', 'GET', '/api/v1/meetings/maces-due')).json(), [], 'held: no longer due');
});

test('Panel and ODG agendas assemble from live data', async () => {
  for (const typeCode of ['panel', 'odg']) {
    const m = (
      await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', { typeCode, startsAt: inTwoDays().toISOString(), endsAt: addHour(inTwoDays()) })
    ).json();
    const agenda = await api(w, 'hub_coordinator', 'GET', `/api/v1/meetings/${m.id}/agenda`);
    assert.equal(agenda.statusCode, 200, agenda.body);
    const a = agenda.json();
    if (typeCode === 'panel') {
      assert.deepEqual(
        a.sections.map((s: { key: string }) => s.key),
        ['children', 'repeat_missing', 'hotspots', 'overdue_actions', 'disruption'],
      );
      assert.ok(
        a.sections[0].rows.some((r: { text: string }) => /Testchild Fictional/.test(r.text)),
        'the High-risk child',
      );
    } else {
      assert.equal(a.weeks.length, 9, 'this week and the eight before');
      assert.match(a.sections[0].rows[0].text, /Referrals received: \d+ \(previous eight weeks average/);
    }
  }
  assert.equal(
    (await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', { typeCode: 'nope', startsAt: inTwoDays().toISOString(), endsAt: addHour(inTwoDays()) }))
      .statusCode,
    422,
  );
});

test('pages: convene from a High decision (errors in the summary), the meeting page, minutes printed and exported', async () => {
  const r = (
    await api(
      w,
      'hub_coordinator',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Pagechild', familyName: 'Fictional', dateOfBirth: '2011-02-03' } }),
    )
  ).json();
  await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
    outcome: 'high',
    category: 'ce',
    rationale: 'Fictional: county lines.',
  });
  const hub = await signedIn(w, 'hub_coordinator');
  const dashboard = await hub.get('/hub');
  assert.match(dashboard.body, /data-qa="hub-maces-due"[\s\S]*Pagechild Fictional/, 'the hub dashboard shows the MACE due');
  const list = await hub.get('/meetings');
  assert.equal(list.statusCode, 200, list.body);
  const link = /href="(\/meetings\/new\?[^"]+)"[^>]*data-qa="convene-mace"/.exec(list.body.replaceAll('&amp;', '&'));
  assert.ok(link, 'a Convene link for the High decision');
  const personId = /personId=([0-9a-f-]{36})/.exec(link[1])![1];
  const decisionId = /decisionId=([0-9a-f-]{36})/.exec(link[1])![1];
  const bad = await hub.submit(link[1], '/meetings', { typeCode: 'mace', personId, decisionId, startsAt: '', endsAt: '' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /Enter when the meeting starts/);
  const ok = await hub.submit(link[1], '/meetings', {
    typeCode: 'mace',
    personId,
    decisionId,
    startsAt: '2030-01-07T10:00',
    endsAt: '2030-01-07T11:00',
    location: 'Fictional Room',
    agencyIds: [w.agencies.hub, w.agencies.school],
  });
  assert.equal(ok.statusCode, 303, ok.body);
  const url = ok.headers.location as string;
  const page = await hub.get(url);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /Strategy meeting \/ MACE: Pagechild Fictional/);
  assert.match(page.body, /data-qa="agenda-chronology"/);
  assert.equal((await hub.submit(url, `${url}/start`, {})).statusCode, 303);
  const minute = await hub.submit(url, `${url}/minutes`, { body: '' });
  assert.equal(minute.statusCode, 422, 'an empty minute is refused with the error summary');
  assert.match(minute.body, /govuk-error-summary/);
  assert.equal((await hub.submit(url, `${url}/minutes`, { body: 'Fictional: agreed a safety plan, with "quotes", and =formula' })).statusCode, 303);
  const csv = await hub.get(`${url}/minutes.csv`);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.match(csv.body, /"Fictional: agreed a safety plan, with ""quotes"", and =formula"/);
  const print = await hub.get(`${url}/minutes/print`);
  assert.match(print.body, /meetings-print\.css/);
  assert.match(print.body, /agreed a safety plan/);
  const school = await signedIn(w, 'practitioner');
  assert.equal((await school.get(url)).statusCode, 200, 'an invited agency opens the meeting');
  const health = await signedIn(w, 'otherPractitioner');
  assert.equal((await health.get(url)).statusCode, w.otherPractitioner.agencyId === w.agencies.school ? 200 : 404, 'another agency does not');
});

test('meeting types: the admin adds and changes them (API and pages, errors named); a hub member may not', async () => {
  const body = {
    name: 'Missing Children Panel (fictional)',
    subject: 'many',
    agenda: 'panel',
    cadence: 'monthly',
    defaultAgenda: ['Apologies', ' Repeat missing '],
  };
  const created = await api(w, 'partnership_admin', 'POST', '/api/v1/meeting-types', body);
  assert.equal(created.statusCode, 201, created.body);
  const t = created.json();
  assert.equal(t.code, 'missing_children_panel_fictional');
  assert.deepEqual(t.defaultAgenda, ['Apologies', 'Repeat missing']);
  assert.equal((await api(w, 'partnership_admin', 'POST', '/api/v1/meeting-types', body)).statusCode, 422, 'the same name twice');
  const bad = await api(w, 'partnership_admin', 'POST', '/api/v1/meeting-types', { name: ' ', subject: 'everyone' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.headers['content-type'] as string, /problem\+json/);
  assert.deepEqual(
    bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
    ['name', 'subject'],
  );
  assert.equal((await api(w, 'hub_member', 'POST', '/api/v1/meeting-types', body)).statusCode, 403);
  assert.equal((await api(w, 'hub_member', 'GET', '/api/v1/meeting-types')).statusCode, 403);
  assert.equal((await api(w, 'hub_member', 'PATCH', `/api/v1/meeting-types/${t.code}`, { cadence: 'weekly' })).statusCode, 403);

  const changed = await api(w, 'partnership_admin', 'PATCH', `/api/v1/meeting-types/${t.code}`, { cadence: 'weekly', subject: 'child' });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal(changed.json().cadence, 'weekly');
  assert.equal(changed.json().name, body.name, 'fields left out are unchanged');
  assert.equal((await api(w, 'partnership_admin', 'PATCH', '/api/v1/meeting-types/no_such_type', { cadence: 'weekly' })).statusCode, 404);
  assert.equal((await api(w, 'partnership_admin', 'PATCH', `/api/v1/meeting-types/${t.code}`, { cadence: 'daily' })).statusCode, 422);
  const saved = await events('meeting_type.saved');
  assert.equal(saved.filter((e) => e.subject_id === t.code).length, 2, 'created and changed: each an event');
  // Those convening see it, a meeting of it needs its subject (now one child) and starts with its default agenda.
  assert.ok((await api(w, 'hub_coordinator', 'GET', '/api/v1/meetings/types')).json().some((x: { code: string }) => x.code === t.code));
  const meeting = { typeCode: t.code, startsAt: inTwoDays().toISOString(), endsAt: addHour(inTwoDays()) };
  const noChild = await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', meeting);
  assert.equal(noChild.statusCode, 422);
  assert.match(noChild.body, /personId/);
  const m = await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', { ...meeting, personId: child });
  assert.equal(m.statusCode, 201, m.body);
  const agenda = (await api(w, 'hub_coordinator', 'GET', `/api/v1/meetings/${m.json().id}/agenda`)).json();
  assert.deepEqual(
    agenda.items.map((i: { title: string }) => i.title),
    ['Apologies', 'Repeat missing'],
  );

  const admin = await signedIn(w, 'partnership_admin');
  assert.match((await admin.get('/admin')).body, /href="\/admin\/meeting-types"/);
  const list = await admin.get('/admin/meeting-types');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Missing Children Panel \(fictional\)/);
  const form = await admin.get('/admin/meeting-types/new');
  assert.equal(form.statusCode, 200);
  const refused = await admin.submit('/admin/meeting-types/new', '/admin/meeting-types', { name: '', cadence: 'weekly', defaultAgenda: 'Apologies' });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /govuk-error-summary/);
  assert.match(refused.body, /Enter the name of the meeting type/);
  assert.match(refused.body, /Select what the meeting is about/);
  assert.match(refused.body, />Apologies<\/textarea>/, 'what was typed is kept');
  const added = await admin.submit('/admin/meeting-types/new', '/admin/meeting-types', {
    name: 'Peer Group Review (fictional)',
    subject: 'context',
    agenda: 'none',
    cadence: 'bi_monthly',
    defaultAgenda: 'Who is in the group\r\n\r\nPlaces\r\nActions',
  });
  assert.equal(added.statusCode, 303, added.body);
  const peer = (await api(w, 'partnership_admin', 'GET', '/api/v1/meeting-types'))
    .json()
    .find((x: { code: string }) => x.code === 'peer_group_review_fictional');
  assert.deepEqual(peer.defaultAgenda, ['Who is in the group', 'Places', 'Actions']);
  const edit = await admin.get('/admin/meeting-types/peer_group_review_fictional');
  assert.equal(edit.statusCode, 200);
  const off = await admin.submit('/admin/meeting-types/peer_group_review_fictional', '/admin/meeting-types/peer_group_review_fictional', {
    name: 'Peer Group Review (fictional)',
    subject: 'context',
    agenda: 'none',
    cadence: 'bi_monthly',
    defaultAgenda: 'Who is in the group',
    active: 'no',
  });
  assert.equal(off.statusCode, 303, off.body);
  assert.ok(!(await api(w, 'hub_coordinator', 'GET', '/api/v1/meetings/types')).json().some((x: { code: string }) => x.code === 'peer_group_review_fictional'));
  const hubMember = await signedIn(w, 'hub_member');
  assert.equal((await hubMember.get('/admin/meeting-types')).statusCode, 403);
  assert.equal((await hubMember.get('/admin/meeting-types/new')).statusCode, 403);
});

test('a MACE agenda shows intelligence only where every invited agency may see it: a police-only item is left out when a school is invited', async () => {
  const item = (summary: string, grading: string, extra: Record<string, unknown> = {}) =>
    api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
      summary,
      category: 'cse',
      occurredOn: today(),
      grading,
      entities: [
        { ref: 'c', personId: child },
        { ref: 'place', kind: 'location', label: 'Fictional Arcade', locationType: 'other', ward: 'Dunmere' },
      ],
      links: [{ from: 'c', to: 'place', type: 'seen_at', fromRole: 'victim' }],
      ...extra,
    });
  const open = await item('Fictional: seen at the arcade with older boys.', '2BP');
  assert.equal(open.statusCode, 201, open.body);
  const restricted = await item('Fictional: police-only source on the arcade.', '1AC', {
    handlingConditions: 'Police and the hub only (fictional).',
    releaseAgencyIds: [w.agencies.hub],
  });
  assert.equal(restricted.statusCode, 201, restricted.body);
  const mace = async (agencies: string[]) => {
    const m = await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', {
      typeCode: 'mace',
      startsAt: inTwoDays().toISOString(),
      endsAt: addHour(inTwoDays()),
      personId: child,
      invitees: agencies.map((agencyId) => ({ agencyId })),
    });
    assert.equal(m.statusCode, 201, m.body);
    const agenda = (await api(w, 'hub_coordinator', 'GET', `/api/v1/meetings/${m.json().id}/agenda`)).json();
    const s = agenda.sections.find((x: { key: string }) => x.key === 'intelligence');
    return { id: m.json().id as string, section: s as { available: boolean; rows: { text: string }[] }, agenda };
  };
  const policeAndHub = await mace([w.agencies.hub, w.agencies.police]);
  assert.ok(policeAndHub.section.available);
  const texts = (s: { rows: { text: string }[] }) => s.rows.map((r) => r.text).join('\n');
  assert.match(texts(policeAndHub.section), /seen at the arcade/);
  assert.match(texts(policeAndHub.section), /police-only source/, 'every invitee may see it: shown');

  const withSchool = await mace([w.agencies.hub, w.agencies.police, w.agencies.school]);
  assert.match(texts(withSchool.section), /seen at the arcade/);
  assert.doesNotMatch(texts(withSchool.section), /police-only source/, 'the school may not see it: left out');
  assert.match(texts(withSchool.section), /1 report not shown: not every agency invited may see it/);
  const chronology = withSchool.agenda.sections.find((x: { key: string }) => x.key === 'chronology');
  assert.doesNotMatch(JSON.stringify(chronology.rows), /Intelligence/, 'nor through the chronology');
  // Frozen when the meeting starts: the stored agenda the school reads has no restricted line either.
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/meetings/${withSchool.id}/start`, {})).statusCode, 200);
  const asSchool = (await api(w, 'practitioner', 'GET', `/api/v1/meetings/${withSchool.id}/agenda`)).json();
  assert.equal(asSchool.frozen, true);
  assert.doesNotMatch(JSON.stringify(asSchool.sections), /police-only source/);
  // A reader of no intelligence sees the section as not available, not empty.
  const live = (await api(w, 'practitioner', 'GET', `/api/v1/meetings/${(await mace([w.agencies.school])).id}/agenda`)).json();
  assert.equal(live.sections.find((x: { key: string }) => x.key === 'intelligence').available, false);
});

function addHour(d: Date) {
  return new Date(d.getTime() + 3600_000).toISOString();
}
