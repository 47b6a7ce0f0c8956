// The referral API end to end: create, read, list, validation, idempotency, access and audit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, referralBody, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const auditCount = async (action: string) =>
  Number(
    (
      await w.database.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /api/v1/referrals', () => {
  test('a practitioner refers a new person: 201 with the referral, its id and personId, audited in the same transaction', async () => {
    const before = await auditCount('referral.created');
    const res = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody());
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.match(body.id, /^[0-9a-f-]{36}$/);
    assert.match(body.personId, /^[0-9a-f-]{36}$/);
    assert.match(body.reference, /^REF-\d{4}-\d{5}$/);
    assert.equal(body.referringAgencyId, w.users.practitioner.agencyId, 'defaults to the caller’s agency');
    assert.equal(body.urgency, 'urgent');
    assert.equal(body.status, 'new');
    assert.ok(Math.abs(Date.parse(body.receivedAt) - Date.now()) < 60_000, 'received now by default');
    assert.equal(await auditCount('referral.created'), before + 1);

    const person = await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${body.personId}`);
    assert.equal(person.statusCode, 200);
    assert.equal(person.json().givenName, 'Testchild');
    assert.equal(person.json().nhsNumber, '9990000018');

    // The referrer sees their own referral and what they supplied, but referring does not open the child's record.
    const one = await api(w, 'practitioner', 'GET', `/api/v1/referrals/${body.id}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().concerns, referralBody().concerns);
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/persons/${body.personId}`)).statusCode, 403);
  });

  test('referring by id a child the referrer may not see is refused (403), and then reads nothing more', async () => {
    const child = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody())).json();
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/persons/${child.personId}`)).statusCode, 403);
    const referrals = async () =>
      Number(
        (
          await w.database.db
            .selectFrom('referral')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await referrals();
    const res = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { personId: child.personId } }));
    assert.equal(res.statusCode, 403, res.body);
    assert.match(res.json().detail, /give their details as someone new/);
    assert.equal(await referrals(), before);
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/persons/${child.personId}`)).statusCode, 403);
  });

  test('referring by id a child the referrer’s agency works with is allowed', async () => {
    const child = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody())).json();
    await w.database.db
      .insertInto('person_agency')
      .values({ partnership_id: w.partnershipId, person_id: child.personId, agency_id: w.users.practitioner.agencyId })
      .execute();
    const res = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject: { personId: child.personId } }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().personId, child.personId);
  });

  test('the same Idempotency-Key with a different body is refused, not silently answered with the first referral', async () => {
    const key = `reuse-${Date.now()}`;
    const first = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody(), { 'idempotency-key': key });
    assert.equal(first.statusCode, 201);
    const other = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ concerns: 'A second, different child at the same school.' }), {
      'idempotency-key': key,
    });
    assert.equal(other.statusCode, 422, other.body);
    assert.equal(other.json().type, '/problems/idempotency-key-reused');
    const same = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody(), { 'idempotency-key': key });
    assert.equal(same.statusCode, 200);
    assert.equal(same.json().id, first.json().id);
  });

  test('JSON is not type-coerced, and a choice lists what is allowed', async () => {
    const number = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ concerns: 12345 }));
    assert.equal(number.statusCode, 422);
    assert.deepEqual(number.json().errors, [{ field: 'concerns', detail: 'Concerns must be text' }]);
    const urgency = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ urgency: 'soon' }));
    assert.deepEqual(urgency.json().errors, [{ field: 'urgency', detail: 'urgency must be one of: routine, urgent, immediate' }]);
  });

  test('a referral about an existing person reuses them', async () => {
    const first = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody())).json();
    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { personId: first.personId } }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().personId, first.personId);
  });

  test('the hub sees missing essentials on a thin referral', async () => {
    const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', {
      subject: { givenName: 'Thin', familyName: 'Referral' },
      referrerName: 'Someone',
      concerns: 'Worried.',
      consent: 'given',
    });
    assert.equal(res.statusCode, 201, res.body);
    const missing: string[] = res.json().missingEssentials;
    for (const m of ['Date of birth', 'Address or postcode', 'Referrer contact details', 'Suspected type of exploitation', 'Indicators observed']) {
      assert.ok(missing.includes(m), `${m} should be missing: ${missing}`);
    }
  });

  test('receivedAt may be set by a hub coordinator but not by a practitioner', async () => {
    const at = '2025-02-03T10:15:00.000Z';
    const ok = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ receivedAt: at }));
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().receivedAt, at);
    assert.match(ok.json().reference, /^REF-2025-/);
    const refused = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ receivedAt: at }));
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(
      refused.json().errors.map((e: { field: string }) => e.field),
      ['receivedAt'],
    );
  });

  test('a practitioner may not refer on behalf of another agency', async () => {
    const res = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ referringAgencyId: w.agencies.police }));
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().errors[0].field, 'referringAgencyId');
  });

  test('retrying with the same Idempotency-Key creates one referral', async () => {
    const key = `retry-${Date.now()}`;
    const count = async () =>
      Number(
        (
          await w.database.db
            .selectFrom('referral')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const [a, b] = await Promise.all([
      api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody(), { 'idempotency-key': key }),
      api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody(), { 'idempotency-key': key }),
    ]);
    const c = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody(), { 'idempotency-key': key });
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 201]);
    assert.equal(c.statusCode, 200);
    assert.equal(a.json().id, b.json().id);
    assert.equal(c.json().id, a.json().id);
    assert.equal(await count(), before + 1);
  });

  describe('bad input names each field and saves nothing', () => {
    const cases: [string, unknown, number, string[]][] = [
      ['malformed JSON', '{"subject": {', 400, ['body']],
      ['a wrong type', referralBody({ subject: 'Ann' }), 422, ['subject']],
      ['missing required fields', { subject: { givenName: 'A', familyName: 'B' } }, 422, ['referrerName', 'concerns', 'consent']],
      ['an unknown field', referralBody({ colour: 'blue' }), 422, ['colour']],
      ['over-long text', referralBody({ concerns: 'x'.repeat(10_001) }), 422, ['concerns']],
      ['an unknown exploitation type', referralBody({ exploitationTypes: ['shoplifting'] }), 422, ['exploitationTypes[0]']],
      ['a date of birth in the future', referralBody({ subject: { ...referralBody().subject, dateOfBirth: '2999-01-01' } }), 422, ['subject.dateOfBirth']],
      ['an invalid NHS number', referralBody({ subject: { ...referralBody().subject, nhsNumber: '9990000019' } }), 422, ['subject.nhsNumber']],
      ['an impossible date', referralBody({ subject: { ...referralBody().subject, dateOfBirth: '2012-02-30' } }), 422, ['subject.dateOfBirth']],
      ['no lawful basis when sharing without consent', referralBody({ consent: 'refused' }), 422, ['lawfulBasisReason']],
      ['an unknown person id', referralBody({ subject: { personId: '6f1c1d7e-0000-4000-8000-000000000000' } }), 422, ['subject.personId']],
      ['an unknown agency', referralBody({ referringAgencyId: '6f1c1d7e-0000-4000-8000-000000000000' }), 422, ['referringAgencyId']],
      ['a missing first and last name', referralBody({ subject: { dateOfBirth: '2012-01-01' } }), 422, ['subject.givenName', 'subject.familyName']],
    ];
    for (const [name, body, status, fields] of cases) {
      test(name, async () => {
        const people = async () =>
          Number(
            (
              await w.database.db
                .selectFrom('person')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const referrals = async () =>
          Number(
            (
              await w.database.db
                .selectFrom('referral')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const [p0, r0] = [await people(), await referrals()];
        const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', body);
        assert.equal(res.statusCode, status, res.body);
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
        const got = res.json().errors.map((e: { field: string }) => e.field);
        for (const f of fields) assert.ok(got.includes(f), `expected an error for ${f}, got ${got}`);
        assert.equal(await people(), p0);
        assert.equal(await referrals(), r0);
      });
    }
  });
});

describe('GET /api/v1/referrals', () => {
  test('filters by status and received date, by UK calendar day', async () => {
    // 23:30 UTC on 31 March 2025 is 00:30 BST on 1 April: it belongs to 1 April.
    const late = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ receivedAt: '2025-03-31T23:30:00Z' }))).json();
    const march = await api(w, 'hub_coordinator', 'GET', '/api/v1/referrals?receivedFrom=2025-03-01&receivedTo=2025-03-31');
    const april = await api(w, 'hub_coordinator', 'GET', '/api/v1/referrals?receivedFrom=2025-04-01&receivedTo=2025-04-01&status=new');
    assert.equal(march.statusCode, 200);
    assert.ok(!march.json().items.some((r: { id: string }) => r.id === late.id));
    assert.ok(april.json().items.some((r: { id: string }) => r.id === late.id));
    const triaged = await api(w, 'hub_coordinator', 'GET', '/api/v1/referrals?status=triaged');
    assert.equal(triaged.json().items.length, 0);
    const bad = await api(w, 'hub_coordinator', 'GET', '/api/v1/referrals?receivedFrom=2025-02-30');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'receivedFrom');
  });

  test('a practitioner sees only their own agency’s referrals; the hub sees all', async () => {
    const mine = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json();
    const theirs = (await api(w, 'otherPractitioner', 'POST', '/api/v1/referrals', referralBody())).json();
    const seen = (who: 'practitioner' | 'hub_coordinator') =>
      api(w, who, 'GET', '/api/v1/referrals?pageSize=200').then((r) => r.json().items.map((i: { id: string }) => i.id));
    const practitionerSees = await seen('practitioner');
    assert.ok(practitionerSees.includes(mine.id));
    assert.ok(!practitionerSees.includes(theirs.id));
    const hubSees = await seen('hub_coordinator');
    assert.ok(hubSees.includes(mine.id) && hubSees.includes(theirs.id));
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/referrals/${theirs.id}`)).statusCode, 403);
    assert.equal((await api(w, 'practitioner', 'GET', `/api/v1/persons/${theirs.personId}`)).statusCode, 403);
  });
});

