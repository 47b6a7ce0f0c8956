// Screening (issue 16.4): starts unanswered except what the referrer ticked, cannot be saved with questions
// unanswered unless the user says "Not known", shows the running score without JavaScript, and names each level in
// the toolkit's words and triage's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, type Browser, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let hub: Browser;
before(async () => {
  w = await world();
  hub = await signedIn(w, 'hub_coordinator');
});
after(() => w?.close());

// The referrer ticked "Getting into cars with unknown adults" (fixtures' referralBody).
const refer = async () => (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json().id as string;
const checked = (html: string) => [...html.matchAll(/name="answers\.(\w+)" type="radio" value="(\w+)" checked/g)].map((m) => `${m[1]}=${m[2]}`);
const screenings = async (referralId: string) =>
  w.database.db.selectFrom('screening').select(['answers', 'score', 'level']).where('referral_id', '=', referralId).execute();

test('the form starts unanswered, except the question the referrer ticked, which says so', async () => {
  const id = await refer();
  const page = await hub.get(`/referrals/${id}/screening`);
  assert.equal(page.statusCode, 200);
  assert.deepEqual(checked(page.body), ['cars_unknown_adults=current'], 'no "Not present" chosen for the user');
  assert.match(page.body, /The referrer ticked this/);
  assert.match(page.body, /value="not_known"/, 'every question offers "Not known"');
});

test('questions left unanswered are errors, unless the user says they are not known', async () => {
  const id = await refer();
  const url = `/referrals/${id}/screening`;
  const res = await hub.submit(url, url, { 'answers.repeat_missing': 'current', 'answers.cars_unknown_adults': 'past_6_months' });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /govuk-error-summary/);
  assert.match(res.body, /<a href="#answers-looked_after">Answer “Looked after child or care leaver”, or choose “Not known”<\/a>/);
  assert.deepEqual(checked(res.body).sort(), ['cars_unknown_adults=past_6_months', 'repeat_missing=current'], 'what was chosen is kept');
  assert.equal((await screenings(id)).length, 0);
  // Unanswered questions and a different level without a reason: both in one summary.
  const both = await hub.submit(url, url, { 'answers.repeat_missing': 'current', overrideLevel: 'significant' });
  assert.match(both.body, /href="#answers-looked_after"/);
  assert.match(both.body, /href="#overrideReason"/);

  const saved = await hub.submit(url, url, {
    'answers.repeat_missing': 'current',
    'answers.cars_unknown_adults': 'past_6_months',
    'answers.missing': 'not_known',
    restNotKnown: 'yes',
  });
  assert.equal(saved.statusCode, 303);
  const [s] = await screenings(id);
  assert.deepEqual(s.answers, { repeat_missing: 'current', cars_unknown_adults: 'past_6_months' }, '"Not known" is saved as unanswered, not as "Not present"');
  assert.equal(s.score, 6);
  const referral = await hub.get(saved.headers.location as string);
  assert.match(referral.body, /Screening saved/);
  assert.match(referral.body, /Mild \(Low at triage\)/, 'the level in the toolkit’s words and triage’s');
});

test('"Show the score" gives the score so far without saving (no JavaScript needed)', async () => {
  const id = await refer();
  const url = `/referrals/${id}/screening`;
  const page = await hub.get(url);
  assert.match(page.body, /data-qa="running-score"/);
  assert.match(page.body, /<script type="module" src="\/javascripts\/screening.js"/);
  const res = await hub.submit(url, url, { intent: 'score', 'answers.repeat_missing': 'current', 'answers.cars_unknown_adults': 'past_6_months' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Score so far: <strong data-score>6<\/strong>/);
  assert.match(res.body, /Suggested level: <strong data-level>Mild \(Low at triage\)<\/strong>/);
  assert.doesNotMatch(res.body, /govuk-error-summary/);
  assert.equal((await screenings(id)).length, 0, 'nothing saved');
});
