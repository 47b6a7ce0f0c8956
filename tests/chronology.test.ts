// The child's chronology (issue 11 point 2): every event about the person from every module in one list, newest
// first, filtered, paged, on the page and through the API; what a viewer may not see is absent and not counted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backfillChronology } from '../src/modules/chronology/backfill.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let child: string;
let hubReferral: string;
let schoolReferral: string;
let openItem: string;
let restrictedItem: string;
const today = () => ukDate(new Date());
type Item = { id: string; event: string; kind: string; text: string; by: string; subject: { type: string; id: string | null }; personId: string };
type Page = { items: Item[]; total: number; page: number; pages: number; pageSize: number };

const chronology = async (who: Parameters<typeof api>[1], query = '', personId = child) => {
  const res = await api(w, who, 'GET', `/api/v1/persons/${personId}/chronology${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Page;
};
const intel = (grading: string, summary: string, personId: string) => ({
  summary,
  category: 'cse',
  occurredOn: addDays(today(), -2),
  grading,
  ...(grading.endsWith('C') ? { handlingConditions: 'Fictional: police intelligence only.' } : {}),
  entities: [
    { ref: 'car', kind: 'vehicle', registration: grading.endsWith('C') ? 'ZZ01 CCC' : 'ZZ01 PPP', make: 'Fictional' },
    { ref: 'child', personId },
  ],
  links: [{ from: 'child', to: 'car', type: 'seen_with', fromRole: 'victim' }],
});

before(async () => {
  w = await world();
  const a = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody())).json();
  hubReferral = a.id;
  child = a.personId;
  // The school works with the child, and refers too.
  await w.database.db.insertInto('person_agency').values({ partnership_id: w.partnershipId, person_id: child, agency_id: w.agencies.school }).execute();
  const b = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { personId: child } }));
  assert.equal(b.statusCode, 201, b.body);
  schoolReferral = b.json().id;
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${hubReferral}/screenings`, { answers: {} })).statusCode, 201);
  const decision = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${hubReferral}/triage-decision`, {
    outcome: 'high',
    category: 'ce',
    rationale: 'Fictional: older associates and missing episodes.',
    actions: [{ description: 'Fictional: strategy discussion', ownerAgencyId: w.agencies.hub, dueDate: addDays(today(), 3) }],
  });
  assert.equal(decision.statusCode, 201, decision.body);
  const episode = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
    personId: child,
    classification: 'missing',
    riskGrade: 'medium',
    reportedAt: new Date(Date.now() - 30 * 3600_000).toISOString(),
    returnedAt: new Date(Date.now() - 20 * 3600_000).toISOString(),
  });
  assert.equal(episode.statusCode, 201, episode.body);
  const p = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', intel('2BP', 'Fictional: seen in a car after school.', child));
  assert.equal(p.statusCode, 201, p.body);
  openItem = p.json().id;
  const c = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', intel('1AC', 'Fictional: covert source names the driver.', child));
  assert.equal(c.statusCode, 201, c.body);
  restrictedItem = c.json().id;
});
after(() => w?.close());

describe('one list around the child', () => {
  test('the hub sees the referrals, screening, triage decision, missing episode and open intelligence, newest first', async () => {
    const page = await chronology('hub_coordinator', '?pageSize=100');
    const events = page.items.map((i) => i.event);
    for (const name of [
      'person.created',
      'referral.created',
      'screening.created',
      'triage_decision.recorded',
      'missing_episode.created',
      'intelligence_item.recorded',
    ])
      assert.ok(events.includes(name), `${name} in ${events.join(', ')}`);
    assert.equal(events.filter((e) => e === 'referral.created').length, 2);
    const decision = page.items.find((i) => i.event === 'triage_decision.recorded')!;
    assert.match(decision.text, /^Triage decision: High risk; CE \(Criminal Exploitation\); 1 action agreed\.$/);
    assert.equal(decision.kind, 'triage');
    assert.match(page.items.find((i) => i.event === 'missing_episode.created')!.text, /Reported missing, police risk grade medium, already returned/);
    const ats = page.items.map((i) => (i as unknown as { at: string }).at);
    assert.deepEqual([...ats].sort().reverse(), ats, 'newest first');
    assert.equal(page.items.at(-1)!.event, 'person.created', 'the record was created first (in the same moment as the first referral)');
  });

  test('intelligence with handling code C is absent for the hub, and not counted; police intelligence sees it', async () => {
    const hub = await chronology('hub_coordinator', '?pageSize=100');
    const police = await chronology('police_intelligence', '?pageSize=100');
    const ids = (p: Page) => p.items.filter((i) => i.event === 'intelligence_item.recorded').map((i) => i.subject.id);
    assert.deepEqual(ids(hub), [openItem]);
    assert.deepEqual(ids(police).sort(), [openItem, restrictedItem].sort());
    assert.equal(hub.total, hub.items.length, 'the total counts only what is shown');
    assert.ok(!JSON.stringify(hub).includes(restrictedItem), 'no trace of the restricted item');
    const hubIntel = await chronology('hub_coordinator', '?kind=intelligence');
    assert.equal(hubIntel.total, 1);
    assert.equal((await chronology('police_intelligence', '?kind=intelligence')).total, 2);
  });

  test('a manager (agency scope) sees their agency’s referral but not the hub’s, nor its triage, nor intelligence', async () => {
    const page = await chronology('manager', '?pageSize=100');
    const referrals = page.items.filter((i) => i.event === 'referral.created').map((i) => i.subject.id);
    assert.deepEqual(referrals, [schoolReferral]);
    const events = page.items.map((i) => i.event);
    for (const hidden of ['screening.created', 'triage_decision.recorded', 'intelligence_item.recorded'])
      assert.ok(!events.includes(hidden), `${hidden} hidden from the manager`);
    assert.ok(events.includes('missing_episode.created'), 'the child’s missing records: the school works with the child');
    assert.equal(page.total, page.items.length);
    assert.ok(!JSON.stringify(page).includes(hubReferral));
  });

  test('those who may not read the child get 403, and those without person access too', async () => {
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${child}/chronology`)).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/persons/${child}/chronology`)).statusCode, 403);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${crypto.randomUUID()}/chronology`)).statusCode, 404);
    assert.equal((await api(w, 'hub_coordinator', 'GET', '/api/v1/persons/not-a-uuid/chronology')).statusCode, 404);
  });
});

