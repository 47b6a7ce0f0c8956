// The missing figures a committee asks for (issue 15.3): counts equal naive counts over generated episodes, the
// 72-hour shares against both denominators, the splits, found within 24 hours, the SQL equal to the pure counting,
// scrutiny sees `c` alike in page, API and CSV, the chart and its table agree, and who may and may not see them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type CommitteeFigures,
  committeeFigures,
  cubeOf,
  type FigureEpisode,
  type GroupCounts,
  lastQuarters,
  MEASURES,
  measureRows,
} from '../src/modules/missing/committee-figures.ts';
import type { ReportInterview } from '../src/modules/missing/report.ts';
import { lastWholeQuarter } from '../src/modules/reports/domain.ts';
import { addDays, ukDate, ukDayStart } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

const HOUR = 3_600_000;
const at = (s: string) => new Date(s);
const plus = (d: Date, h: number) => new Date(d.getTime() + h * HOUR);

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

interface Generated {
  episode: FigureEpisode;
  interview: ReportInterview | null;
}

/** Episodes reported in [start, start + days), each with at most one interview, as the pages allow them. */
function generate(seed: number, n: number, start: Date, days: number): Generated[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, k) => {
    const reportedAt = new Date(start.getTime() + Math.floor(r.next() * days * 24) * HOUR + r.int(60) * 60_000);
    const care = r.int(3);
    const lookedAfter = care > 0;
    const placedByOtherLa = care === 2;
    const classification = lookedAfter && r.next() < 0.4 ? 'away_without_authorisation' : 'missing';
    const returnedAt = r.next() < 0.85 ? plus(reportedAt, r.pick([1, 12, 23.9, 24, 24.1, 30, 60])) : null;
    const episode: FigureEpisode = {
      id: `e${k}`,
      childId: `c${r.int(Math.max(1, n / 3))}`,
      reportedAt,
      returnedAt,
      classification,
      lookedAfter,
      placedByOtherLa,
    };
    if (!returnedAt || r.next() < 0.2) return { episode, interview: null };
    const offeredAt = plus(returnedAt, r.pick([1, 48, 72, 73, 100]));
    const fate = r.pick(['offered', 'completed', 'completed', 'declined'] as const);
    const interview: ReportInterview = { episodeId: episode.id, offeredAt };
    if (fate === 'completed') interview.completedAt = plus(offeredAt, r.pick([0, 10, 30]));
    if (fate === 'declined') Object.assign(interview, { declinedAt: plus(offeredAt, 2), declineReason: 'child_declined' });
    return { episode, interview };
  });
}

/** The figures counted the slow, obvious way, episode by episode. */
function naive(items: readonly Generated[]): GroupCounts {
  const c: GroupCounts = {
    returns: 0,
    foundWithin24Hours: 0,
    interviewsOffered: 0,
    offeredWithin72Hours: 0,
    interviewsCompleted: 0,
    completedWithin72Hours: 0,
    declined: 0,
    awaiting: 0,
    notOffered: 0,
  };
  for (const { episode: e, interview: i } of items) {
    if (!e.returnedAt) continue;
    c.returns++;
    const due = e.returnedAt.getTime() + 72 * HOUR;
    if (e.returnedAt.getTime() - e.reportedAt.getTime() <= 24 * HOUR) c.foundWithin24Hours++;
    const offered = i?.offeredAt ?? i?.completedAt;
    if (!offered) {
      c.notOffered++;
      continue;
    }
    c.interviewsOffered++;
    if (offered.getTime() <= due) c.offeredWithin72Hours++;
    if (i?.completedAt) {
      c.interviewsCompleted++;
      if (i.completedAt.getTime() <= due) c.completedWithin72Hours++;
    } else if (i?.declinedAt) c.declined++;
    else c.awaiting++;
  }
  return c;
}

const period = { from: '2026-04-01', to: '2026-06-30' };
const figuresOf = (items: Generated[], p = period, publish = false) =>
  committeeFigures(
    cubeOf(
      items.map((x) => x.episode),
      items.flatMap((x) => (x.interview ? [x.interview] : [])),
      p,
    ),
    p,
    publish,
  );
const careOf = (e: FigureEpisode) => (e.placedByOtherLa ? 'placed_in' : e.lookedAfter ? 'looked_after' : 'not_looked_after');
const group = (f: CommitteeFigures, split: string, key: string) => f.splits.find((s) => s.key === split)?.groups.find((g) => g.key === key)?.counts;

