import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvSafe, describeAction, recordHref } from './domain.ts';

test('audit event names read as plain English', () => {
  assert.equal(describeAction('intelligence_network.viewed'), 'Viewed the network chart');
  assert.equal(describeAction('missing_episode.created'), 'Created the missing episode');
  assert.equal(describeAction('case.risk_changed'), 'Changed the risk level of the case');
  assert.equal(describeAction('odd'), 'Odd');
});

test('the record an event touched links to its page, or to the person it concerns', () => {
  assert.equal(recordHref({ resourceType: 'referral', resourceId: 'r1', personId: 'p1' }), '/referrals/r1');
  assert.equal(recordHref({ resourceType: 'chronology', resourceId: 'x', personId: 'p1' }), '/people/p1');
  assert.equal(recordHref({ resourceType: 'partnership', resourceId: null, personId: null }), null);
});

test('CSV cells that a spreadsheet would run as formulas are made text', () => {
  for (const bad of ['=1+1', '+44', '-2', '@SUM(A1)', '\tx']) assert.equal(csvSafe(bad), `'${bad}`);
  assert.equal(csvSafe('Sam Smith'), 'Sam Smith');
});
