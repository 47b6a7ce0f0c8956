// The child's voice (issue 11.9): the referral, the triage decision and the plan record the child's own views and the
// family's (optional, with a character count); the overview shows the latest of each, attributed and dated.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

let n = 0;
async function referred(extra: Record<string, unknown> = {}) {
  n += 1;
  const subject = { ...referralBody().subject, givenName: `Voicetest${String.fromCharCode(96 + n)}`, nhsNumber: undefined };
  const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject, ...extra }));
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; personId: string };
}
const voiceOn = (html: string) => /data-qa="voice"[\s\S]*?<\/dl>/.exec(html)?.[0] ?? '';

test('the referral records the child’s and the family’s views; the overview shows them, attributed and dated', async () => {
  const { personId } = await referred({
    childViews: 'Fictional: I just want to go to school and see my mates.',
    familyViews: 'Fictional: Mum is worried about the new friends.',
  });
  const b = await signedIn(w, 'hub_coordinator');
  const page = await b.get(`/people/${personId}`);
  assert.equal(page.statusCode, 200);
  const voice = voiceOn(page.body);
  assert.match(voice, /The child’s views[\s\S]*I just want to go to school/);
  assert.match(voice, /The family’s views[\s\S]*Mum is worried/);
  assert.match(voice, /Recorded by Test hub_coordinator \(Testshire Hub\), in the referral, \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}(:\d{2})?(am|pm)/);
  // The form offers both, optional, with a character count.
  const form = await b.get('/referrals/new');
  assert.match(form.body, /The child’s views \(optional\)/);
  assert.match(form.body, /govuk-character-count[\s\S]*id="childViews"/);
  assert.match(form.body, /data-maxlength="2000"/);
  // Too long is refused naming the field, never a 5xx.
  const long = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ childViews: 'x'.repeat(2001) }));
  assert.equal(long.statusCode, 422);
  assert.equal(long.json().errors[0].field, 'childViews');
});

test('a triage decision’s views are the latest of their kind; the other kind stays as the referral had it', async () => {
  const { id, personId } = await referred({ familyViews: 'Fictional: Dad says she is never home.' });
  const none = await (await signedIn(w, 'hub_coordinator')).get(`/people/${personId}`);
  assert.doesNotMatch(voiceOn(none.body), /The child’s views/);
  const decided = await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${id}/triage-decision`, {
    outcome: 'medium',
    category: 'cse',
    rationale: 'Fictional rationale.',
    childViews: 'Fictional: she told the worker she feels safer at her nan’s.',
  });
  assert.equal(decided.statusCode, 201, decided.body);
  const voice = voiceOn((await (await signedIn(w, 'hub_coordinator')).get(`/people/${personId}`)).body);
  assert.match(voice, /feels safer at her nan’s[\s\S]*at triage/);
  assert.match(voice, /never home[\s\S]*in the referral/);
});

test('the plan records views on its own page, by those who work the case; blank is an error, not saved', async () => {
  const { id, personId } = await referred();
  await api(w, 'hub_coordinator', 'POST', `/api/v1/referrals/${id}/triage-decision`, { outcome: 'high', category: 'ce', rationale: 'Fictional rationale.' });
  const b = await signedIn(w, 'hub_coordinator');
  const overview = await b.get(`/people/${personId}`);
  assert.match(overview.body, new RegExp(`href="/people/${personId}/voice"`));
  const blank = await b.submit(`/people/${personId}/voice`, `/people/${personId}/voice`, { childViews: ' ', familyViews: '' });
  assert.equal(blank.statusCode, 422);
  assert.match(blank.body, /govuk-error-summary[\s\S]*Enter the child’s views or the family’s views/);
  const saved = await b.submit(`/people/${personId}/voice`, `/people/${personId}/voice`, { childViews: 'Fictional: wants the youth worker to stay the same.' });
  assert.equal(saved.statusCode, 303);
  const after = await b.get(saved.headers.location as string);
  assert.match(after.body, /Views recorded/);
  assert.match(voiceOn(after.body), /youth worker to stay the same[\s\S]*in the plan/);
  const events = await w.database.db.selectFrom('domain_event').select('name').where('person_id', '=', personId).where('name', '=', 'voice.recorded').execute();
  assert.equal(events.length, 1);
  // A practitioner who does not work the case may not open the page (nor record through it).
  const other = await signedIn(w, 'otherPractitioner');
  assert.equal((await other.get(`/people/${personId}/voice`)).statusCode, 403);
});
