// The SQL report agrees with the pure buildMissingReport on generated episodes, including repeat missing across
// the clock change and episodes before the period; the due list is oldest-first and leaves out closed interviews.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Database } from '../../platform/db/connect.ts';
import { testDatabase } from '../../platform/db/testing.ts';
import { addDays, ukDayStart } from '../../platform/time.ts';
import { buildMissingReport, DECLINE_REASONS, type ReportEpisode, type ReportInterview } from './domain.ts';
import * as due from './due/store.ts';
import * as store from './store.ts';

let database: Database;
const pid = randomUUID();
const user = randomUUID();
before(async () => {
  database = await testDatabase();
  await database.db.insertInto('partnership').values({ id: pid, name: 'Storeshire (fictional)' }).execute();
});
after(() => database?.close());

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the SQL report equals the pure report on 600 generated episodes', async () => {
  const { db } = database;
  const r = rng(7);
  const children = Array.from({ length: 40 }, () => randomUUID());
  await db
    .insertInto('person')
    .values(children.map((id, i) => ({ partnership_id: pid, id, given_name: `Gen${i}`, family_name: 'Fictional' })))
    .execute();
  const episodes: ReportEpisode[] = [];
  const interviews: ReportInterview[] = [];
  const start = Date.parse('2025-01-15T00:00:00Z');
  for (let n = 0; n < 600; n++) {
    const reportedAt = new Date(start + Math.floor(r() * 150 * 24 * 60) * 60_000); // mid-January to mid-June, across 30 March
    const returnedAt = r() < 0.9 ? new Date(reportedAt.getTime() + Math.floor(r() * 80 * 60) * 60_000) : null;
    const e = { id: randomUUID(), childId: children[Math.floor(r() * r() * children.length)], reportedAt, returnedAt };
    episodes.push(e);
    await store.insertEpisode(
      db,
      pid,
      e.id,
      {
        personId: e.childId,
        classification: 'missing',
        reportedAt,
        lastSeenAt: null,
        lastSeenPlace: null,
        returnedAt,
        foundPlace: null,
        policeReference: null,
        riskGrade: 'low',
        lookedAfter: false,
        responsibleAuthority: null,
        placedByOtherLa: false,
        placingAuthority: null,
      },
      user,
    );
    if (!returnedAt || r() < 0.1) continue;
    const offeredAt = r() < 0.95 ? new Date(returnedAt.getTime() + 3_600_000) : null;
    const x = r();
    const completedAt = x < 0.7 ? new Date(returnedAt.getTime() + Math.floor(r() * 120) * 3_600_000 + 7_200_000) : null;
    const declined = x >= 0.7 && x < 0.9;
    const reason = declined ? DECLINE_REASONS[Math.floor(r() * 4)] : null;
    const i = { episodeId: e.id, offeredAt, completedAt, declinedAt: declined ? new Date(returnedAt.getTime() + 86_400_000) : null, declineReason: reason };
    interviews.push(i);
    await store.putInterview(
      db,
      pid,
      e.id,
      {
        status: completedAt ? 'completed' : declined ? 'declined' : 'offered',
        offeredAt,
        offeredBy: 'Officer',
        completedAt,
        completedBy: null,
        declinedAt: i.declinedAt,
        declineReason: reason,
        declineReasonDetail: null,
        whereWent: null,
        whoWith: null,
        travel: null,
        pushFactors: null,
        pullFactors: null,
        disclosures: null,
        nextSteps: null,
      },
      user,
    );
  }
  for (const [from, to, rule] of [
    ['2025-03-01', '2025-03-31', { episodes: 3, withinDays: 30 }],
    ['2025-04-01', '2025-06-30', { episodes: 2, withinDays: 7 }],
    ['2025-01-01', '2025-12-31', { episodes: 4, withinDays: 14 }],
  ] as const) {
    const sqlReport = await due.missingReport(db, pid, { from, to, start: ukDayStart(from), end: ukDayStart(addDays(to, 1)) }, rule);
    assert.deepEqual(sqlReport, buildMissingReport(episodes, interviews, { from, to }, rule), `${from}..${to}`);
  }
});

test('the due list: returned, interview not completed or declined, oldest return first, paged', async () => {
  const { db } = database;
  const p2 = randomUUID();
  await db.insertInto('partnership').values({ id: p2, name: 'Dueshire (fictional)' }).execute();
  const child = randomUUID();
  await db.insertInto('person').values({ partnership_id: p2, id: child, given_name: 'Due', family_name: 'Fictional' }).execute();
  const base = {
    personId: child,
    classification: 'missing',
    lastSeenAt: null,
    lastSeenPlace: null,
    foundPlace: null,
    policeReference: null,
    riskGrade: 'low',
    lookedAfter: false,
    responsibleAuthority: null,
    placedByOtherLa: false,
    placingAuthority: null,
  };
  const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const now = Date.now();
  await store.insertEpisode(db, p2, ids[0], { ...base, reportedAt: new Date(now - 100 * 3_600_000), returnedAt: new Date(now - 90 * 3_600_000) }, user);
  await store.insertEpisode(db, p2, ids[1], { ...base, reportedAt: new Date(now - 20 * 3_600_000), returnedAt: new Date(now - 10 * 3_600_000) }, user);
  await store.insertEpisode(db, p2, ids[2], { ...base, reportedAt: new Date(now - 5 * 3_600_000), returnedAt: null }, user);
  await store.insertEpisode(db, p2, ids[3], { ...base, reportedAt: new Date(now - 50 * 3_600_000), returnedAt: new Date(now - 40 * 3_600_000) }, user);
  await store.putInterview(
    db,
    p2,
    ids[3],
    {
      status: 'declined',
      offeredAt: new Date(now - 39 * 3_600_000),
      offeredBy: null,
      completedAt: null,
      completedBy: null,
      declinedAt: new Date(now - 38 * 3_600_000),
      declineReason: 'child_declined',
      declineReasonDetail: null,
      whereWent: null,
      whoWith: null,
      travel: null,
      pushFactors: null,
      pullFactors: null,
      disclosures: null,
      nextSteps: null,
    },
    user,
  );
  const page1 = await due.dueList(db, p2, null, 1, 0);
  assert.deepEqual(
    page1.rows.map((r) => r.episode_id),
    [ids[0]],
  );
  assert.equal(page1.more, true);
  const all = await due.dueList(db, p2, null, 10, 0);
  assert.deepEqual(
    all.rows.map((r) => r.episode_id),
    [ids[0], ids[1]],
  );
  assert.deepEqual(await due.dueCounts(db, p2, null, new Date(now)), { overdue: 1, dueSoon: 0, due: 1, total: 2 });
  const agency = randomUUID();
  await db.insertInto('agency').values({ partnership_id: p2, id: agency, name: 'Other', sector: 'health' }).execute();
  assert.equal((await due.dueList(db, p2, agency, 10, 0)).rows.length, 0, 'an agency not involved sees none');
});
