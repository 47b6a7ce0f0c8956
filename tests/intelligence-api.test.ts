// Intelligence through the API: recording graded intelligence with its entities and links, networks,
// commonalities, hotspots, disruption and the panel pack. Handling: a C item is seen only by police intelligence,
// the recording agency and those its conditions release it to: never by a hub member (not through the item, the
// list, the network, the commonalities, hotspots or the panel pack) and nothing at all by a practitioner.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let girls: string[];
const fields = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);
const count = async (table: 'intel_item' | 'intel_link' | 'intel_entity' | 'disruption_activity') =>
  Number(
    (
      await w.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// The example: a silver Vauxhall seen twice outside the takeaway on Station Road collecting two girls.
const takeaway = (overrides: Record<string, unknown> = {}) => ({
  summary: 'Fictional: silver Vauxhall seen twice outside the takeaway on Station Road collecting two girls.',
  category: 'cse',
  occurredOn: '2026-01-10',
  grading: '2BP',
  sourceRecord: 'TEST-INT-0001',
  entities: [
    { ref: 'car', kind: 'vehicle', registration: 'ZX19 ZQA', make: 'Vauxhall', colour: 'Silver' },
    { ref: 'shop', kind: 'location', label: 'Fictional Fried Chicken, Station Road', locationType: 'takeaway', ward: 'Castlegate', x: 40, y: 55 },
    { ref: 'g1', personId: girls[0] },
    { ref: 'g2', personId: girls[1] },
  ],
  links: [
    { from: 'car', to: 'shop', type: 'seen_at' },
    { from: 'g1', to: 'car', type: 'seen_with', fromRole: 'victim' },
    { from: 'g2', to: 'car', type: 'seen_with', fromRole: 'victim' },
    { from: 'g1', to: 'shop', type: 'seen_at', fromRole: 'victim', since: '2025-12-01', until: '2026-01-10' },
  ],
  ...overrides,
});

// A police-only (C) item: an adult of concern drives the car and is linked to the third girl and to a hotel.
const hidden = () => ({
  summary: 'Fictional: covert source reports the driver is Adult Zed, who also books rooms at the Fictional Lodge.',
  category: 'cse',
  occurredOn: '2026-01-12',
  grading: '1AC',
  handlingConditions: 'Police intelligence only: do not disclose to the hub without the intelligence manager.',
  entities: [
    { ref: 'zed', kind: 'person', label: 'Adult Zed (fictional)' },
    { ref: 'car', kind: 'vehicle', registration: 'ZX19ZQA' },
    { ref: 'hotel', kind: 'location', label: 'Fictional Lodge', locationType: 'hotel', ward: 'Dunmere' },
    { ref: 'g3', personId: girls[2] },
    { ref: 'g2', personId: girls[1] },
  ],
  links: [
    { from: 'zed', to: 'car', type: 'drives', fromRole: 'person_of_concern' },
    { from: 'zed', to: 'hotel', type: 'frequents', fromRole: 'person_of_concern' },
    { from: 'g3', to: 'hotel', type: 'seen_at', fromRole: 'victim' },
    { from: 'g2', to: 'hotel', type: 'seen_at', fromRole: 'victim' },
  ],
});

let openId: string;
let hiddenId: string;
before(async () => {
  w = await world();
  girls = [];
  for (const [i, name] of ['Ava', 'Bea', 'Cara'].entries()) {
    girls.push(
      (
        await api(
          w,
          'hub_coordinator',
          'POST',
          '/api/v1/referrals',
          referralBody({ subject: { givenName: `${name}test`, familyName: 'Fictional', dateOfBirth: `201${i}-03-0${i + 1}`, sex: 'female' } }),
        )
      ).json().personId,
    );
  }
  const a = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', takeaway());
  assert.equal(a.statusCode, 201, a.body);
  openId = a.json().id;
  const b = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', hidden());
  assert.equal(b.statusCode, 201, b.body);
  hiddenId = b.json().id;
});
after(() => w?.close());

describe('recording', () => {
  test('the report comes back with its grading, links and entities; the same plate is the same vehicle', async () => {
    const item = (await api(w, 'police_intelligence', 'GET', `/api/v1/intelligence/${openId}`)).json();
    assert.equal(item.grading, '2BP');
    assert.equal(item.links.length, 4);
    const car = item.links.find((l: { fromEntity: { kind: string } }) => l.fromEntity.kind === 'vehicle').fromEntity;
    assert.equal(car.registration, 'ZX19ZQA');
    const h = (await api(w, 'police_intelligence', 'GET', `/api/v1/intelligence/${hiddenId}`)).json();
    assert.equal(h.grading, '1AC');
    assert.ok(
      h.links.some((l: { to: string }) => l.to === car.id),
      'the C item links the same vehicle entity',
    );
  });

  test('bad input is refused with clear errors and nothing is saved', async () => {
    const before = await Promise.all([count('intel_item'), count('intel_link'), count('intel_entity')]);
    const cases: [Record<string, unknown>, string][] = [
      [{ grading: '4BZ' }, 'grading'],
      [{ grading: '2BC' }, 'handlingConditions'],
      [{ links: [{ from: 'car', to: 'car', type: 'seen_at' }] }, 'links[0].to'],
      [{ links: [{ from: 'g1', to: 'shop', type: 'seen_at', since: '2026-02-01', until: '2026-01-01' }] }, 'links[0].until'],
      [
        {
          entities: [
            { ref: 'car', kind: 'vehicle', registration: 'NOT A PLATE 99' },
            { ref: 'g1', personId: girls[0] },
          ],
          links: [{ from: 'g1', to: 'car', type: 'seen_with' }],
        },
        'entities[0].registration',
      ],
      [
        {
          entities: [
            { ref: 'a', personId: girls[0] },
            { ref: 'b', personId: girls[0] },
          ],
          links: [{ from: 'a', to: 'b', type: 'associate_of' }],
        },
        'links[0].to',
      ],
      [{ occurredOn: '2999-01-01' }, 'occurredOn'],
    ];
    for (const [overrides, field] of cases) {
      const res = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', takeaway(overrides));
      assert.equal(res.statusCode, 422, `${JSON.stringify(overrides)}: ${res.body}`);
      assert.ok(fields(res).includes(field), `${field} in ${JSON.stringify(res.json().errors)}`);
    }
    assert.deepEqual(await Promise.all([count('intel_item'), count('intel_link'), count('intel_entity')]), before);
  });

  test('an implausible registration is kept when the officer confirms it as seen', async () => {
    const res = await api(
      w,
      'police_intelligence',
      'POST',
      '/api/v1/intelligence',
      takeaway({
        entities: [
          { ref: 'car', kind: 'vehicle', registration: 'ZZ-TRADE-1', registrationConfirmed: true },
          { ref: 'g1', personId: girls[0] },
        ],
        links: [{ from: 'g1', to: 'car', type: 'seen_with' }],
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
  });

  test('a practitioner may not record or read intelligence at all', async () => {
    assert.equal((await api(w, 'practitioner', 'POST', '/api/v1/intelligence', takeaway())).statusCode, 403);
    for (const url of [
      '/api/v1/intelligence',
      `/api/v1/intelligence/${openId}`,
      `/api/v1/persons/${girls[0]}/network?depth=2`,
      `/api/v1/commonalities?personIds=${girls.join(',')}`,
      '/api/v1/hotspots?from=2026-01-01&to=2026-01-31',
      '/api/v1/reports/panel?from=2026-01-01&to=2026-01-31',
      '/api/v1/entities?q=Lodge',
    ]) {
      assert.equal((await api(w, 'practitioner', 'GET', url)).statusCode, 403, url);
    }
  });
});

describe('handling code C', () => {
  test('a hub member sees the P report, and the C report is "not found" and absent from the list', async () => {
    assert.equal((await api(w, 'hub_member', 'GET', `/api/v1/intelligence/${openId}`)).statusCode, 200);
    assert.equal((await api(w, 'hub_member', 'GET', `/api/v1/intelligence/${hiddenId}`)).statusCode, 404);
    const list = (await api(w, 'hub_member', 'GET', '/api/v1/intelligence')).json().items.map((i: { id: string }) => i.id);
    assert.ok(list.includes(openId));
    assert.ok(!list.includes(hiddenId));
    const police = (await api(w, 'police_intelligence', 'GET', '/api/v1/intelligence')).json().items.map((i: { id: string }) => i.id);
    assert.ok(police.includes(hiddenId));
  });

  test('the network: police see Adult Zed and the hotel two steps out; a hub member sees neither, nor the link that leads there', async () => {
    const police = (await api(w, 'police_intelligence', 'GET', `/api/v1/persons/${girls[0]}/network?depth=2`)).json();
    const labels = police.nodes.map((n: { label: string }) => n.label);
    assert.ok(labels.includes('Adult Zed (fictional)'), labels.join());
    assert.ok(police.links.every((l: { grading: string }) => /^[1-3][A-E][PC]$/.test(l.grading)));
    const hub = await api(w, 'hub_member', 'GET', `/api/v1/persons/${girls[0]}/network?depth=2`);
    assert.equal(hub.statusCode, 200);
    const body = hub.body;
    assert.ok(!body.includes('Zed') && !body.includes('Fictional Lodge'), 'no hidden node');
    assert.ok(
      hub.json().links.every((l: { grading: string }) => l.grading.endsWith('P')),
      'no C link',
    );
    // Girl 2 is linked to the hotel only through the C item: the hub member cannot get there through her either.
    const g2 = (await api(w, 'hub_member', 'GET', `/api/v1/persons/${girls[1]}/network?depth=2`)).body;
    assert.ok(!g2.includes('Fictional Lodge'));
    // Girl 3's only links are C: to a hub member her network is just her.
    const g3 = (await api(w, 'hub_member', 'GET', `/api/v1/persons/${girls[2]}/network?depth=2`)).json();
    assert.equal(g3.nodes.length, 1);
    assert.equal(g3.links.length, 0);
  });

  test('commonalities: police learn girls 2 and 3 share the hotel; a hub member sees only the shared car of girls 1 and 2', async () => {
    const police = (await api(w, 'police_intelligence', 'GET', `/api/v1/commonalities?personIds=${girls.join(',')}`)).json();
    const labels = police.common.map((c: { entity: { label: string } }) => c.entity.label);
    assert.ok(labels.includes('Fictional Lodge'), labels.join());
    const hub = await api(w, 'hub_member', 'GET', `/api/v1/commonalities?personIds=${girls.join(',')}`);
    assert.equal(hub.statusCode, 200);
    assert.ok(!hub.body.includes('Fictional Lodge') && !hub.body.includes('Zed'));
    const car = hub.json().common.find((c: { entity: { kind: string } }) => c.entity.kind === 'vehicle');
    assert.deepEqual(car.linkedTo, [girls[0], girls[1]]);
  });

  test('hotspots, entity search and the panel pack count only what the viewer may see', async () => {
    const q = 'from=2026-01-01&to=2026-01-31';
    const police = (await api(w, 'police_intelligence', 'GET', `/api/v1/hotspots?${q}`)).json();
    const hub = (await api(w, 'hub_member', 'GET', `/api/v1/hotspots?${q}`)).json();
    const dunmere = (h: { wards: { ward: string; concerns: number }[] }) => h.wards.find((x) => x.ward === 'Dunmere')!.concerns;
    assert.equal(dunmere(police), 1);
    assert.equal(dunmere(hub), 0);
    assert.ok(!JSON.stringify(hub).includes('Fictional Lodge'));
    assert.ok(!(await api(w, 'hub_member', 'GET', '/api/v1/entities?q=Lodge')).body.includes('Fictional Lodge'));
    assert.ok((await api(w, 'police_intelligence', 'GET', '/api/v1/entities?q=Lodge')).body.includes('Fictional Lodge'));
    const packHub = (await api(w, 'hub_member', 'GET', `/api/v1/reports/panel?${q}`)).json();
    const packPolice = (await api(w, 'police_intelligence', 'GET', `/api/v1/reports/panel?${q}`)).json();
    const hotel = (p: { locations: { rows: { label: string; n: number | string }[] } }) => p.locations.rows.find((r) => r.label === 'Hotel')!.n;
    assert.equal(hotel(packHub), 0);
    assert.equal(hotel(packPolice), 'c');
    assert.equal(packPolice.offenders, 'c');
    assert.equal(packHub.offenders, 0);
  });

  test('a C item released to hub members by its conditions is visible to them', async () => {
    const res = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
      ...hidden(),
      summary: 'Fictional: released to the hub for the panel.',
      releaseRoles: ['hub_member'],
      entities: [
        { ref: 'park', kind: 'location', label: 'Fictional Rec Ground', locationType: 'park', ward: 'Abbeyfield' },
        { ref: 'g3', personId: girls[2] },
      ],
      links: [{ from: 'g3', to: 'park', type: 'frequents', fromRole: 'victim' }],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await api(w, 'hub_member', 'GET', `/api/v1/intelligence/${res.json().id}`)).statusCode, 200);
    const g3 = (await api(w, 'hub_member', 'GET', `/api/v1/persons/${girls[2]}/network?depth=1`)).json();
    assert.deepEqual(g3.nodes.map((n: { label: string }) => n.label).sort(), ['Cara' + 'test Fictional', 'Fictional Rec Ground'].sort());
  });

  test('a C item released to an agency is visible to that agency’s readers only; an unknown agency is refused', async () => {
    const body = (agencies: string[]) => ({
      ...hidden(),
      summary: 'Fictional: released to the hub agency only.',
      releaseAgencyIds: agencies,
      entities: [
        { ref: 'shop', kind: 'location', label: 'Fictional Corner Shop', locationType: 'other', ward: 'Fernhill' },
        { ref: 'g3', personId: girls[2] },
      ],
      links: [{ from: 'g3', to: 'shop', type: 'frequents', fromRole: 'victim' }],
    });
    const released = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', body([w.agencies.hub]));
    assert.equal(released.statusCode, 201, released.body);
    assert.equal((await api(w, 'hub_member', 'GET', `/api/v1/intelligence/${released.json().id}`)).statusCode, 200, 'the hub agency’s member sees it');
    const elsewhere = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', body([w.agencies.health]));
    assert.equal((await api(w, 'hub_member', 'GET', `/api/v1/intelligence/${elsewhere.json().id}`)).statusCode, 404, 'released to another agency: hidden');
    const unknown = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', body(['6f1c1d7e-0000-4000-8000-000000000000']));
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].field, 'releaseAgencyIds');
  });

  test('every network and commonality read is audited with the person', async () => {
    const n = await w.database.db
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('action', 'in', ['intelligence_network.viewed', 'intelligence_commonalities.viewed'])
      .execute();
    assert.ok(n.some((e) => e.action === 'intelligence_network.viewed' && e.person_id === girls[0]));
    assert.ok(n.filter((e) => e.action === 'intelligence_commonalities.viewed').length >= 3);
  });

  test('an entity named only in C intelligence is not there, by id, for those who may not see C', async () => {
    const police = (q: string) => api(w, 'police_intelligence', 'GET', `/api/v1/entities?q=${q}`).then((r) => r.json().entities[0].id as string);
    const [zed, lodge] = [await police('Zed'), await police('Lodge')];
    for (const role of ['hub_member', 'hub_coordinator'] as const) {
      for (const url of [`/api/v1/entities/${zed}/network?depth=2`, `/api/v1/entities/${lodge}/network?depth=1`, `/api/v1/entities/${lodge}`]) {
        const res = await api(w, role, 'GET', url);
        assert.equal(res.statusCode, 404, `${role} ${url}: ${res.body}`);
        assert.ok(!/Zed|Lodge|Dunmere/.test(res.body), res.body);
      }
      const common = await api(w, role, 'GET', `/api/v1/commonalities?personIds=${girls[0]},${lodge}`);
      assert.equal(common.statusCode, 422, common.body);
      assert.ok(!/Zed|Lodge|Dunmere/.test(common.body), common.body);
    }
    assert.equal((await api(w, 'police_intelligence', 'GET', `/api/v1/entities/${lodge}/network?depth=1`)).json().centre.ward, 'Dunmere');
    // Nor can it be named in a new report by its id (which would then show it back).
    const res = await api(
      w,
      'hub_coordinator',
      'POST',
      '/api/v1/intelligence',
      takeaway({
        entities: [
          { ref: 'h', id: lodge },
          { ref: 'g1', personId: girls[0] },
        ],
        links: [{ from: 'g1', to: 'h', type: 'seen_at' }],
      }),
    );
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(fields(res), ['entities[0].id']);
  });

  test('the panel pack: exact counts for those who may see them, published figures for the rest', async () => {
    const q = 'from=2026-01-01&to=2026-01-31';
    const castlegate = (p: { hotspots: { rows: { ward: string; total: number | string }[] } }) => p.hotspots.rows.find((r) => r.ward === 'Castlegate')!.total;
    const coordinator = (await api(w, 'hub_coordinator', 'GET', `/api/v1/reports/panel?${q}`)).json();
    const police = (await api(w, 'police_intelligence', 'GET', `/api/v1/reports/panel?${q}`)).json();
    assert.equal(castlegate(coordinator), 1);
    assert.equal(coordinator.published, false);
    assert.equal(castlegate(police), 'c');
    assert.equal(police.published, true);
    // Published figures are for whole months: a pack one day longer (which would difference a c) is refused.
    const shifted = await api(w, 'police_intelligence', 'GET', '/api/v1/reports/panel?from=2026-01-01&to=2026-02-01');
    assert.equal(shifted.statusCode, 422, shifted.body);
    assert.deepEqual(
      shifted.json().errors.map((e: { field: string }) => e.field),
      ['to'],
    );
    assert.equal((await api(w, 'hub_coordinator', 'GET', '/api/v1/reports/panel?from=2026-01-01&to=2026-02-01')).statusCode, 200, 'exact counts: any period');
  });

  test('recent intelligence and entity searches are audited', async () => {
    await api(w, 'hub_member', 'GET', '/api/v1/intelligence');
    await api(w, 'hub_member', 'GET', '/api/v1/entities?q=Fictional');
    const actions = (await w.database.db.selectFrom('audit_event').select('action').execute()).map((e) => e.action);
    for (const a of ['intelligence_item.listed', 'intelligence_entity.searched', 'intelligence_item.viewed', 'intelligence_item.recorded'])
      assert.ok(actions.includes(a), a);
  });
});

describe('disruption', () => {
  test('record a child abduction warning notice against the adult, update its outcome, and count it by tactic and outcome', async () => {
    const zed = (await api(w, 'police_intelligence', 'GET', '/api/v1/entities?q=Zed')).json().entities[0];
    const body = {
      tactic: 'cawn',
      targetEntityId: zed.id,
      ownerAgencyId: w.agencies.police,
      ownerName: 'DC Test (fictional)',
      startedOn: '2026-01-15',
      status: 'in_progress',
    };
    const res = await api(w, 'police_intelligence', 'POST', '/api/v1/disruptions', body);
    assert.equal(res.statusCode, 201, res.body);
    const patched = await api(w, 'police_intelligence', 'PATCH', `/api/v1/disruptions/${res.json().id}`, {
      status: 'completed',
      outcome: 'successful',
      endedOn: '2026-01-20',
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().outcomeLabel, 'Successful');
    const report = (await api(w, 'police_intelligence', 'GET', '/api/v1/reports/disruption?from=2026-01-01&to=2026-01-31')).json();
    assert.equal(report.byTactic[0].tactic, 'cawn');
    assert.equal(report.byTactic[0].byOutcome.successful, 1);
    // Adult Zed is named only in C intelligence: to a manager the notice against him is not there, not even as a count.
    const manager = (await api(w, 'manager', 'GET', '/api/v1/reports/disruption?from=2026-01-01&to=2026-01-31')).json();
    assert.ok(!manager.byTactic.some((t: { tactic: string }) => t.tactic === 'cawn'), JSON.stringify(manager));
    // Bad input: end before start, a tactic that cannot target a vehicle, completed without an outcome.
    const before = await count('disruption_activity');
    const car = (await api(w, 'police_intelligence', 'GET', '/api/v1/entities?kind=vehicle')).json().entities[0];
    for (const [over, field] of [
      [{ endedOn: '2026-01-01' }, 'endedOn'],
      [{ targetEntityId: car.id }, 'targetEntityId'],
      [{ status: 'completed' }, 'outcome'],
    ] as const) {
      const bad = await api(w, 'police_intelligence', 'POST', '/api/v1/disruptions', { ...body, ...over });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.ok(fields(bad).includes(field), bad.body);
    }
    assert.equal(await count('disruption_activity'), before);
    assert.equal((await api(w, 'hub_member', 'POST', '/api/v1/disruptions', body)).statusCode, 403);
  });

  test('a target named only in C intelligence is not listed to those who may not see C, nor taken as their target', async () => {
    const zed = (await api(w, 'police_intelligence', 'GET', '/api/v1/entities?q=Zed')).json().entities[0].id;
    const police = (await api(w, 'police_intelligence', 'GET', '/api/v1/disruptions')).json().disruptions;
    assert.ok(police.some((d: { targetEntityId: string }) => d.targetEntityId === zed));
    for (const role of ['hub_coordinator', 'hub_member', 'manager'] as const) {
      const res = await api(w, role, 'GET', '/api/v1/disruptions');
      assert.equal(res.statusCode, 200);
      assert.ok(!res.body.includes('Zed') && !res.body.includes(zed), `${role}: ${res.body}`);
      assert.deepEqual((await api(w, role, 'GET', `/api/v1/disruptions?targetEntityId=${zed}`)).json().disruptions, []);
      const page = await (await signedIn(w, role)).get('/disruption');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Zed/, role);
    }
    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/disruptions', {
      tactic: 'cawn',
      targetEntityId: zed,
      ownerAgencyId: w.agencies.hub,
      startedOn: '2026-01-16',
      status: 'planned',
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(fields(res), ['targetEntityId']);
    assert.ok(!res.body.includes('Zed'));
    const audited = await w.database.db.selectFrom('audit_event').select('action').where('action', '=', 'disruption_activity.listed').execute();
    assert.ok(audited.length >= 4, 'the disruption list is audited');
  });

  test('a limit that is not a number is a 400 naming limit', async () => {
    const res = await api(w, 'manager', 'GET', '/api/v1/disruptions?limit=abc');
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(fields(res), ['limit']);
    assert.equal((await api(w, 'police_intelligence', 'GET', '/api/v1/disruptions?limit=1')).json().disruptions.length, 1);
  });

  test('a hub coordinator adds a tactic; the reference list shows it', async () => {
    const res = await api(w, 'hub_coordinator', 'PUT', '/api/v1/disruption-tactics/taxi_marshals', {
      label: 'Taxi rank marshals (local)',
      targetKinds: ['location'],
    });
    assert.equal(res.statusCode, 200, res.body);
    const list = (await api(w, 'manager', 'GET', '/api/v1/disruption-tactics')).json().tactics;
    assert.ok(list.some((t: { code: string }) => t.code === 'taxi_marshals'));
    assert.ok(list.some((t: { code: string }) => t.code === 'hotel_notice'));
    assert.equal((await api(w, 'police_intelligence', 'PUT', '/api/v1/disruption-tactics/x1', { label: 'x', targetKinds: ['location'] })).statusCode, 403);
  });
});

test('an Idempotency-Key gives one report on retry, and is refused for a different report', async () => {
  const headers = { 'idempotency-key': 'intel-retry-1' };
  const first = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', takeaway({ sourceRecord: 'TEST-INT-RETRY' }), headers);
  assert.equal(first.statusCode, 201, first.body);
  const again = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', takeaway({ sourceRecord: 'TEST-INT-RETRY' }), headers);
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().id, first.json().id);
  const other = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', takeaway({ sourceRecord: 'TEST-INT-OTHER' }), headers);
  assert.equal(other.statusCode, 422, other.body);
  assert.equal(other.json().type, '/problems/idempotency-key-reused');
});

