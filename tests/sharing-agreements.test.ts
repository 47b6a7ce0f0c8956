// Data sharing agreements (issue 20.3): recorded and updated by partnership administrators and information
// governance (API and GOV.UK form with an error summary), read by staff, refused to scrutiny; each agency's access
// shown with the agreements that cover it; an agreement past its review date flagged on the admin page and, once per
// review date, to information governance as a notification; a referral names the agreement its sharing relies on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { sweepOverdueAgreements } from '../src/modules/sharing-agreements/sweep.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  title: 'Testshire exploitation information sharing protocol (fictional)',
  purpose: 'Identifying and protecting children at risk of exploitation through the multi-agency hub.',
  lawfulBasis: 'UK GDPR Article 6(1)(e) public task and Article 9(2)(g); Children Act 2004 section 11.',
  dataCategories: ['identity', 'education', 'police'],
  startDate: '2026-04-01',
  reviewDate: '2099-03-31',
  partyAgencyIds: [w.agencies.hub, w.agencies.school, w.agencies.police],
  ...overrides,
});

const audited = async (action: string, id: string) =>
  Number(
    (
      await sql<{
        n: string;
      }>`select count(*) as n from audit_event where partnership_id = ${w.partnershipId} and action = ${action} and resource_id = ${id}`.execute(w.database.db)
    ).rows[0].n,
  );

let protocolId: string;

test('administrators and information governance record and update agreements; staff read them; scrutiny is refused', async () => {
  const created = await api(w, 'partnership_admin', 'POST', '/api/v1/sharing-agreements', body());
  assert.equal(created.statusCode, 201, created.body);
  const a = created.json();
  protocolId = a.id;
  assert.equal(a.status, 'in_force');
  assert.deepEqual(a.parties.map((p: { name: string }) => p.name).sort(), ['Testshire Hub', 'Testshire Police', 'Testshire School']);
  assert.equal(await audited('sharing_agreement.created', a.id), 1);

  const updated = await api(
    w,
    'information_governance',
    'PUT',
    `/api/v1/sharing-agreements/${a.id}`,
    body({ reviewDate: '2098-12-31', partyAgencyIds: [w.agencies.hub] }),
  );
  assert.equal(updated.statusCode, 200, updated.body);
  assert.equal(updated.json().reviewDate, '2098-12-31');
  assert.deepEqual(
    updated.json().parties.map((p: { name: string }) => p.name),
    ['Testshire Hub'],
  );
  assert.equal(await audited('sharing_agreement.updated', a.id), 1);

  const listed = await api(w, 'practitioner', 'GET', '/api/v1/sharing-agreements');
  assert.equal(listed.statusCode, 200, listed.body);
  assert.deepEqual(
    listed.json().items.map((i: { id: string }) => i.id),
    [a.id],
  );
  for (const role of ['practitioner', 'hub_coordinator', 'police_intelligence'] as const) {
    assert.equal((await api(w, role, 'POST', '/api/v1/sharing-agreements', body())).statusCode, 403, role);
    assert.equal((await api(w, role, 'PUT', `/api/v1/sharing-agreements/${a.id}`, body())).statusCode, 403, role);
  }
  assert.equal((await api(w, 'scrutiny_member', 'GET', '/api/v1/sharing-agreements')).statusCode, 403);
  assert.equal((await api(w, 'partnership_admin', 'PUT', '/api/v1/sharing-agreements/7b0c4d9e-0000-4000-8000-000000000000', body())).statusCode, 404);
  assert.equal((await api(w, 'partnership_admin', 'GET', '/api/v1/sharing-agreements/7b0c4d9e-0000-4000-8000-000000000000')).statusCode, 404);
});

