// Learning from reviewers and explanations a reviewer can read (issue 18.4, 18.5): merges, undone merges and "not the
// same" decisions become labels; `persons accuracy` measures the model against them; m is refitted from them; the
// model's m, u and weights are shown to information governance (not to a practitioner); the duplicates page and the
// referral form's candidates show a waterfall and plain words that add up to the match weight shown.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accuracyReport, fitReport } from '../src/modules/matching/labels/report.ts';
import { fitModelFromLabels, measureAccuracy } from '../src/modules/matching/labels/use-cases.ts';
import { tenthsThatAddUp } from '../src/modules/matching/labels.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { cli } from './cli-setup.ts';
import { api, referralBody, signedIn, type World, world } from './fixtures.ts';

let w: World;
let hub: Awaited<ReturnType<typeof signedIn>>;
const people: Record<string, string> = {};
const refer = async (key: string, subject: Record<string, string>) => {
  const res = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody({ subject: { sex: 'female', ...subject } }));
  assert.equal(res.statusCode, 201, res.body);
  people[key] = res.json().personId;
};
before(async () => {
  w = await world();
  // Three fictional pairs the queue suggests: a nickname, a twin-like pair, a moved household.
  await refer('kayleigh', { givenName: 'Kayleigh', familyName: 'Labelworth', dateOfBirth: '2011-03-04', postcode: 'NM1 4AB' });
  await refer('kayley', { givenName: 'Kayley', familyName: 'Labelworth', dateOfBirth: '2011-03-04', postcode: 'NM1 4XY' });
  await refer('amara', { givenName: 'Amara', familyName: 'Fictionby', dateOfBirth: '2010-07-09', postcode: 'NM3 2QT' });
  await refer('amarah', { givenName: 'Amarah', familyName: 'Fictionby', dateOfBirth: '2010-07-09', postcode: 'NM3 2QT' });
  await refer('jess', { givenName: 'Jessica', familyName: 'Examplewood', dateOfBirth: '2012-01-15', postcode: 'NM5 8XY' });
  await refer('jessie', { givenName: 'Jess', familyName: 'Examplewood', dateOfBirth: '2012-01-15', postcode: 'NM5 8XZ' });
  hub = await signedIn(w, 'hub_coordinator');
});
after(() => w?.close());

const pairOf = (x: string, y: string) => [people[x], people[y]].sort() as [string, string];
const cells = (html: string) => [...html.matchAll(/data-qa="explanation-weight">([^<]+)</g)].map((m) => m[1]);

test('the duplicates page shows each pair’s waterfall and plain words that add up to the match weight shown', async () => {
  const page = await hub.get('/people/duplicates');
  assert.equal(page.statusCode, 200);
  const cards = page.body.split('data-qa="duplicate-pair"').slice(1);
  assert.ok(cards.length >= 3, `${cards.length} pairs`);
  for (const card of cards) {
    assert.match(card, /<svg [^>]*role="img" aria-labelledby="pair-\d+-title pair-\d+-desc"/);
    assert.match(card, /<desc id="pair-\d+-desc">starting point[^<]*same date of birth \+\d+\.\d/);
    assert.match(card, /<th scope="row"[^>]*>same date of birth<\/th>\s*<td[^>]*>\+\d+\.\d</);
    const weights = cells(card).map(Number);
    const total = weights.pop() as number;
    const sum = weights.reduce((s, x) => s + x, 0);
    assert.equal(Math.round(sum * 10) / 10, total, `${weights.join(' ')} = ${total}`);
    assert.match(card, new RegExp(`match weight ${total >= 0 ? '\\+' : '-'}${Math.abs(total).toFixed(1)}\\)`));
  }
  assert.match(page.body, /given names a nickname or spelling variant of each other \+\d/);
  assert.match(page.body, /postcode in the same sector [+-]\d+\.\d/);
});

