// Online matching, merges and "not the same" on a real database (PGlite, or PostgreSQL in CI).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../platform/access/actor.ts';
import type { Role } from '../../platform/access/policy.ts';
import type { Database } from '../../platform/db/connect.ts';
import { testDatabase } from '../../platform/db/testing.ts';
import { type Runner, useCaseRunner } from '../../platform/usecase/run.ts';
import { createReferral } from '../referrals/use-cases.ts';
import { indexPerson } from './indexing.ts';
import { findMatches, getMergeStatus, listDuplicates, mergePeople, rebuildDuplicates, recordNotSame, submissionUsed, undoMerge } from './use-cases.ts';

let database: Database;
let run: Runner;
let pid: string;
const agencies = { hub: randomUUID(), school: randomUUID(), police: randomUUID() };
const actor = (role: Role, agency: keyof typeof agencies): Actor => ({
  userId: randomUUID(),
  partnershipId: pid,
  agencyId: agencies[agency],
  role,
  name: `Test ${role}`,
  email: `${role}@test.example`,
  via: 'session',
});

function referral(subject: Record<string, unknown>, referringAgencyId?: string) {
  return {
    subject,
    ...(referringAgencyId ? { referringAgencyId } : {}),
    referrerName: 'Test Referrer',
    referrerContact: '01632 960000',
    concerns: 'Fictional test concern: seen with older adults in cars late at night on several occasions.',
    exploitationTypes: ['cse'],
    indicators: [],
    consent: 'given',
    urgency: 'routine',
  };
}

const subjects = {
  kayleigh: { givenName: 'Kayleigh', familyName: 'Fictional-Smyth', dateOfBirth: '2011-03-04', sex: 'female', postcode: 'NM1 4AB', address: '12 Canal Street' },
  sibling: { givenName: 'Jordan', familyName: 'Fictional-Smyth', dateOfBirth: '2013-09-21', sex: 'male', postcode: 'NM1 4AB', address: '12 Canal Street' },
  other: { givenName: 'Priya', familyName: 'Testington', dateOfBirth: '2010-07-15', sex: 'female', postcode: 'NM3 2XY', address: '4 Mill Lane' },
};

let ids: Record<string, string>;
let refs: Record<string, string>;

before(async () => {
  database = await testDatabase();
  pid = randomUUID();
  const { db } = database;
  run = useCaseRunner(db);
  await db.insertInto('partnership').values({ id: pid, name: 'Matching test partnership (fictional)' }).execute();
  await db
    .insertInto('agency')
    .values([
      { partnership_id: pid, id: agencies.hub, name: 'Hub', sector: 'childrens_social_care' },
      { partnership_id: pid, id: agencies.school, name: 'School', sector: 'education' },
      { partnership_id: pid, id: agencies.police, name: 'Police', sector: 'police' },
    ])
    .execute();
  const hub = actor('hub_coordinator', 'hub');
  ids = {};
  refs = {};
  for (const [name, s, agency] of [
    ['kayleigh', subjects.kayleigh, agencies.school],
    ['sibling', subjects.sibling, agencies.school],
    ['other', subjects.other, agencies.police],
  ] as const) {
    const { referral: r } = await run(createReferral, hub, referral(s, agency));
    ids[name] = r.personId;
    refs[name] = r.id;
  }
  // The same child again, recorded by the police with a nickname, day and month swapped and no address.
  const { referral: dup } = await run(
    createReferral,
    hub,
    referral({ givenName: 'Kaylee', familyName: 'Fictional-Smyth', dateOfBirth: '2011-04-03', sex: 'female', postcode: 'NM1 4AB' }, agencies.police),
  );
  ids.duplicate = dup.personId;
  refs.duplicate = dup.id;
  // The agencies that work with each child (referring alone no longer makes an agency involved).
  const involved = { kayleigh: agencies.school, sibling: agencies.school, other: agencies.police, duplicate: agencies.police };
  await db
    .insertInto('person_agency')
    .values(Object.entries(involved).map(([name, agency_id]) => ({ partnership_id: pid, person_id: ids[name], agency_id })))
    .execute();
});
after(() => database?.close());

