// Compliance counted in SQL (compliance/store.ts) equals the domain's definition (memberState, figuresOf, trend,
// through oneCohort) on a varied fixture: every rule, a course that never lapses, completions at month ends, before
// joining and in the future, members with no organisation, on several days either side of the lapses.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { membersWithStatus } from '../src/modules/training/compliance/store.ts';
import { addMonths, type MemberStatus, trendDays } from '../src/modules/training/domain.ts';
import * as store from '../src/modules/training/store.ts';
import { allCohorts, cohortPage, oneCohort, summarise } from '../src/modules/training/use-cases/compliance.ts';
import { createCohort, createCourse } from '../src/modules/training/use-cases/courses.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { addDays } from '../src/platform/time.ts';
import { type World, world } from './fixtures.ts';

let w: World;
const base = '2025-01-31';
// Days to look from: month ends, the day a 12-month completion lapses, and either side.
const DAYS = ['2025-06-30', '2026-01-31', '2026-03-01', '2027-01-31'];
const STATUSES: MemberStatus[] = ['overdue', 'due_soon', 'not_yet_due', 'compliant'];

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

before(async () => {
  w = await world();
  const admin = systemActor(w.partnershipId);
  const db = w.database.db;
  const pid = w.partnershipId;
  const annual = await w.svc.run(createCourse, admin, { name: 'Safeguarding level 3', validityMonths: 12 });
  const lasting = await w.svc.run(createCourse, admin, { name: 'Governor induction', validityMonths: null });
  const drivers = await w.svc.run(createCourse, admin, { name: 'CSE awareness for drivers', validityMonths: 36 });
  const cohorts = [
    { name: 'Drivers', courseId: drivers.id, rule: 'by_date', months: 18, startDate: '2025-03-31' },
    { name: 'GPs', courseId: annual.id, rule: 'recurring', months: 12 },
    { name: 'Governors', courseId: lasting.id, rule: 'recurring', months: 4, dueSoonDays: 45 },
    { name: 'Councillors', courseId: annual.id, rule: 'from_joining', months: 3 },
  ] as const;
  const orgs = [
    null,
    await store.insertOrg(db, pid, { name: 'Example School', kind: 'school' }),
    await store.insertOrg(db, pid, { name: 'Example Cars', kind: 'taxi_firm' }),
  ];
  const rnd = random(14);
  const day = (maxMonths: number) => addDays(addMonths(base, Math.floor(rnd() * maxMonths)), rnd() < 0.3 ? 0 : -Math.floor(rnd() * 40));
  for (const c of cohorts) {
    const id = (await w.svc.run(createCohort, admin, c)).id;
    for (let i = 0; i < 48; i++) {
      const m = await store.upsertMember(db, pid, {
        cohortId: id,
        reference: `R-${i}`,
        name: `Member ${i % 7} (fictional)`,
        orgId: orgs[i % 3],
        email: null,
        joinedOn: day(30),
      });
      const n = Math.floor(rnd() * 4);
      for (let k = 0; k < n; k++)
        await store.insertCompletion(db, pid, {
          memberId: m.id,
          courseId: rnd() < 0.1 ? annual.id : c.courseId,
          completedOn: day(30),
          source: 'page',
          recordedBy: null,
        });
    }
  }
});
after(() => w?.close());

test('each cohort’s figures, organisations, trend and members by status are the domain’s on every day', async () => {
  const db = w.database.db;
  const pid = w.partnershipId;
  for (const today of DAYS)
    for (const cohort of await store.cohorts(db, pid)) {
      const domain = await oneCohort(db, pid, cohort, today, 18);
      const byName = domain.members.map((m) => ({ state: m.state, orgId: m.org_id, orgName: m.org_name }));
      const expected = summarise(cohort, byName);
      const page = await cohortPage(db, pid, cohort, today, 'overdue', 10);
      const label = `${cohort.name} on ${today}`;
      assert.deepEqual(page.summary, expected.summary, label);
      assert.deepEqual(page.orgs, expected.orgs, label);
      assert.deepEqual(page.trend, domain.trend, label);
      for (const status of STATUSES) {
        const sql = await membersWithStatus(db, pid, cohort.id, today, status, 10);
        const listed = domain.members.filter((m) => m.state.status === status);
        assert.deepEqual(
          sql.rows.map((m) => [m.reference, m.due_on]),
          listed.slice(0, 10).map((m) => [m.reference, m.state.dueOn]),
          `${label}, ${status}`,
        );
        assert.equal(sql.total, listed.length, `${label}, ${status}`);
      }
      assert.deepEqual(
        page.listed.map((m) => m.reference),
        domain.members
          .filter((m) => m.state.status === 'overdue')
          .slice(0, 10)
          .map((m) => m.reference),
      );
    }
});

test('the cohorts list (all cohorts in one query) gives the same figures as each cohort', async () => {
  const db = w.database.db;
  const pid = w.partnershipId;
  for (const today of DAYS) {
    const all = await allCohorts(db, pid, today);
    for (const cohort of await store.cohorts(db, pid)) {
      const domain = await oneCohort(db, pid, cohort, today, 1);
      const expected = summarise(
        cohort,
        domain.members.map((m) => ({ state: m.state, orgId: m.org_id, orgName: m.org_name })),
      ).summary;
      assert.deepEqual(
        all.find((c) => c.id === cohort.id),
        expected,
        `${cohort.name} on ${today}`,
      );
    }
    assert.ok(
      all.some((c) => c.compliant > 0 && c.overdue > 0 && c.dueSoon > 0),
      'the fixture has every state',
    );
  }
  assert.equal(trendDays('2026-03-01', 18).length, 18);
});