// Issue "Trust", point 7: the same plate recorded in a P report by someone who may not see the C report that first
// described it links the same vehicle, but shows them only the plate: the make, colour and the C report's places
// stay with those who may see C. Counts by tactic count only activities whose target the viewer may know of.
describe('a plate first described in C intelligence, recorded again in P', () => {
  let v: World;
  let kids: string[];
  let pItem: string;
  let car: string;
  let lodge: string;
  const leaks = /Vauxhall|Silver|Quayside|Zedd|"x":71/;
  const q = 'from=2026-01-01&to=2026-01-31';
  before(async () => {
    v = await world();
    kids = [];
    for (const name of ['Dee', 'Eve']) {
      const r = await api(
        v,
        'hub_coordinator',
        'POST',
        '/api/v1/referrals',
        referralBody({ subject: { givenName: `${name}test`, familyName: 'Fictional', dateOfBirth: '2011-04-04', sex: 'female' } }),
      );
      kids.push(r.json().personId);
    }
    const c = await api(v, 'police_intelligence', 'POST', '/api/v1/intelligence', {
      summary: 'Fictional: covert source, the car takes a girl to the Quayside Lodge.',
      category: 'cse',
      occurredOn: '2026-01-12',
      grading: '1AC',
      handlingConditions: 'Police intelligence only (fictional).',
      entities: [
        { ref: 'car', kind: 'vehicle', registration: 'ZX19ZQA', make: 'Vauxhall', colour: 'Silver' },
        { ref: 'lodge', kind: 'location', label: 'Quayside Lodge (fictional)', locationType: 'hotel', ward: 'Dunmere', x: 71, y: 12 },
        { ref: 'zedd', kind: 'person', label: 'Adult Zedd (fictional)' },
        { ref: 'k0', personId: kids[0] },
      ],
      links: [
        { from: 'k0', to: 'car', type: 'seen_with', fromRole: 'victim' },
        { from: 'car', to: 'lodge', type: 'seen_at' },
        { from: 'zedd', to: 'car', type: 'drives', fromRole: 'person_of_concern' },
      ],
    });
    assert.equal(c.statusCode, 201, c.body);
    const p = await api(v, 'hub_coordinator', 'POST', '/api/v1/intelligence', {
      summary: 'Fictional: a car seen collecting a girl from school.',
      category: 'cse',
      occurredOn: '2026-01-14',
      grading: '3CP',
      entities: [
        { ref: 'car', kind: 'vehicle', registration: 'zx19 zqa' },
        { ref: 'k1', personId: kids[1] },
      ],
      links: [{ from: 'k1', to: 'car', type: 'seen_with', fromRole: 'victim' }],
    });
    assert.equal(p.statusCode, 201, p.body);
    pItem = p.json().id;
    const police = (await api(v, 'police_intelligence', 'GET', `/api/v1/intelligence/${pItem}`)).json();
    car = police.links[0].toEntity.id;
    lodge = (await api(v, 'police_intelligence', 'GET', '/api/v1/entities?q=Quayside')).json().entities[0].id;
    const zedd = (await api(v, 'police_intelligence', 'GET', '/api/v1/entities?q=Zedd')).json().entities[0].id;
    for (const d of [
      { tactic: 'engagement', targetEntityId: car, startedOn: '2026-01-15' },
      { tactic: 'closure', targetEntityId: lodge, startedOn: '2026-01-16' },
      { tactic: 'cawn', targetEntityId: zedd, startedOn: '2026-01-17' },
    ]) {
      const res = await api(v, 'police_intelligence', 'POST', '/api/v1/disruptions', { ...d, ownerAgencyId: v.agencies.police, status: 'planned' });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(() => v?.close());

  test('police see one vehicle with its make and colour, both reports, and the Lodge', async () => {
    const entity = (await api(v, 'police_intelligence', 'GET', `/api/v1/entities/${car}`)).json();
    assert.equal(entity.make, 'Vauxhall');
    assert.equal(entity.colour, 'Silver');
    assert.equal(entity.label, 'Silver Vauxhall ZX19ZQA');
    const item = (await api(v, 'police_intelligence', 'GET', `/api/v1/intelligence/${pItem}`)).json();
    assert.equal(item.links[0].toEntity.make, 'Vauxhall');
    const net = (await api(v, 'police_intelligence', 'GET', `/api/v1/persons/${kids[1]}/network?depth=2`)).body;
    assert.match(net, /Quayside Lodge/);
    assert.match(net, /Adult Zedd/);
    const lodgeNet = (await api(v, 'police_intelligence', 'GET', `/api/v1/entities/${lodge}/network?depth=1`)).json();
    assert.equal(lodgeNet.centre.ward, 'Dunmere');
    const hot = (await api(v, 'police_intelligence', 'GET', `/api/v1/hotspots?${q}`)).json();
    assert.ok(hot.locations.some((l: { label: string; ward: string }) => l.label === 'Quayside Lodge (fictional)' && l.ward === 'Dunmere'));
    const report = (await api(v, 'police_intelligence', 'GET', `/api/v1/reports/disruption?${q}`)).json();
    assert.equal(report.total, 3);
  });

  test('the hub never sees the make, colour or the C report’s places: not on the report, entity, search, network or commonalities', async () => {
    for (const role of ['hub_coordinator', 'hub_member'] as const) {
      const item = await api(v, role, 'GET', `/api/v1/intelligence/${pItem}`);
      assert.equal(item.statusCode, 200, item.body);
      assert.doesNotMatch(item.body, leaks, `${role} report`);
      const shown = item.json().links[0].toEntity;
      assert.equal(shown.id, car, 'the same vehicle: same plate, same record');
      assert.deepEqual([shown.label, shown.registration, shown.make, shown.colour], ['ZX19ZQA', 'ZX19ZQA', null, null]);
      for (const url of [
        `/api/v1/entities/${car}`,
        '/api/v1/entities?q=ZX19',
        '/api/v1/entities?kind=vehicle',
        `/api/v1/persons/${kids[1]}/network?depth=2`,
        `/api/v1/entities/${car}/network?depth=2`,
        `/api/v1/commonalities?personIds=${kids[1]},${car}`,
        `/api/v1/commonalities?personIds=${kids[0]},${kids[1]}`,
        `/api/v1/hotspots?${q}`,
        `/api/v1/reports/panel?${q}`,
        '/api/v1/intelligence',
      ]) {
        const res = await api(v, role, 'GET', url);
        assert.equal(res.statusCode, 200, `${role} ${url}: ${res.body}`);
        assert.doesNotMatch(res.body, leaks, `${role} ${url}`);
      }
      // Searching for what only the C report says finds nothing, even though the vehicle is known to them.
      for (const word of ['Vauxhall', 'Silver']) assert.deepEqual((await api(v, role, 'GET', `/api/v1/entities?q=${word}`)).json().entities, [], word);
      assert.equal((await api(v, role, 'GET', `/api/v1/entities/${lodge}`)).statusCode, 404);
      const net = (await api(v, role, 'GET', `/api/v1/entities/${car}/network?depth=2`)).json();
      assert.deepEqual(net.nodes.map((n: { label: string }) => n.label).sort(), ['Eve' + 'test Fictional', 'ZX19ZQA']);
      const hot = (await api(v, role, 'GET', `/api/v1/hotspots?${q}`)).json();
      assert.equal(hot.wards.find((x: { ward: string }) => x.ward === 'Dunmere').concerns, 0);
      const pack = (await api(v, role, 'GET', `/api/v1/reports/panel?${q}`)).json();
      assert.equal(pack.locations.rows.find((r: { label: string }) => r.label === 'Hotel').n, 0);
    }
  });

  test('pages: the report, the network and the disruption list show the hub only the plate', async () => {
    for (const role of ['hub_coordinator', 'hub_member'] as const) {
      const b = await signedIn(v, role);
      for (const url of [
        `/intelligence/${pItem}`,
        `/people/${kids[1]}/network`,
        '/intelligence/hotspots?from=2026-01-01&to=2026-01-31',
        '/intelligence/panel?from=2026-01-01&to=2026-01-31',
        '/disruption',
        '/intelligence',
      ]) {
        const page = await b.get(url);
        assert.equal(page.statusCode, 200, `${role} ${url}`);
        assert.doesNotMatch(page.body, /Vauxhall|Silver|Quayside|Zedd/, `${role} ${url}`);
      }
      assert.match((await b.get(`/intelligence/${pItem}`)).body, /ZX19ZQA/);
    }
    assert.match((await (await signedIn(v, 'police_intelligence')).get(`/intelligence/${pItem}`)).body, /Silver Vauxhall ZX19ZQA/);
  });

  test('disruption: the hub and a manager see the activity against the plate as the plate, and count only what they may know of', async () => {
    for (const role of ['hub_coordinator', 'hub_member', 'manager'] as const) {
      const list = await api(v, role, 'GET', '/api/v1/disruptions');
      assert.doesNotMatch(list.body, leaks, role);
      assert.deepEqual(
        list.json().disruptions.map((d: { tactic: string; targetLabel: string }) => [d.tactic, d.targetLabel]),
        [['engagement', 'ZX19ZQA']],
        role,
      );
      // "1 closure order" would tell them of a closed premises they may not know of.
      const report = (await api(v, role, 'GET', `/api/v1/reports/disruption?${q}`)).json();
      assert.deepEqual(
        report.byTactic.map((t: { tactic: string; total: number }) => [t.tactic, t.total]),
        [['engagement', 1]],
        role,
      );
      assert.equal(report.total, 1);
      const page = await (await signedIn(v, role)).get('/disruption');
      assert.doesNotMatch(page.body, /Closure|abduction/i, role);
    }
    const pack = (await api(v, 'hub_coordinator', 'GET', `/api/v1/reports/panel?${q}`)).json();
    assert.deepEqual(
      pack.disruption.rows.map((r: { label: string; total: number }) => [r.label, r.total]),
      [['Hotel and taxi engagement', 1]],
    );
    const police = (await api(v, 'police_intelligence', 'GET', `/api/v1/reports/panel?${q}`)).json();
    assert.equal(police.disruption.rows.length, 3);
  });

  test('a report must link every entity it names (an unlinked one would be known to no one by its handling)', async () => {
    const res = await api(v, 'police_intelligence', 'POST', '/api/v1/intelligence', {
      summary: 'Fictional: a lone place.',
      category: 'cse',
      occurredOn: '2026-01-12',
      grading: '1AC',
      handlingConditions: 'Police only.',
      entities: [
        { ref: 'k0', personId: kids[0] },
        { ref: 'car', kind: 'vehicle', registration: 'ZY51ZQB' },
        { ref: 'lone', kind: 'location', label: 'Lone place', locationType: 'other' },
      ],
      links: [{ from: 'k0', to: 'car', type: 'seen_with' }],
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(fields(res), ['entities[2].ref']);
  });
});
