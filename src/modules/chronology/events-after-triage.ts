// Chronology lines for what follows a triage decision: the one action tracker (src/modules/actions), the child's
// multi-agency plan (src/modules/plans), meetings about the child (src/modules/meetings), corrections of a triage
// decision, the reminder of a return home interview falling due, subject access releases and rectifications. Part of the registry in domain.ts, kept apart to keep each file small.
import { fieldLabel } from '../subject-access/rectification.ts';
import { ACTION_STATUS_LABELS, TRIAGE_OUTCOME_LABELS } from '../triage/vocab.ts';
import type { Entry } from './domain.ts';
import { clip, joined, label, sentence, str } from './phrases.ts';

/** An action's line: what happened, then the action's own words. */
const actionLine = (what: string, field = 'title'): Entry => ({
  kind: 'action',
  access: 'action',
  line: (c) => sentence(joined([what, clip(c[field])], ': ')),
});
/** A meeting's line: whoever may read the child's case sees that it met; what it said stays on the meeting's page. */
const meetingLine = (what: (meeting: string) => string): Entry => ({
  kind: 'case',
  access: 'case',
  line: (c) => sentence(what(c.typeCode === 'mace' ? 'MACE' : 'Meeting')),
});

export const AFTER_TRIAGE_EVENTS: Readonly<Record<string, Entry>> = {
  'action.assigned': actionLine('Action assigned'),
  'action.status_changed': {
    kind: 'action',
    access: 'action',
    line: (c) => `Action marked ${(label(ACTION_STATUS_LABELS, c.status) ?? 'changed').toLowerCase()}.`,
  },
  'action.due_tomorrow': actionLine('Action due tomorrow'),
  'action.overdue': actionLine('Action overdue'),
  'action.escalated': actionLine('Overdue action escalated to the owner’s manager'),
  'plan.goal_added': actionLine('Plan goal added', 'description'),
  'plan.reviewed': { kind: 'action', access: 'action', line: () => 'Multi-agency plan reviewed.' },

  // A context (place, peer group ...) the child was linked to: its name and how; the rest stays on its page.
  'context.child_linked': { kind: 'case', access: 'case', line: (c) => sentence(joined(['Linked to a context', clip(c.contextName)], ': ')) },

  'meeting.created': meetingLine((m) => `${m} convened`),
  'meeting.invited': meetingLine((m) => `${m} invitations sent`),
  'meeting.started': meetingLine((m) => `${m} started; its agenda frozen`),
  'meeting.attendance_recorded': meetingLine((m) => `${m} attendance recorded`),
  'meeting.minuted': meetingLine((m) => `${m} minutes recorded`),
  'meeting.held': meetingLine((m) => `${m} held`),
  'meeting.minutes_ready': meetingLine((m) => `${m} minutes published`),

  'triage_decision.corrected': {
    kind: 'triage',
    access: 'triage',
    line: (c) => {
      const to = (c.to ?? {}) as { outcome?: unknown };
      return sentence(
        joined(
          [`Triage decision corrected to ${label(TRIAGE_OUTCOME_LABELS, to.outcome) ?? 'a new outcome'}`, str(c.reason) && `Why: ${clip(c.reason)}`],
          '. ',
        ),
      );
    },
  },
  'return_interview.due': { kind: 'return_interview', access: 'missing', line: () => 'Return home interview due within 24 hours (reminder sent to the hub).' },
  'subject_access.released': { kind: 'record', access: 'case', line: () => 'Records released in answer to a subject access request.' },
  // Rectification: which detail, never its old or new value (those stay in the person's correction history).
  'person.rectified': {
    kind: 'record',
    access: 'person',
    line: (c) => `${fieldLabel(String(c.field ?? 'A detail'))} corrected by information governance (the earlier value is kept).`,
  },
};
