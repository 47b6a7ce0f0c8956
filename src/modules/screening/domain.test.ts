import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  ANSWERS,
  type Answer,
  addMonths,
  applyOverride,
  DEFAULT_TOOLKIT,
  isRescreenOverdue,
  rescreenDueDate,
  SCREENING_LEVEL_LABELS,
  SCREENING_LEVELS,
  type ScreeningAnswers,
  scoreScreening,
  type Toolkit,
  validateAnswers,
  validateToolkit,
} from './domain.ts';

const tk = DEFAULT_TOOLKIT;
const keysIn = (group: string) => tk.indicators.filter((i) => i.group === group).map((i) => i.key);
const fill = (keys: string[], answer: Answer): Record<string, Answer> => Object.fromEntries(keys.map((k) => [k, answer]));

describe('default toolkit', () => {
  test('is a valid definition with CSE and CE indicators in all three groups', () => {
    assert.deepEqual(validateToolkit(tk), []);
    for (const group of ['vulnerabilities', 'moderate', 'significant']) {
      const inGroup = tk.indicators.filter((i) => i.group === group);
      assert.ok(
        inGroup.some((i) => i.types.includes('cse')),
        `${group} has CSE indicators`,
      );
      assert.ok(
        inGroup.some((i) => i.types.includes('ce')),
        `${group} has CE indicators`,
      );
    }
    for (const key of ['repeat_missing', 'drug_debt', 'carrying_weapons', 'found_out_of_area', 'multiple_phones']) {
      assert.ok(
        tk.indicators.some((i) => i.key === key),
        key,
      );
    }
  });

  test('level labels', () => {
    assert.deepEqual(
      SCREENING_LEVELS.map((l) => SCREENING_LEVEL_LABELS[l]),
      ['Not at risk', 'Mild', 'Moderate', 'Significant'],
    );
  });
});

describe('validateToolkit', () => {
  test('catches duplicate keys, untagged indicators and gaps between bands', () => {
    const bad: Toolkit = {
      ...tk,
      indicators: [...tk.indicators, { key: 'missing', label: 'Dup', group: 'moderate', types: [] }],
      bands: [
        { level: 'not_at_risk', min: 0, max: 5 },
        { level: 'mild', min: 7, max: null },
      ],
    };
    const problems = validateToolkit(bad);
    assert.ok(problems.some((p) => p.includes('"missing" is used more than once')));
    assert.ok(problems.some((p) => p.includes('tagged cse, ce or both')));
    assert.ok(problems.some((p) => p.includes('must start at 6')));
  });
});

describe('scoreScreening', () => {
  test('nothing present scores 0, not at risk', () => {
    const r = scoreScreening(tk, {});
    assert.equal(r.score, 0);
    assert.equal(r.band, 'not_at_risk');
    assert.deepEqual(r.drivers, []);
    assert.deepEqual(r.forcedBy, []);
  });

  test('SERAF points: significant 5 now or within 6 months, 1 at 6-12 months; moderate and vulnerability 1 or 0', () => {
    const r = scoreScreening(tk, {
      drug_debt: 'current',
      carrying_weapons: 'past_6_months',
      found_out_of_area: '6_to_12_months',
      missing: 'past_6_months',
      school_absence: '6_to_12_months',
      looked_after: 'current',
      bereavement: '6_to_12_months',
    });
    assert.equal(r.score, 5 + 5 + 1 + 1 + 1);
    assert.deepEqual(
      r.drivers.map((d) => [d.key, d.points]),
      [
        ['drug_debt', 5],
        ['carrying_weapons', 5],
        ['found_out_of_area', 1],
        ['missing', 1],
        ['looked_after', 1],
      ],
    );
  });

  test('band boundaries 5/6, 10/11, 15/16', () => {
    const moderate = keysIn('moderate');
    const cases: [number, string][] = [
      [5, 'not_at_risk'],
      [6, 'mild'],
      [10, 'mild'],
      [11, 'moderate'],
      [15, 'moderate'],
    ];
    for (const [n, level] of cases) {
      const r = scoreScreening(tk, fill(moderate.slice(0, n), 'current'));
      assert.equal(r.score, n);
      assert.equal(r.band, level, `score ${n}`);
    }
    const sixteen = scoreScreening(tk, { ...fill(keysIn('significant').slice(0, 3), 'current'), missing: 'current' });
    assert.equal(sixteen.score, 16);
    assert.equal(sixteen.band, 'significant');
  });

  test('a significant incident forces significant even with a score of 0, and says which', () => {
    const r = scoreScreening(tk, { under_13_sexual: 'current', trap_house: 'not_present' });
    assert.equal(r.score, 0);
    assert.equal(r.scoreBand, 'not_at_risk');
    assert.equal(r.band, 'significant');
    assert.deepEqual(
      r.forcedBy.map((f) => f.key),
      ['under_13_sexual'],
    );
  });

  test('scoreByType separates sexual and criminal exploitation', () => {
    const r = scoreScreening(tk, { drug_debt: 'current', sexual_health: 'current', missing: 'current' });
    assert.deepEqual(r.scoreByType, { cse: 2, ce: 6 });
  });

  test('blank answers (null or empty, as from an unfinished form) count as not present', () => {
    const r = scoreScreening(tk, { drug_debt: '', missing: null } as unknown as ScreeningAnswers);
    assert.equal(r.score, 0);
    assert.deepEqual(validateAnswers(tk, { drug_debt: '', missing: null }), []);
    assert.deepEqual(validateAnswers(tk, { drug_debt: '' }, { requireAll: true }).filter((e) => e.field === 'answers.drug_debt').length, 1);
  });

  test('refuses answers that were not validated', () => {
    assert.throws(() => scoreScreening(tk, { not_a_key: 'current' }), /not a question/);
  });

  test('score equals the sum of driver points, drivers are sorted, and more answers never lower the score (property)', () => {
    const keys = [...tk.indicators, ...tk.significantIncidents].map((i) => i.key);
    const answersArb = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...ANSWERS)) as fc.Arbitrary<Record<string, Answer>>;
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...keys), (answers, extra) => {
        const r = scoreScreening(tk, answers);
        assert.equal(
          r.score,
          r.drivers.reduce((s, d) => s + d.points, 0),
        );
        for (let i = 1; i < r.drivers.length; i++) assert.ok(r.drivers[i - 1].points >= r.drivers[i].points);
        const more = scoreScreening(tk, { ...answers, [extra]: 'current' } as ScreeningAnswers);
        assert.ok(more.score >= r.score);
        assert.ok(SCREENING_LEVELS.indexOf(more.band) >= SCREENING_LEVELS.indexOf(r.band));
      }),
    );
  });
});

