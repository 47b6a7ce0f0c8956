import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { inputErrors } from '../../platform/http/input.ts';
import {
  AGENCY_SECTOR_LABELS,
  AGENCY_SECTORS,
  actionRag,
  compareQueue,
  type DecisionFields,
  isOverdue,
  latestDecision,
  nextChair,
  type QueueItem,
  TRIAGE_CATEGORIES,
  TRIAGE_CATEGORY_LABELS,
  TRIAGE_OUTCOME_LABELS,
  TRIAGE_OUTCOMES,
  validateDecision,
} from './domain.ts';
import { DecisionBody } from './schemas.ts';

const today = '2024-03-20';
const agency = '6f1c1d7e-0000-4000-8000-000000000001';
const valid = {
  outcome: 'medium',
  category: 'ce',
  rationale: 'Found out of area twice; older associates.',
  actions: [{ description: 'Strategy discussion', ownerAgencyId: agency, dueDate: '2024-03-22' }],
};

describe('vocabulary', () => {
  test('levels, categories and sectors are in the published table order with its labels', () => {
    assert.deepEqual(
      TRIAGE_OUTCOMES.map((o) => TRIAGE_OUTCOME_LABELS[o]),
      ['Returned not discussed', 'No risk', 'Low', 'Medium', 'High'],
    );
    assert.deepEqual(
      TRIAGE_CATEGORIES.map((c) => TRIAGE_CATEGORY_LABELS[c]),
      ['CE (Criminal Exploitation)', 'CE and Violence', 'CSE (Child Sexual Exploitation)', 'CE and CSE', 'Youth Violence', 'Adults', 'Other'],
    );
    assert.deepEqual(
      AGENCY_SECTORS.map((s) => AGENCY_SECTOR_LABELS[s]),
      [
        "Children's Social Care",
        'Education',
        'Voluntary sector',
        'Police',
        'Youth Justice Service',
        'Health',
        'Early Help',
        'Adult Social Care',
        'Housing',
        'Probation Service',
        'Other',
      ],
    );
  });
});

describe('a decision: its shape (DecisionBody) and its rules (validateDecision)', () => {
  const errorsOf = (input: Record<string, unknown>, agencyIds?: string[]) => {
    const shape = inputErrors(DecisionBody, input);
    return [...shape, ...validateDecision(input as DecisionFields, today, { agencyIds }).filter((e) => !shape.some((s) => s.field === e.field))];
  };

  test('a complete decision has no errors', () => {
    assert.deepEqual(errorsOf(valid), []);
  });

  test('a decision with no actions is valid (e.g. no risk)', () => {
    assert.deepEqual(errorsOf({ ...valid, outcome: 'no_risk', actions: [] }), []);
  });

  test('missing outcome and category, and a blank rationale, are each reported against their field', () => {
    const errors = errorsOf({ rationale: '   ' });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['outcome', 'category', 'rationale'],
    );
    assert.match(errors[0].message, /level of risk/);
    assert.match(errors[2].message, /reason/);
  });

  test('unknown outcome and category are rejected, listing the allowed values', () => {
    const errors = errorsOf({ ...valid, outcome: 'very_high', category: 'fraud' });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['outcome', 'category'],
    );
    assert.match(errors[1].message, /ce_and_violence/);
  });

  test('each action needs an owner and a due date that is not in the past, reported per action', () => {
    const errors = errorsOf({
      ...valid,
      actions: [
        { description: 'Ok', ownerAgencyId: agency, dueDate: today },
        { description: 'No owner', dueDate: '2024-03-19' },
        { description: ' ', ownerAgencyId: agency, dueDate: '2024-02-30' },
      ],
    });
    assert.deepEqual(errors.map((e) => e.field).sort(), ['actions[1].dueDate', 'actions[1].ownerAgencyId', 'actions[2].description', 'actions[2].dueDate']);
    assert.match(errors.find((e) => e.field === 'actions[1].dueDate')?.message ?? '', /today or in the future/);
    assert.match(errors.find((e) => e.field === 'actions[2].dueDate')?.message ?? '', /real date/);
  });

  test('an owner outside the partnership is rejected when the agency list is given', () => {
    const errors = errorsOf(valid, ['6f1c1d7e-0000-4000-8000-0000000000ff']);
    assert.deepEqual(
      errors.map((e) => e.field),
      ['actions[0].ownerAgencyId'],
    );
  });
});

