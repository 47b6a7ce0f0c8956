// The regional dataset (issue 15.6, 15.7): a partnership exports by command (CSV) and another by API (JSON); pooling
// both links their CLKs and counts the children known to both; the files hold no name, date of birth or postcode;
// the CSV header is the dictionary's; without the secrets the export says what to set; a practitioner is refused.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Database } from '../src/platform/db/connect.ts';
import { type Cli, cli, pgUrl, runJigsaw } from './cli-setup.ts';
import { api, type World, world } from './fixtures.ts';

interface Child {
  given: string;
  family: string;
  dob: string;
  postcode: string;
  ethnicity?: string;
  ward?: string;
  missing?: number;
}

// Fictional children. South knows six of North's (one with a typo, one who moved), plus a sibling of one and others.
const SHARED: Child[] = [
  { given: 'Amira', family: 'Testkhan', dob: '2011-03-04', postcode: 'NM1 4AB', ethnicity: 'asian_pakistani', ward: 'Northmoor Central', missing: 2 },
  { given: 'Bradley', family: 'Fictionson', dob: '2009-11-21', postcode: 'NM2 7QT' },
  { given: 'Chantelle', family: 'Exampleton', dob: '2010-06-30', postcode: 'NM3 1XY', ethnicity: 'white_british' },
  { given: 'Dominic', family: 'Samplewood', dob: '2012-01-15', postcode: 'NM4 2CD' },
  { given: 'Ellie-Mae', family: 'Testbury', dob: '2008-09-09', postcode: 'NM5 5EF', ethnicity: 'mixed_other' },
  { given: 'Farhan', family: 'Placeholder', dob: '2011-12-01', postcode: 'NM6 3GH' },
];
const NORTH_ONLY: Child[] = [
  { given: 'Georgia', family: 'Madeupfield', dob: '2010-02-28', postcode: 'NM7 8JK' },
  { given: 'Harvey', family: 'Notreal', dob: '2013-05-05', postcode: 'NM8 9LM' },
];
const SOUTH_VIEW: Child[] = [
  { ...SHARED[0] },
  { ...SHARED[1], family: 'Fictonson' }, // a typo
  { ...SHARED[2], postcode: 'SM1 6PQ' }, // moved south
  { ...SHARED[3] },
  { ...SHARED[4], given: 'Ellie Mae' },
  { ...SHARED[5] },
  { given: 'Zara', family: 'Testkhan', dob: '2014-07-19', postcode: 'NM1 4AB' }, // Amira's sister: not the same child
  { given: 'Isaac', family: 'Imaginary', dob: '2009-04-12', postcode: 'SM2 1RS' },
  { given: 'Jasmine', family: 'Inventedly', dob: '2012-10-10', postcode: 'SM3 4TU' },
];
const ALL = [...SHARED, ...NORTH_ONLY, ...SOUTH_VIEW];

const SECRETS = {
  JIGSAW_REGIONAL_PERSON_KEY: 'north-fictional-person-key-0123456789abcdef',
  JIGSAW_REGIONAL_LINKAGE_SECRET: 'region-shared-fictional-secret-0123456789abcdef',
};