describe('validateAnswers', () => {
  test('valid answers have no errors', () => {
    assert.deepEqual(validateAnswers(tk, { missing: 'current', trap_house: 'not_present' }), []);
  });

  test('unknown keys and invalid values are reported per field with what to do', () => {
    const errors = validateAnswers(tk, { missing: 'yes', wandering: 'current' });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['answers.missing', 'answers.wandering'],
    );
    assert.match(errors[0].message, /Missing from home or care.*select current, in the last 6 months/);
    assert.match(errors[1].message, /not a question in .* version 1/);
  });

  test('requireAll lists unanswered questions', () => {
    const all = fill(
      [...tk.indicators, ...tk.significantIncidents].map((i) => i.key),
      'not_present',
    );
    assert.deepEqual(validateAnswers(tk, all, { requireAll: true }), []);
    delete all.trap_house;
    const errors = validateAnswers(tk, all, { requireAll: true });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['answers.trap_house'],
    );
  });
});

describe('applyOverride', () => {
  test('no override keeps the suggestion', () => {
    assert.deepEqual(applyOverride('mild'), { ok: true, level: 'mild', overridden: false, reason: null });
    assert.deepEqual(applyOverride('mild', 'mild'), { ok: true, level: 'mild', overridden: false, reason: null });
  });

  test('a different level needs a reason', () => {
    const r = applyOverride('mild', 'significant', '  ');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.errors[0].field, 'overrideReason');
      assert.match(r.errors[0].message, /Significant rather than the suggested Mild/);
    }
    assert.deepEqual(applyOverride('mild', 'significant', ' Sibling exploited by same group '), {
      ok: true,
      level: 'significant',
      overridden: true,
      reason: 'Sibling exploited by same group',
    });
  });

  test('an unknown level is rejected', () => {
    const r = applyOverride('mild', 'extreme', 'because');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.errors[0].field, 'overrideLevel');
  });
});

describe('rescreenDueDate', () => {
  test('three calendar months later, clamped at month ends', () => {
    assert.equal(rescreenDueDate('2024-01-15'), '2024-04-15');
    assert.equal(rescreenDueDate('2023-11-30'), '2024-02-29');
    assert.equal(rescreenDueDate('2022-11-30'), '2023-02-28');
    assert.equal(rescreenDueDate('2024-08-31'), '2024-11-30');
    assert.equal(rescreenDueDate('2024-10-15'), '2025-01-15');
  });

  test('an instant is taken as its date in England', () => {
    // 23:30 UTC on 31 May is 00:30 BST on 1 June.
    assert.equal(rescreenDueDate(new Date('2024-05-31T23:30:00Z')), '2024-09-01');
  });

  test('overdue only after the due date', () => {
    assert.equal(isRescreenOverdue('2024-01-15', '2024-04-15'), false);
    assert.equal(isRescreenOverdue('2024-01-15', '2024-04-16'), true);
  });

  test('rejects a malformed date', () => {
    assert.throws(() => rescreenDueDate('15/01/2024'), RangeError);
  });

  test('addMonths lands in the right month and never overflows into the next (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.integer({ min: -24, max: 24 }), (d, n) => {
        const from = d.toISOString().slice(0, 10);
        const to = addMonths(from, n);
        const [fy, fm, fd] = from.split('-').map(Number);
        const [ty, tm, td] = to.split('-').map(Number);
        assert.equal(ty * 12 + tm - (fy * 12 + fm), n);
        assert.ok(td <= fd);
      }),
    );
  });
});
