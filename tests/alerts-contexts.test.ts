// Cumulative concern alerts about a context (issue 19.5, decision 0024 "Alerts about a context" and "Merged records"):
// three agencies raising concerns about one context (its referral, intelligence naming it) raise one alert with its
// contextId listing the three; fewer do not; restricted intelligence is not counted; a child's referral does not
// count for a context it does not name; dismissing works and both show on the context's chronology; the hub reads
// context alerts (audited as reads of the context), others are refused; a merge moves signals and alerts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createUser, issueToken } from '../src/modules/admin/use-cases.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { api, PASSWORD, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
/** Hub coordinators in the school's and the health agency's own staff: intelligence from two more agencies. */
const tokens: Record<'school' | 'health', string> = { school: '', health: '' };
before(async () => {
  w = await world();
  const admin = systemActor(w.partnershipId);
  for (const agency of ['school', 'health'] as const) {
    const email = `${agency}.hub@test.jigsaw.example`;
    await w.svc.run(createUser, admin, { email, name: `Test ${agency} hub`, role: 'hub_coordinator', agencyId: w.agencies[agency], password: PASSWORD });
    tokens[agency] = (await w.svc.run(issueToken, admin, { email })).token;
  }
});
after(() => w?.close());

const DAY = 86_400_000;
let n = 0;
const as = (agency: 'school' | 'health') => ({ authorization: `Bearer ${tokens[agency]}` });

/** The hub coordinator (Testshire Hub) refers a fresh place as a context: the first agency's concern. */
async function referContext(): Promise<{ id: string; name: string }> {
  const name = `Alert Park ${++n} (fictional)`;
  const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts', {
    kind: 'place',
    name,
    ward: 'Northmoor Central',
    concerns: 'Fictional: older men meeting children',
  });
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id, name };
}

/** Intelligence naming the context's entity: a car seen at the place (by police, or a hub coordinator of `agency`). */
async function intelAbout(contextId: string, by: 'police' | 'school' | 'health', grading = '2BP') {
  const body = {
    summary: 'Fictional: a car seen at the place after dark.',
    category: 'cse',
    occurredOn: new Date(Date.now() - DAY).toISOString().slice(0, 10),
    grading,
    ...(grading.endsWith('C') ? { handlingConditions: 'Fictional: police only.' } : {}),
    entities: [
      { ref: 'place', id: contextId },
      { ref: 'car', kind: 'vehicle', registration: `ZZ${String(++n).padStart(2, '0')} CTX`, make: 'Fictional' },
    ],
    links: [{ from: 'car', to: 'place', type: 'seen_at' }],
  };
  const res =
    by === 'police'
      ? await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', body)
      : await api(w, null, 'POST', '/api/v1/intelligence', body, as(by));
  assert.equal(res.statusCode, 201, res.body);
}

interface AlertJson {
  id: string;
  kind: string;
  personId: string | null;
  contextId: string | null;
  contextName: string | null;
  childName: string | null;
  agencies: string[];
  signals: { agency: string; kind: string; label: string }[];
}
const alertsOf = async (q: { contextId?: string; personId?: string }): Promise<AlertJson[]> => {
  const res = await api(w, 'hub_member', 'GET', '/api/v1/alerts');
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as AlertJson[]).filter((a) => (q.contextId ? a.contextId === q.contextId : a.personId === q.personId));
};

test('three agencies raising concerns about one context raise one alert with its contextId, listing the three', async () => {
  const ctx = await referContext();
  await intelAbout(ctx.id, 'police');
  assert.deepEqual(await alertsOf({ contextId: ctx.id }), [], 'two agencies do not raise an alert');
  await intelAbout(ctx.id, 'school');
  const alerts = await alertsOf({ contextId: ctx.id });
  assert.equal(alerts.length, 1);
  const [a] = alerts;
  assert.equal(a.kind, 'cumulative_concern');
  assert.equal(a.personId, null);
  assert.equal(a.contextId, ctx.id);
  assert.equal(a.contextName, ctx.name);
  assert.equal(a.childName, null);
  assert.deepEqual([...a.agencies].sort(), ['Testshire Hub', 'Testshire Police', 'Testshire School']);
  assert.deepEqual(
    a.signals.map((s) => [s.agency, s.kind, s.label]),
    [
      ['Testshire Hub', 'referral', 'Context referred'],
      ['Testshire Police', 'intelligence', 'Intelligence recorded'],
      ['Testshire School', 'intelligence', 'Intelligence recorded'],
    ],
  );
  // A fourth concern joins the same alert.
  await intelAbout(ctx.id, 'health');
  const joined = await alertsOf({ contextId: ctx.id });
  assert.equal(joined.length, 1);
  assert.equal(joined[0].id, a.id);
  assert.equal(joined[0].signals.length, 4);

  const told = (await api(w, 'hub_member', 'GET', '/api/v1/notifications')).json().items as { title: string; body: string; link: string }[];
  const note = told.find((x) => x.title === `Cumulative concern: ${ctx.name}`);
  assert.ok(note, JSON.stringify(told));
  assert.match(note.body, /3 agencies have raised concerns about Alert Park/);

  // The alerts page lists it, linking to the context's page by its name.
  const page = await (await signedIn(w, 'hub_member')).get('/alerts');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`<a class="govuk-link" href="/contexts/${ctx.id}" data-qa="alert-context">${ctx.name.replace(/[()]/g, '\\$&')}</a>`));
});

