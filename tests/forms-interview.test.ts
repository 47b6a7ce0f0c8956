// Return home interviews save only what is true (issue 16.3): a blank form, or "Interview held" with no date, is an
// error shown in the GOV.UK error summary, not "saved"; the audit trail and the record never disagree (an event only
// when the record changed, saying what changed).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inPageOrder } from '../src/platform/views/render.ts';
import { api, type Browser, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let coordinator: Browser;
let childId: string;
before(async () => {
  w = await world();
  childId = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json().personId;
  coordinator = await signedIn(w, 'missing_coordinator');
});
after(() => w?.close());

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
const parts = (name: string, d: Date) => {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (t: string) => local.find((x) => x.type === t)?.value ?? '';
  return { [`${name}-day`]: p('day'), [`${name}-month`]: p('month'), [`${name}-year`]: p('year'), [`${name}-time`]: `${p('hour')}:${p('minute')}` };
};
const blankDates = (...names: string[]) =>
  Object.assign({}, ...names.map((n) => ({ [`${n}-day`]: '', [`${n}-month`]: '', [`${n}-year`]: '', [`${n}-time`]: '' })));

async function returnedEpisode(): Promise<string> {
  const e = (
    await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
      personId: childId,
      classification: 'missing',
      riskGrade: 'medium',
      reportedAt: ago(30).toISOString(),
    })
  ).json();
  await api(w, 'missing_coordinator', 'PATCH', `/api/v1/missing-episodes/${e.id}`, { returnedAt: ago(20).toISOString() });
  return e.id;
}

const events = async (episodeId: string) =>
  (
    await w.database.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'return_interview.recorded')
      .where('resource_id', '=', episodeId)
      .orderBy('seq')
      .execute()
  ).map((r) => r.details as { changed: string[]; changes: string[] });

const stored = async (episodeId: string) =>
  (await api(w, 'missing_coordinator', 'GET', `/api/v1/missing-episodes/${episodeId}`)).json().interview as {
    status: string;
    completedAt: string | null;
  } | null;

test('the form starts with nothing chosen: no pre-selected status', async () => {
  const id = await returnedEpisode();
  const page = await coordinator.get(`/missing/episodes/${id}/interview`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /name="status" type="radio" value="\w+" checked/);
});

test('a blank form is an error in the error summary, nothing is saved and nothing is audited', async () => {
  const id = await returnedEpisode();
  const url = `/missing/episodes/${id}/interview`;
  // What a browser sent before: the pre-selected "offered", every date blank.
  for (const form of [blankDates('offeredAt', 'completedAt', 'declinedAt'), { status: 'offered', ...blankDates('offeredAt', 'completedAt', 'declinedAt') }]) {
    const res = await coordinator.submit(url, url, form);
    assert.equal(res.statusCode, 422, JSON.stringify(form));
    assert.match(res.body, /govuk-error-summary/);
    assert.doesNotMatch(res.body, /saved/i);
  }
  assert.equal(await stored(id), null, 'no interview recorded');
  assert.deepEqual(await events(id), [], 'no audit event');
});

test('"Interview held" with no date is an error, on the page and through the API', async () => {
  const id = await returnedEpisode();
  const url = `/missing/episodes/${id}/interview`;
  const res = await coordinator.submit(url, url, {
    status: 'completed',
    ...parts('offeredAt', ago(19)),
    ...blankDates('completedAt', 'declinedAt'),
    whereWent: 'Fictional park',
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /<a href="#completedAt-day">Enter the date and time the interview took place<\/a>/);
  const viaApi = await api(w, 'missing_coordinator', 'PUT', `/api/v1/missing-episodes/${id}/return-interview`, {
    status: 'completed',
    offeredAt: ago(19).toISOString(),
    completedAt: null,
  });
  assert.equal(viaApi.statusCode, 422);
  assert.deepEqual(
    viaApi.json().errors.map((e: { field: string }) => e.field),
    ['completedAt'],
  );
  assert.equal(await stored(id), null);
  assert.deepEqual(await events(id), []);
});

test('the audit event exists only when the record changed, and says what changed', async () => {
  const id = await returnedEpisode();
  const url = `/missing/episodes/${id}/interview`;
  const held = {
    status: 'completed',
    ...parts('offeredAt', ago(19)),
    ...parts('completedAt', ago(18)),
    ...blankDates('declinedAt'),
    whereWent: 'A fictional friend’s flat',
  };
  const saved = await coordinator.submit(url, url, held);
  assert.equal(saved.statusCode, 303);
  const shown = await coordinator.get(saved.headers.location as string);
  assert.match(shown.body, /Return home interview saved/);
  assert.equal((await stored(id))?.status, 'completed');
  const [first] = await events(id);
  assert.deepEqual(first.changed.sort(), ['completedAt', 'completedBy', 'offeredAt', 'offeredBy', 'status', 'whereWent'].sort());
  assert.ok(first.changes.includes('Status: Interview held'), first.changes.join('; '));
  assert.ok(first.changes.includes('Where the child went: recorded'), 'the free text is named, not copied into the trail');
  assert.ok(!first.changes.join(' ').includes('friend'), 'the words stay in the record');

  // The same form again changes nothing: no event, and the page does not say "saved".
  const again = await coordinator.submit(url, url, held);
  assert.equal(again.statusCode, 303);
  const page = await coordinator.get(again.headers.location as string);
  assert.match(page.body, /No changes to save/);
  assert.equal((await events(id)).length, 1);

  // One answer changed: one event naming it.
  await coordinator.submit(url, url, { ...held, whoWith: 'Fictional older associates' });
  const all = await events(id);
  assert.equal(all.length, 2);
  assert.deepEqual(all[1].changed, ['whoWith']);
  assert.deepEqual(all[1].changes, ['Who they were with: recorded']);
});

test('the error summary follows the order of the fields on the page, whatever order the checks ran in', () => {
  const html = '<input id="status" name="status"><input id="offeredAt-day"><textarea id="whereWent"></textarea><select id="declinedReason"></select>';
  const errors = [
    { field: 'declinedReason', message: 'Select why' },
    { field: 'whereWent', message: 'Too long' },
    { field: 'elsewhere', message: 'Not on the page' },
    { field: 'offeredAt', message: 'Enter when' },
    { field: 'status', message: 'Select where' },
  ];
  assert.deepEqual(
    inPageOrder(errors, html)?.map((e) => e.field),
    ['status', 'offeredAt', 'whereWent', 'declinedReason', 'elsewhere'],
  );
  assert.equal(inPageOrder([errors[4], errors[3]], html), null, 'already in order: nothing to redo');
});