describe('disruption', () => {
  test('shown only when its target is known from intelligence the viewer may see', async () => {
    const other = (
      await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Hiddentest', familyName: 'Fictional' } }))
    ).json();
    const c = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', intel('1AC', 'Fictional: named only by a covert source.', other.personId));
    assert.equal(c.statusCode, 201, c.body);
    const entityOf = async (personId: string) =>
      (await w.database.db.selectFrom('intel_entity').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow()).id;
    const disrupt = async (personId: string) => {
      const res = await api(w, 'police_intelligence', 'POST', '/api/v1/disruptions', {
        tactic: 'cawn',
        targetEntityId: await entityOf(personId),
        ownerAgencyId: w.agencies.police,
        startedOn: addDays(today(), -1),
        status: 'in_progress',
      });
      assert.equal(res.statusCode, 201, res.body);
    };
    await disrupt(child);
    await disrupt(other.personId);
    // The child is known to the hub from open intelligence; the other only from a C report.
    const seen = await chronology('hub_coordinator', '?kind=disruption');
    assert.equal(seen.total, 1);
    assert.match(seen.items[0].text, /^Disruption recorded: Child abduction warning notice, in progress\.$/);
    const hidden = await chronology('hub_coordinator', '?pageSize=100', other.personId);
    assert.deepEqual(
      hidden.items.filter((i) => ['disruption', 'intelligence'].includes(i.kind)),
      [],
    );
    assert.equal(hidden.total, hidden.items.length);
    assert.equal((await chronology('police_intelligence', '?kind=disruption&kind=intelligence', other.personId)).total, 2);
  });
});

