// The demo fills every dimension a report can be cut by (issue 15.8), over enough quarters for a trend to show:
// risk levels, categories, referrer sectors, both sexes, every age band at referral, every ethnicity group, every
// ward, looked-after and placed-in children, missing and absent episodes, interviews in every state, intelligence in
// every category and ward with persons of concern whose sex and age are known, and disruption outcomes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { seedDemo } from '../src/demo/seed.ts';
import { AGE_BANDS } from '../src/modules/cases/domain.ts';
import { CATEGORIES, DEFAULT_WARDS } from '../src/modules/intelligence/vocab.ts';
import { ageBandOn, ethnicityGroup } from '../src/modules/regional/domain.ts';
import { TRIAGE_CATEGORIES, TRIAGE_OUTCOMES } from '../src/modules/triage/vocab.ts';
import type { Db } from '../src/platform/db/connect.ts';
import { ukDate } from '../src/platform/time.ts';
import { type World, world } from './fixtures.ts';

let w: World;
let db: Db;
let pid: string;
before(async () => {
  w = await world({ demo: true });
  db = w.database.db;
  ({ partnershipId: pid } = await seedDemo(db));
});
after(() => w?.close());

const missingFrom = (expected: readonly string[], seen: Iterable<string | null>) => {
  const have = new Set(seen);
  return expected.filter((v) => !have.has(v));
};
const quarter = (d: Date | string) => {
  const day = typeof d === 'string' ? d : ukDate(d);
  return `${day.slice(0, 4)} Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
};

test('referrals: every risk level and category, the seed referrers, both sexes, every age band and ethnicity group, over eight quarters', async () => {
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('agency as a', (j) => j.onRef('a.partnership_id', '=', 'r.partnership_id').onRef('a.id', '=', 'r.referring_agency_id'))
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'r.partnership_id').onRef('p.id', '=', 'r.person_id'))
    .select(['r.triage_outcome', 'r.triage_category', 'r.received_at', 'a.sector', 'p.sex', 'p.date_of_birth', 'p.ethnicity'])
    .where('r.partnership_id', '=', pid)
    .execute();
  assert.deepEqual(
    missingFrom(
      TRIAGE_OUTCOMES,
      rows.map((r) => r.triage_outcome),
    ),
    [],
    'risk levels',
  );
  assert.deepEqual(
    missingFrom(
      TRIAGE_CATEGORIES,
      rows.map((r) => r.triage_category),
    ),
    [],
    'categories',
  );
  const seedReferrers = ['childrens_social_care', 'education', 'voluntary', 'police', 'youth_justice', 'health', 'early_help', 'other'];
  assert.deepEqual(
    missingFrom(
      seedReferrers,
      rows.map((r) => r.sector),
    ),
    [],
    'referrer sectors',
  );
  assert.deepEqual(
    missingFrom(
      ['female', 'male'],
      rows.map((r) => r.sex),
    ),
    [],
    'sexes',
  );
  const bands = rows.map((r) => ageBandOn(r.date_of_birth, ukDate(new Date(r.received_at))));
  assert.deepEqual(missingFrom(AGE_BANDS, bands), [], 'age bands at referral');
  assert.ok(bands.includes('unknown'), 'and some whose age is not known');
  assert.deepEqual(
    missingFrom(
      ['white', 'asian', 'black', 'mixed', 'other', 'not_stated'],
      rows.map((r) => ethnicityGroup(r.ethnicity)),
    ),
    [],
    'ethnicity groups',
  );
  assert.ok(new Set(rows.map((r) => quarter(new Date(r.received_at)))).size >= 8, 'two years of quarters');
});

test('children by ward: every ward of the borough has children with cases, and so do the hotspots', async () => {
  const cases = await db.selectFrom('exploitation_case').select('ward').where('partnership_id', '=', pid).execute();
  assert.deepEqual(
    missingFrom(
      DEFAULT_WARDS,
      cases.map((c) => c.ward),
    ),
    [],
    'case wards',
  );
  const places = await sql<{ ward: string | null }>`
    select distinct e.ward from intel_link l join intel_entity e on e.partnership_id = l.partnership_id and e.id in (l.from_entity, l.to_entity)
    where l.partnership_id = ${pid} and e.kind = 'location'`.execute(db);
  assert.deepEqual(
    missingFrom(
      DEFAULT_WARDS,
      places.rows.map((r) => r.ward),
    ),
    [],
    'hotspot wards',
  );
});

test('missing: looked-after children (Northmoor’s own and placed here), missing and absent, found within a day and later, interviews in every state, over six quarters', async () => {
  const eps = await db
    .selectFrom('missing_episode')
    .select(['classification', 'looked_after', 'placed_by_other_la', 'reported_at', 'returned_at', 'rhi_offered', 'rhi_completed_at', 'interview_state'])
    .where('partnership_id', '=', pid)
    .execute();
  assert.ok(
    eps.some((e) => e.looked_after && !e.placed_by_other_la),
    'own looked-after children',
  );
  assert.ok(
    eps.some((e) => e.placed_by_other_la),
    'placed in by another authority',
  );
  assert.ok(
    eps.some((e) => !e.looked_after),
    'children not looked after',
  );
  assert.ok(
    eps.some((e) => e.classification === 'away_without_authorisation' && !e.placed_by_other_la),
    'absent (own looked-after)',
  );
  assert.ok(
    eps.some((e) => e.classification === 'away_without_authorisation' && e.placed_by_other_la),
    'absent (placed in)',
  );
  assert.ok(
    eps.some((e) => e.classification === 'missing' && e.looked_after),
    'missing (looked after)',
  );
  const hours = (e: (typeof eps)[number], at: Date | null) => (at ? (new Date(at).getTime() - new Date(e.returned_at as Date).getTime()) / 3_600_000 : null);
  const found = eps.filter((e) => e.returned_at).map((e) => (new Date(e.returned_at as Date).getTime() - new Date(e.reported_at).getTime()) / 3_600_000);
  assert.ok(found.some((h) => h <= 24) && found.some((h) => h > 24), 'found within 24 hours and later');
  assert.ok(
    eps.some((e) => e.returned_at === null),
    'some missing now',
  );
  assert.ok(
    eps.some((e) => (hours(e, e.rhi_completed_at) ?? 99) <= 72),
    'interview within 72 hours',
  );
  assert.ok(
    eps.some((e) => (hours(e, e.rhi_completed_at) ?? 0) > 72),
    'interview late',
  );
  assert.ok(
    eps.some((e) => e.interview_state === 'declined'),
    'declined',
  );
  assert.ok(
    eps.some((e) => e.rhi_offered && e.interview_state === 'pending'),
    'offered, not yet held',
  );
  assert.ok(
    eps.some((e) => e.returned_at && !e.rhi_offered && new Date(e.returned_at).getTime() < Date.now() - 30 * 86_400_000),
    'never offered',
  );
  assert.ok(new Set(eps.map((e) => quarter(new Date(e.reported_at)))).size >= 6, 'quarters of missing episodes');
});

test('intelligence: every category, persons of concern whose sex and age band are known, disruption with every outcome, over six quarters', async () => {
  const items = await db.selectFrom('intel_item').select(['category', 'occurred_on']).where('partnership_id', '=', pid).execute();
  assert.deepEqual(
    missingFrom(
      CATEGORIES,
      items.map((i) => i.category),
    ),
    [],
    'categories',
  );
  assert.ok(new Set(items.map((i) => quarter(String(i.occurred_on).slice(0, 10)))).size >= 6, 'quarters of intelligence');
  const concerns = await sql<{ sex: string | null; date_of_birth: string | null }>`
    select distinct e.id, p.sex, p.date_of_birth from intel_link l
    join intel_entity e on e.partnership_id = l.partnership_id and e.id = l.from_entity
    left join person p on p.partnership_id = e.partnership_id and p.id = e.person_id
    where l.partnership_id = ${pid} and l.from_role = 'person_of_concern'`.execute(db);
  assert.ok(
    concerns.rows.some((c) => c.sex === 'male' && c.date_of_birth),
    'a person of concern with a sex and an age',
  );
  assert.ok(
    concerns.rows.some((c) => c.sex === null),
    'and some known only to intelligence',
  );
  const outcomes = await db.selectFrom('disruption_activity').select('outcome').where('partnership_id', '=', pid).execute();
  assert.deepEqual(
    missingFrom(
      ['successful', 'partly_successful', 'unsuccessful'],
      outcomes.map((o) => o.outcome),
    ),
    [],
    'disruption outcomes',
  );
});
