// The chronology's lines: every event a module writes about a person has one, and unknown names still read.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { describe, EVENTS, fallbackLine, KINDS, namesByAccess } from './domain.ts';

const ctx = { personId: 'p1', eventPersonId: 'p1' };
const line = (name: string, changes: Record<string, unknown> = {}) => describe(name, changes, ctx).text;

// Events that are never about one person (reference data, accounts, meetings): nothing for the chronology.
const NOT_ABOUT_A_PERSON = new Set([
  'match_model.trained',
  'duplicates_queue.rebuilt',
  'agency.created',
  'user.invited',
  'user.created',
  'user.updated',
  'user.two_factor_reset',
  'api_token.issued',
  'api_token.revoked',
  'screening_toolkit.installed',
  'missing_rule.changed',
  'disclosure_rule.changed',
  'disruption_tactic.saved',
  'notification.marked_read',
  'triage_meeting.attendance_recorded',
  'user.invitation_accepted',
  'case_settings.changed',
  'action_settings.updated',
  'user.manager_set',
  'meeting.settings_changed',
  'meeting_type.saved',
  'notification_settings.changed',
  'notification_preference.changed',
  // Retention: the schedule; listing, deciding and holding records by id (a deleted child has no chronology left).
  'retention_schedule.changed',
  'retention.listed',
  'retention.decided',
  'retention_hold.placed',
  'retention_hold.released',
  // Reviews and recommendations name officers and organisations, never a child.
  'review.created',
  'review.imported',
  'recommendation.progress_added',
  'recommendation.signed_off',
  'recommendation.action_spawned',
  'recommendation.update_requested',
  // Case audits: templates and rounds; answers are about the agencies' practice, not events in the child's life.
  'case_audit_template.created',
  'case_audit_round.created',
  'case_audit_round.completed',
  'case_audit.answered',
  'case_audit.finding_added',
  'case_audit.action_added',
  'recommendation.evidence_added',
  'review.cadence_set',
  'recommendation.lead_changed',
  'recommendation.update_due_soon',
  'recommendation.update_overdue',
  'recommendation.update_escalated',
  // Standards frameworks and their self-assessments describe the partnership's practice, never a child.
  'standards_framework.created',
  'standard.assessed',
  'standard.wording_changed',
  // The delivery plan names officers and organisations, never a child.
  'delivery_plan.created',
  'delivery_plan.priority_added',
  'delivery_plan.objective_added',
  'delivery_plan.action_added',
  'delivery_plan.progress_added',
  'delivery_plan.action_spawned',
  // Committees meet in public: members and officers, never a child.
  'committee_meeting.recorded',
  'committee_question.added',
  'committee_question.answered',
  'committee_resolution.added',
  'committee_report.produced',
  'committee_resolution.action_spawned',
  // Data sharing agreements are between agencies, about no one.
  'sharing_agreement.created',
  'sharing_agreement.updated',
  'sharing_agreement.review_overdue',
  // The directory of support services names services and agencies, never a child.
  'support_service.created',
  'programme.created',
  'outcome_scale.created',
  'support_service.updated',
  // The partnership's cumulative concern rule: two numbers.
  'alert_settings.changed',
  // Contexts: changes about a place or group alone (linking a child is in the child's chronology).
  'context.referred',
  'context.assessed',
  'context.survey_recorded',
  'context.reviewed',
  'context.action_added',
  // The context assessment toolkit: reference data (areas of each kind of context).
  'context_toolkit.changed',
  // The report builder: a saved report's name and specification, and groups of referring agencies.
  'saved_report.saved',
  'referrer_group.saved',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );
}