describe('the people who work the case', () => {
  test('an allocated worker from another agency sees the case and its actions, not the hub’s referrals, triage or intelligence', async () => {
    // Before allocation the health practitioner may not read the child at all.
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${child}/chronology`)).statusCode, 403);
    const theCase = (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}/case`)).json();
    const allocated = await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${theCase.id}/allocation`, {
      version: theCase.version,
      allocatedWorkerId: w.otherPractitioner.id,
    });
    assert.equal(allocated.statusCode, 200, allocated.body);
    const page = await chronology('otherPractitioner', '?pageSize=100');
    const events = page.items.map((i) => i.event);
    assert.ok(events.includes('case.opened'), events.join(', '));
    assert.match(page.items.find((i) => i.event === 'case.allocated')!.text, /^Case allocation changed: allocated worker Test other practitioner\.$/);
    for (const hidden of ['referral.created', 'screening.created', 'triage_decision.recorded', 'intelligence_item.recorded', 'disruption_activity.recorded'])
      assert.ok(!events.includes(hidden), `${hidden} hidden from the allocated worker`);
    assert.equal(page.total, page.items.length);
    // The allocation ends: so does the access.
    const now = (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}/case`)).json();
    await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${now.id}/allocation`, { version: now.version, allocatedWorkerId: '' });
    assert.equal((await api(w, 'otherPractitioner', 'GET', `/api/v1/persons/${child}/chronology`)).statusCode, 403);
  });
});

describe('filters and pages', () => {
  test('by kind, one or more', async () => {
    const missing = await chronology('hub_coordinator', '?kind=missing');
    assert.ok(missing.total >= 1);
    assert.ok(missing.items.every((i) => i.kind === 'missing'));
    const two = await chronology('hub_coordinator', '?kind=referral&kind=screening');
    assert.equal(two.total, 3);
    assert.deepEqual([...new Set(two.items.map((i) => i.kind))].sort(), ['referral', 'screening']);
  });

  test('by date: UK days, inclusive; an end before the start is 422 and an unknown kind 400, naming the field', async () => {
    assert.equal((await chronology('hub_coordinator', `?from=${addDays(today(), 1)}`)).total, 0);
    const all = await chronology('hub_coordinator');
    assert.equal((await chronology('hub_coordinator', `?from=${today()}&to=${today()}`)).total, all.total);
    assert.equal((await chronology('hub_coordinator', `?to=${addDays(today(), -1)}`)).total, 0);
    const backwards = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}/chronology?from=${today()}&to=${addDays(today(), -1)}`);
    assert.equal(backwards.statusCode, 422);
    assert.equal(backwards.json().errors[0].field, 'to');
    const bogus = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}/chronology?kind=bogus`);
    // A query string that breaks the schema is 400 (the API's rule), naming the field.
    assert.equal(bogus.statusCode, 400);
    assert.match(bogus.json().errors[0].field, /^kind/);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}/chronology?pageSize=1000`)).statusCode, 400);
  });

  test('pages cover every item once', async () => {
    const all = await chronology('hub_coordinator', '?pageSize=100');
    const first = await chronology('hub_coordinator', '?pageSize=3');
    assert.equal(first.pages, Math.ceil(all.total / 3));
    const seen: string[] = [];
    for (let page = 1; page <= first.pages; page++) seen.push(...(await chronology('hub_coordinator', `?pageSize=3&page=${page}`)).items.map((i) => i.id));
    assert.deepEqual(
      seen,
      all.items.map((i) => i.id),
    );
    assert.equal((await chronology('hub_coordinator', `?pageSize=3&page=${first.pages + 1}`)).items.length, 0);
  });

  test('reading it is audited as a person-level read', async () => {
    await chronology('hub_member');
    const row = await w.database.db
      .selectFrom('audit_event')
      .select(['person_id', 'actor_id'])
      .where('action', '=', 'chronology.viewed')
      .where('actor_id', '=', w.users.hub_member.id)
      .executeTakeFirst();
    assert.equal(row?.person_id, child);
  });
});

describe('records and names', () => {
  test('an event name the chronology does not describe reads from its name, only for those who read every record', async () => {
    await w.database.db
      .insertInto('domain_event')
      .values({
        partnership_id: w.partnershipId,
        id: crypto.randomUUID(),
        name: 'widget_check.frobbed_twice',
        subject_type: 'widget_check',
        subject_id: null,
        person_id: child,
        actor_id: null,
        actor_label: 'Fictional system',
        at: new Date(),
        changes: '{}',
        handling: null,
      })
      .execute();
    const hub = await chronology('hub_coordinator', '?kind=other');
    assert.deepEqual(
      hub.items.map((i) => i.text),
      ['Widget check: frobbed twice.'],
    );
    assert.equal((await chronology('manager', '?kind=other')).total, 0);
  });

  test('a record merged into the child’s brings its events along, and the merge is in the chronology', async () => {
    const other = (
      await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { givenName: 'Dupetest', familyName: 'Fictional' } }))
    ).json();
    const merged = await api(w, 'hub_coordinator', 'POST', '/api/v1/persons/merges', { mergedPersonId: other.personId, survivingPersonId: child });
    assert.equal(merged.statusCode, 201, merged.body);
    const page = await chronology('hub_coordinator', '?kind=record&kind=referral&pageSize=100');
    assert.ok(page.items.some((i) => i.subject.id === other.id && i.event === 'referral.created'));
    assert.match(page.items.find((i) => i.event === 'person.merged' && i.personId === child)!.text, /merged into this one/);
  });
});

