// The demo partnership loads into an empty database and every page says it is demo data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/demo/data.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { ROLES } from '../src/platform/access/policy.ts';
import { verifyAudit } from '../src/platform/audit/store.ts';
import { Browser, type World, world } from './fixtures.ts';

let w: World;
let partnershipId: string;
before(async () => {
  w = await world({ demo: true });
  ({ partnershipId } = await seedDemo(w.database.db));
});
after(() => w?.close());

test('seeding twice leaves one demo partnership', async () => {
  const again = await seedDemo(w.database.db);
  assert.equal(again.created, false);
  assert.equal(again.partnershipId, partnershipId);
  const people = await w.database.db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirstOrThrow();
  assert.equal(Number(people.n), 202, 'the 200 generated, and the adult and the young person of all-ages.ts');
  assert.equal((await verifyAudit(w.database.db, partnershipId)).break, null);
});

test('a demo user signs in without two-factor, and every page they see says it is demo data', async () => {
  const b = new Browser(w.app);
  const coordinator = DEMO_USERS.find((u) => u.role === 'hub_coordinator');
  const res = await b.signIn(coordinator!.email, DEMO_PASSWORD);
  assert.equal(res.statusCode, 302);
  for (const url of ['/hub', '/referrals', `/triage/${new Date().toISOString().slice(0, 10)}`, '/actions', '/reports/triage', '/people?q=a', '/missing']) {
    const page = await b.get(url);
    assert.equal(page.statusCode, 200, url);
    assert.match(page.body, /data-qa="demo-banner"/, url);
  }
  assert.match((await b.get('/sign-in')).body, /demo-password/);
  const queue = await b.get('/hub');
  assert.match(queue.body, /data-qa="hub-queue"/, 'the demo has referrals awaiting triage');
  assert.match(queue.body, /data-qa="hub-recent"/, 'and decisions');
});

test('the demo has an account for every role, each listed in the README, and each signs in', async () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const role of ROLES) {
    const user = DEMO_USERS.find((u) => u.role === role);
    assert.ok(user, `no demo account for ${role}`);
    assert.ok(readme.includes(`| \`${role}\` | \`${user.email}\` |`), `${user.email} is not in the README's demo accounts`);
    const res = await new Browser(w.app).signIn(user.email, DEMO_PASSWORD);
    assert.equal(res.statusCode, 302, role);
  }
});

test('the demo tracker has actions in every state (open green, amber, overdue red, in progress, done, cancelled) and a plan with goals', async () => {
  const db = w.database.db;
  const plan = await db.selectFrom('case_plan').select(['id', 'person_id']).where('partnership_id', '=', partnershipId).executeTakeFirstOrThrow();
  const goals = await db.selectFrom('plan_goal').select('id').where('plan_id', '=', plan.id).execute();
  assert.ok(goals.length >= 2);
  const b = new Browser(w.app);
  await b.signIn(DEMO_USERS.find((u) => u.role === 'hub_coordinator')!.email, DEMO_PASSWORD);
  const rows = await db
    .selectFrom('triage_action')
    .select(['status', 'due_date'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', plan.person_id)
    .execute();
  const { actionRag } = await import('../src/modules/actions/domain.ts');
  const today = new Date().toISOString().slice(0, 10);
  for (const rag of ['green', 'amber', 'red'])
    assert.ok(
      rows.some((a) => actionRag(a.due_date, a.status, today) === rag),
      rag,
    );
  for (const status of ['in_progress', 'done', 'cancelled'])
    assert.ok(
      rows.some((a) => a.status === status),
      status,
    );
  assert.match((await b.get(`/people/${plan.person_id}/actions`)).body, /Fictional: attends school every day/);
});

test('the demo support directory shows a full service, and a child referred to it has the referral in their chronology', async () => {
  const b = new Browser(w.app);
  await b.signIn(DEMO_USERS.find((u) => u.role === 'hub_coordinator')!.email, DEMO_PASSWORD);
  const directory = (await b.get('/support/services')).body;
  assert.match(directory, /Project Demo-X \(fictional\)[\s\S]*?3 of 3 in use[\s\S]*?Full/);
  const referral = await w.database.db
    .selectFrom('support_referral')
    .select('person_id')
    .where('partnership_id', '=', partnershipId)
    .where('status', '=', 'declined')
    .executeTakeFirstOrThrow();
  const chronology = (await b.get(`/people/${referral.person_id}/chronology`)).body;
  assert.match(chronology, /Referred to Northmoor CAMHS \(fictional\)/);
  assert.match(chronology, /already has a CAMHS worker/);
});

test('the demo hub has cumulative concern alerts from its recent history, about children and contexts, and one child carries a flag that travels', async () => {
  const b = new Browser(w.app);
  await b.signIn(DEMO_USERS.find((u) => u.role === 'hub_coordinator')!.email, DEMO_PASSWORD);
  const alerts = (await b.get('/alerts')).body;
  assert.match(alerts, /data-qa="alert"[\s\S]*?What added up/);
  // Three agencies' recent intelligence about the peer group at the recreation ground: an alert about each context.
  assert.match(alerts, /data-qa="alert-context">Abbeyfield Recreation Ground<\/a> \(context\)/);
  assert.match(alerts, /data-qa="alert-context">Quarry Row boys<\/a> \(context\)/);
  const db = w.database.db;
  const alert = await db
    .selectFrom('alert')
    .select('person_id')
    .where('partnership_id', '=', partnershipId)
    .where('dismissed_at', 'is', null)
    .executeTakeFirst();
  assert.ok(alert, 'an open alert');
  const flag = await db.selectFrom('person_flag').select('person_id').where('partnership_id', '=', partnershipId).executeTakeFirstOrThrow();
  assert.match((await b.get(`/people/${flag.person_id}/flags`)).body, /Northmoor Exploitation Hub duty desk \(fictional\)/);
});
