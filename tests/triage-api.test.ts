// Screening, triage decisions and the triage report through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screeningHistory } from '../src/modules/screening/use-cases.ts';
import { referralDecisions } from '../src/modules/triage/use-cases.ts';
import { TRIAGE_CATEGORIES, TRIAGE_OUTCOMES } from '../src/modules/triage/vocab.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { addDays, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const refer = async (who: 'practitioner' | 'hub_coordinator' | 'otherPractitioner' = 'practitioner', extra: Record<string, unknown> = {}) =>
  (await api(w, who, 'POST', '/api/v1/referrals', referralBody(extra))).json();
const today = () => ukDate(new Date());

describe('screening', () => {
  test('the practitioner sees the suggested level and the indicators that drove it', async () => {
    const r = await refer();
    const res = await api(w, 'practitioner', 'POST', `/api/v1/referrals/${r.id}/screenings`, {
      answers: { missing: 'current', older_associates: 'past_6_months', repeat_missing: 'current', isolated: 'current', drug_debt: '6_to_12_months' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    assert.equal(s.score, 1 + 1 + 5 + 1 + 1);
    assert.equal(s.suggestedLevel, 'mild');
    assert.equal(s.level, 'mild');
    assert.equal(s.drivers[0].key, 'repeat_missing', 'highest points first');
    assert.equal(s.rescreenDue > today(), true);
  });

  test('a significant incident forces the highest level; an override needs a reason; history is kept', async () => {
    const r = await refer();
    const forced = (await api(w, 'practitioner', 'POST', `/api/v1/referrals/${r.id}/screenings`, { answers: { disclosure_sexual_abuse: 'current' } })).json();
    assert.equal(forced.score, 0);
    assert.equal(forced.suggestedLevel, 'significant');
    assert.equal(forced.forcedBy[0].key, 'disclosure_sexual_abuse');
    const noReason = await api(w, 'practitioner', 'POST', `/api/v1/referrals/${r.id}/screenings`, { answers: {}, overrideLevel: 'moderate' });
    assert.equal(noReason.statusCode, 422);
    assert.equal(noReason.json().errors[0].field, 'overrideReason');
    const judged = await api(w, 'practitioner', 'POST', `/api/v1/referrals/${r.id}/screenings`, {
      answers: {},
      overrideLevel: 'moderate',
      overrideReason: 'Fictional: known to be with an older group nightly',
    });
    assert.equal(judged.statusCode, 201);
    assert.equal(judged.json().suggestedLevel, 'not_at_risk');
    assert.equal(judged.json().level, 'moderate');
    assert.equal(judged.json().overridden, true);
    const { screenings } = await w.svc.run(screeningHistory, actorOf('practitioner'), { id: r.id });
    assert.equal(screenings.length, 2);
  });

  test('answers to indicators that are not in the toolkit, or bad answers, are refused and nothing is saved', async () => {
    const r = await refer();
    const unknown = await api(w, 'practitioner', 'POST', `/api/v1/referrals/${r.id}/screenings`, { answers: { flying: 'current' } });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].field, 'answers.flying');
    const bad = await api(w, 'practitioner', 'POST', `/api/v1/referrals/${r.id}/screenings`, { answers: { missing: 'sometimes' } });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, 'answers.missing');
    const saved = await w.database.db.selectFrom('screening').select('id').where('referral_id', '=', r.id).execute();
    assert.equal(saved.length, 0);
  });

  test('a practitioner cannot screen another agency’s referral; a scrutiny member cannot screen at all', async () => {
    const theirs = await refer('otherPractitioner');
    assert.equal((await api(w, 'practitioner', 'POST', `/api/v1/referrals/${theirs.id}/screenings`, { answers: {} })).statusCode, 403);
    assert.equal((await api(w, 'scrutiny_member', 'POST', `/api/v1/referrals/${theirs.id}/screenings`, { answers: {} })).statusCode, 403);
    assert.equal((await api(w, 'hub_member', 'POST', `/api/v1/referrals/${theirs.id}/screenings`, { answers: {} })).statusCode, 201, 'the hub may');
  });
});

function actorOf(role: 'practitioner' | 'hub_coordinator'): Actor {
  const u = w.users[role];
  return { userId: u.id, partnershipId: w.partnershipId, agencyId: u.agencyId, role, name: 'x', email: u.email, via: 'session' };
}

