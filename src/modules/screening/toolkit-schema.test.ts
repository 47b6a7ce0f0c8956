import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TOOLKIT } from './domain.ts';
import { toolkitProblems } from './toolkit-schema.ts';

test('the default toolkit can be installed', () => {
  assert.deepEqual(toolkitProblems(JSON.parse(JSON.stringify(DEFAULT_TOOLKIT))), []);
});

test('a toolkit file with a wrong shape or broken rules is refused, saying where', () => {
  const copy = () => JSON.parse(JSON.stringify(DEFAULT_TOOLKIT));
  const noVersion = copy();
  delete noVersion.version;
  assert.ok(toolkitProblems(noVersion).some((p) => p.includes('version')));
  const badAnswer = copy();
  badAnswer.incidentForcingAnswers = ['sometimes'];
  assert.ok(toolkitProblems(badAnswer).some((p) => p.startsWith('/incidentForcingAnswers/0')));
  const duplicate = copy();
  duplicate.indicators.push({ ...duplicate.indicators[0] });
  assert.ok(toolkitProblems(duplicate).some((p) => p.includes('used more than once')));
  const gap = copy();
  gap.bands[1].min += 1;
  assert.ok(toolkitProblems(gap).some((p) => p.includes('must start at')));
});
