// `jigsaw serve` runs the transition plan sweep itself: starting the server (in-process, as serve does) creates the
// due "Transition plan to adult services" action, as the scheduler; starting it again creates no second one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { dailyTransitionSweep } from '../src/modules/transition/sweep.ts';
import { ukDate } from '../src/platform/time.ts';
import { api, referralBody, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

/** `months` months ago (day capped at the 28th). */
function monthsAgo(months: number): string {
  const [y, m, d] = ukDate(new Date()).split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

const transitionActions = (personId: string) =>
  w.database.db
    .selectFrom('triage_action as t')
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 't.partnership_id').onRef('r.id', '=', 't.referral_id'))
    .select(['t.status'])
    .where('r.person_id', '=', personId)
    .where('t.description', '=', 'Transition plan to adult services')
    .execute();

/** Starts and stops a server on the world's database, as `jigsaw serve` does, sweeping only this test's partnership. */
async function startServer(): Promise<void> {
  const app = await buildApp({ config: w.config, database: w.database, services: w.svc });
  dailyTransitionSweep(app, w.database.db, w.svc, { partnerships: async () => [w.partnershipId] });
  await app.ready();
  await app.close();
}

test('starting the server creates the due transition plan action once, as the scheduler; starting it again, no second', async () => {
  const subject = { ...referralBody().subject, givenName: 'Sweeptest', nhsNumber: undefined, dateOfBirth: monthsAgo(17 * 12) };
  const referral = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject }));
  assert.equal(referral.statusCode, 201, referral.body);
  const { id, personId } = referral.json();
  const decided = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional rationale.',
  });
  assert.equal(decided.statusCode, 201, decided.body);
  assert.equal((await transitionActions(personId)).length, 0, 'seventeen when the case opened: no plan yet');
  // Months later, with the case still open, the child is 17 and 8 months; nothing else has happened.
  await w.database.db
    .updateTable('person')
    .set({ date_of_birth: monthsAgo(17 * 12 + 8) })
    .where('id', '=', personId)
    .execute();
  await w.database.db.updateTable('exploitation_case').set({ lead_agency_id: w.agencies.hub }).where('person_id', '=', personId).execute();
  assert.equal((await transitionActions(personId)).length, 0);

  await startServer();
  assert.deepEqual(await transitionActions(personId), [{ status: 'open' }]);
  const events = await w.database.db
    .selectFrom('audit_event')
    .select(['actor_label'])
    .where('partnership_id', '=', w.partnershipId)
    .where('action', '=', 'transition_plan.created')
    .execute();
  assert.deepEqual(events, [{ actor_label: 'jigsaw scheduler' }]);

  await startServer();
  assert.equal((await transitionActions(personId)).length, 1, 'the second start creates none');
});