test('every change a module declares is described by the chronology, or is not about a person', () => {
  const names = new Set<string>();
  // Declared (`change: 'name'`) or written directly (recordChange(..., 'name', ...), for changes without a use case).
  for (const f of sourceFiles(join(import.meta.dirname, '..'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/change: '([a-z_]+\.[a-z_]+)'/g)) names.add(m[1]);
    for (const m of text.matchAll(/recordChange\([^;]*?'([a-z_]+\.[a-z_]+)'/g)) names.add(m[1]);
  }
  assert.ok(names.size > 20, `${names.size} names found`);
  assert.deepEqual(
    [...names].filter((n) => !EVENTS[n] && !NOT_ABOUT_A_PERSON.has(n) && !n.startsWith('training')),
    [],
  );
});

test('lines read as sentences built from what changed', () => {
  assert.equal(line('referral.created', { reference: 'NM-2026-0001', urgency: 'urgent' }), 'Referral NM-2026-0001 received: Urgent (same day).');
  assert.equal(line('screening.created', { level: 'moderate', suggested: 'mild', score: 7 }), 'Screened: Moderate, score 7, the toolkit suggested Mild.');
  assert.equal(line('triage_decision.recorded', { outcome: 'returned_not_discussed', actions: 0 }), 'Triage decision: Returned not discussed.');
  assert.equal(line('missing_episode.updated', { changed: ['returnedAt'], returned: true }), 'Returned from missing.');
  assert.equal(line('missing_episode.updated', { changed: ['riskGrade'], returned: false }), 'Missing episode changed: police risk grade.');
  assert.equal(line('return_interview.recorded', { status: 'declined', declineReason: 'child_declined' }), 'Return home interview declined: Child declined.');
  assert.equal(line('missing_notice.recorded', { kind: 'police', method: 'secure_email' }), 'Notice sent to Police (missing persons) by Secure e-mail.');
  assert.equal(
    line('action.cancelled', { description: 'Fictional: strategy discussion', reason: 'Held at the meeting instead' }),
    'Action cancelled: Fictional: strategy discussion. Why: Held at the meeting instead.',
  );
  assert.equal(line('case.closed', { reasonLabel: 'Risk reduced', detail: null }), 'Case closed: Risk reduced.');
  assert.equal(
    line('case.status_changed', { from: 'open', to: 'under_review', fromLabel: 'Open', toLabel: 'Under review', reason: 'Fictional: new concerns' }),
    'Case status changed from open to under review: Fictional: new concerns.',
  );
  assert.equal(
    line('case.risk_changed', {
      riskLevel: { from: 'medium', to: 'high', fromLabel: 'Medium', toLabel: 'High' },
      category: { from: 'ce', to: 'ce', fromLabel: 'CE', toLabel: 'CE' },
    }),
    'Risk level changed from Medium to High.',
  );
  assert.equal(line('case.allocated', { allocatedWorker: { from: null, to: 'Sam Fictional' } }), 'Case allocation changed: allocated worker Sam Fictional.');
  assert.equal(
    line('information_request.answered', { agency: 'Testshire School', answer: 'Fictional: attendance fell in March.' }),
    'Testshire School answered the information request: Fictional: attendance fell in March.',
  );
  assert.equal(
    line('case.opened', { riskLevel: 'high', category: 'ce', reviewDue: '2026-12-29' }),
    'Case opened: High risk; CE (Criminal Exploitation); review due 29 December 2026.',
  );
});

test('a merge reads differently from each side', () => {
  const c = { mergedPersonId: 'p2', survivingPersonId: 'p1', movedReferrals: 2 };
  assert.equal(describe('person.merged', c, ctx).text, 'Another record of the same person was merged into this one: 2 referrals moved.');
  assert.equal(describe('person.merged', c, { personId: 'p1', eventPersonId: 'p2' }).text, 'This record was merged into another record of the same person.');
});

test('unknown names fall back to a line from the name, of kind "other"; no changes ever throw', () => {
  assert.equal(fallbackLine('case.review_scheduled'), 'Case: review scheduled.');
  assert.deepEqual(describe('widget.made', {}, ctx), { kind: 'other', kindLabel: 'Other', text: 'Widget: made.' });
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(EVENTS)), fc.anything(), (name, changes) => {
      const d = describe(name, changes, ctx);
      assert.equal(typeof d.text, 'string');
      assert.ok(d.text.length > 0);
      assert.ok(KINDS.includes(d.kind));
    }),
  );
});

test('names by kind: every described name in exactly one rule; "other" only when chosen', () => {
  const all = namesByAccess([]);
  assert.equal(Object.values(all.byAccess).flat().length, Object.keys(EVENTS).length);
  assert.equal(all.other, true);
  const missing = namesByAccess(['missing']);
  assert.deepEqual(Object.keys(missing.byAccess), ['missing']);
  assert.equal(missing.other, false);
});