async function seed(db: Database['db'], partnershipId: string, children: Child[]) {
  const agencyId = randomUUID();
  await db
    .insertInto('agency')
    .values({ partnership_id: partnershipId, id: agencyId, name: `Referrer ${agencyId.slice(0, 8)}`, sector: 'police' })
    .execute();
  let n = 0;
  for (const c of children) {
    const personId = randomUUID();
    n++;
    await db
      .insertInto('person')
      .values({
        partnership_id: partnershipId,
        id: personId,
        given_name: c.given,
        family_name: c.family,
        date_of_birth: c.dob,
        dob_precision: 'exact',
        sex: 'female',
        ethnicity: c.ethnicity ?? null,
        postcode: c.postcode,
      } as never)
      .execute();
    await db
      .insertInto('referral')
      .values({
        partnership_id: partnershipId,
        id: randomUUID(),
        reference: `REG-${agencyId.slice(0, 4)}-${n}`,
        person_id: personId,
        received_at: new Date('2025-02-10T10:00:00Z'),
        referring_agency_id: agencyId,
        referrer_name: 'Fictional Referrer',
        concerns: 'Fictional concern for the regional dataset test.',
        exploitation_types: ['cse', 'cce'],
        indicators: [],
        consent: 'given',
        urgency: 'routine',
        created_by: randomUUID(),
      } as never)
      .execute();
    if (c.ward) {
      const at = new Date('2025-02-11T10:00:00Z');
      await db
        .insertInto('exploitation_case')
        .values({
          partnership_id: partnershipId,
          id: randomUUID(),
          person_id: personId,
          status: 'open',
          status_changed_at: at,
          risk_level: 'high',
          category: 'cse',
          risk_decided_at: at,
          opened_at: at,
          ward: c.ward,
        } as never)
        .execute();
    }
    for (let i = 0; i < (c.missing ?? 0); i++) {
      await db
        .insertInto('missing_episode')
        .values({
          partnership_id: partnershipId,
          id: randomUUID(),
          person_id: personId,
          classification: 'missing',
          reported_at: new Date(`2025-02-1${2 + i}T20:00:00Z`),
          risk_grade: 'medium',
          created_by: randomUUID(),
        } as never)
        .execute();
    }
  }
}

let north: Cli;
let w: World;
before(async () => {
  [north, w] = await Promise.all([cli('regional'), world()]);
  // PostgreSQL's database starts empty (PGlite's data directory is a migrated copy).
  if (pgUrl) assert.equal((await north.jigsaw(['migrate'])).code, 0);
  await north.withDb(async (db) => {
    const id = randomUUID();
    await db.insertInto('partnership').values({ id, name: 'Northmoor (fictional)' }).execute();
    await seed(db, id, [...SHARED, ...NORTH_ONLY]);
  });
  await seed(w.database.db, w.partnershipId, SOUTH_VIEW);
});
after(async () => {
  await north?.cleanup();
  await w?.close();
});

const period = ['--from', '2025-01-01', '--to', '2025-03-31'];

let csv = '';
test('two partnerships export, the region pools them and counts the children known to both', async () => {
  csv = join(north.dataDir, 'north.csv');
  const exported = await north.jigsaw(['export', 'regional', ...period, '--out', csv], SECRETS);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /8 children referred 2025-01-01 to 2025-03-31/);
  const audited = await north.withDb((db) =>
    db.selectFrom('audit_event').select(['action', 'actor_label', 'details']).where('action', '=', 'regional.exported').execute(),
  );
  assert.equal(audited.length, 1);
  assert.deepEqual({ ...(audited[0].details as object) }, { from: '2025-01-01', to: '2025-03-31', rows: 8, schemaVersion: '1' });
  assert.match(audited[0].actor_label, /command line/);

  // South exports through the API as information governance, with its own person key.
  Object.assign(process.env, { ...SECRETS, JIGSAW_REGIONAL_PERSON_KEY: 'south-fictional-person-key-0123456789abcdef' });
  const res = await api(w, 'information_governance', 'GET', '/api/v1/regional/export?from=2025-01-01&to=2025-03-31');
  assert.equal(res.statusCode, 200, res.body);
  const south = res.json();
  assert.equal(south.rows.length, 9);
  const amira = south.rows.find((r: { ward: string | null }) => r.ward === 'Northmoor Central');
  assert.deepEqual(
    {
      ageBand: amira.ageBand,
      ethnicityGroup: amira.ethnicityGroup,
      riskLevel: amira.riskLevel,
      missing: amira.missingEpisodes,
      types: amira.exploitationTypes,
    },
    { ageBand: '14-15', ethnicityGroup: 'asian', riskLevel: 'high', missing: 2, types: ['cce', 'cse'] },
  );
  const southFile = join(north.dataDir, 'south.json');
  writeFileSync(southFile, res.body);

  const poolFile = join(north.dataDir, 'pool.json');
  const pooled = await runJigsaw(['import', 'regional', csv, southFile, '--out', poolFile], {});
  assert.equal(pooled.code, 0, pooled.stderr);
  assert.match(pooled.stdout, /known to both Northmoor \(fictional\) and Testshire Partnership \(fictional\): 6\n/);
  assert.match(pooled.stdout, /Children in the region: 11; known to more than one partnership: 6/);
  const pool = JSON.parse(readFileSync(poolFile, 'utf8'));
  assert.equal(pool.links.length, 6);
  assert.equal(new Set(pool.rows.map((r: { regionalChild: number }) => r.regionalChild)).size, 11);

  // The files hold no name, date of birth or postcode, in any spelling the exporter had.
  for (const text of [readFileSync(csv, 'utf8'), res.body, readFileSync(poolFile, 'utf8')]) {
    for (const c of ALL) {
      for (const clear of [
        c.given,
        c.family,
        c.given.toLowerCase(),
        c.family.toLowerCase(),
        c.dob,
        c.dob.replaceAll('-', ''),
        c.postcode,
        c.postcode.replace(' ', ''),
      ])
        assert.ok(!text.includes(clear), `${clear} is in an exported file`);
    }
  }
});