describe('the figures (pure)', () => {
  test('on 120 generated quarters, every figure and every split equals a naive count of the episodes', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const items = generate(seed, 5 + (seed % 60), ukDayStart(period.from), 91);
      const f = figuresOf(items);
      assert.deepEqual(f.total, naive(items), `seed ${seed}`);
      assert.equal(f.episodes, items.length);
      assert.equal(f.notReturned, items.filter((x) => !x.episode.returnedAt).length);
      assert.equal(f.children, new Set(items.map((x) => x.episode.childId)).size);
      for (const care of ['looked_after', 'placed_in', 'not_looked_after'])
        assert.deepEqual(group(f, 'care', care), naive(items.filter((x) => careOf(x.episode) === care)), `seed ${seed} ${care}`);
      for (const cls of ['missing', 'away_without_authorisation'])
        assert.deepEqual(group(f, 'classification', cls), naive(items.filter((x) => x.episode.classification === cls)), `seed ${seed} ${cls}`);
    }
  });

  test('offered and held within 72 hours are shares of all returns and of the interviews: 46.7% against 77.8%', () => {
    // 15 returns; 9 interviews held, 7 of them within 72 hours (as in the demo quarter); 12 offered, 10 in time.
    const items: Generated[] = [];
    const base = at('2026-05-04T09:00:00Z');
    for (let k = 0; k < 15; k++) {
      const reportedAt = plus(base, k * 30);
      const returnedAt = plus(reportedAt, 10);
      const episode: FigureEpisode = {
        id: `x${k}`,
        childId: `c${k}`,
        reportedAt,
        returnedAt,
        classification: 'missing',
        lookedAfter: false,
        placedByOtherLa: false,
      };
      const offeredAt = k < 10 ? plus(returnedAt, 2) : k < 12 ? plus(returnedAt, 80) : null;
      const completedAt = k < 7 ? plus(returnedAt, 71.9) : k === 7 ? plus(returnedAt, 90) : k === 8 ? plus(returnedAt, 72.1) : null;
      const interview = offeredAt ? { episodeId: episode.id, offeredAt, completedAt, ...(k === 9 ? { declinedAt: plus(returnedAt, 3) } : {}) } : null;
      items.push({ episode, interview });
    }
    assert.deepEqual(figuresOf(items).total, {
      returns: 15,
      foundWithin24Hours: 15,
      interviewsOffered: 12,
      offeredWithin72Hours: 10,
      interviewsCompleted: 9,
      completedWithin72Hours: 7,
      declined: 1,
      awaiting: 2,
      notOffered: 3,
    });
    const json = committeeRows(figuresOf(items));
    assert.deepEqual(json.completedWithin72Hours, ['7', '46.7% of returned episodes', '77.8% of interviews held']);
    assert.deepEqual(json.offeredWithin72Hours, ['10', '66.7% of returned episodes', '83.3% of interviews offered']);
    assert.deepEqual(json.declined, ['1', '6.7% of returned episodes', '8.3% of interviews offered']);
    assert.deepEqual(json.notOffered, ['3', '20% of returned episodes']);
  });

  test('found within 24 hours: exactly 24 hours after the report counts, a minute later does not, and neither does not yet returned', () => {
    const reportedAt = at('2026-05-10T12:00:00Z');
    const ep = (id: string, returnedAt: Date | null): Generated => ({
      episode: { id, childId: id, reportedAt, returnedAt, classification: 'missing', lookedAfter: true, placedByOtherLa: false },
      interview: null,
    });
    const f = figuresOf([ep('a', plus(reportedAt, 24)), ep('b', plus(reportedAt, 24 + 1 / 60)), ep('c', null), ep('d', plus(reportedAt, 0.5))]);
    assert.equal(f.total.foundWithin24Hours, 2);
    assert.equal(f.total.returns, 3);
    assert.deepEqual(committeeRows(f).foundWithin24Hours, ['2', '66.7% of returned episodes']);
  });

  test('published: counts 1 to 5 are c, shown figures are exact, and a lone hidden group is not left to be worked out from the total', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const items = generate(seed * 7, 10 + (seed % 80), ukDayStart(period.from), 91);
      const exact = figuresOf(items);
      const pub = figuresOf(items, period, true);
      const check = (e: GroupCounts<number | 'c'>, p: GroupCounts<number | 'c'>, where: string) => {
        for (const m of MEASURES) {
          const n = e[m.key] as number;
          if (n >= 1 && n <= 5) assert.equal(p[m.key], 'c', `${where} ${m.key} = ${n} must be c (seed ${seed})`);
          if (p[m.key] !== 'c') assert.equal(p[m.key], n, `${where} ${m.key} (seed ${seed})`);
        }
      };
      check(exact.total, pub.total, 'total');
      for (const [k, s] of pub.splits.entries()) {
        for (const [i, g] of s.groups.entries()) check(exact.splits[k].groups[i].counts, g.counts, `${s.key}/${g.key}`);
        for (const key of ['returns', 'completedWithin72Hours', 'notOffered', 'foundWithin24Hours'] as const) {
          const hidden = s.groups.filter((g) => g.counts[key] === 'c').length;
          if (hidden === 1) assert.equal(pub.total[key], 'c', `${s.key} ${key}: one group hidden, so the total is (seed ${seed})`);
        }
      }
    }
  });

  test('the trend is the last 8 whole quarters, oldest first', () => {
    const q = lastQuarters('2026-12-03');
    assert.equal(q.length, 8);
    assert.deepEqual(q[7], { from: '2026-07-01', to: '2026-09-30', label: 'July to September 2026' });
    assert.deepEqual(q[0], { from: '2024-10-01', to: '2024-12-31', label: 'October to December 2024' });
  });
});