test('a merge, an undone merge and “not the same” become labels with what the model saw, and no personal data', async () => {
  const [a, b] = pairOf('kayleigh', 'kayley');
  const merged = await hub.submit('/people/duplicates', '/people/duplicates/decision', { personA: a, personB: b, index: '0', decision: 'keep_a' });
  assert.equal(merged.statusCode, 303);
  const [c, d] = pairOf('amara', 'amarah');
  assert.equal((await api(w, 'hub_coordinator', 'POST', '/api/v1/persons/not-same', { personA: c, personB: d })).statusCode, 204);
  const jess = await api(w, 'hub_coordinator', 'POST', '/api/v1/persons/merges', { mergedPersonId: people.jessie, survivingPersonId: people.jess });
  assert.equal(jess.statusCode, 201, jess.body);
  assert.equal((await api(w, 'hub_coordinator', 'POST', `/api/v1/persons/merges/${jess.json().id}/undo`, {})).statusCode, 200);

  const merge = await w.database.db.selectFrom('person_merge').selectAll().where('merged_person_id', '=', b).executeTakeFirstOrThrow();
  const snapshot = (typeof merge.comparison === 'string' ? JSON.parse(merge.comparison) : merge.comparison) as Record<string, string | null>;
  assert.equal(snapshot['date of birth'], 'exact match');
  assert.equal(snapshot['family name'], 'exact match');
  assert.equal(snapshot.identifier, null, 'no NHS number on either: missing');
  const notSame = await w.database.db.selectFrom('person_not_same').select('comparison').where('person_a', '=', c).executeTakeFirstOrThrow();
  const text = JSON.stringify(notSame.comparison);
  assert.match(text, /"date of birth":"exact match"/);
  for (const personal of ['Amara', 'Fictionby', '2010', 'NM3']) assert.ok(!text.includes(personal), `no ${personal} in the label`);

  const measured = await w.svc.run(measureAccuracy, systemActor(w.partnershipId), undefined);
  assert.deepEqual([measured.matches, measured.nonMatches], [1, 2], 'the undone merge is a non-match');
  const at = measured.rows.find((r) => r.threshold === 0.5);
  assert.equal(at?.truePositives, 1, 'the merged pair scores above the threshold');
  assert.equal(at?.recall, 1);
  assert.equal((at?.falsePositives ?? 0) + (at?.trueNegatives ?? 0), 2);
  const report = accuracyReport(measured).join('\n');
  assert.match(report, /3 labelled pairs from reviewers: 1 the same person, 2 not the same/);
  assert.match(report, /At the threshold in use \(probability 0\.5\): precision \d+\.\d%, recall 100\.0%, F1 \d+\.\d%/);
  assert.match(report, / 0\.50 .* <- in use/);
  assert.match(report, /RRRR/, 'a text chart of recall');

  const fitted = await w.svc.run(fitModelFromLabels, systemActor(w.partnershipId), { minMatches: 1 });
  assert.ok(fitted.saved);
  assert.ok(fitted.fitted.find((f) => f.name === 'date of birth')?.applied);
  assert.match(fitReport(fitted, 1).join('\n'), /date of birth: 1 labelled matches, m refitted/);
  const tooFew = await w.svc.run(fitModelFromLabels, systemActor(w.partnershipId), { minMatches: 30 });
  assert.equal(tooFew.saved, false);
});

test('the model page lists each level’s m, u and weight to information governance, not a practitioner', async () => {
  const ig = await signedIn(w, 'information_governance');
  const page = await ig.get('/admin/matching/model');
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /<caption[^>]*>Date of birth <strong[^>]*>m from reviewers<\/strong>/, 'refitted in the test above');
  assert.match(
    page.body,
    /<th scope="row"[^>]*>day and month swapped<\/th>\s*<td[^>]*>\d+\.\d%<\/td>\s*<td[^>]*>(1 in [\d,]+|\d+\.\d%)<\/td>\s*<td[^>]*>[+-]\d+\.\d</,
  );
  assert.match(page.body, /Postcode and address/);
  assert.doesNotMatch(page.body, /Labelworth|Kayleigh/, 'no names from the term-frequency tables');
  assert.equal((await (await signedIn(w, 'practitioner')).get('/admin/matching/model')).statusCode, 403);
  assert.equal((await hub.get('/admin/matching/model')).statusCode, 403, 'the hub decides on pairs; governance checks the model');
});

test('the referral form’s candidates are explained with the waterfall too', async () => {
  const step = await hub.submit('/referrals/new', '/referrals', {
    'subject.givenName': 'Kayleigh',
    'subject.familyName': 'Labelworth',
    'subject.dateOfBirth-day': '4',
    'subject.dateOfBirth-month': '3',
    'subject.dateOfBirth-year': '2011',
    'subject.sex': 'female',
    'subject.postcode': 'NM1 4AB',
    referrerName: 'Test Referrer',
    referrerContact: '01632 960000',
    concerns: 'Fictional: seen getting into cars with unknown older adults after school on several evenings.',
    exploitationTypes: ['cse'],
    indicators: ['cars_unknown_adults'],
    urgency: 'routine',
    consent: 'given',
    submissionId: '5b3c1e0e-7a51-4b0c-9a43-2f1f3b4c5d01',
  });
  assert.equal(step.statusCode, 200);
  // The pair was merged above: the record kept is the candidate.
  assert.match(step.body, new RegExp(`<svg [^>]*aria-labelledby="candidate-(${people.kayleigh}|${people.kayley})-title`));
  assert.match(step.body, /same date of birth<\/th>\s*<td[^>]*>\+\d+\.\d</);
});

test('`jigsaw persons accuracy` says so when there are no labels yet', async () => {
  const c = await cli('match-labels');
  try {
    const res = await c.jigsaw(['persons', 'accuracy']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /No labels yet: nothing to measure against/);
    const fit = await c.jigsaw(['persons', 'train', '--from-labels']);
    assert.equal(fit.code, 0, fit.stderr);
    assert.match(fit.stdout, /No labels yet: the model is unchanged/);
  } finally {
    await c.cleanup();
  }
});

test('weights shown in tenths always add up to the match weight shown', () => {
  let seed = 7;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return (seed / 2147483647) * 20 - 10;
  };
  for (let i = 0; i < 500; i++) {
    const values = Array.from({ length: 8 }, next);
    const total = values.reduce((s, x) => s + x, 0);
    const shown = tenthsThatAddUp(values, total);
    // + 0: a sum of exactly nothing may round to -0.
    assert.equal(Math.round(shown.reduce((s, x) => s + x, 0) * 10) + 0, Math.round(total * 10) + 0);
    for (let k = 0; k < values.length; k++) assert.ok(Math.abs(shown[k] - values[k]) < 0.15, `${shown[k]} for ${values[k]}`);
  }
});
