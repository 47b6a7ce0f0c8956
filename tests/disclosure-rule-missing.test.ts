// The partnership's disclosure rule on the committee's missing figures (issue 15.4): the page, the CSV and the API
// show the same figures under the default rule and under the partnership's own (threshold 2, secondary off; then
// rounding to the nearest 5), and the quarterly missing report's API follows it too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MEASURES } from '../src/modules/missing/committee-figures.ts';
import { api, type Browser, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
const PERIOD = 'from=2024-06-01&to=2024-06-30';
const API = `/api/v1/reports/missing/committee-figures?${PERIOD}`;

/** June 2024: 3 episodes of a looked-after child and 8 of a child who is not, each found within a day. */
before(async () => {
  w = await world();
  const child = async (k: number) =>
    (
      await api(
        w,
        'practitioner',
        'POST',
        '/api/v1/referrals',
        referralBody({ subject: { ...referralBody().subject, givenName: `Testchild${k}`, nhsNumber: undefined } }),
      )
    ).json().personId;
  const [cared, other] = [await child(1), await child(2)];
  for (let k = 0; k < 11; k++) {
    const lookedAfter = k < 3;
    const day = String(k + 1).padStart(2, '0');
    const res = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
      personId: lookedAfter ? cared : other,
      classification: 'missing',
      riskGrade: 'medium',
      reportedAt: `2024-06-${day}T18:00:00Z`,
      returnedAt: `2024-06-${day}T22:00:00Z`,
      lookedAfter,
      ...(lookedAfter ? { responsibleAuthority: 'Testshire Council (fictional)' } : {}),
      placedByOtherLa: false,
    });
    assert.equal(res.statusCode, 201, res.body);
  }
});
after(() => w?.close());

/** Every figure of the API's body in the order the page lays them out, and in the CSV's order. */
async function outputs(b: Browser) {
  const res = await api(w, 'scrutiny_member', 'GET', API);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.suppressed, true);
  const pageOrder = [
    ...body.figures.map((f: { value: unknown }) => String(f.value)),
    ...body.splits.flatMap((s: { groups: { figures: { value: unknown }[] }[] }) =>
      s.groups[0].figures.flatMap((_, i) => s.groups.map((g) => String(g.figures[i].value))),
    ),
  ];
  const csvOrder = [
    ...body.figures.map((f: { value: unknown }) => String(f.value)),
    ...body.splits.flatMap((s: { groups: { figures: { value: unknown }[] }[] }) => s.groups.flatMap((g) => g.figures.map((f) => String(f.value)))),
  ];
  const page = await b.get(`/missing/report/committee?${PERIOD}`);
  assert.equal(page.statusCode, 200);
  const pageValues = [...page.body.matchAll(/data-qa="value">([^<]*)</g)].map((m) => m[1].trim());
  assert.deepEqual(pageValues, pageOrder, 'page = API');
  const csv = await b.get(`/missing/report/committee.csv?${PERIOD}`);
  assert.equal(csv.statusCode, 200);
  const csvValues = csv.body
    .split('\r\n')
    .map((l) => l.split(','))
    .filter((cells) => cells.length >= 4 && MEASURES.some((m) => m.label === cells[1]))
    .map((cells) => cells[3]);
  assert.deepEqual(csvValues, csvOrder, 'CSV = API');
  const note = /data-qa="disclosure-note">Published figures, to protect children’s identities: ([^<]*)\.</.exec(page.body)?.[1];
  assert.equal(note, body.disclosure, 'the page states the rule the API states');
  assert.ok(csv.body.split('\r\n')[0].includes(`Published: ${String(body.disclosure).split(',')[0]}`), 'the CSV states it');
  const care = body.splits.find((s: { key: string }) => s.key === 'care');
  const returns = (key: string) => care.groups.find((g: { key: string }) => g.key === key).figures.find((f: { key: string }) => f.key === 'returns').value;
  return { returns, total: body.figures.find((f: { key: string }) => f.key === 'returns').value, episodes: body.episodes };
}

test('the committee’s missing figures follow the partnership’s rule identically in the page, the CSV and the API', async () => {
  const b = await signedIn(w, 'scrutiny_member');
  const before = await outputs(b);
  assert.equal(before.returns('looked_after'), 'c', 'default: 3 returns of a looked-after child hidden');

  const set = (rule: Record<string, unknown>) => api(w, 'partnership_admin', 'PUT', '/api/v1/disclosure-rule', rule);
  try {
    assert.equal((await set({ threshold: 2, rounding: 'none', secondary: false })).statusCode, 200);
    const open = await outputs(b);
    assert.equal(open.returns('looked_after'), 3);
    assert.equal(open.returns('not_looked_after'), 8);
    assert.equal(open.total, 11);
    const quarterly = (await api(w, 'scrutiny_member', 'GET', `/api/v1/reports/missing?${PERIOD}`)).json();
    assert.equal(quarterly.episodes, 11);
    assert.equal(quarterly.disclosure, 'counts from 1 to 2 are shown as c');

    assert.equal((await set({ threshold: 2, rounding: 'nearest_5', secondary: false })).statusCode, 200);
    const rounded = await outputs(b);
    assert.equal(rounded.returns('looked_after'), 5);
    assert.equal(rounded.returns('not_looked_after'), 10);
    assert.equal(rounded.total, 10, '11 rounded on its own, not 5 + 10');
    assert.equal(rounded.episodes, 10);
    assert.equal((await api(w, 'scrutiny_member', 'GET', `/api/v1/reports/missing?${PERIOD}`)).json().episodes, 10);

    const exact = (await api(w, 'hub_coordinator', 'GET', API)).json();
    assert.equal(exact.suppressed, false);
    assert.equal(exact.episodes, 11, 'those who may see exact counts keep them');
  } finally {
    await set({ threshold: 5, rounding: 'none', secondary: true });
  }
});
