// Retention (issue 20 point 1): the daily sweep lists records whose period has run; information governance approves
// or defers each with a reason; an approved deletion leaves nothing personal about the child in any table, keeps a
// tombstone and the audit trail, and the chain still verifies; a legal hold keeps a record off the list and refuses
// its deletion; only information governance (and the partnership admin, for the schedule) may do any of it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { sweepRetention } from '../src/modules/retention/sweep.ts';
import { sealAll } from '../src/platform/audit/sealer.ts';
import { verifyAudit } from '../src/platform/audit/store.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const db = () => w.database.db;
const ig = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => api(w, 'information_governance', method, url, body);
const queue = async () => (await ig('GET', '/api/v1/retention/queue')).json().items as { id: string; recordType: string; recordId: string; personId: string }[];

async function refer(givenName: string, familyName: string, extra: Record<string, unknown> = {}) {
  const r = await api(
    w,
    'hub_coordinator',
    'POST',
    '/api/v1/referrals',
    referralBody({
      subject: { givenName, familyName, dateOfBirth: '1995-03-04', sex: 'female' },
      concerns: `Fictional: ${givenName} ${familyName} was seen getting into cars with older adults.`,
      ...extra,
    }),
  );
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string; personId: string };
}

/** Moves a referral's dates back, as if received `years` ago. */
const age = (referralId: string, years: number) =>
  sql`update referral set received_at = now() - make_interval(years => ${years}), created_at = now() - make_interval(years => ${years}) where id = ${referralId}`.execute(
    db(),
  );

