// Contexts as subjects (issue 19.4, 19.7): opening an intelligence place reuses its entity, assessment areas rated,
// children linked both ways, a MACE on the context appears on it, the chronology in date order, the report with `c`
// for scrutiny, access both ways, person-level reads audited.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { byKindAndWard } from '../src/modules/contexts/report.ts';
import { api, signedIn, type World, world } from './fixtures.ts';

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
  });
  after(() => w?.close());

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
    const hub = await signedIn(w, 'hub_coordinator');
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
    assert.equal((await (await signedIn(w, 'practitioner')).get('/contexts')).statusCode, 403);
    assert.equal((await (await signedIn(w, 'hub_member')).get('/contexts')).statusCode, 200);
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
