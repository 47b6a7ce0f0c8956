import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracyByThreshold, fitMFromLabels, labelsFromDecisions, modelAccuracy } from './accuracy.ts';
import defaultModel from './default-model.json' with { type: 'json' };
import { Matcher, type ModelParams } from './model.ts';
import { RecordPreparer } from './record.ts';

const model = defaultModel as unknown as ModelParams;
const prep = new RecordPreparer({ lenientDates: true });
const person = (id: string, givenName: string, familyName: string, dateOfBirth: string, postcode = 'B1 1AA') =>
  prep.prepare({ id, givenName, familyName, dateOfBirth, postcode, sex: 'F' });

describe('labelsFromDecisions', () => {
  it('merge is a match, "not the same" and an undone merge non-matches; the latest decision stands', () => {
    const labels = labelsFromDecisions([
      { left: 'b', right: 'a', decision: 'merge', at: '2026-01-01T10:00:00Z' },
      { left: 'c', right: 'd', decision: 'not_same', at: '2026-01-01T10:00:00Z' },
      { left: 'e', right: 'f', decision: 'merge', at: '2026-01-01T10:00:00Z' },
      { left: 'f', right: 'e', decision: 'undo', at: '2026-01-02T10:00:00Z' },
      { left: 'a', right: 'b', decision: 'not_same', at: '2026-01-03T10:00:00Z' },
    ]);
    assert.deepEqual(labels, [
      { left: 'a', right: 'b', match: false },
      { left: 'c', right: 'd', match: false },
      { left: 'e', right: 'f', match: false },
    ]);
  });
});

describe('accuracyByThreshold', () => {
  it('counts per threshold, with undefined precision as null', () => {
    const rows = accuracyByThreshold(
      [
        { probability: 0.99, match: true },
        { probability: 0.7, match: false },
        { probability: 0.4, match: true },
        { probability: 0.1, match: false },
      ],
      [0.05, 0.5, 0.995],
    );
    assert.deepEqual(
      rows.map((r) => [r.threshold, r.truePositives, r.falsePositives, r.falseNegatives, r.trueNegatives]),
      [
        [0.05, 2, 2, 0, 0],
        [0.5, 1, 1, 1, 1],
        [0.995, 0, 0, 2, 2],
      ],
    );
    assert.equal(rows[1].precision, 0.5);
    assert.equal(rows[1].recall, 0.5);
    assert.equal(rows[2].precision, null);
    assert.equal(rows[2].f1, null);
  });

  it('recall never rises as the threshold rises', () => {
    const scored = Array.from({ length: 200 }, (_, i) => ({ probability: ((i * 37) % 100) / 100, match: i % 3 === 0 }));
    const rows = accuracyByThreshold(scored);
    for (let i = 1; i < rows.length; i++) assert.ok((rows[i].recall ?? 0) <= (rows[i - 1].recall ?? 0));
  });
});

describe('model accuracy and m from labels', () => {
  const pairs = [
    { a: person('1', 'Kate', 'Smith', '2010-03-05'), b: person('2', 'Katherine', 'Smith', '2010-03-05'), match: true },
    { a: person('3', 'Zainab', 'Khan', '2011-04-06'), b: person('4', 'Zaynab', 'Khan', '2011-06-04'), match: true },
    { a: person('5', 'Amy', 'Lee', '2009-01-01', 'LS2 9JT'), b: person('6', 'Grace', 'Patel', '2003-07-09', 'M1 2AB'), match: false },
  ];

  it('scores labelled pairs with the model', () => {
    const rows = modelAccuracy(new Matcher(model), pairs, [0.5]);
    assert.deepEqual([rows[0].truePositives, rows[0].falsePositives, rows[0].trueNegatives], [2, 0, 1]);
  });

  it('fits m from labelled matches only where there are enough, leaving u alone', () => {
    const many = Array.from({ length: 40 }, () => pairs).flat();
    const { model: fitted, fitted: report } = fitMFromLabels(model, many, { minMatches: 30 });
    const dob = report.find((f) => f.name === 'date of birth');
    assert.ok(dob?.applied);
    assert.equal(dob?.matches, 80);
    const levels = fitted.comparisons.find((c) => c.name === 'date of birth')?.levels ?? [];
    const exact = levels[0].m;
    const swapped = levels[1].m;
    assert.ok(Math.abs(exact - swapped) < 1e-9 && exact > 0.45, `${exact} ${swapped}`);
    assert.ok(Math.abs(levels.reduce((s, l) => s + l.m, 0) - 1) < 1e-9);
    assert.deepEqual(
      fitted.comparisons.map((c) => c.levels.map((l) => l.u)),
      model.comparisons.map((c) => c.levels.map((l) => l.u)),
    );
    new Matcher(fitted); // still valid parameters
    const few = fitMFromLabels(model, pairs, { minMatches: 30 });
    assert.deepEqual(few.model.comparisons, model.comparisons);
  });
});