/** Tables with rows whose text (every column, cast to text) contains any of the needles (case-insensitive). */
async function tablesMentioning(...needles: string[]): Promise<string[]> {
  const pattern = needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const { rows: tables } = await sql<{ relname: string }>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema() where c.relkind = 'r'`.execute(db());
  // One statement over every table: a union of counts.
  const counts = sql.join(
    tables.map((t) => sql`select ${t.relname}::text as t, count(*)::int as n from ${sql.table(t.relname)} x where x::text ~* ${pattern}`),
    sql` union all `,
  );
  const { rows } = await sql<{ t: string; n: number }>`${counts}`.execute(db());
  return rows.filter((r) => r.n > 0).map((r) => `${r.t} (${r.n})`);
}

describe('deletion under the schedule', () => {
  test('an approved closed case leaves nothing personal about the child in any table, a tombstone, and an audit chain that verifies', async () => {
    const ref = await refer('Zephyrine', 'Quillfeather');
    const child = ref.personId;
    const decision = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${ref.id}/triage-decision`, {
      outcome: 'high',
      category: 'cse',
      rationale: 'Fictional: Zephyrine Quillfeather is at high risk.',
    });
    assert.equal(decision.statusCode, 201, decision.body);
    const episode = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
      personId: child,
      classification: 'missing',
      riskGrade: 'medium',
      reportedAt: new Date(Date.now() - 30 * 3600_000).toISOString(),
      returnedAt: new Date(Date.now() - 20 * 3600_000).toISOString(),
      lastSeenPlace: 'Fictional Park, where Zephyrine Quillfeather was last seen',
    });
    assert.equal(episode.statusCode, 201, episode.body);
    const intel = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
      summary: 'Fictional: Zephyrine Quillfeather seen with Adult Vexley at the takeaway.',
      category: 'cse',
      occurredOn: '2026-01-10',
      grading: '2BP',
      entities: [
        { ref: 'vexley', kind: 'person', label: 'Adult Vexley' },
        { ref: 'child', personId: child },
      ],
      links: [{ from: 'child', to: 'vexley', type: 'seen_with', fromRole: 'victim' }],
    });
    assert.equal(intel.statusCode, 201, intel.body);
    // Someone viewed the child (an audited read, whose event stays).
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}`)).statusCode, 200);
    const c = await sql<{ id: string }>`select id from exploitation_case where person_id = ${child}`.execute(db());
    assert.equal(c.rows.length, 1, 'the high decision opened a case');
    // Closed seven years ago, long after the referral; the child turned 25 in 2020.
    await age(ref.id, 9);
    await sql`update exploitation_case set status = 'closed', closed_at = now() - interval '7 years' where id = ${c.rows[0].id}`.execute(db());
    assert.ok((await tablesMentioning('Quillfeather')).length > 3);

    assert.ok((await sweepRetention(w.svc, w.partnershipId)) >= 1);
    assert.equal(await sweepRetention(w.svc, w.partnershipId), 0, 'a second run lists nothing more');
    const item = (await queue()).find((i) => i.recordType === 'closed_case' && i.personId === child);
    assert.ok(item, 'the closed case is due');

    const noReason = await ig('POST', `/api/v1/retention/queue/${item.id}/decision`, { decision: 'approve', reason: ' ' });
    assert.equal(noReason.statusCode, 422);
    assert.deepEqual(
      noReason.json().errors.map((e: { field: string }) => e.field),
      ['reason'],
    );
    const done = await ig('POST', `/api/v1/retention/queue/${item.id}/decision`, {
      decision: 'approve',
      reason: 'Fictional: past its period, no open matters',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().outcome, 'deleted');
    assert.ok(done.json().rowsDeleted.person >= 1 && done.json().rowsDeleted.referral >= 1 && done.json().rowsDeleted.missing_episode >= 1);

    assert.deepEqual(await tablesMentioning('Zephyrine', 'Quillfeather', 'Vexley', '1995-03-04'), []);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${child}`)).statusCode, 404);
    assert.equal((await ig('POST', `/api/v1/retention/queue/${item.id}/decision`, { decision: 'approve', reason: 'again' })).statusCode, 409);

    const tomb = await sql<{ record_type: string; approved_by_label: string; schedule_entry: { years: number; untilAge: number } }>`
      select record_type, approved_by_label, schedule_entry from retention_tombstone where review_id = ${item.id}`.execute(db());
    assert.equal(tomb.rows.length, 1);
    assert.equal(tomb.rows[0].record_type, 'closed_case');
    assert.match(tomb.rows[0].approved_by_label, /information\.governance@/);
    assert.deepEqual([tomb.rows[0].schedule_entry.years, tomb.rows[0].schedule_entry.untilAge], [6, 25]);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_event where person_id = ${child}`.execute(db());
    assert.ok(audit.rows[0].n >= 3, 'the audit trail about the child is kept (ids only)');
    const decided = await sql<{
      details: { outcome: string };
    }>`select details from audit_event where action = 'retention.decided' and resource_id = ${item.id}`.execute(db());
    assert.equal(decided.rows[0].details.outcome, 'deleted');
    await sealAll(db());
    assert.equal((await verifyAudit(db(), w.partnershipId)).break, null);
  });

  test('a referral that led to no case goes with its screening; a deferral keeps it for 12 months', async () => {
    const kept = await refer('Orlaith', 'Brackenwood');
    const gone = await refer('Tamsin', 'Fernhollow');
    await age(kept.id, 7);
    await age(gone.id, 7);
    await sweepRetention(w.svc, w.partnershipId);
    const items = await queue();
    const k = items.find((i) => i.recordId === kept.id)!;
    const g = items.find((i) => i.recordId === gone.id)!;
    assert.equal(k.recordType, 'referral_no_case');
    const deferred = await ig('POST', `/api/v1/retention/queue/${k.id}/decision`, { decision: 'defer', reason: 'Fictional: sibling referred last month' });
    assert.equal(deferred.json().outcome, 'deferred');
    assert.ok(!(await queue()).some((i) => i.id === k.id), 'deferred records leave the queue');
    assert.equal(
      (await ig('POST', `/api/v1/retention/queue/${g.id}/decision`, { decision: 'approve', reason: 'Fictional: no further action' })).statusCode,
      200,
    );
    assert.deepEqual(await tablesMentioning('Fernhollow'), []);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/referrals/${kept.id}`)).statusCode, 200);
  });

  test('an old referral decided "no risk" goes with its decision and action; the child’s later referral, and the child, stay', async () => {
    const old = await refer('Benedikt', 'Saltmarsh');
    const decided = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${old.id}/triage-decision`, {
      outcome: 'no_risk',
      category: 'cse',
      rationale: 'Fictional: no risk found, school to monitor.',
      actions: [{ description: 'Fictional: school to monitor attendance', ownerAgencyId: w.agencies.school, dueDate: '2026-12-30' }],
    });
    assert.equal(decided.statusCode, 201, decided.body);
    await age(old.id, 7);
    await sweepRetention(w.svc, w.partnershipId);
    const item = (await queue()).find((i) => i.recordId === old.id);
    assert.ok(item, '“no risk” opens no case: the referral is due');
    const newer = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { personId: old.personId } }));
    assert.equal(newer.statusCode, 201, newer.body);
    const done = await ig('POST', `/api/v1/retention/queue/${item.id}/decision`, { decision: 'approve', reason: 'Fictional: past its period' });
    assert.equal(done.statusCode, 200, done.body);
    assert.ok(done.json().rowsDeleted.triage_decision >= 1 && done.json().rowsDeleted.triage_action >= 1, JSON.stringify(done.json().rowsDeleted));
    assert.equal(done.json().rowsDeleted.person, undefined, 'the child has a later referral');
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/referrals/${old.id}`)).statusCode, 404);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/referrals/${newer.json().id}`)).statusCode, 200);
    // Nothing of the action's title is left: its chained audit event keeps only the title's keyed digest (0014).
    assert.deepEqual(await tablesMentioning('school to monitor'), []);
  });

  test('intelligence graded 3D is due after 2 years and goes with its links and the people only it named', async () => {
    const child = await refer('Isolde', 'Wrenfield');
    const intel = await api(w, 'police_intelligence', 'POST', '/api/v1/intelligence', {
      summary: 'Fictional: untested report that Adult Grimsditch drives children to the coast.',
      category: 'cse',
      occurredOn: '2023-01-10',
      grading: '3DP',
      entities: [
        { ref: 'adult', kind: 'person', label: 'Adult Grimsditch' },
        { ref: 'child', personId: child.personId },
      ],
      links: [{ from: 'child', to: 'adult', type: 'seen_with', fromRole: 'victim' }],
    });
    assert.equal(intel.statusCode, 201, intel.body);
    await sweepRetention(w.svc, w.partnershipId);
    const item = (await queue()).find((i) => i.recordType === 'intelligence_uncorroborated');
    assert.ok(item, 'listed under its grading');
    assert.equal(
      (await ig('POST', `/api/v1/retention/queue/${item.id}/decision`, { decision: 'approve', reason: 'Fictional: uncorroborated' })).statusCode,
      200,
    );
    assert.deepEqual(await tablesMentioning('Grimsditch'), []);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/referrals/${child.id}`)).statusCode, 200, 'the child’s referral stays');
  });
});

