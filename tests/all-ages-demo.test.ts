// The demo covers all ages: an adult cuckooing case led by adult social care, screened with the adult toolkit, and a
// young person approaching 18 with "Turns 18 on ...", one transition plan action and the child's voice.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/demo/data.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { Browser, type World, world } from './fixtures.ts';

let w: World;
let b: Browser;
before(async () => {
  w = await world({ demo: true });
  await seedDemo(w.database.db);
  b = new Browser(w.app);
  const coordinator = DEMO_USERS.find((u) => u.role === 'hub_coordinator');
  assert.equal((await b.signIn(coordinator!.email, DEMO_PASSWORD)).statusCode, 302);
});
after(() => w?.close());

const personFound = async (q: string) => {
  const page = await b.get(`/people?${new URLSearchParams({ q })}`);
  const id = /data-qa="people-results"[\s\S]*?href="\/people\/([0-9a-f-]{36})"/.exec(page.body)?.[1];
  assert.ok(id, `${q} found`);
  return id;
};

test('the adult cuckooing case: found by a misspelt name, led by adult social care, screened with the adult toolkit', async () => {
  const id = await personFound('Graem Demo-Ashcombe');
  const page = await b.get(`/people/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Northmoor Adult Social Care/);
  assert.match(page.body, /I want my flat back/);
  assert.doesNotMatch(page.body, /Turns 18 on/);
  const screening = await w.database.db.selectFrom('screening').select('toolkit_id').where('person_id', '=', id).executeTakeFirst();
  assert.equal(screening?.toolkit_id, 'jigsaw-adult-exploitation-screening');
});

test('the young person approaching 18: the flag, one transition plan action, and her voice', async () => {
  const id = await personFound('Kacey Demo-Bridgewater');
  const page = await b.get(`/people/${id}`);
  assert.match(page.body, /Turns 18 on \d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.match(page.body, /wants to meet her adult social worker/);
  const plan = await b.get(`/people/${id}/actions`);
  assert.equal((plan.body.match(/Transition plan to adult services/g) ?? []).length, 1);
});
