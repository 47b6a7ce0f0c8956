import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { generatePeople } from '../../../bench/matching/synthetic.ts';
import { BLOCKING_RULES, blockingKeys, forEachCandidatePair } from './blocking.ts';
import { trainOnPersons } from './index.ts';
import { Matcher } from './model.ts';
import { scoreCandidates } from './online.ts';
import type { PersonRecord } from './record.ts';
import { prepareRecord } from './record.ts';

let matcher: Matcher;
before(() => {
  const people: PersonRecord[] = generatePeople(3000, 11).map((p) => ({
    id: p.id,
    givenName: p.given,
    familyName: p.family,
    dateOfBirth: p.dob,
    sex: p.sex,
    postcode: p.postcode,
    address: p.address,
    identifier: p.identifier,
  }));
  matcher = new Matcher(trainOnPersons(people));
});

describe('scoreCandidates', () => {
  it('orders candidates by probability and explains each', () => {
    const query: PersonRecord = { id: 'q', givenName: 'Kayleigh', familyName: 'Smith', dateOfBirth: '2009-03-05', postcode: 'B1 1AA' };
    const candidates: PersonRecord[] = [
      { id: 'stranger', givenName: 'George', familyName: 'Patel', dateOfBirth: '2001-11-30', postcode: 'LS2 9JT' },
      { id: 'variant', givenName: 'Kaylee', familyName: 'Smith', dateOfBirth: '2009-05-03', postcode: 'B1 1AA' },
      { id: 'same', givenName: 'Kayleigh', familyName: 'Smith', dateOfBirth: '2009-03-05', postcode: 'b11aa' },
    ];
    const scored = scoreCandidates(matcher, query, candidates);
    assert.deepEqual(
      scored.map((s) => s.candidate.id),
      ['same', 'variant', 'stranger'],
    );
    for (const s of scored) {
      assert.ok(s.probability >= 0 && s.probability <= 1);
      assert.ok(Math.abs(s.priorWeight + s.explanation.reduce((t, f) => t + f.weight, 0) - s.matchWeight) < 1e-9);
      assert.match(s.summary, /given name: /);
    }
    assert.ok(scored[0].probability > 0.95);
    assert.ok(scored[2].probability < 0.01);
    assert.equal(scoreCandidates(matcher, query, candidates, { minProbability: 0.5 }).length, 2);
    assert.equal(scoreCandidates(matcher, query, candidates, { limit: 1 })[0].candidate.id, 'same');
  });
});

describe('blocking', () => {
  it('gives SQL-agnostic keys that survive typical differences', () => {
    const a = blockingKeys({
      id: 'a',
      givenName: 'Mohammed',
      familyName: 'Khan',
      dateOfBirth: '2010-03-05',
      postcode: 'B1 1AA',
      address: '12 Acacia Road',
      identifier: '9990000018',
    });
    const b = blockingKeys({ id: 'b', givenName: 'Muhammad', familyName: 'Khan', dateOfBirth: '2010-05-03', postcode: 'B11AA' });
    assert.ok(a.every((k) => BLOCKING_RULES.some((r) => r.id === k.rule) && typeof k.key === 'string'));
    const shared = a.filter((k) => b.some((x) => x.rule === k.rule && x.key === k.key));
    assert.ok(shared.length >= 2, JSON.stringify({ a, b }));
    assert.deepEqual(blockingKeys({ id: 'empty' }), []);
  });

  it('visits each candidate pair once and skips oversized blocks', () => {
    const records = Array.from({ length: 60 }, (_, i) =>
      prepareRecord({ id: String(i), givenName: i % 2 ? 'Amy' : 'Ann', familyName: 'Lee', dateOfBirth: '2010-01-01', postcode: 'M1 1AA' }),
    );
    const seen = new Set<string>();
    forEachCandidatePair(records, (i, j) => {
      assert.ok(i < j);
      const key = `${i},${j}`;
      assert.ok(!seen.has(key), `pair ${key} visited twice`);
      seen.add(key);
    });
    assert.equal(seen.size, (60 * 59) / 2);
    const capped = new Set<string>();
    const stats = forEachCandidatePair(records, (i, j) => capped.add(`${i},${j}`), { maxBlockSize: 40 });
    assert.ok(capped.size < seen.size);
    assert.ok(stats.some((s) => s.cappedBlocks > 0));
  });
});