describe('legal holds', () => {
  test('a held person is never listed; a hold on a listed record refuses its deletion until released', async () => {
    const held = await refer('Ysolde', 'Marrowgate');
    const later = await refer('Caradoc', 'Thistlewood');
    await age(held.id, 7);
    await age(later.id, 7);
    const hold = await ig('POST', '/api/v1/retention/holds', { personId: held.personId, reason: 'Fictional: serious case review' });
    assert.equal(hold.statusCode, 201, hold.body);
    await sweepRetention(w.svc, w.partnershipId);
    const items = await queue();
    assert.ok(!items.some((i) => i.recordId === held.id), 'the held person’s referral is not due');
    const item = items.find((i) => i.recordId === later.id)!;
    assert.ok(item);

    const recordHold = await ig('POST', '/api/v1/retention/holds', { recordType: 'referral_no_case', recordId: later.id, reason: 'Fictional: inquiry' });
    assert.equal(recordHold.statusCode, 201);
    assert.ok(!(await queue()).some((i) => i.id === item.id), 'held records leave the queue');
    const refused = await ig('POST', `/api/v1/retention/queue/${item.id}/decision`, { decision: 'approve', reason: 'Fictional: past its period' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().detail, /legal hold/);
    assert.equal((await api(w, 'hub_coordinator', 'GET', `/api/v1/referrals/${later.id}`)).statusCode, 200, 'nothing was deleted');

    const holds = (await ig('GET', '/api/v1/retention/holds')).json() as { id: string; recordId: string | null; reason: string }[];
    assert.equal(holds.length, 2);
    assert.equal((await ig('POST', `/api/v1/retention/holds/${recordHold.json().id}/release`)).statusCode, 204);
    assert.equal(
      (await ig('POST', `/api/v1/retention/queue/${item.id}/decision`, { decision: 'approve', reason: 'Fictional: hold released' })).statusCode,
      200,
    );
    assert.deepEqual(await tablesMentioning('Thistlewood'), []);
    assert.ok((await tablesMentioning('Marrowgate')).length > 0, 'the held child is untouched');
    const placed = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_event where action in ('retention_hold.placed', 'retention_hold.released')`.execute(db());
    assert.equal(placed.rows[0].n, 3);
  });
});

describe('access and pages', () => {
  test('only information governance sees the queue, decides and holds; the partnership admin keeps the schedule', async () => {
    for (const role of ['hub_coordinator', 'practitioner', 'partnership_admin', 'scrutiny_member'] as const) {
      assert.equal((await api(w, role, 'GET', '/api/v1/retention/queue')).statusCode, 403, role);
      assert.equal((await api(w, role, 'POST', '/api/v1/retention/holds', { reason: 'x', personId: w.users.practitioner.id })).statusCode, 403, role);
    }
    assert.equal((await api(w, 'hub_coordinator', 'GET', '/api/v1/retention/schedule')).statusCode, 403);
    const changed = await api(w, 'partnership_admin', 'PUT', '/api/v1/retention/schedule/referral_no_case', { years: 5, untilAge: null });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().years, 5);
    const schedule = (await api(w, 'partnership_admin', 'GET', '/api/v1/retention/schedule')).json() as { recordType: string; years: number; basis: string }[];
    assert.equal(schedule.find((e) => e.recordType === 'referral_no_case')?.years, 5);
    assert.ok(
      schedule.every((e) => e.basis.length > 20),
      'every default says its basis',
    );
    const bad = await ig('PUT', '/api/v1/retention/schedule/intelligence_corroborated', { years: 0, untilAge: 25 });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['untilAge', 'years'],
    );
    const ev = await sql<{ n: number }>`select count(*)::int as n from domain_event where name = 'retention_schedule.changed'`.execute(db());
    assert.equal(ev.rows[0].n, 1);
    const viewed = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_event where action = 'retention_queue.viewed' and person_id is not null`.execute(db());
    assert.ok(viewed.rows[0].n >= 1, 'reading the queue is audited per person shown');
  });

  test('the page: the queue with a decision form (a missing reason is shown in the error summary), the schedule form', async () => {
    const r = await refer('Peregrin', 'Ashcombe');
    await age(r.id, 7);
    await sweepRetention(w.svc, w.partnershipId);
    const item = (await queue()).find((i) => i.recordId === r.id)!;
    const b = await signedIn(w, 'information_governance');
    const page = await b.get('/governance/retention');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Peregrin Ashcombe/);
    assert.match(page.body, /Legal holds/);
    const refused = await b.submit('/governance/retention', `/governance/retention/queue/${item.id}`, { decision: 'defer', reason: '' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, new RegExp(`href="#reason-${item.id}"`));
    assert.match(refused.body, /value="defer" checked/, 'the chosen decision is kept');
    const ok = await b.submit('/governance/retention', `/governance/retention/queue/${item.id}`, { decision: 'defer', reason: 'Fictional: family court' });
    assert.equal(ok.statusCode, 303);

    const admin = await signedIn(w, 'partnership_admin');
    const adminPage = await admin.get('/governance/retention');
    assert.equal(adminPage.statusCode, 200);
    assert.doesNotMatch(adminPage.body, /Due for review/);
    const badYears = await admin.submit('/governance/retention/schedule/closed_case', '/governance/retention/schedule/closed_case', {
      years: 'six',
      untilAge: '25',
    });
    assert.equal(badYears.statusCode, 422);
    assert.match(badYears.body, /Enter the number of years/);
    assert.equal((await (await signedIn(w, 'practitioner')).get('/governance/retention')).statusCode, 403);
  });
});
