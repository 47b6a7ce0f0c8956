// The partnership's disclosure rule (issue 15.4) through the real app: the administrator sets it on the API and the
// admin page; others are refused; changing it changes the published triage report identically on the page, the
// CSV and the API, while those who may see exact counts keep exact figures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TRIAGE_CATEGORIES, TRIAGE_OUTCOMES } from '../src/modules/triage/vocab.ts';
import { api, type Browser, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const RULE = '/api/v1/disclosure-rule';
const JUNE = 'from=2024-06-01&to=2024-06-30';

/** June 2024: high CSE 3, medium CSE 7, medium CE 8, low CE 9 (27 referrals, all from the hub's agency). */
async function seedJune() {
  const cells: [string, string, number][] = [
    ['high', 'cse', 3],
    ['medium', 'cse', 7],
    ['medium', 'ce', 8],
    ['low', 'ce', 9],
  ];
  let day = 1;
  for (const [outcome, category, n] of cells) {
    for (let k = 0; k < n; k++, day = (day % 28) + 1) {
      const at = `2024-06-${String(day).padStart(2, '0')}T10:00:00Z`;
      const ref = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ receivedAt: at }));
      assert.equal(ref.statusCode, 201, ref.body);
      const d = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${ref.json().id}/triage-decision`, {
        outcome,
        category,
        rationale: 'Fictional test decision',
        decidedAt: `2024-06-${String(day).padStart(2, '0')}T11:00:00Z`,
      });
      assert.equal(d.statusCode < 300, true, d.body);
    }
  }
}

const setRule = (rule: Record<string, unknown>) => api(w, 'partnership_admin', 'PUT', RULE, rule);

type Shown = { cells: string[][]; rowTotals: string[]; total: string; note: string };

async function fromApi(): Promise<Shown & { published: boolean }> {
  const res = await api(w, 'scrutiny_member', 'GET', `/api/v1/reports/triage?${JUNE}`);
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json();
  const sum = (o: string) => r.byOutcomeAndCategory[o];
  return {
    published: r.published,
    cells: TRIAGE_OUTCOMES.map((o) => TRIAGE_CATEGORIES.map((c) => String(sum(o)[c]))),
    rowTotals: [],
    total: String(r.total),
    note: r.disclosure,
  };
}

async function fromPage(b: Browser): Promise<Shown> {
  const res = await b.get(`/reports/triage?${JUNE}`);
  assert.equal(res.statusCode, 200);
  const page = res.body;
  const start = page.indexOf('data-qa="report-levels"');
  const table = page.slice(start, page.indexOf('</table>', start));
  const rows = [...table.matchAll(/<tr class="govuk-table__row">\s*<th scope="row"[^>]*>[^<]*<\/th>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<td[^>]*>(?:<strong>)?([^<]*)/g)].map((x) => x[1].trim()),
  );
  const total = /data-qa="report-total"><strong>([^<]*)</.exec(page)?.[1] ?? '';
  const note = /data-qa="disclosure-note">Published figures: ([^<]*)\.</.exec(page)?.[1] ?? '';
  return {
    cells: rows.slice(0, TRIAGE_OUTCOMES.length).map((r) => r.slice(0, TRIAGE_CATEGORIES.length)),
    rowTotals: rows.slice(0, TRIAGE_OUTCOMES.length).map((r) => r[TRIAGE_CATEGORIES.length]),
    total,
    note,
  };
}

async function fromCsv(b: Browser): Promise<Shown> {
  const res = await b.get(`/reports/triage.csv?${JUNE}`);
  assert.equal(res.statusCode, 200);
  const lines = res.body.split('\r\n').map((l) => l.split(','));
  const levels = lines.findIndex((l) => l[0] === 'Level of risk');
  const rows = lines.slice(levels + 1, levels + 1 + TRIAGE_OUTCOMES.length);
  return {
    cells: rows.map((l) => l.slice(1, 1 + TRIAGE_CATEGORIES.length)),
    rowTotals: rows.map((l) => l[1 + TRIAGE_CATEGORIES.length]),
    total: lines.find((l) => l[0] === 'Total')?.at(-1) ?? '',
    note: res.body.split('\r\n')[0],
  };
}

const cell = (s: Shown, outcome: string, category: string) => s.cells[TRIAGE_OUTCOMES.indexOf(outcome as never)][TRIAGE_CATEGORIES.indexOf(category as never)];

/** The same figures on the API, the page and the CSV; returns them. */
async function everyOutput(b: Browser) {
  const [a, p, c] = [await fromApi(), await fromPage(b), await fromCsv(b)];
  assert.equal(a.published, true);
  assert.deepEqual(p.cells, a.cells, 'page cells = API cells');
  assert.deepEqual(c.cells, a.cells, 'CSV cells = API cells');
  assert.deepEqual(c.rowTotals, p.rowTotals, 'CSV row totals = page row totals');
  assert.equal(p.total, a.total, 'page total = API total');
  assert.equal(c.total, a.total, 'CSV total = API total');
  assert.equal(p.note, a.note, 'the page states the rule the API states');
  assert.ok(c.note.includes(`Published: ${a.note}`.split(',')[0]), `the CSV states the rule: ${c.note}`);
  return { ...a, rowTotals: p.rowTotals };
}

describe('the disclosure rule', () => {
  test('defaults to today’s rule; the administrator may change it, nobody else; bad input names the field', async () => {
    const get = await api(w, 'hub_member', 'GET', RULE);
    assert.equal(get.statusCode, 200, 'whoever reads reports reads the rule');
    assert.deepEqual(get.json(), {
      threshold: 5,
      rounding: 'none',
      secondary: true,
      description: 'counts from 1 to 5 are shown as c, and other counts are hidden where they would reveal them',
    });
    assert.equal((await api(w, 'practitioner', 'GET', RULE)).statusCode, 403, 'no reports, no rule');
    for (const role of ['hub_member', 'hub_coordinator', 'scrutiny_member', 'information_governance'] as const) {
      assert.equal((await api(w, role, 'PUT', RULE, { threshold: 2, rounding: 'none', secondary: false })).statusCode, 403, role);
    }
    const field = async (body: unknown) => {
      const res = await setRule(body as Record<string, unknown>);
      assert.equal(res.statusCode, 422, res.body);
      assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
      return res.json().errors.map((e: { field: string }) => e.field);
    };
    assert.deepEqual(await field({ threshold: 11, rounding: 'none', secondary: true }), ['threshold']);
    assert.deepEqual(await field({ threshold: -1, rounding: 'none', secondary: true }), ['threshold']);
    assert.deepEqual(await field({ threshold: 5, rounding: 'nearest_3', secondary: true }), ['rounding']);
    assert.deepEqual(await field({ threshold: 5, rounding: 'none', secondary: 'yes' }), ['secondary']);
    assert.deepEqual(await field({ threshold: 1, rounding: 'nearest_5', secondary: true }), ['threshold'], 'a 2 would be rounded to 0');
    assert.deepEqual(await field({ threshold: 5, rounding: 'none' }), ['secondary']);
    assert.deepEqual((await api(w, 'hub_member', 'GET', RULE)).json().threshold, 5, 'nothing saved');
  });

  test('changing the rule changes the published triage report identically on the page, the CSV and the API', async () => {
    await seedJune();
    const scrutiny = await signedIn(w, 'scrutiny_member');

    // Default: 1 to 5 hidden, with secondary suppression.
    const before = await everyOutput(scrutiny);
    assert.equal(cell(before, 'high', 'cse'), 'c');
    assert.match(before.note, /counts from 1 to 5 are shown as c, and other counts are hidden/);
    const hidden = before.cells.flat().filter((x) => x === 'c').length;
    assert.ok(hidden >= 2, 'secondary suppression hides another cell beside the 3');

    // Threshold 2, secondary off: the 3 is shown, and everything else.
    assert.equal((await setRule({ threshold: 2, rounding: 'none', secondary: false })).statusCode, 200);
    const low = await everyOutput(scrutiny);
    assert.equal(cell(low, 'high', 'cse'), '3');
    assert.equal(cell(low, 'medium', 'cse'), '7');
    assert.equal(low.total, '27');
    assert.ok(!low.cells.flat().includes('c'));
    assert.equal(low.note, 'counts from 1 to 2 are shown as c');

    // Threshold 5, secondary off: only the 3 (and its row total of 3) hidden; the 7 beside it is shown.
    assert.equal((await setRule({ threshold: 5, rounding: 'none', secondary: false })).statusCode, 200);
    const primary = await everyOutput(scrutiny);
    assert.deepEqual(
      primary.cells.flat().filter((x) => x === 'c'),
      ['c'],
    );
    assert.equal(cell(primary, 'high', 'cse'), 'c');
    assert.equal(cell(primary, 'medium', 'cse'), '7');
    assert.equal(primary.rowTotals[TRIAGE_OUTCOMES.indexOf('high')], 'c');
    assert.equal(primary.total, '27');

    // Rounding to the nearest 5, each figure on its own: 3 -> 5, 7 -> 5, 8 -> 10, 9 -> 10; the total 27 -> 25.
    assert.equal((await setRule({ threshold: 2, rounding: 'nearest_5', secondary: false })).statusCode, 200);
    const rounded = await everyOutput(scrutiny);
    assert.equal(cell(rounded, 'high', 'cse'), '5');
    assert.equal(cell(rounded, 'medium', 'cse'), '5');
    assert.equal(cell(rounded, 'medium', 'ce'), '10');
    assert.equal(cell(rounded, 'low', 'ce'), '10');
    assert.equal(rounded.rowTotals[TRIAGE_OUTCOMES.indexOf('medium')], '15', '7 + 8 = 15, rounded on its own');
    assert.equal(rounded.total, '25');
    assert.match(rounded.note, /rounded to the nearest 5, each on its own, so totals may not add up/);

    // Those who may see exact counts keep exact figures; asking for the published version follows the rule.
    const exact = (await api(w, 'hub_coordinator', 'GET', `/api/v1/reports/triage?${JUNE}`)).json();
    assert.equal(exact.published, false);
    assert.equal(exact.byOutcomeAndCategory.high.cse, 3);
    assert.equal(exact.total, 27);
    assert.equal(exact.disclosure, null);
    const asPublished = (await api(w, 'hub_coordinator', 'GET', `/api/v1/reports/triage?${JUNE}&publish=true`)).json();
    assert.equal(asPublished.total, 25);

    // Back to the default: the first figures again.
    assert.equal((await setRule({ threshold: 5, rounding: 'none', secondary: true })).statusCode, 200);
    assert.deepEqual((await everyOutput(scrutiny)).cells, before.cells);
  });

  test('each change is audited once; saving the same rule again records nothing', async () => {
    const count = async () => (await w.database.db.selectFrom('audit_event').select('action').where('action', '=', 'disclosure_rule.changed').execute()).length;
    const start = await count();
    assert.equal((await setRule({ threshold: 3, rounding: 'none', secondary: true })).statusCode, 200);
    assert.equal(await count(), start + 1);
    const again = await setRule({ threshold: 3, rounding: 'none', secondary: true });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().threshold, 3);
    assert.equal(await count(), start + 1, 'a double submission changes nothing');
    await setRule({ threshold: 5, rounding: 'none', secondary: true });
  });

  test('the admin page: the administrator sets the rule; an error names the field; others are refused', async () => {
    const admin = await signedIn(w, 'partnership_admin');
    const index = await admin.get('/admin');
    assert.match(index.body, /href="\/admin\/disclosure">Disclosure control</);
    const page = await admin.get('/admin/disclosure');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-qa="current-rule">counts from 1 to 5 are shown as c/);
    const bad = await admin.submit('/admin/disclosure', '/admin/disclosure', { threshold: 'five', rounding: 'none', secondary: 'yes' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /href="#threshold">The threshold must be a whole number from 0 to 10/);
    assert.match(bad.body, /value="five"/, 'what was typed is kept');
    const tooLow = await admin.submit('/admin/disclosure', '/admin/disclosure', { threshold: '1', rounding: 'nearest_10', secondary: 'yes' });
    assert.equal(tooLow.statusCode, 422);
    assert.match(tooLow.body, /href="#threshold">With rounding to the nearest 10, the threshold must be at least 4/);
    const ok = await admin.submit('/admin/disclosure', '/admin/disclosure', { threshold: '4', rounding: 'nearest_10', secondary: 'no' });
    assert.equal(ok.statusCode, 303);
    const after = await admin.get('/admin/disclosure');
    assert.match(after.body, /data-qa="current-rule">counts from 1 to 4 are shown as c; figures are rounded to the nearest 10/);
    assert.deepEqual((await api(w, 'scrutiny_member', 'GET', RULE)).json().rounding, 'nearest_10');
    await setRule({ threshold: 5, rounding: 'none', secondary: true });

    for (const role of ['hub_member', 'hub_coordinator', 'scrutiny_member'] as const) {
      const b = await signedIn(w, role);
      assert.equal((await b.get('/admin/disclosure')).statusCode, 403, role);
      assert.doesNotMatch((await b.get('/admin')).body, /Disclosure control/, `${role}: no admin link`);
    }
  });
});
