import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, PERMISSIONS, ROLES, scopeFor } from './policy.ts';

test('anything not in the matrix is denied', () => {
  assert.equal(scopeFor('practitioner', 'audit', 'read'), null);
  assert.equal(scopeFor('hub_member', 'user', 'manage'), null);
  assert.equal(scopeFor('nobody' as never, 'person', 'read'), null);
});

test('the scrutiny member has aggregate reports (and their own notifications) only: no person-level resource', () => {
  assert.deepEqual(Object.keys(PERMISSIONS.scrutiny_member).sort(), ['case_audit_report', 'notification', 'report', 'review', 'training_report']);
  assert.deepEqual(PERMISSIONS.scrutiny_member.review, { read: 'partnership' });
  // A case audit round's report counts grades by case number and names no child (the round itself is refused).
  assert.deepEqual(PERMISSIONS.scrutiny_member.case_audit_report, { read: 'partnership' });
  assert.equal(can('scrutiny_member', 'case_audit', 'read'), false);
  assert.deepEqual(PERMISSIONS.scrutiny_member.training_report, { read: 'partnership' });
  assert.deepEqual(PERMISSIONS.scrutiny_member.notification, { read: 'own', update: 'own' });
  assert.equal(can('scrutiny_member', 'report', 'read_exact'), false);
  for (const resource of ['person', 'referral', 'audit', 'training', 'case', 'context', 'support_referral'] as const)
    assert.equal(can('scrutiny_member', resource, 'read'), false);
});

test('practitioners and managers see their agency’s records; hub roles the partnership’s', () => {
  assert.equal(scopeFor('practitioner', 'referral', 'read'), 'agency');
  assert.equal(scopeFor('manager', 'person', 'read'), 'agency');
  assert.equal(scopeFor('hub_coordinator', 'referral', 'read'), 'partnership');
  assert.equal(scopeFor('hub_member', 'person', 'read'), 'partnership');
});

test('only hub coordinators and partnership admins set when a referral was received', () => {
  assert.deepEqual(ROLES.filter((r) => can(r, 'referral', 'set_received_at')).sort(), ['hub_coordinator', 'partnership_admin']);
});

test('only information governance reads the audit trail; only admins manage users', () => {
  assert.deepEqual(
    ROLES.filter((r) => can(r, 'audit', 'read')),
    ['information_governance'],
  );
  assert.deepEqual(
    ROLES.filter((r) => can(r, 'user', 'manage')),
    ['partnership_admin'],
  );
});
