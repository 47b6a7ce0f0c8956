// Intelligence pages: recording from the form (bad grading and a bad plate re-shown with the GOV.UK error summary,
// nothing saved), the report, the network table (the no-JavaScript view), hotspots, commonalities, disruption and the
// panel pack; a hub member never sees a C item on any page; a practitioner is refused them all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { monthStart } from '../src/modules/reports/domain.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let child: string;
let other: string;
before(async () => {
  w = await world();
  child = (
    await api(
      w,
      'hub_coordinator',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Pagechild', familyName: 'Fictional', dateOfBirth: '2011-02-02', sex: 'female' } }),
    )
  ).json().personId;
  other = (
    await api(
      w,
      'hub_coordinator',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Otherchild', familyName: 'Fictional', dateOfBirth: '2012-02-02', sex: 'female' } }),
    )
  ).json().personId;
});
after(() => w?.close());

const count = async () =>
  Number(
    (
      await w.database.db
        .selectFrom('intel_item')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
// Last month's last day: published figures (the panel pack for police intelligence) are for months that have ended.
const day = addDays(monthStart(ukDate(new Date())), -1);
const lastMonth = { from: monthStart(day), to: day };
const fields = (over: Record<string, string | string[]> = {}) => ({
  personId: [child, other],
  peopleRole: 'victim',
  summary: 'Fictional: silver car collecting two girls outside the takeaway.',
  category: 'cse',
  'occurredOn-day': String(Number(day.slice(8, 10))),
  'occurredOn-month': String(Number(day.slice(5, 7))),
  'occurredOn-year': day.slice(0, 4),
  grading: '2BP',
  'vehicle.registration': 'ZX19 ZQA',
  'vehicle.make': 'Vauxhall',
  'vehicle.colour': 'Silver',
  'location.label': 'Fictional Kebab House, Station Road',
  'location.type': 'takeaway',
  'location.ward': 'Castlegate',
  ...over,
});

test('police intelligence records from the form; errors are shown and nothing is saved; the network table and hotspots show it', async () => {
  const b = await signedIn(w, 'police_intelligence');
  const form = `/intelligence/new?personId=${child}&personId=${other}`;
  assert.equal((await b.get(form)).statusCode, 200);
  const bad = await b.submit(form, '/intelligence', fields({ grading: '2BZ', 'vehicle.registration': 'NOT A PLATE 99' }));
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /not a 3x5x2 grading/);
  assert.match(bad.body, /not a UK registration format/);
  assert.equal(await count(), 0);
  const ok = await b.submit(form, '/intelligence', fields());
  assert.equal(ok.statusCode, 303, ok.body);
  const item = await b.get(ok.headers.location as string);
  assert.match(item.body, /data-qa="grading">2BP/);
  const c = await b.submit(
    form,
    '/intelligence',
    fields({
      grading: '1AC',
      handlingConditions: 'Police only (fictional).',
      'adult.label': 'Adult Hiddenname (fictional)',
      'vehicle.registration': '',
      'location.label': '',
    }),
  );
  assert.equal(c.statusCode, 303, c.body);

  const net = await b.get(`/people/${child}/network`);
  assert.equal(net.statusCode, 200);
  assert.match(net.body, /data-qa="network-nodes"/);
  assert.match(net.body, /ZX19ZQA/);
  assert.match(net.body, /Adult Hiddenname/);
  assert.match(net.body, /id="network-data" nonce=/);

  const hub = await signedIn(w, 'hub_member');
  const hubNet = await hub.get(`/people/${child}/network`);
  assert.equal(hubNet.statusCode, 200);
  assert.match(hubNet.body, /ZX19ZQA/);
  assert.doesNotMatch(hubNet.body, /Hiddenname/);
  assert.doesNotMatch((await hub.get('/intelligence')).body, /Hiddenname|Police only/);
  assert.doesNotMatch((await hub.get(`/intelligence/commonalities?personIds=${child}&personIds=${other}`)).body, /Hiddenname/);
  assert.match((await hub.get(`/intelligence/commonalities?personIds=${child}&personIds=${other}`)).body, /ZX19ZQA/);
  const hot = await hub.get('/intelligence/hotspots');
  assert.equal(hot.statusCode, 200);
  assert.match(hot.body, /data-qa="ward-Castlegate">1</);
  const pack = await hub.get('/intelligence/panel');
  assert.equal(pack.statusCode, 200);
  assert.match(pack.body, /Persons of concern: <strong>0</);
  assert.match((await b.get(`/intelligence/panel?from=${lastMonth.from}&to=${lastMonth.to}`)).body, /Persons of concern: <strong>c</);
  const shifted = await b.get(`/intelligence/panel?from=${lastMonth.from}&to=${addDays(lastMonth.to, 1)}`);
  assert.equal(shifted.statusCode, 422, 'published figures: whole months only');
  assert.match(shifted.body, /href="#to">The end of the period must be the last day of a month/);
  assert.equal((await b.get('/intelligence/panel')).statusCode, 200, 'by default the last whole quarter');

  const prac = await signedIn(w, 'practitioner');
  for (const url of [
    '/intelligence',
    `/people/${child}/network`,
    '/intelligence/hotspots',
    '/intelligence/panel',
    `/intelligence/commonalities?personIds=${child}&personIds=${other}`,
    ok.headers.location as string,
  ]) {
    assert.equal((await prac.get(url)).statusCode, 403, url);
  }
});

test('disruption: record a hotel guest information notice against a place from the form', async () => {
  const b = await signedIn(w, 'police_intelligence');
  const found = await b.get('/disruption/new?q=Kebab');
  const target = /href="\/disruption\/new\?targetEntityId=([0-9a-f-]+)"/.exec(found.body)?.[1];
  assert.ok(target, found.body);
  const page = `/disruption/new?targetEntityId=${target}`;
  const bad = await b.submit(page, '/disruption', {
    targetEntityId: target!,
    tactic: 'cawn',
    ownerAgencyId: w.agencies.police,
    'startedOn-day': '1',
    'startedOn-month': '2',
    'startedOn-year': '2026',
    status: 'planned',
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /cannot be against a location/);
  const ok = await b.submit(page, '/disruption', {
    targetEntityId: target!,
    tactic: 'licensing_review',
    ownerAgencyId: w.agencies.police,
    'startedOn-day': '1',
    'startedOn-month': '2',
    'startedOn-year': '2026',
    status: 'planned',
  });
  assert.equal(ok.statusCode, 303, ok.body);
  const list = await (await signedIn(w, 'manager')).get('/disruption');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Licensing review/);
});

test('the chart and map scripts and their libraries are served; nothing else from node_modules', async () => {
  for (const url of [
    '/javascripts/vendor/cytoscape.esm.min.mjs',
    '/javascripts/vendor/leaflet-src.esm.js',
    '/javascripts/vendor/leaflet.css',
    '/javascripts/intelligence.js',
    '/javascripts/northmoor-wards.geojson',
  ]) {
    assert.equal((await w.app.inject({ url })).statusCode, 200, url);
  }
  assert.equal((await w.app.inject({ url: '/javascripts/vendor/package.json' })).statusCode, 404);
  assert.equal((await w.app.inject({ url: '/javascripts/vendor/cytoscape.cjs.js' })).statusCode, 404);
});
