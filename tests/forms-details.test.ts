// The details of forms (issue 16.11): text areas have the GOV.UK character count; link text that already names its
// target has no visually hidden repeat ("Record the return"); the date of birth's "Exact" is not pre-selected; a
// blank ethnicity is not labelled "Not known"; a notice to a placing authority is offered only for a child placed
// here by another authority.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ukDate } from '../src/platform/time.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const HOUR = 3_600_000;
const textareas = (html: string) => [...html.matchAll(/<textarea[^>]*>/g)].map((m) => m[0]);

async function episode(placed: boolean) {
  const subject = placed
    ? { givenName: 'Placedchild', familyName: 'Fictional', dateOfBirth: '2011-03-03', placedByOtherLa: true, placingAuthority: 'Fictional County Council' }
    : { givenName: 'Homechild', familyName: 'Fictional', dateOfBirth: '2011-03-03' };
  const personId = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody({ subject }))).json().personId;
  const e = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
    personId,
    classification: 'missing',
    riskGrade: 'medium',
    reportedAt: new Date(Date.now() - 5 * HOUR).toISOString(),
  });
  assert.equal(e.statusCode, 201, e.body);
  return e.json().id as string;
}

test('every text area on the forms is a character count', async () => {
  const practitioner = await signedIn(w, 'practitioner');
  const police = await signedIn(w, 'police_intelligence');
  const coordinator = await signedIn(w, 'missing_coordinator');
  const id = await episode(true);
  await api(w, 'missing_coordinator', 'PATCH', `/api/v1/missing-episodes/${id}`, { returnedAt: new Date(Date.now() - HOUR).toISOString() });
  const personId = (await api(w, 'missing_coordinator', 'GET', `/api/v1/missing-episodes/${id}`)).json().personId;
  const pages: [typeof practitioner, string][] = [
    [practitioner, '/referrals/new'],
    [police, '/intelligence/new'],
    [coordinator, `/missing/episodes/${id}/interview`],
    [coordinator, `/missing/episodes/${id}/notices/new?kind=police`],
    [coordinator, `/people/${personId}/philomena/edit`],
    [await signedIn(w, 'hub_coordinator'), `/triage/${ukDate(new Date())}`],
  ];
  for (const [who, url] of pages) {
    const res = await who.get(url);
    assert.equal(res.statusCode, 200, url);
    const areas = textareas(res.body);
    assert.ok(areas.length > 0, `${url} has a text area`);
    for (const t of areas) assert.match(t, /govuk-js-character-count/, `${url}: ${t}`);
    assert.match(res.body, /data-module="govuk-character-count" data-maxlength="\d+"/, url);
  }
});

test('no template has a plain text area: free text is a character count (a list typed a line at a time may say so)', () => {
  const templates = (readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.njk'));
  const plain = templates.flatMap((f) =>
    readFileSync(join('src', f), 'utf8')
      .split('\n')
      .filter((line) => /govukTextarea\(\{|<textarea/.test(line) && !line.includes('{# a list, not free text #}'))
      .map((line) => `${f}: ${line.trim().slice(0, 80)}`),
  );
  assert.deepEqual(plain, []);
});

test('"Record the return" reads once; once returned, "Change" says what it changes', async () => {
  const coordinator = await signedIn(w, 'missing_coordinator');
  const id = await episode(false);
  const before = await coordinator.get(`/missing/episodes/${id}`);
  const link = /<a [^>]*data-qa="record-return"[^>]*>([\s\S]*?)<\/a>/.exec(before.body)?.[1] ?? '';
  assert.equal(link.replace(/\s+/g, ' ').trim(), 'Record the return');
  await api(w, 'missing_coordinator', 'PATCH', `/api/v1/missing-episodes/${id}`, { returnedAt: new Date(Date.now() - HOUR).toISOString() });
  const after = await coordinator.get(`/missing/episodes/${id}`);
  const change = /<a [^>]*data-qa="record-return"[^>]*>([\s\S]*?)<\/a>/.exec(after.body)?.[1] ?? '';
  assert.match(change.replace(/\s+/g, ' '), /Change<span class="govuk-visually-hidden"> the return<\/span>/);
});

test('the referral form does not pre-select "Exact", and its blank ethnicity is not an answer called "Not known"', async () => {
  const practitioner = await signedIn(w, 'practitioner');
  const form = await practitioner.get('/referrals/new');
  assert.doesNotMatch(form.body, /name="subject\.dobPrecision" type="radio" value="exact" checked/);
  assert.doesNotMatch(form.body, /<option value="">Not known<\/option>/);
  assert.match(form.body, /<option value="not_stated">Not stated<\/option>/);
  // "Not stated" is an answer: not one of the referral's missing essentials.
  const r = (
    await api(
      w,
      'practitioner',
      'POST',
      '/api/v1/referrals',
      referralBody({ subject: { givenName: 'Statedchild', familyName: 'Fictional', ethnicity: 'not_stated' } }),
    )
  ).json();
  const page = await practitioner.get(`/referrals/${r.id}`);
  const warning = /data-qa="missing-essentials"[\s\S]*?<\/div>\s*<\/div>/.exec(page.body)?.[0] ?? '';
  assert.doesNotMatch(warning, /Ethnicity/);
});

test('a notice to a placing authority is offered, and can be written, only for a child placed by another authority', async () => {
  const coordinator = await signedIn(w, 'missing_coordinator');
  const home = await episode(false);
  const page = await coordinator.get(`/missing/episodes/${home}`);
  assert.doesNotMatch(page.body, /data-qa="notice-placing_authority"/);
  assert.match(page.body, /data-qa="notice-police"/);
  const refused = await coordinator.get(`/missing/episodes/${home}/notices/new?kind=placing_authority`);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /not placed here by another local authority/);

  const placed = await episode(true);
  const offered = await coordinator.get(`/missing/episodes/${placed}`);
  assert.match(offered.body, /data-qa="notice-placing_authority"/);
  const notice = await coordinator.get(`/missing/episodes/${placed}/notices/new?kind=placing_authority`);
  assert.equal(notice.statusCode, 200);
  assert.doesNotMatch(notice.body, /name="method" type="radio" value="\w+" checked/, 'how it was sent is not pre-selected');
  const noMethod = await coordinator.submit(`/missing/episodes/${placed}/notices/new?kind=placing_authority`, `/missing/episodes/${placed}/notices`, {
    kind: 'placing_authority',
    recipient: 'Fictional County Council',
    body: 'Fictional notice text.',
  });
  assert.equal(noMethod.statusCode, 422);
  assert.match(noMethod.body, /Select how it was sent/);
});