test('below the threshold no alert; a child’s referral does not count for a context it does not name', async () => {
  const ctx = await referContext();
  await intelAbout(ctx.id, 'police');
  // A child linked to the context, referred by the school: a concern about the child, not the context.
  const child = await api(
    w,
    'hub_coordinator',
    'POST',
    '/api/v1/referrals',
    referralBody({
      subject: { givenName: 'Ctxchild', familyName: 'Fictional', dateOfBirth: '2011-02-03', sex: 'female' },
      referringAgencyId: w.agencies.school,
    }),
  );
  assert.equal(child.statusCode, 201, child.body);
  const linked = await api(w, 'hub_coordinator', 'POST', `/api/v1/contexts/${ctx.id}/children`, { personId: child.json().personId, role: 'frequents' });
  assert.equal(linked.statusCode, 201, linked.body);
  await api(
    w,
    'hub_coordinator',
    'POST',
    '/api/v1/referrals',
    referralBody({ subject: { personId: child.json().personId }, referringAgencyId: w.agencies.health }),
  );
  assert.deepEqual(await alertsOf({ contextId: ctx.id }), []);
  const signals = await w.database.db.selectFrom('concern_signal').select('kind').where('context_id', '=', ctx.id).execute();
  assert.equal(signals.length, 2, 'the context’s referral and the police intelligence only');
});

test('restricted intelligence (handling C) naming the context is not counted, nor intelligence from before it was opened', async () => {
  // Police intelligence about a place before it is a context: about no context yet.
  const label = `Alert Station ${++n} (fictional)`;
  const first = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
    summary: 'Fictional: children seen at the station late at night.',
    category: 'cse',
    occurredOn: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10),
    grading: '2BP',
    entities: [
      { ref: 'place', kind: 'location', label, locationType: 'transport_hub', ward: 'Castlegate' },
      { ref: 'car', kind: 'vehicle', registration: `ZZ${String(++n).padStart(2, '0')} STN`, make: 'Fictional' },
    ],
    links: [{ from: 'car', to: 'place', type: 'seen_at' }],
  });
  assert.equal(first.statusCode, 201, first.body);
  const entity = await w.database.db.selectFrom('intel_entity').select('id').where('label', '=', label).executeTakeFirstOrThrow();
  const opened = await api(w, 'hub_coordinator', 'POST', '/api/v1/contexts', { entityId: entity.id, concerns: 'Fictional: children at the station at night' });
  assert.equal(opened.statusCode, 201, opened.body);
  const id = opened.json().id as string;
  await intelAbout(id, 'police', '1AC');
  await intelAbout(id, 'school');
  assert.deepEqual(await alertsOf({ contextId: id }), [], 'the restricted item and the earlier one are not counted: two agencies so far');
  await intelAbout(id, 'health');
  const [a] = await alertsOf({ contextId: id });
  assert.ok(a);
  assert.deepEqual(
    [...a.agencies].sort(),
    ['Testshire Health', 'Testshire Hub', 'Testshire School'],
    'no police: its only counted concern would be the restricted one',
  );
  assert.equal(a.signals.length, 3);
});