describe('triage decisions', () => {
  test('a decision joins that day’s meeting (created when needed), and a later one supersedes it', async () => {
    const r = await refer();
    const first = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
      outcome: 'medium',
      category: 'cse',
      rationale: 'Fictional: older associates and missing episodes.',
      actions: [{ description: 'Arrange a strategy discussion', ownerAgencyId: w.agencies.hub, dueDate: addDays(today(), 3) }],
    });
    assert.equal(first.statusCode, 201, first.body);
    const d1 = first.json();
    assert.equal(d1.meetingDate, today());
    assert.equal(d1.actions.length, 1);
    assert.equal(d1.actions[0].rag, 'amber');
    const second = await api(w, 'hub_member', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
      outcome: 'high',
      category: 'ce_and_cse',
      rationale: 'Fictional: new intelligence.',
    });
    assert.equal(second.statusCode, 201);
    assert.equal(second.json().meetingId, d1.meetingId, 'same day, same meeting');
    const { decisions } = await w.svc.run(referralDecisions, actorOf('hub_coordinator'), { id: r.id });
    assert.deepEqual(
      decisions.map((d) => [d.outcome, d.superseded]),
      [
        ['high', false],
        ['medium', true],
      ],
    );
    const referral = (await api(w, 'hub_coordinator', 'GET', `/api/v1/referrals/${r.id}`)).json();
    assert.equal(referral.status, 'triaged');
  });

  test('a back-dated decision joins the meeting of its own day and does not supersede a later one', async () => {
    const r = await refer('hub_coordinator', { receivedAt: '2025-01-06T09:00:00Z' });
    await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
      outcome: 'low',
      category: 'ce',
      rationale: 'x',
      decidedAt: '2025-01-08T10:00:00Z',
    });
    const older = (
      await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/triage-decision`, {
        outcome: 'high',
        category: 'ce',
        rationale: 'y',
        decidedAt: '2025-01-07T10:00:00Z',
      })
    ).json();
    assert.equal(older.meetingDate, '2025-01-07');
    assert.equal(older.superseded, true);
    const row = await w.database.db.selectFrom('referral').select(['triage_outcome']).where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(row.triage_outcome, 'low');
  });

  test('bad decisions are refused with the field named, and nothing is saved', async () => {
    const r = await refer();
    const url = `/api/v1/referrals/${r.id}/triage-decision`;
    const cases: [unknown, number, string][] = [
      [{ outcome: 'severe', category: 'cse', rationale: 'x' }, 422, 'outcome'],
      [{ outcome: 'high', category: 'gangs', rationale: 'x' }, 422, 'category'],
      [{ outcome: 'high', category: 'cse', rationale: '   ' }, 422, 'rationale'],
      [
        { outcome: 'high', category: 'cse', rationale: 'x', actions: [{ description: 'Visit', ownerAgencyId: '', dueDate: addDays(today(), 1) }] },
        422,
        'actions[0].ownerAgencyId',
      ],
      [
        { outcome: 'high', category: 'cse', rationale: 'x', actions: [{ description: 'Visit', ownerAgencyId: w.agencies.hub, dueDate: '2020-01-01' }] },
        422,
        'actions[0].dueDate',
      ],
      [{ outcome: 'high', category: 'cse', rationale: 'x', meetingId: '6f1c1d7e-0000-4000-8000-000000000000' }, 422, 'meetingId'],
      [{ outcome: 'high', category: 'cse', rationale: 'x', decidedAt: '2099-01-01T00:00:00Z' }, 422, 'decidedAt'],
    ];
    for (const [body, status, field] of cases) {
      const res = await api(w, 'hub_coordinator', 'POST', url, body);
      assert.equal(res.statusCode, status, `${field}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === field),
        `${field}: ${res.body}`,
      );
    }
    const missing = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals/6f1c1d7e-0000-4000-8000-000000000000/triage-decision', {
      outcome: 'high',
      category: 'cse',
      rationale: 'x',
    });
    assert.equal(missing.statusCode, 404);
    const saved = await w.database.db.selectFrom('triage_decision').select('id').where('referral_id', '=', r.id).execute();
    assert.equal(saved.length, 0);
  });

  test('practitioners and scrutiny members cannot record decisions', async () => {
    const r = await refer();
    for (const who of ['practitioner', 'scrutiny_member', 'manager'] as const) {
      assert.equal(
        (await api(w, who, 'POST', `/api/v1/referrals/${r.id}/triage-decision`, { outcome: 'low', category: 'cse', rationale: 'x' })).statusCode,
        403,
        who,
      );
    }
  });
});