describe('online matches', () => {
  test('creating a person writes their blocking keys in the same transaction', async () => {
    const keys = await database.db
      .selectFrom('person_match_key')
      .select(['rule', 'key'])
      .where('partnership_id', '=', pid)
      .where('person_id', '=', ids.kayleigh)
      .execute();
    assert.ok(keys.some((k) => k.rule === 'dob_given_initial'));
    assert.ok(keys.some((k) => k.rule === 'names_phonetic'));
  });

  test('finds the child from a nickname and a swapped date of birth, most probable first, explained field by field', async () => {
    const { candidates } = await run(findMatches, actor('hub_coordinator', 'hub'), {
      givenName: 'Kayley',
      familyName: 'Fictional-Smyth',
      dateOfBirth: '2011-04-03',
      postcode: 'NM1 4AB',
    });
    assert.ok(candidates.length >= 2);
    assert.ok([ids.kayleigh, ids.duplicate].includes(candidates[0].personId));
    for (let i = 1; i < candidates.length; i++) assert.ok(candidates[i - 1].probability >= candidates[i].probability);
    const k = candidates.find((c) => c.personId === ids.kayleigh)!;
    assert.ok(k.probability > 0.9, `probability ${k.probability}`);
    const dob = k.explanation.find((e) => e.field === 'date of birth');
    assert.equal(dob?.level, 'day and month swapped');
    assert.ok(dob!.weight > 0);
    const sum = k.priorWeight + k.explanation.reduce((s, e) => s + e.weight, 0);
    assert.ok(Math.abs(sum - k.matchWeight) < 0.1);
    // The sibling shares the household but not the child: far less likely.
    const sib = candidates.find((c) => c.personId === ids.sibling);
    assert.ok(!sib || sib.probability < 0.5);
  });

  test('the query is audited, naming who was shown', async () => {
    const { candidates } = await run(findMatches, actor('hub_member', 'hub'), { givenName: 'Priya', familyName: 'Testington' });
    const event = await database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('partnership_id', '=', pid)
      .where('action', '=', 'person.matched')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const details = (typeof event.details === 'string' ? JSON.parse(event.details) : event.details) as { candidates: string[] };
    assert.deepEqual(
      details.candidates,
      candidates.map((c) => c.personId),
    );
    assert.ok(details.candidates.includes(ids.other));
  });

  test('a practitioner only gets people their agency is involved with; others are not even hinted at', async () => {
    const school = actor('practitioner', 'school');
    const q = { givenName: 'Priya', familyName: 'Testington', dateOfBirth: '2010-07-15' };
    const hidden = await run(findMatches, school, q);
    assert.deepEqual(hidden, { candidates: [], searched: 'agency' });
    const nobody = await run(findMatches, school, { givenName: 'Zebedee', familyName: 'Nonexistent', dateOfBirth: '2010-07-15' });
    assert.deepEqual(JSON.stringify(hidden), JSON.stringify(nobody));
    const police = await run(findMatches, actor('practitioner', 'police'), q);
    assert.equal(police.candidates[0]?.personId, ids.other);
    // Kayleigh (school) and her duplicate (police): each practitioner sees only their own.
    const k = await run(findMatches, school, { givenName: 'Kayleigh', familyName: 'Fictional-Smyth', dateOfBirth: '2011-03-04' });
    assert.ok(k.candidates.some((c) => c.personId === ids.kayleigh));
    assert.ok(!k.candidates.some((c) => c.personId === ids.duplicate || c.personId === ids.other));
  });

  test('roles without match rights are refused; bad queries name the field', async () => {
    await assert.rejects(run(findMatches, actor('scrutiny_member', 'hub'), { familyName: 'X' }), { status: 403 });
    await assert.rejects(run(findMatches, actor('manager', 'school'), { familyName: 'X' }), { status: 403 });
    await assert.rejects(
      run(findMatches, actor('hub_member', 'hub'), { dateOfBirth: '2011-02-30', familyName: 'X' }),
      (e: { errors: { field: string }[] }) => e.errors[0].field === 'dateOfBirth',
    );
    await assert.rejects(run(findMatches, actor('hub_member', 'hub'), { postcode: 'NM1 4AB' }), { status: 422 });
  });
});

