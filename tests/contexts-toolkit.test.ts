// The context assessment toolkit a partnership configures (issue 19.4): the administrator and the hub coordinator add,
// rename, withdraw and bring back areas through the pages and the API; whoever assesses contexts reads it; others are
// refused; bad input is named; each change is audited once; a withdrawn area is not offered on a new assessment; a
// renamed area shows its new label on a new assessment while an assessment already recorded keeps the old one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { can, ROLES, type Role } from '../src/platform/access/policy.ts';
import { api, type Browser, signedIn, type World, world } from './fixtures.ts';

const PATH = '/admin/context-toolkit';

describe('context assessment toolkit', () => {
  let w: World;
  before(async () => {
    w = await world();
  });
  after(() => w?.close());
  const sessions = new Map<Role, Promise<Browser>>();
  const as = (role: Role) => {
    if (!sessions.has(role)) sessions.set(role, signedIn(w, role));
    return sessions.get(role) as Promise<Browser>;
  };
  const changes = async () =>
    (
      await w.database.db
        .selectFrom('audit_event')
        .select(['resource_id', 'details'])
        .where('partnership_id', '=', w.partnershipId)
        .where('action', '=', 'context_toolkit.changed')
        .orderBy('id')
        .execute()
    ).map((e) => ({ id: e.resource_id, details: (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<string, unknown> }));
  const areasOf = async (kind: string) => {
    const res = await api(w, 'hub_member', 'GET', '/api/v1/contexts/toolkit');
    assert.equal(res.statusCode, 200, res.body);
    return res.json().kinds.find((k: { kind: string }) => k.kind === kind).areas as { code: string; label: string; source: string; active: boolean }[];
  };

  test('the policy: the administrator and the hub coordinator change it; whoever assesses contexts reads it; no one else', () => {
    assert.deepEqual(ROLES.filter((r) => can(r, 'context_toolkit', 'manage')).sort(), ['hub_coordinator', 'partnership_admin']);
    assert.deepEqual(ROLES.filter((r) => can(r, 'context_toolkit', 'read')).sort(), ['hub_coordinator', 'hub_member', 'partnership_admin']);
    for (const r of ROLES) if (can(r, 'context', 'update')) assert.ok(can(r, 'context_toolkit', 'read'), `${r} assesses contexts, so reads the toolkit`);
  });

  test('the API: read by assessors with the defaults of each kind; refused to others, and changes refused to a hub member', async () => {
    const res = await api(w, 'hub_member', 'GET', '/api/v1/contexts/toolkit');
    assert.equal(res.statusCode, 200, res.body);
    const kinds = res.json().kinds as { kind: string; areas: { code: string; source: string; active: boolean; defaultLabel: string | null }[] }[];
    assert.deepEqual(
      kinds.map((k) => k.kind),
      ['place', 'peer_group', 'school', 'online_space'],
    );
    const place = kinds[0].areas;
    assert.deepEqual(
      place.map((a) => a.code),
      ['guardianship', 'users', 'activity', 'safety_features', 'community'],
    );
    assert.ok(place.every((a) => a.source === 'default' && a.active && a.defaultLabel));
    for (const role of ['practitioner', 'police_intelligence', 'scrutiny_member', 'manager'] as const)
      assert.equal((await api(w, role, 'GET', '/api/v1/contexts/toolkit')).statusCode, 403, role);
    assert.equal((await api(w, null, 'GET', '/api/v1/contexts/toolkit')).statusCode, 401);
    assert.equal((await api(w, 'hub_member', 'POST', '/api/v1/contexts/toolkit/place', { label: 'Not mine to add' })).statusCode, 403);
    assert.equal(
      (await api(w, 'hub_member', 'PUT', '/api/v1/contexts/toolkit/place/guardianship', { label: 'Not mine to rename', active: true })).statusCode,
      403,
    );
    assert.equal((await api(w, 'practitioner', 'PUT', '/api/v1/contexts/toolkit/place/guardianship', { label: 'x', active: false })).statusCode, 403);
    assert.equal((await changes()).length, 0, 'nothing refused was changed');
  });

  test('the API: add, rename, withdraw and bring back; bad input named; a duplicate label in one kind is 409; each change audited once', async () => {
    const added = await api(w, 'partnership_admin', 'POST', '/api/v1/contexts/toolkit/peer_group', { label: '  Transport:  the buses the group uses ' });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(added.json(), {
      kind: 'peer_group',
      code: 'transport_the_buses_the_group_uses',
      label: 'Transport: the buses the group uses',
      defaultLabel: null,
      source: 'own',
      active: true,
    });
    // The same label again, in other case and spacing, is a duplicate of the kind; another kind may have it.
    const dup = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts/toolkit/peer_group', { label: 'transport: THE buses the group uses' });
    assert.equal(dup.statusCode, 409, dup.body);
    assert.match(dup.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(dup.json().errors[0].field, 'label');
    const dupDefault = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts/toolkit/peer_group', { label: 'What the group does together' });
    assert.equal(dupDefault.statusCode, 409, 'a default label is taken too');
    const elsewhere = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts/toolkit/online_space', { label: 'Transport: the buses the group uses' });
    assert.equal(elsewhere.statusCode, 201, elsewhere.body);

    for (const [body, field] of [
      [{ label: '   ' }, 'label'],
      [{}, 'label'],
      [{ label: 'x'.repeat(201) }, 'label'],
      [{ label: 'Fine', code: 'chosen' }, 'code'],
      [{ label: 42 }, 'label'],
    ] as const) {
      const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts/toolkit/place', body);
      assert.equal(res.statusCode, 422, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().errors[0].field, field, JSON.stringify(body));
    }
    assert.equal((await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts/toolkit/playground', { label: 'A kind that is not' })).statusCode, 404);
    assert.equal((await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/place/no_such_area', { label: 'x', active: true })).statusCode, 404);
    assert.equal((await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/place/Bad%20Code', { label: 'x', active: true })).statusCode, 404);
    // An area of peer groups is not an area of places.
    assert.equal(
      (await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/place/transport_the_buses_the_group_uses', { label: 'x', active: true })).statusCode,
      404,
    );
    const noActive = await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/place/users', { label: 'Who uses the space' });
    assert.equal(noActive.statusCode, 422);
    assert.equal(noActive.json().errors[0].field, 'active');
    const clash = await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/place/users', { label: 'What happens there', active: true });
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json().errors[0].field, 'label');

    const before = (await changes()).length;
    assert.equal(before, 2, 'two areas added');
    const renamed = await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/peer_group/relationships', {
      label: 'Relationships, power and status within the group',
      active: true,
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().source, 'renamed');
    assert.equal(renamed.json().defaultLabel, 'Relationships and power within the group');
    const again = await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/peer_group/relationships', {
      label: 'Relationships, power and status within the group',
      active: true,
    });
    assert.equal(again.statusCode, 200);
    assert.equal((await changes()).length, before + 1, 'saving the same again is no change');
    const withdrawn = await api(w, 'partnership_admin', 'PUT', '/api/v1/contexts/toolkit/peer_group/transport_the_buses_the_group_uses', {
      label: 'Transport: the buses the group uses',
      active: false,
    });
    assert.equal(withdrawn.json().active, false);
    const withdrawnDup = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts/toolkit/peer_group', { label: 'Transport: the buses the group uses' });
    assert.equal(withdrawnDup.statusCode, 409, 'a withdrawn area keeps its label');
    assert.match(withdrawnDup.json().errors[0].detail, /withdrawn/);
    // Renamed back to its default: a default again.
    const back = await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/peer_group/relationships', {
      label: 'Relationships and power within the group',
      active: true,
    });
    assert.equal(back.json().source, 'default');

    const peer = await areasOf('peer_group');
    assert.deepEqual(
      peer.map((a) => [a.code, a.active]),
      [
        ['relationships', true],
        ['activities', true],
        ['places', true],
        ['adults', true],
        ['protective', true],
        ['transport_the_buses_the_group_uses', false],
      ],
    );
    const events = await changes();
    assert.equal(events.length, 5);
    assert.deepEqual(events[3], {
      id: 'peer_group/transport_the_buses_the_group_uses',
      details: {
        changes: ['withdrawn'],
        kind: 'peer_group',
        code: 'transport_the_buses_the_group_uses',
        label: 'Transport: the buses the group uses',
        active: false,
        before: { label: 'Transport: the buses the group uses', active: true },
      },
    });
    // Bring it back.
    const restored = await api(w, 'partnership_admin', 'PUT', '/api/v1/contexts/toolkit/peer_group/transport_the_buses_the_group_uses', {
      label: 'Transport: the buses the group uses',
      active: true,
    });
    assert.equal(restored.json().active, true);
    assert.deepEqual((await changes())[5].details.changes, ['restored']);
  });

  test('a withdrawn area is not offered on a new assessment; a renamed one is, with its new label; an earlier assessment keeps its labels', async () => {
    const opened = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts', {
      kind: 'place',
      name: 'Toolkit Rec Ground (fictional)',
      ward: 'Northmoor Central',
      concerns: 'Fictional: children seen with older youths after dark',
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const id = opened.json().id as string;
    const first = await api(w, 'hub_member', 'POST', `/api/v1/contexts/${id}/assessments`, {
      assessedOn: '2026-01-10',
      ratings: [
        { areaCode: 'guardianship', rating: 'serious_concern' },
        { areaCode: 'community', rating: 'some_concern' },
      ],
    });
    assert.equal(first.statusCode, 201, first.body);

    const NEW_LABEL = 'Guardianship (fictional renaming): who is watching, and when';
    assert.equal((await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/place/guardianship', { label: NEW_LABEL, active: true })).statusCode, 200);
    assert.equal(
      (await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/place/community', { label: 'How the community sees the place', active: false }))
        .statusCode,
      200,
    );
    // Schools use the place areas, but a place's renaming is the place's.
    assert.equal((await areasOf('school')).find((a) => a.code === 'guardianship')?.source, 'default');

    const hub = await as('hub_member');
    const form = await hub.get(`/contexts/${id}/assessments/new`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes(NEW_LABEL), 'the renamed area, with its new label');
    assert.ok(!form.body.includes('data-qa="area-community"'), 'the withdrawn area is not offered');
    assert.ok(!form.body.includes('How the community sees the place'));
    assert.ok(!form.body.includes('Guardianship and supervision'), 'not the old label');
    assert.match(form.body, new RegExp(`href="${PATH}" data-qa="toolkit-link"`));

    const withdrawn = await api(w, 'hub_member', 'POST', `/api/v1/contexts/${id}/assessments`, {
      assessedOn: '2026-02-10',
      ratings: [{ areaCode: 'community', rating: 'protective' }],
    });
    assert.equal(withdrawn.statusCode, 422, 'a withdrawn area cannot be rated');
    assert.equal(withdrawn.json().errors[0].field, 'ratings[0].areaCode');

    const fields: Record<string, string> = { 'assessedOn-day': '10', 'assessedOn-month': '2', 'assessedOn-year': '2026' };
    for (const code of ['guardianship', 'users', 'activity', 'safety_features']) fields[`rating-${code}`] = 'some_concern';
    const saved = await hub.submit(`/contexts/${id}/assessments/new`, `/contexts/${id}/assessments`, fields);
    assert.equal(saved.statusCode, 303, saved.body);

    const c = (await api(w, 'hub_member', 'GET', `/api/v1/contexts/${id}`)).json();
    const [newer, older] = c.assessments as { assessedOn: string; ratings: { areaCode: string; area: string }[] }[];
    assert.equal(newer.assessedOn, '2026-02-10');
    assert.equal(newer.ratings.find((r) => r.areaCode === 'guardianship')?.area, NEW_LABEL);
    assert.equal(newer.ratings.length, 4, 'the withdrawn area was not rated');
    assert.equal(older.ratings.find((r) => r.areaCode === 'guardianship')?.area, 'Guardianship and supervision: who watches over the space, and when');
    assert.equal(older.ratings.find((r) => r.areaCode === 'community')?.area, 'How the community sees the place', 'kept though withdrawn since');
    const page = await hub.get(`/contexts/${id}`);
    assert.ok(page.body.includes(NEW_LABEL) && page.body.includes('Guardianship and supervision: who watches over the space, and when'));

    // Brought back, it is offered again.
    await api(w, 'hub_coordinator', 'PUT', '/api/v1/contexts/toolkit/place/community', { label: 'How the community sees the place', active: true });
    assert.ok((await hub.get(`/contexts/${id}/assessments/new`)).body.includes('data-qa="area-community"'));
  });

  test('the pages: listed from Admin; add and change with the error summary; a hub member reads it only; others are refused', async () => {
    const admin = await as('partnership_admin');
    const index = await admin.get('/admin');
    assert.match(index.body, new RegExp(`<a class="govuk-link govuk-!-font-weight-bold" href="${PATH}">Context assessment toolkit</a>`));
    const coordinatorIndex = await (await as('hub_coordinator')).get('/admin');
    assert.ok(coordinatorIndex.body.includes(`href="${PATH}"`));

    const list = await admin.get(PATH);
    assert.equal(list.statusCode, 200);
    for (const kind of ['place', 'peer_group', 'school', 'online_space']) assert.ok(list.body.includes(`data-qa="toolkit-${kind}"`), kind);
    assert.ok(list.body.includes(`href="${PATH}/school/new"`));
    assert.ok(list.body.includes(`href="${PATH}/place/guardianship"`));
    assert.match(list.body, /Default, renamed/);

    const blank = await admin.submit(`${PATH}/school/new`, `${PATH}/school`, { label: '  ' });
    assert.equal(blank.statusCode, 422);
    assert.match(blank.body, /govuk-error-summary/);
    assert.match(blank.body, /href="#label"[^>]*>Enter the area/);
    assert.match(blank.body, /govuk-character-count/);
    const tooLong = await admin.submit(`${PATH}/school/new`, `${PATH}/school`, { label: 'y'.repeat(201) });
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /200 characters or fewer/);
    assert.ok(tooLong.body.includes('y'.repeat(201)), 'what was typed comes back');
    const dup = await admin.submit(`${PATH}/school/new`, `${PATH}/school`, { label: 'what happens there' });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /There is already an area called “What happens there” for schools/);

    const added = await admin.submit(`${PATH}/school/new`, `${PATH}/school`, { label: 'Online safety teaching (fictional)' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, PATH);
    const after = await admin.get(PATH);
    assert.match(after.body, /Area added for schools: Online safety teaching \(fictional\)/);
    assert.ok(after.body.includes(`href="${PATH}/school/online_safety_teaching_fictional"`));

    const change = await admin.get(`${PATH}/school/users`);
    assert.equal(change.statusCode, 200);
    assert.match(change.body, /The default is “Who uses the space, and at what times”/);
    const blankChange = await admin.submit(`${PATH}/school/users`, `${PATH}/school/users`, { label: '', active: 'yes' });
    assert.equal(blankChange.statusCode, 422);
    assert.match(blankChange.body, /href="#label"/);
    const noChoice = await admin.submit(`${PATH}/school/users`, `${PATH}/school/users`, { label: 'Who uses the school' });
    assert.equal(noChoice.statusCode, 422);
    assert.match(noChoice.body, /href="#active"/);
    const before = (await changes()).length;
    const withdrawn = await admin.submit(`${PATH}/school/users`, `${PATH}/school/users`, { label: 'Who uses the school, and when', active: 'no' });
    assert.equal(withdrawn.statusCode, 303);
    const events = await changes();
    assert.equal(events.length, before + 1);
    assert.deepEqual(events.at(-1)?.details.changes, ['renamed', 'withdrawn']);
    const shown = await admin.get(PATH);
    assert.match(shown.body, /data-qa="area-school-users"[\s\S]*?Who uses the school, and when[\s\S]*?Withdrawn/);
    assert.equal((await admin.get(`${PATH}/playground/new`)).statusCode, 404);
    assert.equal((await admin.get(`${PATH}/school/nothing_here`)).statusCode, 404);
    assert.equal((await admin.get(`${PATH}/school/NOT%20A%20CODE`)).statusCode, 404);

    // A hub member assesses contexts, so reads the toolkit; changing it is not theirs.
    const member = await as('hub_member');
    const read = await member.get(PATH);
    assert.equal(read.statusCode, 200);
    assert.ok(!read.body.includes(`href="${PATH}/place/guardianship"`), 'no change links');
    assert.ok(!read.body.includes('data-qa="add-area-place"'));
    assert.equal((await member.get(`${PATH}/place/new`)).statusCode, 403);
    assert.equal((await member.get(`${PATH}/place/guardianship`)).statusCode, 403);
    assert.equal((await member.submit(PATH, `${PATH}/place`, { label: 'Not mine' })).statusCode, 403);
    assert.equal((await member.submit(PATH, `${PATH}/place/guardianship`, { label: 'Not mine', active: 'yes' })).statusCode, 403);
    assert.ok(!(await member.get('/admin')).body.includes(`href="${PATH}"`));
    for (const role of ['practitioner', 'police_intelligence', 'scrutiny_member'] as const) {
      const b = await as(role);
      assert.equal((await b.get(PATH)).statusCode, 403, role);
      assert.equal((await b.get(`${PATH}/place/guardianship`)).statusCode, 403, role);
    }
    assert.equal((await changes()).length, before + 1, 'nothing refused was changed');
  });
});
