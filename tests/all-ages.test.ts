// All ages (issue 11.8): agencies that work with adults, cuckooing and modern slavery, the adult screening toolkit
// chosen by age at screening, "Turns 18 on ..." from 17 years 6 months, and one transition plan action per person.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAgency } from '../src/modules/admin/use-cases.ts';
import { birthdayAt } from '../src/modules/people/domain.ts';
import { DEFAULT_ADULT_TOOLKIT, DEFAULT_TOOLKIT, validateToolkit } from '../src/modules/screening/domain.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { addDays, formatDate, ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const today = () => ukDate(new Date());
/** A date of birth that makes someone `years` and `months` old today (and `days` more). */
function bornAgo(years: number, months: number, days = 0): string {
  const [y, m, d] = today().split('-').map(Number);
  const total = y * 12 + (m - 1) - (years * 12 + months);
  const day = Math.min(d, 28);
  return addDays(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`, -days);
}
let n = 0;
async function referred(dateOfBirth: string, extra: Record<string, unknown> = {}) {
  n += 1;
  const subject = { ...referralBody().subject, givenName: `Agestest${String.fromCharCode(96 + n)}`, nhsNumber: undefined, dateOfBirth };
  const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject, ...extra }));
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; personId: string };
}
const decide = (referralId: string) =>
  api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${referralId}/triage-decision`, {
    outcome: 'medium',
    category: 'adults',
    rationale: 'Fictional rationale.',
  });
const caseOf = async (personId: string) => (await api(w, 'hub_coordinator', 'GET', `/api/v1/persons/${personId}/case`)).json();
const transitionActions = (personId: string) =>
  w.database.db
    .selectFrom('triage_action as t')
    .innerJoin('referral as r', (j) => j.onRef('r.partnership_id', '=', 't.partnership_id').onRef('r.id', '=', 't.referral_id'))
    .select(['t.description', 't.owner_agency_id', 't.due_date', 't.status'])
    .where('r.person_id', '=', personId)
    .where('t.description', '=', 'Transition plan to adult services')
    .execute();

test('agencies that work with adults, and cuckooing and modern slavery, are accepted and listed', async () => {
  const admin = systemActor(w.partnershipId);
  for (const sector of ['adult_social_care', 'housing', 'probation'] as const) {
    const made = await w.svc.run(createAgency, admin, { name: `Testshire ${sector} (fictional)`, sector });
    assert.ok(made.id, sector);
  }
  const adult = await referred('1984-05-01', { exploitationTypes: ['cuckooing', 'modern_slavery'] });
  const shown = (await api(w, 'hub_coordinator', 'GET', `/api/v1/referrals/${adult.id}`)).json();
  assert.deepEqual(shown.exploitationTypes, ['cuckooing', 'modern_slavery']);
  const b = await signedIn(w, 'practitioner');
  const form = await b.get('/referrals/new');
  assert.match(form.body, /Cuckooing/);
  assert.match(form.body, /Modern slavery/);
  const admins = await signedIn(w, 'partnership_admin');
  const agencies = await admins.get('/admin/agencies');
  for (const label of ['Adult Social Care', 'Housing', 'Probation Service']) assert.match(agencies.body, new RegExp(label));
});

test('an adult is screened with the adult toolkit, a child with the child toolkit, by age on the day of screening', async () => {
  assert.deepEqual(validateToolkit(DEFAULT_ADULT_TOOLKIT), []);
  const adult = await referred(bornAgo(18, 0));
  const child = await referred(bornAgo(17, 11));
  const b = await signedIn(w, 'hub_coordinator');
  const adultForm = await b.get(`/referrals/${adult.id}/screening`);
  assert.equal(adultForm.statusCode, 200);
  assert.match(adultForm.body, /Adult exploitation screening tool/);
  assert.match(adultForm.body, /cuckooing/);
  const childForm = await b.get(`/referrals/${child.id}/screening`);
  assert.match(childForm.body, /Child exploitation screening tool/);
  const screened = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${adult.id}/screenings`, {
    answers: Object.fromEntries(DEFAULT_ADULT_TOOLKIT.indicators.map((i) => [i.key, i.key === 'home_used_by_others' ? 'current' : 'not_present'])),
  });
  assert.equal(screened.statusCode, 201, screened.body);
  assert.equal(screened.json().toolkit.id, DEFAULT_ADULT_TOOLKIT.id);
  // The child toolkit's questions are not the adult's.
  const wrong = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${adult.id}/screenings`, {
    answers: { [DEFAULT_TOOLKIT.indicators[0].key]: 'current' },
  });
  assert.equal(wrong.statusCode, 422);
});