test('bad agreements are refused naming the field (problem+json)', async () => {
  const refused = async (overrides: Record<string, unknown>, field: string) => {
    const res = await api(w, 'partnership_admin', 'POST', '/api/v1/sharing-agreements', body(overrides));
    assert.equal(res.statusCode, 422, `${field}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === field),
      `${field}: ${res.body}`,
    );
  };
  await refused({ reviewDate: '2026-03-01' }, 'reviewDate');
  await refused({ dataCategories: [] }, 'dataCategories');
  await refused({ dataCategories: ['everything'] }, 'dataCategories[0]');
  await refused({ partyAgencyIds: ['7b0c4d9e-0000-4000-8000-000000000000'] }, 'partyAgencyIds');
  await refused({ title: '   ' }, 'title');
  await refused({ startDate: '2026-02-30' }, 'startDate');
  const n = await api(w, 'partnership_admin', 'GET', '/api/v1/sharing-agreements');
  assert.equal(n.json().items.length, 1, 'nothing saved');
});

test('the admin form: an error summary keeps what was typed; a saved agreement is listed with each agency’s cover', async () => {
  const admin = await signedIn(w, 'partnership_admin');
  const index = await admin.get('/admin');
  assert.match(index.body, /href="\/admin\/sharing-agreements"/);
  const bad = await admin.submit('/admin/sharing-agreements/new', '/admin/sharing-agreements', {
    title: 'Health and police sharing (fictional)',
    purpose: '',
    lawfulBasis: 'Article 6(1)(e)',
    'startDate-day': '1',
    'startDate-month': '4',
    'startDate-year': '2026',
    'reviewDate-day': '31',
    'reviewDate-month': '',
    'reviewDate-year': '2027',
  });
  assert.equal(bad.statusCode, 422, bad.body);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /href="#reviewDate-day">The review date must include a month/);
  assert.match(bad.body, /href="#dataCategories">Choose the categories of data shared/);
  assert.match(bad.body, /href="#partyAgencyIds">Choose the agencies party to the agreement/);
  assert.match(bad.body, /value="Health and police sharing \(fictional\)"/);

  const good = await admin.submit('/admin/sharing-agreements/new', '/admin/sharing-agreements', {
    title: 'Health and police sharing (fictional)',
    purpose: 'Health information for exploitation strategy meetings.',
    lawfulBasis: 'UK GDPR Article 6(1)(e) and Article 9(2)(h).',
    dataCategories: ['health', 'identity'],
    partyAgencyIds: [w.agencies.health, w.agencies.police],
    'startDate-day': '1',
    'startDate-month': '4',
    'startDate-year': '2026',
    'reviewDate-day': '31',
    'reviewDate-month': '3',
    'reviewDate-year': '2099',
  });
  assert.equal(good.statusCode, 303, good.body);
  const list = await admin.get('/admin/sharing-agreements');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Health and police sharing \(fictional\)/);
  assert.match(list.body, /31 March 2099/);
  // The school was taken off the protocol above: its access has no agreement behind it.
  const schoolRow = /<tr class="govuk-table__row">\s*<td class="govuk-table__cell">Testshire School<\/td>[\s\S]*?<\/tr>/.exec(list.body)?.[0] ?? '';
  assert.match(schoolRow, /No agreement in force/);
  assert.match(list.body, /1 agency has no agreement in force behind its access/);

  // Staff who may only read see the agreement without a form; scrutiny gets 403.
  const practitioner = await signedIn(w, 'practitioner');
  const read = await practitioner.get(`/admin/sharing-agreements/${protocolId}`);
  assert.equal(read.statusCode, 200);
  assert.ok(!read.body.includes('<form method="post" action="/admin/sharing-agreements'), 'no form');
  assert.match(read.body, /Children Act 2004 section 11/);
  assert.equal((await practitioner.get('/admin/sharing-agreements/new')).statusCode, 403);
  assert.equal((await (await signedIn(w, 'scrutiny_member')).get('/admin/sharing-agreements')).statusCode, 403);
});

test('an agreement past its review date is flagged on the admin page and to information governance, once per review date', async () => {
  const past = await api(
    w,
    'information_governance',
    'POST',
    '/api/v1/sharing-agreements',
    body({ title: 'Old youth justice protocol (fictional)', startDate: '2020-01-01', reviewDate: '2025-01-31' }),
  );
  assert.equal(past.statusCode, 201, past.body);
  assert.equal(past.json().status, 'overdue');
  const id = past.json().id;
  assert.equal(await sweepOverdueAgreements(w.svc, w.partnershipId), 1);
  assert.equal(await sweepOverdueAgreements(w.svc, w.partnershipId), 0, 'a second run flags nothing');
  const notes = await sql<{ user_id: string; title: string; link: string }>`
    select user_id, title, link from notification where partnership_id = ${w.partnershipId} and kind = 'sharing_agreement_overdue'`.execute(w.database.db);
  assert.deepEqual(notes.rows, [
    {
      user_id: w.users.information_governance.id,
      title: 'Data sharing agreement overdue for review: Old youth justice protocol (fictional)',
      link: `/admin/sharing-agreements/${id}`,
    },
  ]);
  assert.equal(await audited('sharing_agreement.review_overdue', id), 1);

  const ig = await signedIn(w, 'information_governance');
  const list = await ig.get('/admin/sharing-agreements');
  assert.match(list.body, /1 agreement is overdue for review/);
  assert.match(list.body, /Old youth justice protocol \(fictional\): review was due 31 January 2025/);
  assert.match((await ig.get('/notifications')).body, /Data sharing agreement overdue for review/);

  // A new review date that has also passed is flagged again; one in the future clears the flag.
  await api(
    w,
    'information_governance',
    'PUT',
    `/api/v1/sharing-agreements/${id}`,
    body({ title: 'Old youth justice protocol (fictional)', startDate: '2020-01-01', reviewDate: '2025-06-30' }),
  );
  assert.equal(await sweepOverdueAgreements(w.svc, w.partnershipId), 1);
  await api(
    w,
    'information_governance',
    'PUT',
    `/api/v1/sharing-agreements/${id}`,
    body({ title: 'Old youth justice protocol (fictional)', startDate: '2020-01-01', reviewDate: '2099-06-30' }),
  );
  assert.equal(await sweepOverdueAgreements(w.svc, w.partnershipId), 0);
  assert.doesNotMatch((await ig.get('/admin/sharing-agreements')).body, /overdue for review/);
});

test('a referral names the agreement its sharing relies on (optional; an unknown one is refused naming the field)', async () => {
  const named = await api(
    w,
    'practitioner',
    'POST',
    '/api/v1/referrals',
    referralBody({ consent: 'not_sought', lawfulBasisReason: 'Risk of significant harm.', sharingAgreementId: protocolId }),
  );
  assert.equal(named.statusCode, 201, named.body);
  assert.equal(named.json().sharingAgreementId, protocolId);
  assert.equal(named.json().lawfulBasisReason, 'Risk of significant harm.', 'the existing fields are unchanged');
  const got = await api(w, 'hub_coordinator', 'GET', `/api/v1/referrals/${named.json().id}`);
  assert.equal(got.json().sharingAgreementId, protocolId);
  const without = await api(
    w,
    'practitioner',
    'POST',
    '/api/v1/referrals',
    referralBody({ subject: { givenName: 'Other', familyName: 'Fictional', dateOfBirth: '2011-01-01' } }),
  );
  assert.equal(without.statusCode, 201, without.body);
  assert.equal(without.json().sharingAgreementId, null);
  const unknown = await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ sharingAgreementId: '7b0c4d9e-0000-4000-8000-000000000000' }));
  assert.equal(unknown.statusCode, 422, unknown.body);
  assert.deepEqual(
    unknown.json().errors.map((e: { field: string }) => e.field),
    ['sharingAgreementId'],
  );

  // The form offers the partnership's agreements, and the referral's page names the one chosen.
  const hub = await signedIn(w, 'hub_coordinator');
  const form = await hub.get('/referrals/new');
  assert.match(form.body, /<select class="govuk-select[^"]*" id="sharingAgreementId" name="sharingAgreementId"/);
  const posted = await hub.submit(`/referrals/new?personId=${named.json().personId}`, '/referrals', {
    'subject.personId': named.json().personId,
    referrerName: 'Test Hub Referrer',
    concerns: 'Fictional: seen again with the same older adults near the station on two evenings this week.',
    urgency: 'routine',
    consent: 'not_sought',
    lawfulBasisReason: 'Fictional: to protect the child from significant harm.',
    sharingAgreementId: protocolId,
  });
  assert.equal(posted.statusCode, 303, posted.body);
  const fromForm = await sql<{ sharing_agreement_id: string | null }>`
    select sharing_agreement_id from referral where partnership_id = ${w.partnershipId} and referrer_name = 'Test Hub Referrer'`.execute(w.database.db);
  assert.deepEqual(fromForm.rows, [{ sharing_agreement_id: protocolId }]);
  const page = await hub.get(`/referrals/${named.json().id}`);
  assert.match(page.body, /Data sharing agreement/);
  assert.match(page.body, /Testshire exploitation information sharing protocol \(fictional\)/);
});
