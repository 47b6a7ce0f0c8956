// Contexts as subjects (issue 19.4, 19.7): opening an intelligence place reuses its entity, assessment areas rated,
// children linked both ways, a MACE on the context appears on it, the chronology in date order, the report with `c`
// for scrutiny, access both ways, person-level reads audited.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { byKindAndWard } from '../src/modules/contexts/report.ts';
import { reindexAll } from '../src/modules/matching/indexing.ts';
import type { Role } from '../src/platform/access/policy.ts';
import { api, type Browser, signedIn, type World, world } from './fixtures.ts';

describe('contexts', () => {
  let w: World;
  const parkId = randomUUID();
  const childA = randomUUID();
  const childB = randomUUID();
  before(async () => {
    w = await world();
    const db = w.database.db;
    await db
      .insertInto('intel_entity')
      .values({
        partnership_id: w.partnershipId,
        id: parkId,
        kind: 'location',
        label: 'Demo Park (fictional)',
        location_type: 'park',
        ward: 'Northmoor Central',
        created_by: w.users.police_intelligence.id,
      })
      .execute();
    await db
      .insertInto('person')
      .values([
        { partnership_id: w.partnershipId, id: childA, given_name: 'Ava', family_name: 'Demo-Context' },
        { partnership_id: w.partnershipId, id: childB, given_name: 'Ben', family_name: 'Demo-Context' },
      ])
      .execute();
    await reindexAll(db, w.partnershipId); // so the link-a-child search finds them
  });
  after(() => w?.close());
  // One signed-in session a role for the whole file (signing in hashes a password: slow when repeated).
  const sessions = new Map<Role, Promise<Browser>>();
  const as = (role: Role) => {
    if (!sessions.has(role)) sessions.set(role, signedIn(w, role));
    return sessions.get(role) as Promise<Browser>;
  };

  test('opening a place reuses its entity; assessment, children, MACE, survey show on it; chronology in order', async () => {
    const opened = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts', {
      entityId: parkId,
      concerns: 'Older men meeting children after dark (fictional)',
      latitude: 53.5,
      longitude: -2.2,
    });
    assert.equal(opened.statusCode, 201, opened.body);
    assert.equal(opened.json().id, parkId);
    assert.equal(opened.json().kind, 'place');
    const entities = await w.database.db
      .selectFrom('intel_entity')
      .select('id')
      .where('partnership_id', '=', w.partnershipId)
      .where('label', '=', 'Demo Park (fictional)')
      .execute();
    assert.equal(entities.length, 1, 'no duplicate record');
    const again = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts', { entityId: parkId, concerns: 'Again' });
    assert.equal(again.statusCode, 422);
    assert.equal(again.json().errors[0].field, 'entityId');

    const assessed = await api(w, 'hub_member', 'POST', `/api/v1/contexts/${parkId}/assessments`, {
      assessedOn: '2026-01-10',
      ratings: [
        { areaCode: 'guardianship', rating: 'serious_concern', notes: 'No staff after 6pm' },
        { areaCode: 'community', rating: 'some_concern' },
      ],
    });
    assert.equal(assessed.statusCode, 201, assessed.body);
    const bad = await api(w, 'hub_member', 'POST', `/api/v1/contexts/${parkId}/assessments`, {
      assessedOn: '2026-01-10',
      ratings: [{ areaCode: 'nope', rating: 'protective' }],
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, 'ratings[0].areaCode');

    for (const personId of [childA, childB])
      assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/contexts/${parkId}/children`, { personId, role: 'frequents' })).statusCode, 201);
    assert.equal(
      (
        await api(w, 'hub_coordinator', 'POST', `/api/v1/contexts/${parkId}/surveys`, {
          surveyedOn: '2026-01-05',
          respondents: 'children',
          responses: 40,
          percentSafe: 35,
        })
      ).statusCode,
      201,
    );
    const mace = await api(w, 'hub_coordinator', 'POST', '/api/v1/meetings', {
      typeCode: 'mace',
      startsAt: '2026-02-01T10:00:00Z',
      endsAt: '2026-02-01T11:00:00Z',
      entityId: parkId,
      title: 'MACE: Demo Park',
    });
    assert.ok([200, 201].includes(mace.statusCode), mace.body);

    const c = (await api(w, 'police_intelligence', 'GET', `/api/v1/contexts/${parkId}`)).json();
    assert.deepEqual(c.assessments[0].ratings.map((r: { areaCode: string }) => r.areaCode).sort(), ['community', 'guardianship']);
    assert.deepEqual(c.children.map((k: { name: string }) => k.name).sort(), ['Ava Demo-Context', 'Ben Demo-Context']);
    assert.equal(c.meetings[0].title, 'MACE: Demo Park');
    assert.equal(c.surveys[0].percentSafe, 35);
    assert.match(c.mapHref, /openstreetmap\.org/);

    // The person-level read is audited with each child as subject.
    const viewed = await w.database.db
      .selectFrom('audit_event')
      .select('person_id')
      .where('partnership_id', '=', w.partnershipId)
      .where('action', '=', 'context.viewed')
      .execute();
    assert.deepEqual(
      viewed
        .map((v) => v.person_id)
        .filter(Boolean)
        .sort(),
      [childA, childB].sort(),
    );

    // The child's side: its contexts.
    const hub = await as('hub_coordinator');
    const page = await hub.get(`/contexts/${parkId}/chronology`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 2000));
    const text = page.body;
    const order = ['Referred as a context', 'Context assessment', 'Child linked', 'Survey of feelings', 'Meeting: MACE'].map((s) => text.indexOf(s));
    assert.ok(
      order.every((i) => i > 0),
      'every event listed',
    );
    // Referral, assessment, children and survey were recorded today; the MACE starts later (1 Feb 2026) only if today is earlier.
    assert.ok(order[0] < order[1] && order[1] < order[2]);
    assert.match((await hub.get(`/contexts/${parkId}`)).body, /Hold a MACE on this context/);
  });

  test('access both ways: hub and police read; practitioners and scrutiny may not; scrutiny reads the report', async () => {
    assert.equal((await api(w, 'practitioner', 'GET', '/api/v1/contexts')).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/contexts/${parkId}`)).statusCode, 403);
    assert.equal((await api(w, 'police_intelligence', 'POST', '/api/v1/contexts', { kind: 'place', name: 'X', concerns: 'Y' })).statusCode, 403);
    assert.equal((await (await as('practitioner')).get('/contexts')).statusCode, 403);
    assert.equal((await (await as('hub_member')).get('/contexts')).statusCode, 200);
    const fresh = await api(w, 'hub_member', 'POST', '/api/v1/contexts', {
      kind: 'peer_group',
      name: 'Demo Street Gang (fictional)',
      ward: 'Northmoor East',
      concerns: 'Fictional',
    });
    assert.equal(fresh.statusCode, 201, fresh.body);
    const report = await api(w, 'scrutiny_member', 'GET', '/api/v1/contexts/report');
    assert.equal(report.statusCode, 200, report.body);
    assert.equal(report.json().suppressed, true);
    assert.equal(report.json().totals.total, 'c');
    const exact = (await api(w, 'hub_coordinator', 'GET', '/api/v1/contexts/report')).json();
    assert.equal(exact.totals.total, 2);
  });

  // ---- the page journeys (no JavaScript): open from intelligence, assess, link, survey, review, plan action ----

  const groupId = randomUUID();
  const dmy = (iso: string) => {
    const [y, m, d] = iso.split('-');
    return { day: String(Number(d)), month: String(Number(m)), year: y };
  };
  const dateFields = (name: string, iso: string) => {
    const p = dmy(iso);
    return { [`${name}-day`]: p.day, [`${name}-month`]: p.month, [`${name}-year`]: p.year };
  };

  test('opening a group from its intelligence page twice gives one context', async () => {
    await w.database.db
      .insertInto('intel_entity')
      .values({
        partnership_id: w.partnershipId,
        id: groupId,
        kind: 'group',
        label: 'Demo Quarry Crew (fictional)',
        group_type: 'peer_group',
        ward: 'Northmoor West',
        created_by: w.users.police_intelligence.id,
      })
      .execute();
    const hub = await as('hub_coordinator');
    // The intelligence network page of a place or group links here ("Open as a context"); the link is this form.
    const form = `/contexts/new?entityId=${groupId}`;
    assert.match((await hub.get(form)).body, /Opening <strong>Demo Quarry Crew \(fictional\)<\/strong>/);
    const opened = await hub.submit(form, '/contexts', { entityId: groupId, concerns: 'Boys missing together (fictional)' });
    assert.equal(opened.statusCode, 303, opened.body.slice(0, 500));
    assert.equal(opened.headers.location, `/contexts/${groupId}`);
    // The second time the link goes to the context, and a form posted again does not make another.
    const again = await hub.get(form);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `/contexts/${groupId}`);
    const posted = await hub.post('/contexts', new URLSearchParams({ _csrf: 'x', entityId: groupId, concerns: 'Again' }).toString());
    assert.ok([303, 403].includes(posted.statusCode));
    const rows = await w.database.db.selectFrom('context').select('id').where('partnership_id', '=', w.partnershipId).where('id', '=', groupId).execute();
    assert.equal(rows.length, 1);
    const page = (await hub.get(`/contexts/${groupId}`)).body;
    for (const qa of ['assess-context', 'link-child', 'record-survey', 'review-context', 'add-action', 'hold-mace', 'record-disruption'])
      assert.match(page, new RegExp(`data-qa="${qa}"`), qa);
  });

  test('assess form: the error summary names the areas left unrated and keeps what was typed; then it saves', async () => {
    const hub = await as('hub_member');
    const form = `/contexts/${groupId}/assessments/new`;
    const action = `/contexts/${groupId}/assessments`;
    const bad = await hub.submit(form, action, {
      ...dateFields('assessedOn', '2026-01-12'),
      'rating-relationships': 'serious_concern',
      'notes-relationships': 'Older boy in charge',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /href="#rating-activities">Select a rating for What the group does together/);
    assert.match(bad.body, /Older boy in charge/);
    assert.match(bad.body, /value="serious_concern" checked/);
    const ratings = Object.fromEntries(['relationships', 'activities', 'places', 'adults', 'protective'].map((c) => [`rating-${c}`, 'some_concern']));
    const ok = await hub.submit(form, action, { ...dateFields('assessedOn', '2026-01-12'), ...ratings, 'notes-adults': 'Seen with an adult in a silver car' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 1000));
    const page = (await hub.get(`/contexts/${groupId}`)).body;
    assert.match(page, /Assessment recorded: 5 areas rated/);
    assert.match(page, /Seen with an adult in a silver car/);
    const wrongDate = await hub.submit(form, action, { 'assessedOn-day': '31', 'assessedOn-month': '2', 'assessedOn-year': '2026', ...ratings });
    assert.equal(wrongDate.statusCode, 422);
    assert.match(wrongDate.body, /The date of the assessment must be a real date/);
  });

  test('link a child form: search, choose and say how; errors kept; the child’s contexts page lists it', async () => {
    const hub = await as('hub_coordinator');
    const form = `/contexts/${groupId}/children/new`;
    const action = `/contexts/${groupId}/children`;
    const none = await hub.submit(form, action, { role: 'member' });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /href="#q">Search for the child by name, then select them/);
    const found = await hub.get(`${form}?q=Ava+Demo-Context`);
    assert.match(found.body, new RegExp(`value="${childA}"`));
    const noRole = await hub.submit(`${form}?q=Ava+Demo-Context`, action, { q: 'Ava Demo-Context', personId: childA, reason: 'Seen with the group twice' });
    assert.equal(noRole.statusCode, 422);
    assert.match(noRole.body, /Select how the child is linked/);
    assert.match(noRole.body, /Seen with the group twice/);
    assert.match(noRole.body, new RegExp(`value="${childA}" checked`));
    const ok = await hub.submit(`${form}?q=Ava`, action, { q: 'Ava', personId: childA, role: 'member', reason: 'Seen with the group twice' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 1000));
    assert.match((await hub.get(`/contexts/${groupId}`)).body, /Ava Demo-Context<\/a>: Member of the group \(Seen with the group twice\)/);
    const theirs = await hub.get(`/people/${childA}/contexts`);
    assert.equal(theirs.statusCode, 200);
    assert.match(theirs.body, /data-qa="person-contexts"/);
    assert.match(theirs.body, /Demo Park \(fictional\)/);
    assert.match(theirs.body, /Demo Quarry Crew \(fictional\)/);
    assert.match((await hub.get(`/people/${childB}/contexts`)).body, /Demo Park[\s\S]*Frequents the place/);
    assert.equal((await (await as('practitioner')).get(`/people/${childA}/contexts`)).statusCode, 403);
    assert.equal((await (await as('scrutiny_member')).get(`/people/${childA}/contexts`)).statusCode, 403);
  });

  test('survey form: errors then saved; its date and notes come back on the page and from the API', async () => {
    const hub = await as('hub_member');
    const form = `/contexts/${groupId}/surveys/new`;
    const action = `/contexts/${groupId}/surveys`;
    const bad = await hub.submit(form, action, {
      ...dateFields('surveyedOn', '2026-01-08'),
      respondents: 'parents',
      responses: '30',
      percentSafe: 'lots',
      notes: 'Residents’ meeting',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#percentSafe">Enter the percentage feeling safe, 0 to 100/);
    assert.match(bad.body, /Residents’ meeting/);
    assert.match(bad.body, /value="lots"/);
    const ok = await hub.submit(form, action, {
      ...dateFields('surveyedOn', '2026-01-08'),
      respondents: 'parents',
      responses: '30',
      percentSafe: '42.5',
      notes: 'Residents’ meeting',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 1000));
    assert.match((await hub.get(`/contexts/${groupId}`)).body, /8 January 2026: Parents, 30 responses, 42.5% feel safe \(Residents’ meeting\)/);
    const viaApi = await api(w, 'hub_member', 'POST', `/api/v1/contexts/${groupId}/surveys`, {
      surveyedOn: '2026-01-09',
      respondents: 'children',
      responses: 12,
      percentSafe: 50,
      notes: 'Youth club (fictional)',
    });
    assert.equal(viaApi.statusCode, 201, viaApi.body);
    assert.equal(viaApi.json().surveyedOn, '2026-01-09');
    assert.equal(viaApi.json().notes, 'Youth club (fictional)');
  });

  test('review and a plan action: errors then saved; the action is in the one tracker as from the context', async () => {
    const hub = await as('hub_coordinator');
    const review = `/contexts/${groupId}/reviews/new`;
    const bad = await hub.submit(review, `/contexts/${groupId}/reviews`, { ...dateFields('reviewedOn', '2026-01-20'), statusAfter: 'under_review' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#summary">Enter what the review found/);
    assert.match(bad.body, /value="under_review" checked/);
    const ok = await hub.submit(review, `/contexts/${groupId}/reviews`, {
      ...dateFields('reviewedOn', '2026-01-20'),
      summary: 'Fewer sightings; keep the detached work going.',
      statusAfter: 'under_review',
      ...dateFields('nextReviewOn', '2026-03-20'),
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 1000));
    const page = (await hub.get(`/contexts/${groupId}`)).body;
    assert.match(page, /Under review/);
    assert.match(page, /20 March 2026/);

    const actionForm = `/contexts/${groupId}/actions/new`;
    const noAgency = await hub.submit(actionForm, `/contexts/${groupId}/actions`, {
      title: 'Detached youth work visits (fictional)',
      ...dateFields('dueOn', '2099-02-01'),
    });
    assert.equal(noAgency.statusCode, 422);
    assert.match(noAgency.body, /Select the agency responsible for this action/);
    assert.match(noAgency.body, /Detached youth work visits \(fictional\)/);
    const added = await hub.submit(actionForm, `/contexts/${groupId}/actions`, {
      title: 'Detached youth work visits (fictional)',
      ownerAgencyId: w.agencies.hub,
      ...dateFields('dueOn', '2099-02-01'),
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 1000));
    const tracked = await w.database.db
      .selectFrom('triage_action')
      .select(['id', 'source_kind'])
      .where('partnership_id', '=', w.partnershipId)
      .where('description', '=', 'Detached youth work visits (fictional)')
      .execute();
    assert.deepEqual(
      tracked.map((t) => t.source_kind),
      ['context'],
    );
    assert.match((await hub.get(`/contexts/${groupId}`)).body, new RegExp(`href="/actions/${tracked[0].id}">Detached youth work visits`));
  });

  test('forms: hub members may; police intelligence reads the context but may not change it; scrutiny may not', async () => {
    const [member, police, scrutiny] = await Promise.all((['hub_member', 'police_intelligence', 'scrutiny_member'] as const).map((r) => as(r)));
    for (const path of ['assessments/new', 'children/new', 'surveys/new', 'reviews/new', 'actions/new']) {
      assert.equal((await member.get(`/contexts/${groupId}/${path}`)).statusCode, 200, path);
      assert.equal((await police.get(`/contexts/${groupId}/${path}`)).statusCode, 403, path);
      assert.equal((await scrutiny.get(`/contexts/${groupId}/${path}`)).statusCode, 403, path);
    }
    const page = await police.get(`/contexts/${groupId}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /data-qa="assess-context"/);
    const refused = await police.submit(`/contexts/${groupId}`, `/contexts/${groupId}/surveys`, {
      ...dateFields('surveyedOn', '2026-01-08'),
      respondents: 'parents',
      responses: '3',
      percentSafe: '10',
    });
    assert.equal(refused.statusCode, 403);
  });

  test('the report counts by kind and ward (pure)', () => {
    const r = byKindAndWard(
      [
        { kind: 'place', ward: 'A', n: 7 },
        { kind: 'school', ward: null, n: 2 },
      ],
      true,
    );
    assert.deepEqual(
      r.rows.map((x) => [x.ward, x.total]),
      [
        ['A', 7],
        ['Ward not recorded', 2],
      ],
    );
  });
});
