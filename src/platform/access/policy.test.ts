import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, PERMISSIONS, ROLES, scopeFor } from './policy.ts';

test('anything not in the matrix is denied', () => {
  assert.equal(scopeFor('practitioner', 'audit', 'read'), null);
  assert.equal(scopeFor('hub_member', 'user', 'manage'), null);
  assert.equal(scopeFor('nobody' as never, 'person', 'read'), null);
});

test('the scrutiny member has aggregate reports (and their own notifications) only: no person-level resource', () => {
  assert.deepEqual(Object.keys(PERMISSIONS.scrutiny_member).sort(), [
    'case_audit_report',
    'disclosure_rule',
    'notification',
    'programme_report',
    'report',
    'report_builder',
    'review',
    'training_report',
  ]);
  assert.deepEqual(PERMISSIONS.scrutiny_member.review, { read: 'partnership' });
  // A case audit round's report counts grades by case number and names no child (the round itself is refused).
  assert.deepEqual(PERMISSIONS.scrutiny_member.case_audit_report, { read: 'partnership' });
  assert.equal(can('scrutiny_member', 'case_audit', 'read'), false);
  assert.deepEqual(PERMISSIONS.scrutiny_member.training_report, { read: 'partnership' });
  assert.deepEqual(PERMISSIONS.scrutiny_member.notification, { read: 'own', update: 'own' });
  assert.equal(can('scrutiny_member', 'report', 'read_exact'), false);
  for (const resource of ['person', 'referral', 'audit', 'training', 'case', 'context', 'support_referral', 'programme', 'outcome_scale'] as const)
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

test('only the hub reads and dismisses cumulative concern alerts; the hub coordinator and the administrator set the rule', () => {
  assert.deepEqual(ROLES.filter((r) => can(r, 'alert', 'read')).sort(), ['hub_coordinator', 'hub_member']);
  assert.deepEqual(ROLES.filter((r) => can(r, 'alert', 'update')).sort(), ['hub_coordinator', 'hub_member']);
  assert.deepEqual(ROLES.filter((r) => can(r, 'alert', 'manage')).sort(), ['hub_coordinator', 'partnership_admin']);
  assert.equal(can('practitioner', 'alert', 'read'), false);
});

test('the hub coordinator runs programmes; hub members read them; a worker reads their own caseload; scrutiny reads the report only', () => {
  assert.deepEqual(
    ROLES.filter((r) => can(r, 'programme', 'create')),
    ['hub_coordinator'],
  );
  assert.deepEqual(
    ROLES.filter((r) => can(r, 'programme', 'update')),
    ['hub_coordinator'],
  );
  assert.equal(scopeFor('hub_member', 'programme', 'read'), 'partnership');
  assert.equal(scopeFor('practitioner', 'programme', 'read'), 'own');
  assert.equal(can('scrutiny_member', 'programme', 'read'), false);
  assert.equal(scopeFor('scrutiny_member', 'programme_report', 'read'), 'partnership');
  assert.deepEqual(ROLES.filter((r) => can(r, 'outcome_scale', 'create')).sort(), ['hub_coordinator', 'partnership_admin']);
});

test('the matching model’s parameters are read by information governance and the administrator only; nobody changes them by the matrix', () => {
  assert.deepEqual(ROLES.filter((r) => can(r, 'match_model', 'read')).sort(), ['information_governance', 'partnership_admin']);
  assert.deepEqual(
    ROLES.filter((r) => (['create', 'update', 'manage'] as const).some((a) => can(r, 'match_model', a))),
    [],
  );
});

test('the regional dataset is exported by the administrator and information governance only', () => {
  assert.deepEqual(ROLES.filter((r) => can(r, 'regional_export', 'create')).sort(), ['information_governance', 'partnership_admin']);
  assert.equal(can('practitioner', 'regional_export', 'create'), false);
  assert.equal(can('hub_coordinator', 'regional_export', 'create'), false);
});

test('the flag look-up account looks up flags and can do nothing else; only the hub coordinator and practitioners set flags', () => {
  assert.deepEqual(PERMISSIONS.flag_lookup, { flag: { lookup: 'partnership' } });
  assert.deepEqual(
    ROLES.filter((r) => can(r, 'flag', 'lookup')),
    ['flag_lookup'],
  );
  assert.deepEqual(ROLES.filter((r) => can(r, 'flag', 'create')).sort(), ['hub_coordinator', 'practitioner']);
  assert.equal(scopeFor('practitioner', 'flag', 'create'), 'agency');
  for (const resource of ['person', 'referral', 'case', 'notification', 'audit'] as const) assert.equal(can('flag_lookup', resource, 'read'), false);
});