describe('suspected duplicates, not the same, merge and unmerge', () => {
  test('a new person who looks like someone known is queued for the hub', async () => {
    const { pairs } = await run(listDuplicates, actor('hub_coordinator', 'hub'), undefined);
    const pair = pairs.find((p) => [p.a.id, p.b.id].sort().join() === [ids.kayleigh, ids.duplicate].sort().join());
    assert.ok(pair, 'Kayleigh and Kaylee are suspected duplicates');
    assert.ok(pair.probability >= 0.5);
    assert.ok(pair.explanation.some((e) => e.field === 'given name'));
    await assert.rejects(run(listDuplicates, actor('practitioner', 'school'), undefined), { status: 403 });
  });

  test('"not the same" is remembered and never suggested again, online or in the queue', async () => {
    const { db } = database;
    const hub = actor('hub_coordinator', 'hub');
    // Kayleigh and her sibling: force them into the queue, then decide.
    await run(recordNotSame, hub, { personA: ids.sibling, personB: ids.kayleigh });
    await run(rebuildDuplicates, hub, undefined);
    const { pairs } = await run(listDuplicates, hub, undefined);
    assert.ok(!pairs.some((p) => [p.a.id, p.b.id].includes(ids.sibling) && [p.a.id, p.b.id].includes(ids.kayleigh)));
    await db.transaction().execute((tx) => indexPerson(tx, pid, ids.sibling));
    const again = await db.selectFrom('person_match_suspect').selectAll().where('partnership_id', '=', pid).execute();
    assert.ok(!again.some((p) => [p.person_a, p.person_b].includes(ids.sibling) && [p.person_a, p.person_b].includes(ids.kayleigh)));
    const audit = await db
      .selectFrom('audit_event')
      .select(['person_id'])
      .where('partnership_id', '=', pid)
      .where('action', '=', 'person.decided_not_same')
      .execute();
    assert.deepEqual(audit.map((a) => a.person_id).sort(), [ids.kayleigh, ids.sibling].sort());
    await assert.rejects(run(recordNotSame, actor('hub_member', 'hub'), { personA: ids.other, personB: ids.kayleigh }), { status: 403 });
  });

  test('merge moves referrals and involvements to the survivor, hides the merged person, and unmerge restores exactly', async () => {
    const { db } = database;
    const hub = actor('hub_coordinator', 'hub');
    const snapshot = async () => ({
      people: await db.selectFrom('person').selectAll().where('partnership_id', '=', pid).orderBy('id').execute(),
      referrals: await db.selectFrom('referral').select(['id', 'person_id']).where('partnership_id', '=', pid).orderBy('id').execute(),
      involvement: await db
        .selectFrom('person_agency')
        .select(['person_id', 'agency_id', 'since'])
        .where('partnership_id', '=', pid)
        .orderBy('person_id')
        .orderBy('agency_id')
        .execute(),
      keys: await db.selectFrom('person_match_key').selectAll().where('partnership_id', '=', pid).orderBy('person_id').orderBy('rule').orderBy('key').execute(),
    });
    const before = await snapshot();

    const merged = await run(mergePeople, hub, { mergedPersonId: ids.duplicate, survivingPersonId: ids.kayleigh });
    assert.equal(merged.movedReferrals, 1);
    const r = await db.selectFrom('referral').select('person_id').where('partnership_id', '=', pid).where('id', '=', refs.duplicate).executeTakeFirstOrThrow();
    assert.equal(r.person_id, ids.kayleigh);
    const agenciesOfK = await db
      .selectFrom('person_agency')
      .select('agency_id')
      .where('partnership_id', '=', pid)
      .where('person_id', '=', ids.kayleigh)
      .execute();
    assert.ok(agenciesOfK.some((a) => a.agency_id === agencies.police));
    // The merged-away record stays, but is no longer offered as a candidate nor queued.
    assert.ok(await db.selectFrom('person').select('id').where('partnership_id', '=', pid).where('id', '=', ids.duplicate).executeTakeFirst());
    const { candidates } = await run(findMatches, hub, { givenName: 'Kaylee', familyName: 'Fictional-Smyth', dateOfBirth: '2011-04-03' });
    assert.ok(!candidates.some((c) => c.personId === ids.duplicate));
    assert.ok(candidates.some((c) => c.personId === ids.kayleigh));
    assert.equal((await run(getMergeStatus, hub, { id: ids.duplicate })).mergedInto?.personId, ids.kayleigh);
    assert.equal((await run(getMergeStatus, hub, { id: ids.kayleigh })).mergedFrom[0].personId, ids.duplicate);
    await assert.rejects(run(mergePeople, hub, { mergedPersonId: ids.duplicate, survivingPersonId: ids.other }), { status: 409 });
    await assert.rejects(run(mergePeople, hub, { mergedPersonId: ids.other, survivingPersonId: ids.duplicate }), { status: 409 });
    await assert.rejects(run(mergePeople, hub, { mergedPersonId: ids.sibling, survivingPersonId: ids.kayleigh }), { status: 409 }, 'decided not the same');

    await run(undoMerge, hub, { id: merged.id });
    assert.deepEqual(await snapshot(), before);
    await assert.rejects(run(undoMerge, hub, { id: merged.id }), { status: 409 });
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('partnership_id', '=', pid)
      .where('resource_id', '=', merged.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => e.action),
      ['person.merged', 'person.merged', 'person.unmerged', 'person.unmerged'],
    );
    const history = await db.selectFrom('person_merge').selectAll().where('partnership_id', '=', pid).where('id', '=', merged.id).executeTakeFirstOrThrow();
    assert.ok(history.undone_at, 'the merge is kept, marked undone');
  });
});

