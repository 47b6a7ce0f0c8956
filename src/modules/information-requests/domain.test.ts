import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rationaleSummary } from '../triage/domain.ts';
import { checkAnswer, checkRequest, isOverdue, requestState } from './domain.ts';

const agencies = ['a1', 'a2'];

test('a request is overdue only while outstanding after its due date', () => {
  assert.equal(isOverdue({ status: 'outstanding', dueDate: '2026-12-01' }, '2026-12-02'), true);
  assert.equal(isOverdue({ status: 'outstanding', dueDate: '2026-12-02' }, '2026-12-02'), false, 'due today is not overdue');
  assert.equal(isOverdue({ status: 'answered', dueDate: '2026-11-01' }, '2026-12-02'), false);
  assert.equal(requestState({ status: 'answered', dueDate: '2026-11-01' }, '2026-12-02'), 'answered');
  assert.equal(requestState({ status: 'outstanding', dueDate: '2026-11-01' }, '2026-12-02'), 'overdue');
  assert.equal(requestState({ status: 'outstanding', dueDate: '2026-12-09' }, '2026-12-02'), 'outstanding');
});

test('a request names agencies of the partnership, asks something, and is due today or later', () => {
  const ok = { agencyIds: ['a1'], question: 'What do you hold?', dueDate: '2026-12-02' };
  assert.deepEqual(checkRequest(ok, '2026-12-02', agencies), []);
  assert.deepEqual(
    checkRequest({ agencyIds: [], question: ' ', dueDate: '2026-12-01' }, '2026-12-02', agencies).map((e) => e.field),
    ['agencyIds', 'question', 'dueDate'],
    'in the order of the form',
  );
  assert.equal(checkRequest({ ...ok, agencyIds: ['elsewhere'] }, '2026-12-02', agencies)[0].field, 'agencyIds');
  assert.equal(checkAnswer('  ')[0].field, 'answer');
  assert.deepEqual(checkAnswer('Nothing held.'), []);
});

test('the referrer is told the first sentence of the rationale, never more than the limit', () => {
  assert.equal(rationaleSummary('Older associates. Police intelligence we cannot share.'), 'Older associates.');
  assert.equal(rationaleSummary('  No full stop here  '), 'No full stop here');
  const long = rationaleSummary(`${'word '.repeat(100)}end.`, 50);
  assert.ok(long.length <= 51 && long.endsWith('…'), long);
  assert.ok(!long.includes('  '));
});
