import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inputErrors } from '../../platform/http/input.ts';
import { DEFAULT_TOOLKIT, type Toolkit, validateToolkit } from './domain.ts';
import { ScreeningBody, ToolkitSchema } from './schemas.ts';

const copy = () => JSON.parse(JSON.stringify(DEFAULT_TOOLKIT));

test('the default toolkit can be installed', () => {
  assert.deepEqual(inputErrors(ToolkitSchema, copy()), []);
  assert.deepEqual(validateToolkit(copy()), []);
});

test('a toolkit file with a wrong shape is refused, naming the field', () => {
  const noVersion = copy();
  delete noVersion.version;
  assert.deepEqual(
    inputErrors(ToolkitSchema, noVersion).map((e) => e.field),
    ['version'],
  );
  const badAnswer = copy();
  badAnswer.incidentForcingAnswers = ['sometimes'];
  const [error] = inputErrors(ToolkitSchema, badAnswer);
  assert.equal(error.field, 'incidentForcingAnswers[0]');
  assert.match(error.message, /current, past_6_months/, 'the allowed answers are listed');
});

test('a toolkit that breaks the rules is refused, saying how', () => {
  const duplicate: Toolkit = copy();
  (duplicate.indicators as unknown[]).push({ ...duplicate.indicators[0] });
  assert.ok(validateToolkit(duplicate).some((p) => p.includes('used more than once')));
  const gap = copy();
  gap.bands[1].min += 1;
  assert.ok(validateToolkit(gap).some((p) => p.includes('must start at')));
});

test('a screening’s answers must be among the four; the override among the levels', () => {
  assert.deepEqual(inputErrors(ScreeningBody, { answers: { missing: 'current' }, overrideLevel: 'mild', overrideReason: 'x' }), []);
  assert.deepEqual(
    inputErrors(ScreeningBody, { answers: { missing: 'sometimes' }, overrideLevel: 'severe' }).map((e) => e.field),
    ['answers.missing', 'overrideLevel'],
  );
});