test('the child’s page shows "Turns 18 on ..." from 17 years 6 months, not before', async () => {
  const soon = await referred(bornAgo(17, 6));
  const notYet = await referred(bornAgo(17, 5));
  const b = await signedIn(w, 'hub_coordinator');
  const page = await b.get(`/people/${soon.personId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`Turns 18 on ${formatDate(birthdayAt(bornAgo(17, 6), 18))}`));
  assert.doesNotMatch((await b.get(`/people/${notYet.personId}`)).body, /Turns 18 on/);
});

test('an open case for someone 17 and a half gets one transition plan action, owned by the allocated agency', async () => {
  const dob = bornAgo(17, 7);
  const { id, personId } = await referred(dob);
  assert.equal((await decide(id)).statusCode, 201);
  // No one to own it yet: allocation makes it.
  assert.equal((await transitionActions(personId)).length, 0);
  let c = await caseOf(personId);
  const allocated = await api(w, 'hub_coordinator', 'PATCH', `/api/v1/cases/${c.id}/allocation`, {
    version: c.version,
    leadAgencyId: w.agencies.hub,
    allocatedWorkerId: w.users.practitioner.id,
  });
  assert.equal(allocated.statusCode, 200, allocated.body);
  const actions = await transitionActions(personId);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].owner_agency_id, w.agencies.school, 'the allocated worker’s agency');
  assert.equal(String(actions[0].due_date).slice(0, 10), birthdayAt(dob, 18));
  // More changes, a repeated sweep: still one.
  c = await caseOf(personId);
  await api(w, 'hub_coordinator', 'POST', `/api/v1/cases/${c.id}/reviews`, { version: c.version, notes: 'Fictional review.' });
  const sweep = await api(w, 'hub_coordinator', 'POST', '/api/v1/cases/transition-plans');
  assert.equal(sweep.statusCode, 200, sweep.body);
  assert.equal(sweep.json().created, 0);
  assert.equal((await transitionActions(personId)).length, 1);
  // It is on the child's plan, and in the chronology's events.
  const plan = await (await signedIn(w, 'hub_coordinator')).get(`/people/${personId}/actions`);
  assert.match(plan.body, /Transition plan to adult services/);
  const events = await w.database.db
    .selectFrom('domain_event')
    .select('name')
    .where('person_id', '=', personId)
    .where('name', '=', 'transition_plan.created')
    .execute();
  assert.equal(events.length, 1);
  assert.equal((await api(w, 'practitioner', 'POST', '/api/v1/cases/transition-plans')).statusCode, 403);
});

test('the sweep plans for a case that reached 17 and a half while open; younger and adult cases get none', async () => {
  const due = await referred(bornAgo(17, 8));
  const young = await referred(bornAgo(16, 0));
  const adult = await referred(bornAgo(19, 0));
  for (const r of [due, young, adult]) assert.equal((await decide(r.id)).statusCode, 201);
  // Set a lead agency straight in the table, without a case event, as if the case had been open for months.
  await w.database.db
    .updateTable('exploitation_case')
    .set({ lead_agency_id: w.agencies.hub })
    .where('person_id', 'in', [due.personId, young.personId, adult.personId])
    .execute();
  const sweep = (await api(w, 'hub_coordinator', 'POST', '/api/v1/cases/transition-plans')).json();
  assert.ok(sweep.created >= 1);
  assert.equal((await transitionActions(due.personId)).length, 1);
  assert.equal((await transitionActions(young.personId)).length, 0);
  assert.equal((await transitionActions(adult.personId)).length, 0);
});