describe('the triage report', () => {
  let report: World;
  before(async () => {
    report = await world();
  });
  after(() => report?.close());

  test('counts referrals received in the period by standing decision and referrer, zeros included; undecided are awaiting', async () => {
    const r = (body: Record<string, unknown>) => api(report, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody(body)).then((x) => x.json());
    const decide = (id: string, outcome: string, category: string) =>
      api(report, 'hub_coordinator', 'POST', `/api/v1/referrals/${id}/triage-decision`, {
        outcome,
        category,
        rationale: 'x',
        decidedAt: '2025-01-20T10:00:00Z',
      });
    const a = await r({ receivedAt: '2025-01-10T10:00:00Z' });
    const b = await r({ receivedAt: '2025-01-31T23:30:00Z', referringAgencyId: report.agencies.police }); // 31 Jan in the UK (GMT)
    const c = await r({ receivedAt: '2025-01-15T10:00:00Z' });
    await r({ receivedAt: '2025-02-01T00:30:00Z' }); // outside
    await decide(a.id, 'high', 'cse');
    await decide(b.id, 'low', 'ce');
    await api(report, 'hub_coordinator', 'POST', `/api/v1/referrals/${b.id}/triage-decision`, {
      outcome: 'medium',
      category: 'ce',
      rationale: 'later',
      decidedAt: '2025-02-02T10:00:00Z',
    });
    const res = await api(report, 'hub_coordinator', 'GET', '/api/v1/reports/triage?from=2025-01-01&to=2025-01-31');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.total, 3);
    assert.equal(body.awaitingTriage, 1);
    assert.equal(body.byOutcomeAndCategory.high.cse, 1);
    assert.equal(body.byOutcomeAndCategory.medium.ce, 1, 'classified by the latest decision');
    assert.equal(body.byOutcomeAndCategory.low.ce, 0);
    assert.deepEqual(Object.keys(body.byOutcomeAndCategory), [...TRIAGE_OUTCOMES]);
    assert.deepEqual(Object.keys(body.byOutcomeAndCategory.high), [...TRIAGE_CATEGORIES]);
    assert.equal(body.byReferrerSector.police, 1);
    assert.equal(body.byReferrerSector.childrens_social_care, 2);
    assert.equal(body.byReferrerSector.health, 0);
    void c;
  });

  test('a scrutiny member and a publication export see counts 1 to 5 as c', async () => {
    const scrutiny = (await api(report, 'scrutiny_member', 'GET', '/api/v1/reports/triage?from=2025-01-01&to=2025-01-31')).json();
    assert.equal(scrutiny.published, true);
    assert.equal(scrutiny.byOutcomeAndCategory.high.cse, 'c');
    assert.equal(scrutiny.total, 'c');
    assert.equal(scrutiny.byReferrerSector.health, 0, 'zeros are shown');
    const published = (await api(report, 'hub_coordinator', 'GET', '/api/v1/reports/triage?from=2025-01-01&to=2025-01-31&publish=true')).json();
    assert.equal(published.byReferrerSector.police, 'c');
  });

  // 2024: seven high CSE referrals from January to March, and one more on 1 April. The quarter shows 7; a period
  // one day longer would show 8, and the difference would name the 1 April referral's level and category.
  const quarter = 'from=2024-01-01&to=2024-03-31';
  const shifted = 'from=2024-01-01&to=2024-04-01';
  const seed2024 = async () => {
    for (const day of ['01-05', '01-19', '02-02', '02-16', '03-01', '03-15', '03-31', '04-01']) {
      const ref = (await api(report, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ receivedAt: `2024-${day}T12:00:00Z` }))).json();
      await api(report, 'hub_coordinator', 'POST', `/api/v1/referrals/${ref.id}/triage-decision`, {
        outcome: 'high',
        category: 'cse',
        rationale: 'x',
        decidedAt: `2024-${day}T13:00:00Z`,
      });
    }
  };

  test('the one-day attack: a scrutiny member cannot move the period end by a day, on the API, the page or the CSV', async () => {
    await seed2024();
    const a = await api(report, 'scrutiny_member', 'GET', `/api/v1/reports/triage?${quarter}`);
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(a.json().byOutcomeAndCategory.high.cse, 7);
    const b = await api(report, 'scrutiny_member', 'GET', `/api/v1/reports/triage?${shifted}`);
    assert.equal(b.statusCode, 422, b.body);
    assert.deepEqual(
      b.json().errors.map((e: { field: string }) => e.field),
      ['to'],
    );
    assert.match(b.json().errors[0].detail, /last day of a month.*choose 31 March 2024 or 30 April 2024/);
    assert.equal(
      (await api(report, 'scrutiny_member', 'GET', '/api/v1/reports/triage?from=2024-01-02&to=2024-03-31')).json().errors[0].field,
      'from',
      'nor the start',
    );
    assert.equal((await api(report, 'hub_coordinator', 'GET', `/api/v1/reports/triage?${shifted}&publish=true`)).statusCode, 422, 'nor a publication export');
    assert.equal(
      (await api(report, 'hub_coordinator', 'GET', `/api/v1/reports/triage?${shifted}`)).json().byOutcomeAndCategory.high.cse,
      8,
      'exact counts: any period',
    );

    const browser = await signedIn(report, 'scrutiny_member');
    const page = await browser.get(`/reports/triage?${shifted}`);
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /govuk-error-summary/);
    assert.match(page.body, /href="#to">The end of the period must be the last day of a month/);
    assert.doesNotMatch(page.body, /data-qa="report-levels"/, 'no figures');
    assert.match(page.body, /<select class="govuk-select[^"]*" id="to" name="to"/, 'months to choose from, not free dates');
    assert.equal((await browser.get(`/reports/triage.csv?${shifted}`)).statusCode, 422);
    const def = await browser.get('/reports/triage');
    assert.equal(def.statusCode, 200, 'the default period is a whole quarter');
    assert.match(def.body, /Quarters:/);
  });

  test('API, page and CSV give a scrutiny member the same suppressed figures for the same whole months', async () => {
    const q = 'from=2024-01-01&to=2025-01-31'; // the 2024 referrals and January 2025's: some cells 1 to 5, some not
    const r = (await api(report, 'scrutiny_member', 'GET', `/api/v1/reports/triage?${q}`)).json();
    assert.equal(r.published, true);
    const rows = TRIAGE_OUTCOMES.map((o) => TRIAGE_CATEGORIES.map((c) => String(r.byOutcomeAndCategory[o][c])));
    assert.ok(rows.flat().includes('c') && rows.flat().includes('9'), JSON.stringify(rows));
    const browser = await signedIn(report, 'scrutiny_member');
    const page = (await browser.get(`/reports/triage?${q}`)).body;
    const table = page.slice(page.indexOf('data-qa="report-levels"'), page.indexOf('</table>', page.indexOf('data-qa="report-levels"')));
    const bodyRows = [...table.matchAll(/<tr class="govuk-table__row">\s*<th scope="row"[^>]*>[^<]*<\/th>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td[^>]*>(?:<strong>)?([^<]*)/g)].map((x) => x[1]),
    );
    assert.deepEqual(
      bodyRows.slice(0, TRIAGE_OUTCOMES.length).map((cells) => cells.slice(0, TRIAGE_CATEGORIES.length)),
      rows,
      'page cells',
    );
    assert.match(page, new RegExp(`data-qa="report-total"><strong>${r.total}<`));
    const csv = (await browser.get(`/reports/triage.csv?${q}`)).body.split('\r\n').map((l) => l.split(','));
    const levels = csv.findIndex((l) => l[0] === 'Level of risk');
    assert.deepEqual(
      csv.slice(levels + 1, levels + 1 + TRIAGE_OUTCOMES.length).map((l) => l.slice(1, 1 + TRIAGE_CATEGORIES.length)),
      rows,
      'CSV cells',
    );
    assert.equal(csv.find((l) => l[0] === 'Total')?.at(-1), String(r.total));
    assert.equal(csv.find((l) => l[0] === 'Awaiting triage')?.[1], String(r.awaitingTriage));
  });

  test('a bad period is refused; practitioners cannot see reports', async () => {
    const bad = await api(report, 'hub_coordinator', 'GET', '/api/v1/reports/triage?from=2025-02-01&to=2025-01-01');
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, 'to');
    assert.equal((await api(report, 'hub_coordinator', 'GET', '/api/v1/reports/triage?from=2025-02-30&to=2025-03-01')).json().errors[0].field, 'from');
    assert.equal((await api(report, 'practitioner', 'GET', '/api/v1/reports/triage?from=2025-01-01&to=2025-01-31')).statusCode, 403);
  });
});

describe('retries', () => {
  test('a screening or decision retried with its Idempotency-Key returns the first; the key with a different request is refused', async () => {
    const r = await refer('hub_coordinator');
    const screen = (body: unknown) => api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${r.id}/screenings`, body, { 'idempotency-key': 'screen-1' });
    const first = await screen({ answers: { missing: 'current' } });
    assert.equal(first.statusCode, 201);
    const again = await screen({ answers: { missing: 'current' } });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, first.json().id);
    assert.equal((await screen({ answers: { missing: 'past_6_months' } })).statusCode, 422);
    const decide = (rationale: string) =>
      api(
        w,
        'hub_coordinator',
        'POST',
        `/api/v1/referrals/${r.id}/triage-decision`,
        { outcome: 'low', category: 'ce', rationale },
        { 'idempotency-key': 'decide-1' },
      );
    const d1 = await decide('Fictional: first');
    assert.equal(d1.statusCode, 201);
    assert.equal((await decide('Fictional: first')).json().id, d1.json().id);
    assert.equal((await decide('Fictional: something else')).statusCode, 422);
    const saved = await w.database.db.selectFrom('triage_decision').select('id').where('referral_id', '=', r.id).execute();
    assert.equal(saved.length, 1);
  });
});