/** Each figure of the total as the page and the API list it: the count, then each share naming its denominator. */
function committeeRows(f: CommitteeFigures): Record<string, string[]> {
  return Object.fromEntries(measureRows(f.total).map((m) => [m.key, [String(m.value), ...m.shares.map((s) => `${s.pct}% of ${s.ofLabel}`)]]));
}

describe('the figures through the store, the page, the API and the CSV', () => {
  let w: World;
  let items: Generated[];
  const today = ukDate(new Date());
  const q = lastWholeQuarter(today);
  const url = `/api/v1/reports/missing/committee-figures?from=${q.from}&to=${q.to}`;
  before(async () => {
    w = await world();
    const children = [];
    for (let k = 0; k < 4; k++)
      children.push(
        (
          await api(
            w,
            'practitioner',
            'POST',
            '/api/v1/referrals',
            referralBody({ subject: { ...referralBody().subject, givenName: `Testchild${k}`, nhsNumber: undefined } }),
          )
        ).json().personId,
      );
    items = generate(42, 24, ukDayStart(addDays(q.from, 1)), 80);
    for (const [k, { episode: e, interview: i }] of items.entries()) {
      const body = {
        personId: children[k % children.length],
        classification: e.classification,
        riskGrade: 'medium',
        reportedAt: e.reportedAt.toISOString(),
        ...(e.returnedAt ? { returnedAt: e.returnedAt.toISOString() } : {}),
        lookedAfter: e.lookedAfter,
        ...(e.lookedAfter ? { responsibleAuthority: 'Testshire Council (fictional)' } : {}),
        placedByOtherLa: e.placedByOtherLa,
        ...(e.placedByOtherLa ? { placingAuthority: 'Otherborough Council (fictional)' } : {}),
      };
      const res = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', body);
      assert.equal(res.statusCode, 201, res.body);
      e.childId = body.personId;
      if (!i) continue;
      const status = i.completedAt ? 'completed' : i.declinedAt ? 'declined' : 'offered';
      const put = await api(w, 'missing_coordinator', 'PUT', `/api/v1/missing-episodes/${res.json().id}/return-interview`, {
        status,
        offeredAt: i.offeredAt?.toISOString(),
        ...(i.completedAt ? { completedAt: i.completedAt.toISOString() } : {}),
        ...(i.declinedAt ? { declinedAt: i.declinedAt.toISOString(), declinedReason: 'child_declined' } : {}),
      });
      assert.equal(put.statusCode, 200, put.body);
    }
  });
  after(() => w?.close());

  const valuesOf = (figures: { key: string; value: unknown }[]) => Object.fromEntries(figures.map((f) => [f.key, f.value]));

  test('the hub sees exact figures from the SQL equal to the naive count, split the same way', async () => {
    const res = await api(w, 'hub_coordinator', 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.suppressed, false);
    assert.equal(body.episodes, items.length);
    assert.deepEqual(valuesOf(body.figures), naive(items));
    const care = body.splits.find((s: { key: string }) => s.key === 'care');
    for (const g of care.groups) assert.deepEqual(valuesOf(g.figures), naive(items.filter((x) => careOf(x.episode) === g.key)), g.key);
    const cls = body.splits.find((s: { key: string }) => s.key === 'classification');
    for (const g of cls.groups) assert.deepEqual(valuesOf(g.figures), naive(items.filter((x) => x.episode.classification === g.key)), g.key);
    const held = body.figures.find((f: { key: string }) => f.key === 'completedWithin72Hours');
    assert.deepEqual(
      held.shares.map((s: { of: string }) => s.of),
      ['returns', 'interviewsCompleted'],
    );
    assert.equal(body.trend.length, 8);
    assert.equal(body.trend[7].from, q.from);
    assert.equal(body.trend[7].returns, naive(items).returns);
  });

  test('a scrutiny member sees the same published figures, c for small counts, in the page, the API and the CSV', async () => {
    const body = (await api(w, 'scrutiny_member', 'GET', url)).json();
    assert.equal(body.suppressed, true);
    const apiValues = [
      ...body.figures.map((f: { value: unknown }) => String(f.value)),
      ...body.splits.flatMap((s: { groups: { figures: { value: unknown }[] }[] }) =>
        // The page lays a split out row by row (a figure across the groups).
        s.groups[0].figures.flatMap((_, i) => s.groups.map((g) => String(g.figures[i].value))),
      ),
    ];
    assert.ok(apiValues.includes('c'), 'small counts are hidden');
    const b = await signedIn(w, 'scrutiny_member');
    const page = await b.get(`/missing/report/committee?from=${q.from}&to=${q.to}`);
    assert.equal(page.statusCode, 200);
    const pageValues = [...page.body.matchAll(/data-qa="value">([^<]*)</g)].map((m) => m[1].trim());
    assert.deepEqual(pageValues.join(' '), apiValues.join(' '));
    assert.match(page.body, /Published figures, to protect children’s identities: counts from 1 to 5 are shown as c/);
    const csv = await b.get(`/missing/report/committee.csv?from=${q.from}&to=${q.to}`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.headers['content-disposition'] as string, /-published\.csv/);
    // CSV rows: Group, Figure, Counts, Number, ...; the total's rows, then each group's.
    const csvValues = csv.body
      .split('\r\n')
      .map((l) => l.split(','))
      .filter((cells) => cells.length >= 4 && MEASURES.some((m) => m.label === cells[1]))
      .map((cells) => ({ group: cells[0], value: cells[3] }));
    const apiByGroup = [
      ...body.figures.map((f: { value: unknown }) => ({ group: 'All', value: String(f.value) })),
      ...body.splits.flatMap((s: { groups: { label: string; figures: { value: unknown }[] }[] }) =>
        s.groups.flatMap((g) => g.figures.map((f) => ({ group: g.label, value: String(f.value) }))),
      ),
    ];
    assert.deepEqual(
      csvValues.map((v) => v.value),
      apiByGroup.map((v) => v.value),
    );
    for (const t of body.trend) assert.ok(!(typeof t.returns === 'number' && t.returns >= 1 && t.returns <= 5), `${t.label}: a small count is c`);
  });

  test('the chart and the table beside it show the same figures', async () => {
    const b = await signedIn(w, 'hub_coordinator');
    const page = (await b.get('/missing/report/committee')).body;
    assert.match(page, /<svg [^>]*role="img"[^>]*aria-labelledby="trend-title trend-desc"/);
    assert.match(page, /<title id="trend-title">/);
    const body = (await api(w, 'hub_coordinator', 'GET', '/api/v1/reports/missing/committee-figures')).json();
    for (const [k, rate] of body.trend[0].rates.entries()) {
      const series = page.slice(page.indexOf(`data-qa="series-${rate.key}"`), page.indexOf('</g>', page.indexOf(`data-qa="series-${rate.key}"`)));
      const dots = [...series.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
      const table = [...page.matchAll(new RegExp(`data-qa="rate-${rate.key}">([^<]*)<`, 'g'))].map((m) => m[1]);
      const expected = body.trend.flatMap((t: { label: string; rates: { pct: unknown }[] }) =>
        typeof t.rates[k].pct === 'number' ? [`${t.label}: ${t.rates[k].pct}%`] : [],
      );
      assert.deepEqual(dots, expected, rate.key);
      assert.deepEqual(
        table,
        body.trend.map((t: { rates: { pct: unknown }[] }) => (t.rates[k].pct === null ? '–' : `${t.rates[k].pct}%`)),
      );
    }
    assert.ok(body.trend[7].rates[0].pct !== null, 'the last quarter has figures');
  });

  test('bad periods are refused naming the field; a practitioner may not see the figures anywhere', async () => {
    const bad = await api(w, 'hub_coordinator', 'GET', `/api/v1/reports/missing/committee-figures?from=${q.to}&to=${q.from}`);
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.json().errors.some((e: { field: string }) => e.field === 'to' || e.field === 'from'));
    const partMonth = await api(w, 'scrutiny_member', 'GET', `/api/v1/reports/missing/committee-figures?from=${addDays(q.from, 3)}&to=${q.to}`);
    assert.equal(partMonth.statusCode, 422, 'published figures are for whole months');
    const hub = await signedIn(w, 'hub_coordinator');
    const page = await hub.get('/missing/report/committee?from-day=31&from-month=2&from-year=2026&to=2026-03-31');
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /govuk-error-summary/);
    assert.equal((await api(w, 'practitioner', 'GET', url)).statusCode, 403);
    const p = await signedIn(w, 'practitioner');
    assert.equal((await p.get('/missing/report/committee')).statusCode, 403);
    assert.equal((await p.get('/missing/report/committee.csv')).statusCode, 403);
  });
});