test('dismissing a context’s alert needs a reason; raised and dismissed show on the context’s chronology', async () => {
  const ctx = await referContext();
  await intelAbout(ctx.id, 'police');
  await intelAbout(ctx.id, 'school');
  const [a] = await alertsOf({ contextId: ctx.id });
  const none = await api(w, 'hub_member', 'POST', `/api/v1/alerts/${a.id}/dismiss`, { reason: ' ' });
  assert.equal(none.statusCode, 422);
  assert.equal(none.json().errors[0].field, 'reason');
  const ok = await api(w, 'hub_member', 'POST', `/api/v1/alerts/${a.id}/dismiss`, { reason: 'Fictional: disruption plan agreed' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().contextId, ctx.id);
  assert.equal(ok.json().personId, null);
  assert.deepEqual(await alertsOf({ contextId: ctx.id }), []);
  const chron = await (await signedIn(w, 'hub_coordinator')).get(`/contexts/${ctx.id}/chronology`);
  assert.equal(chron.statusCode, 200);
  assert.match(chron.body, /Cumulative concern alert raised: 3 agencies raised concerns within 28 days: Testshire Hub, Testshire Police, Testshire School/);
  assert.match(chron.body, /Cumulative concern alert dismissed. Why: Fictional: disruption plan agreed/);
  assert.ok(chron.body.indexOf('alert raised') < chron.body.indexOf('alert dismissed'), 'in date order');
  // What the hub considered does not count again.
  await intelAbout(ctx.id, 'health');
  assert.deepEqual(await alertsOf({ contextId: ctx.id }), []);
});

test('hub members read context alerts (audited as reads of the context); police and practitioners are refused', async () => {
  const ctx = await referContext();
  await intelAbout(ctx.id, 'police');
  await intelAbout(ctx.id, 'school');
  const [a] = await alertsOf({ contextId: ctx.id });
  const audited = await w.database.db
    .selectFrom('audit_event')
    .select(['resource_type', 'person_id'])
    .where('partnership_id', '=', w.partnershipId)
    .where('action', '=', 'alerts.viewed')
    .where('resource_id', '=', ctx.id)
    .execute();
  assert.ok(audited.length >= 1);
  assert.deepEqual(audited[0], { resource_type: 'context', person_id: null });
  for (const role of ['police_intelligence', 'practitioner', 'manager'] as const) {
    assert.equal((await api(w, role, 'GET', '/api/v1/alerts')).statusCode, 403, role);
    assert.equal((await api(w, role, 'POST', `/api/v1/alerts/${a.id}/dismiss`, { reason: 'Not mine' })).statusCode, 403, role);
  }
  assert.equal((await (await signedIn(w, 'police_intelligence')).get('/alerts')).statusCode, 403);
  assert.equal((await alertsOf({ contextId: ctx.id })).length, 1, 'still open');
});

async function refer(agency: string, personId?: string): Promise<string> {
  const subject = personId ? { personId } : { givenName: 'Mergechild', familyName: `Fictional${++n}`, dateOfBirth: '2010-05-06', sex: 'male' };
  const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject, referringAgencyId: w.agencies[agency] }));
  assert.equal(res.statusCode, 201, res.body);
  return res.json().personId;
}
const merge = async (mergedPersonId: string, survivingPersonId: string) => {
  const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/persons/merges', { mergedPersonId, survivingPersonId });
  assert.equal(res.statusCode, 201, res.body);
};
const signalsOfPerson = (personId: string) =>
  w.database.db
    .selectFrom('concern_signal')
    .select(['id', 'alert_id'])
    .where('partnership_id', '=', w.partnershipId)
    .where('person_id', '=', personId)
    .execute();

test('a merge moves the merged record’s signals and alerts to the record kept; an alert open on both leaves one', async () => {
  // Each record has its own open alert (three agencies each).
  const gone = await refer('school');
  await refer('police', gone);
  await refer('health', gone);
  const kept = await refer('hub');
  await refer('school', kept);
  await refer('police', kept);
  const [goneAlert] = await alertsOf({ personId: gone });
  const [keptAlert] = await alertsOf({ personId: kept });
  assert.ok(goneAlert && keptAlert);
  await merge(gone, kept);
  assert.deepEqual(await alertsOf({ personId: gone }), []);
  const open = await alertsOf({ personId: kept });
  assert.equal(open.length, 1, 'one open alert');
  assert.equal(open[0].id, keptAlert.id, 'the kept record’s alert stays open');
  assert.equal(open[0].signals.length, 6, 'with the merged record’s signals');
  assert.deepEqual([...open[0].agencies].sort(), ['Testshire Health', 'Testshire Hub', 'Testshire Police', 'Testshire School']);
  assert.deepEqual(await signalsOfPerson(gone), []);
  const closed = await w.database.db.selectFrom('alert').select(['person_id', 'dismissed_reason']).where('id', '=', goneAlert.id).executeTakeFirstOrThrow();
  assert.equal(closed.person_id, kept);
  assert.match(closed.dismissed_reason ?? '', /merged into another/);
});

test('a merge: two records’ concerns add up to an alert neither had; a lone open alert moves with its record', async () => {
  const gone = await refer('school');
  await refer('police', gone);
  const kept = await refer('health');
  assert.deepEqual([...(await alertsOf({ personId: gone })), ...(await alertsOf({ personId: kept }))], []);
  await merge(gone, kept);
  const [raised] = await alertsOf({ personId: kept });
  assert.ok(raised, 'three agencies across the two records');
  assert.deepEqual([...raised.agencies].sort(), ['Testshire Health', 'Testshire Police', 'Testshire School']);
  assert.equal((await signalsOfPerson(kept)).length, 3);

  const alone = await refer('school');
  await refer('police', alone);
  await refer('health', alone);
  const [lone] = await alertsOf({ personId: alone });
  const other = await refer('hub');
  await merge(alone, other);
  const [moved] = await alertsOf({ personId: other });
  assert.equal(moved?.id, lone.id, 'the merged record’s open alert is now the kept record’s');
  assert.equal(moved.signals.length, 4, 'the kept record’s own referral joins it');
});