describe('actionRag and isOverdue', () => {
  test('red when overdue, amber from 7 days before the due date, green earlier', () => {
    assert.equal(actionRag('2024-03-19', 'open', today), 'red');
    assert.equal(actionRag('2024-03-20', 'open', today), 'amber');
    assert.equal(actionRag('2024-03-27', 'open', today), 'amber');
    assert.equal(actionRag('2024-03-28', 'open', today), 'green');
  });

  test('amber window crosses month and year ends', () => {
    assert.equal(actionRag('2025-01-03', 'open', '2024-12-28'), 'amber');
    assert.equal(actionRag('2025-01-05', 'open', '2024-12-28'), 'green');
  });

  test('done and cancelled actions have no RAG and are never overdue', () => {
    assert.equal(actionRag('2020-01-01', 'done', today), 'none');
    assert.equal(actionRag('2020-01-01', 'cancelled', today), 'none');
    assert.equal(isOverdue('2020-01-01', 'done', today), false);
    assert.equal(isOverdue('2024-03-19', 'open', today), true);
    assert.equal(isOverdue(today, 'open', today), false);
  });
});

describe('latestDecision', () => {
  test('the latest decided wins regardless of list order', () => {
    const d = latestDecision([
      { id: 'b', decidedAt: '2024-03-02' },
      { id: 'a', decidedAt: '2024-03-05' },
      { id: 'c', decidedAt: '2024-03-01' },
    ]);
    assert.equal(d?.id, 'a');
  });

  test('same decision date: the one created later supersedes', () => {
    const d = latestDecision([
      { id: 'late', decidedAt: '2024-03-05', createdAt: '2024-03-05T15:00:00Z' },
      { id: 'early', decidedAt: '2024-03-05', createdAt: '2024-03-05T09:00:00Z' },
    ]);
    assert.equal(d?.id, 'late');
    const byPosition = latestDecision([
      { id: 'first', decidedAt: '2024-03-05' },
      { id: 'second', decidedAt: '2024-03-05' },
    ]);
    assert.equal(byPosition?.id, 'second');
  });

  test('no decisions gives undefined', () => {
    assert.equal(latestDecision([]), undefined);
  });
});

describe('compareQueue', () => {
  test('immediate before urgent before routine, then oldest first', () => {
    const items: QueueItem[] = [
      { id: 'r-old', urgency: 'routine', receivedAt: '2024-03-01T09:00:00Z' },
      { id: 'u-new', urgency: 'urgent', receivedAt: '2024-03-10T09:00:00Z' },
      { id: 'i', urgency: 'immediate', receivedAt: '2024-03-12T09:00:00Z' },
      { id: 'u-old', urgency: 'urgent', receivedAt: '2024-03-02T09:00:00Z' },
    ];
    assert.deepEqual(
      [...items].sort(compareQueue).map((i) => i.id),
      ['i', 'u-old', 'u-new', 'r-old'],
    );
  });

  test('is a consistent total order (property)', () => {
    const item = fc.record({
      urgency: fc.constantFrom('immediate', 'urgent', 'routine') as fc.Arbitrary<QueueItem['urgency']>,
      receivedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
      id: fc.string(),
    });
    fc.assert(
      fc.property(item, item, (a, b) => {
        assert.equal(Math.sign(compareQueue(a, b)), -Math.sign(compareQueue(b, a)) || 0);
      }),
    );
  });
});

describe('nextChair', () => {
  const core = ['csc', 'police', 'health'];
  test('rotates in core order', () => {
    assert.equal(nextChair(core, []), 'csc');
    assert.equal(nextChair(core, ['csc']), 'police');
    assert.equal(nextChair(core, ['csc', 'police']), 'health');
    assert.equal(nextChair(core, ['csc', 'police', 'health']), 'csc');
  });

  test('a newly joined core agency chairs next; a departed one is ignored', () => {
    assert.equal(nextChair([...core, 'education'], ['csc', 'police', 'health']), 'education');
    assert.equal(nextChair(['police', 'health'], ['csc', 'police', 'health', 'csc']), 'police');
  });

  test('over a full cycle every core agency chairs exactly once (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 8 }), (ids) => {
        const history: string[] = [];
        for (let i = 0; i < ids.length; i++) history.push(nextChair(ids, history) as string);
        assert.deepEqual([...history].sort(), [...ids].sort());
      }),
    );
  });

  test('no core agencies gives null', () => {
    assert.equal(nextChair([], ['csc']), null);
  });
});