describe('access to the small reads', () => {
  test('merge status is for those who may read the person: another agency’s practitioner and scrutiny are refused', async () => {
    await assert.rejects(run(getMergeStatus, actor('practitioner', 'hub'), { id: ids.kayleigh }), { status: 403 });
    await assert.rejects(run(getMergeStatus, actor('scrutiny_member', 'hub'), { id: ids.kayleigh }), { status: 403 });
    const status = await run(getMergeStatus, actor('practitioner', 'school'), { id: ids.kayleigh });
    assert.equal(status.mergedInto, null);
    const viewed = await database.db
      .selectFrom('audit_event')
      .select('person_id')
      .where('partnership_id', '=', pid)
      .where('action', '=', 'person.merges_viewed')
      .execute();
    assert.ok(
      viewed.some((e) => e.person_id === ids.kayleigh),
      'the read is audited',
    );
  });

  test('whether a form was already sent is asked only by those who may make referrals', async () => {
    for (const role of ['scrutiny_member', 'manager', 'information_governance'] as const) {
      await assert.rejects(run(submissionUsed, actor(role, 'hub'), { idempotencyKey: 'form:x' }), { status: 403 }, role);
    }
    assert.equal(await run(submissionUsed, actor('practitioner', 'school'), { idempotencyKey: 'form:never-sent' }), false);
  });

  test('deciding "not the same" again changes nothing and records no second event', async () => {
    const hub = actor('hub_coordinator', 'hub');
    const count = async () =>
      (await database.db.selectFrom('domain_event').select('id').where('partnership_id', '=', pid).where('name', '=', 'person.decided_not_same').execute())
        .length;
    const before = await count();
    await run(recordNotSame, hub, { personA: ids.other, personB: ids.sibling });
    assert.equal(await count(), before + 2, 'one event for each person');
    await run(recordNotSame, hub, { personA: ids.sibling, personB: ids.other });
    assert.equal(await count(), before + 2);
  });
});