test('a pool of fewer than six shared children shows the count as c', async () => {
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  const small = join(north.dataDir, 'north-three.csv');
  writeFileSync(small, `${lines.slice(0, 4).join('\n')}\n`);
  const other = join(north.dataDir, 'north-as-other.csv');
  writeFileSync(other, `${[lines[0], ...lines.slice(1).map((l) => l.replace('Northmoor (fictional)', 'Elsewhere (fictional)'))].join('\n')}\n`);
  const pooled = await runJigsaw(['import', 'regional', small, other], {});
  assert.equal(pooled.code, 0, pooled.stderr);
  assert.match(pooled.stdout, /known to both Elsewhere \(fictional\) and Northmoor \(fictional\): c\n/);
  const bad = join(north.dataDir, 'bad.csv');
  writeFileSync(bad, 'name,dob\nAnne,2010-01-01\n');
  const refused = await runJigsaw(['import', 'regional', bad], {});
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /header is not schema version 1/);
});

test('the CSV header is the data dictionary’s columns, in order', async () => {
  const dictionary = readFileSync(new URL('../docs/regional/dictionary.md', import.meta.url), 'utf8');
  const documented = [...dictionary.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]);
  assert.equal(readFileSync(csv, 'utf8').split('\n')[0], documented.join(','));
  const schema = JSON.parse(readFileSync(new URL('../docs/regional/schema-v1.json', import.meta.url), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties.rows.items.properties), documented);
});

test('an export without the secrets says which to set; a practitioner is refused', async () => {
  const unset = await north.jigsaw(['export', 'regional', ...period, '--out', join(north.dataDir, 'x.csv')], {
    JIGSAW_REGIONAL_PERSON_KEY: '',
    JIGSAW_REGIONAL_LINKAGE_SECRET: '',
  });
  assert.equal(unset.code, 1);
  assert.match(unset.stderr, /Set JIGSAW_REGIONAL_PERSON_KEY and JIGSAW_REGIONAL_LINKAGE_SECRET/);

  const saved = { ...process.env };
  delete process.env.JIGSAW_REGIONAL_LINKAGE_SECRET;
  try {
    const res = await api(w, 'partnership_admin', 'GET', '/api/v1/regional/export?from=2025-01-01&to=2025-03-31');
    assert.equal(res.statusCode, 409);
    assert.match(res.json().detail, /Set JIGSAW_REGIONAL_LINKAGE_SECRET/);
  } finally {
    process.env.JIGSAW_REGIONAL_LINKAGE_SECRET = saved.JIGSAW_REGIONAL_LINKAGE_SECRET;
  }
  const refused = await api(w, 'practitioner', 'GET', '/api/v1/regional/export?from=2025-01-01&to=2025-03-31');
  assert.equal(refused.statusCode, 403);
  const period422 = await api(w, 'information_governance', 'GET', '/api/v1/regional/export?from=2025-03-01&to=2025-01-01');
  assert.equal(period422.statusCode, 422);
  assert.equal(period422.json().errors[0].field, 'to');
});