describe('history loaded without events', () => {
  test('a backfill writes each record’s event once, in the record’s time', async () => {
    const person = crypto.randomUUID();
    const db = w.database.db;
    await db.insertInto('person').values({ partnership_id: w.partnershipId, id: person, given_name: 'Loadedtest', family_name: 'Fictional' }).execute();
    const reported = new Date(Date.now() - 400 * 86400_000);
    await db
      .insertInto('missing_episode')
      .values({
        partnership_id: w.partnershipId,
        id: crypto.randomUUID(),
        person_id: person,
        classification: 'missing',
        reported_at: reported,
        returned_at: new Date(reported.getTime() + 86400_000),
        risk_grade: 'high',
        created_by: w.users.missing_coordinator.id,
      })
      .execute();
    assert.ok((await backfillChronology(db, w.partnershipId)) >= 3);
    assert.equal(await backfillChronology(db, w.partnershipId), 0, 'a second run writes nothing');
    const page = await chronology('hub_coordinator', '', person);
    assert.deepEqual(
      page.items.map((i) => i.text),
      ['Returned from missing.', 'Reported missing, police risk grade high.', 'Record created in Jigsaw.'],
    );
    assert.equal(page.items[1].by, 'Test missing_coordinator');
  });
});

describe('the Chronology tab', () => {
  test('shows the events, the filter form with GOV.UK date inputs, a print button, and no trace of restricted intelligence', async () => {
    const hub = await signedIn(w, 'hub_coordinator');
    const res = await hub.get(`/people/${child}/chronology`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h2 class="govuk-heading-l">Chronology<\/h2>/);
    assert.match(res.body, /Triage decision: High risk/);
    assert.match(res.body, /name="from-day"/);
    assert.match(res.body, /data-module="jigsaw-print"/);
    assert.match(res.body, /chronology\.css/);
    assert.ok(!res.body.includes(restrictedItem));
    assert.match(res.body, new RegExp(`href="/intelligence/${openItem}"`));
    const filtered = await hub.get(`/people/${child}/chronology?kind=screening`);
    assert.match(filtered.body, /1 event match these filters/);
    assert.ok(!filtered.body.includes('Triage decision: High risk'));
  });

  test('a date that is not real is shown with the error summary, not a server error', async () => {
    const hub = await signedIn(w, 'hub_coordinator');
    const res = await hub.get(`/people/${child}/chronology?from-day=31&from-month=2&from-year=2026`);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /The start date must be a real date/);
  });

  test('pages link to each other keeping the filters; print view shows them on one page', async () => {
    const hub = await signedIn(w, 'hub_coordinator');
    for (let i = 0; i < 26; i++)
      await w.database.db
        .insertInto('domain_event')
        .values({
          partnership_id: w.partnershipId,
          id: crypto.randomUUID(),
          name: 'person.decided_not_same',
          subject_type: 'person',
          subject_id: null,
          person_id: child,
          actor_id: null,
          actor_label: 'Fictional reviewer',
          at: new Date(Date.now() - 86400_000 * 400 - i * 1000),
          changes: '{}',
          handling: null,
        })
        .execute();
    const res = await hub.get(`/people/${child}/chronology?kind=record`);
    assert.match(res.body, /govuk-pagination/);
    assert.match(res.body, /kind=record&amp;page=2/);
    const print = await hub.get(`/people/${child}/chronology?kind=record&print=all`);
    assert.ok(!/govuk-pagination/.test(print.body));
    assert.equal((print.body.match(/moj-timeline__item/g) ?? []).length, (await chronology('hub_coordinator', '?kind=record&pageSize=100')).total);
  });

  test('the overview shows the latest five events and links to the full chronology', async () => {
    const hub = await signedIn(w, 'hub_coordinator');
    const res = await hub.get(`/people/${child}`);
    assert.equal(res.statusCode, 200);
    const timeline = /<div data-qa="timeline">([\s\S]*?)<\/div>\s*<p class="govuk-body"><a/.exec(res.body)?.[1] ?? '';
    assert.equal((timeline.match(/moj-timeline__item/g) ?? []).length, 5);
    const total = (await chronology('hub_coordinator')).total;
    assert.match(res.body, new RegExp(`href="/people/${child}/chronology" data-qa="full-chronology">View full chronology \\(${total} events\\)`));
  });

  test('the filter offers only kinds the viewer’s role could see', async () => {
    const manager = await signedIn(w, 'manager');
    const page = (await manager.get(`/people/${child}/chronology`)).body;
    assert.match(page, /value="referral"/);
    assert.ok(!/value="intelligence"/.test(page), 'no intelligence box for a manager');
    const hub = (await (await signedIn(w, 'hub_coordinator')).get(`/people/${child}/chronology`)).body;
    assert.match(hub, /value="intelligence"/);
  });

  test('someone who may not read the child gets 403 on the tab', async () => {
    const other = await signedIn(w, 'otherPractitioner');
    assert.equal((await other.get(`/people/${child}/chronology`)).statusCode, 403);
  });
});
