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
  const any = () => true;
  assert.equal(recordHref({ resourceType: 'referral', resourceId: 'r1', personId: 'p1' }, any), '/referrals/r1');
  assert.equal(recordHref({ resourceType: 'chronology', resourceId: 'x', personId: 'p1' }, any), '/people/p1');
  assert.equal(recordHref({ resourceType: 'partnership', resourceId: null, personId: null }, any), null);
  // A page the reader may not open is not offered: the person's record instead, or nothing.
  assert.equal(
    recordHref({ resourceType: 'intelligence_entity', resourceId: 'e1', personId: 'p1' }, (r) => r === 'person'),
    '/people/p1',
  );
  assert.equal(
    recordHref({ resourceType: 'intelligence_entity', resourceId: 'e1', personId: null }, (r) => r === 'person'),
    null,
  );
});

test('CSV cells that a spreadsheet would run as formulas are made text', () => {
  for (const bad of ['=1+1', '+44', '-2', '@SUM(A1)', '\tx']) assert.equal(csvSafe(bad), `'${bad}`);
  assert.equal(csvSafe('Sam Smith'), 'Sam Smith');
});