describe('access', () => {
  test('unauthenticated calls get 401 problem+json; revoked tokens too', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/referrals'],
      ['POST', '/api/v1/referrals'],
      ['GET', '/api/v1/agencies'],
    ] as const) {
      const res = await api(w, null, method, url, method === 'POST' ? referralBody() : undefined);
      assert.equal(res.statusCode, 401, url);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    }
    const wrong = await w.app.inject({ method: 'GET', url: '/api/v1/agencies', headers: { authorization: 'Bearer jgs_not-a-token' } });
    assert.equal(wrong.statusCode, 401);
  });

  test('a scrutiny member (aggregate figures only) cannot read or make person-level records', async () => {
    const r = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody())).json();
    for (const [method, url] of [
      ['GET', '/api/v1/referrals'],
      ['GET', `/api/v1/referrals/${r.id}`],
      ['GET', `/api/v1/persons/${r.personId}`],
      ['POST', '/api/v1/referrals'],
    ] as const) {
      const res = await api(w, 'scrutiny_member', method, url, method === 'POST' ? referralBody() : undefined);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    }
  });

  test('a manager and information governance cannot make referrals', async () => {
    for (const who of ['manager', 'information_governance'] as const) {
      assert.equal((await api(w, who, 'POST', '/api/v1/referrals', referralBody())).statusCode, 403, who);
    }
  });

  test('every person read through the API is audited with who and which person', async () => {
    const r = (await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody())).json();
    await api(w, 'police_intelligence', 'GET', `/api/v1/persons/${r.personId}`);
    const events = await w.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('person_id', '=', r.personId)
      .where('action', '=', 'person.viewed')
      .execute();
    assert.equal(events.length, 1);
    assert.equal(events[0].actor_id, w.users.police_intelligence.id);
    assert.match(events[0].actor_label, /\(API token\)/);
  });
});

test('GET /health answers ok and /api/openapi.json describes every API route', async () => {
  const health = await w.app.inject({ method: 'GET', url: '/health' });
  assert.equal(health.statusCode, 200);
  assert.deepEqual(health.json(), { status: 'ok' });
  const spec = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const path of ['/api/v1/referrals', '/api/v1/referrals/{id}', '/api/v1/persons/{id}', '/api/v1/agencies']) assert.ok(spec.paths[path], path);
  assert.ok(spec.paths['/api/v1/referrals'].post.responses['201']);
});
