// The child's chronology: every domain event about a person, as one plain-English line. The registry names, for
// each event name, its kind (what the page filters by), whose rule decides who may see it (`access`), and the line
// built from the event's `changes`. Names not in the registry fall back to a line made from the name. Pure: no I/O.
import type { ChronologyViewer } from '../../platform/access/rules.ts';
import { DISRUPTION_OUTCOME_LABELS, DISRUPTION_STATUS_LABELS } from '../intelligence/vocab.ts';
import {
  CLASSIFICATION_LABELS,
  DECLINE_REASON_LABELS,
  INTERVIEW_STATUS_LABELS,
  NOTICE_KIND_LABELS,
  NOTICE_METHOD_LABELS,
  POLICE_RISK_GRADE_LABELS,
} from '../missing/domain.ts';
import { URGENCY } from '../referrals/domain.ts';
import { SCREENING_LEVEL_LABELS } from '../screening/toolkit.ts';
import { ACTION_STATUS_LABELS, TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS } from '../triage/vocab.ts';
import { AFTER_TRIAGE_EVENTS } from './events-after-triage.ts';
import { ALERT_EVENTS } from './events-alerts.ts';
import { FLAG_EVENTS } from './events-flags.ts';
import { PROGRAMME_EVENTS } from './events-programmes.ts';
import { SUPPORT_EVENTS } from './events-support.ts';
import {
  type Changes,
  caseStatus,
  categoryOf,
  changedList,
  clip,
  dueOf,
  formatIso,
  fromTo,
  joined,
  label,
  num,
  plural,
  riskOf,
  sentence,
  str,
  TACTIC_LABELS,
} from './phrases.ts';

export const KINDS = [
  'referral',
  'screening',
  'triage',
  'action',
  'case',
  'information_request',
  'missing',
  'return_interview',
  'notice',
  'intelligence',
  'disruption',
  'record',
  'other',
] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  referral: 'Referrals',
  screening: 'Screenings',
  triage: 'Triage decisions',
  action: 'Actions',
  case: 'Case status',
  information_request: 'Information requests',
  missing: 'Missing episodes and returns',
  return_interview: 'Return home interviews',
  notice: 'Notices',
  intelligence: 'Intelligence',
  disruption: 'Disruption',
  record: 'The record (created, merged)',
  other: 'Other',
};

/**
 * Whose rule decides who sees an event (chronologyViewer in platform/access/rules.ts gives each for the viewer):
 * - person: whoever may read the person;
 * - referral, screening, triage: by the referral it concerns (agency scope: its agency made the referral);
 * - action: agency scope, an action its agency owns;
 * - missing: the child's missing records;
 * - case: the child's case;
 * - information_request: agency scope, a request sent to its agency;
 * - intelligence: its handling code and release conditions (domain_event.handling);
 * - disruption: only when the target is known to the viewer from intelligence they may see.
 */
export type Access = keyof ChronologyViewer['access'];

export interface LineContext {
  /** The person whose chronology is read (a merge reads differently from each side). */
  personId: string;
  /** The person the event is about (a record merged into this one keeps its own events). */
  eventPersonId: string;
}
export interface Entry {
  kind: Kind;
  access: Access;
  line(c: Changes, ctx: LineContext): string;
}

/** The registry: event name -> kind, access rule and line. */
export const EVENTS: Readonly<Record<string, Entry>> = {
  'person.created': { kind: 'record', access: 'person', line: () => 'Record created in Jigsaw.' },
  'person.merged': {
    kind: 'record',
    access: 'person',
    line: (c, { personId, eventPersonId }) => {
      const moved = num(c.movedReferrals);
      if (c.survivingPersonId === personId && eventPersonId === personId)
        return sentence(joined(['Another record of the same person was merged into this one', moved ? `${plural(moved, 'referral')} moved` : null], ': '));
      return 'This record was merged into another record of the same person.';
    },
  },
  'person.unmerged': { kind: 'record', access: 'person', line: () => 'A merge of two records was undone: they are separate records again.' },
  'person.decided_not_same': { kind: 'record', access: 'person', line: () => 'Another record was decided not to be the same person.' },

  'referral.created': {
    kind: 'referral',
    access: 'referral',
    line: (c) => sentence(joined([`Referral ${str(c.reference) ?? ''} received`.replace('  ', ' '), label(URGENCY, c.urgency)], ': ')),
  },
  'screening.created': {
    kind: 'screening',
    access: 'screening',
    line: (c) => {
      const level = label(SCREENING_LEVEL_LABELS, c.level);
      const suggested = c.suggested && c.suggested !== c.level ? label(SCREENING_LEVEL_LABELS, c.suggested) : null;
      const score = num(c.score);
      return sentence(
        joined([
          `Screened: ${level ?? 'level not recorded'}`,
          score !== null ? `score ${score}` : null,
          suggested ? `the toolkit suggested ${suggested}` : null,
        ]),
      );
    },
  },
  'triage_decision.recorded': {
    kind: 'triage',
    access: 'triage',
    line: (c) => {
      const outcome = label(TRIAGE_OUTCOME_LABELS, c.outcome);
      const graded = ['low', 'medium', 'high'].includes(String(c.outcome));
      const actions = num(c.actions);
      return sentence(
        joined(
          [
            `Triage decision: ${graded ? `${outcome} risk` : (outcome ?? 'recorded')}`,
            label(TRIAGE_CATEGORY_LABELS, c.category),
            actions ? `${plural(actions, 'action')} agreed` : null,
          ],
          '; ',
        ),
      );
    },
  },
  'triage_action.status_changed': {
    kind: 'action',
    access: 'action',
    line: (c) => (c.status === 'open' ? 'Action reopened.' : `Action marked ${(label(ACTION_STATUS_LABELS, c.status) ?? 'changed').toLowerCase()}.`),
  },
  'action.cancelled': {
    kind: 'action',
    access: 'action',
    line: (c) => sentence(joined([joined(['Action cancelled', clip(c.description)], ': '), str(c.reason) && `Why: ${clip(c.reason)}`], '. ')),
  },
  'action.reinstated': { kind: 'action', access: 'action', line: (c) => sentence(joined(['Cancelled action reinstated', clip(c.description)], ': ')) },

  'transition_plan.created': {
    kind: 'action',
    access: 'action',
    line: (c) => sentence(joined([`Action agreed: ${clip(c.description) ?? 'transition plan to adult services'}`, dueOf(c.dueDate, 'due')], ', ')),
  },

  'case.opened': {
    kind: 'case',
    access: 'case',
    line: (c) => sentence(joined([`Case opened: ${riskOf(c.riskLevel, c.riskLevelLabel)}`, categoryOf(c.category, c.categoryLabel), dueOf(c.reviewDue)], '; ')),
  },
  'case.reopened': {
    kind: 'case',
    access: 'case',
    line: (c) =>
      sentence(
        joined(
          [
            `Case reopened after a new referral was accepted: ${riskOf(c.riskLevel, c.riskLevelLabel)}`,
            categoryOf(c.category, c.categoryLabel),
            dueOf(c.reviewDue),
          ],
          '; ',
        ),
      ),
  },
  'case.risk_changed': {
    kind: 'case',
    access: 'case',
    line: (c) => {
      const risk = fromTo(c.riskLevel);
      const category = fromTo(c.category);
      return sentence(
        joined(
          [
            risk && risk.from !== risk.to ? `Risk level changed from ${risk.from} to ${risk.to}` : 'Risk re-graded',
            category && category.from !== category.to ? `category changed from ${category.from} to ${category.to}` : null,
            dueOf(c.reviewDue),
          ],
          '; ',
        ),
      );
    },
  },
  'case.status_changed': {
    kind: 'case',
    access: 'case',
    line: (c) =>
      sentence(
        joined(
          [
            `Case status changed from ${(str(c.fromLabel) ?? caseStatus(c.from) ?? 'its status').toLowerCase()} to ${(str(c.toLabel) ?? caseStatus(c.to) ?? 'a new status').toLowerCase()}`,
            str(c.reason),
          ],
          ': ',
        ),
      ),
  },
  'case.closed': {
    kind: 'case',
    access: 'case',
    line: (c) => sentence(joined([`Case closed: ${str(c.reasonLabel) ?? label({}, c.reason) ?? 'no reason recorded'}`, clip(c.detail)], '. ')),
  },
  'case.allocated': {
    kind: 'case',
    access: 'case',
    line: (c) => {
      const part = (what: string, v: unknown) => {
        const ft = fromTo(v);
        if (!ft) return null;
        return ft.to ? `${what} ${ft.to}${ft.from ? ` (was ${ft.from})` : ''}` : `${what} removed${ft.from ? ` (was ${ft.from})` : ''}`;
      };
      const parts = [part('lead agency', c.leadAgency), part('allocated worker', c.allocatedWorker), part('key worker', c.keyWorker), part('ward', c.ward)];
      return sentence(joined(['Case allocation changed', joined(parts, '; ') || null], ': '));
    },
  },
  'case.reviewed': {
    kind: 'case',
    access: 'case',
    line: (c) => sentence(joined([joined(['Case reviewed', dueOf(c.nextReviewDue, 'next review due')], '; '), clip(c.notes)], ': ')),
  },

  'voice.recorded': {
    kind: 'case',
    access: 'case',
    line: (c) => `The child’s or the family’s views recorded${c.recordedIn === 'plan' ? ' in the plan' : ''}.`,
  },

  'information_request.sent': {
    kind: 'information_request',
    access: 'information_request',
    line: (c) =>
      sentence(
        joined(
          [
            joined(
              [
                `Information requested${str(c.agency) ? ` from ${c.agency}` : ''}`,
                str(c.reference) && `about referral ${c.reference}`,
                dueOf(c.dueDate, 'due'),
              ],
              ', ',
            ),
            clip(c.question),
          ],
          ': ',
        ),
      ),
  },
  'information_request.answered': {
    kind: 'information_request',
    access: 'information_request',
    line: (c) => sentence(joined([`${str(c.agency) ?? 'The agency asked'} answered the information request`, clip(c.answer)], ': ')),
  },

  'missing_episode.created': {
    kind: 'missing',
    access: 'missing',
    line: (c) => {
      const away = c.classification === 'away_without_authorisation';
      return sentence(
        joined([
          away ? `Reported ${label(CLASSIFICATION_LABELS, c.classification)?.toLowerCase()}` : 'Reported missing',
          c.riskGrade ? `police risk grade ${label(POLICE_RISK_GRADE_LABELS, c.riskGrade)?.toLowerCase()}` : null,
          c.returned ? 'already returned' : null,
        ]),
      );
    },
  },
  'missing_episode.updated': {
    kind: 'missing',
    access: 'missing',
    line: (c) => (c.returned ? 'Returned from missing.' : sentence(joined(['Missing episode changed', changedList(c.changed)], ': '))),
  },
  'repeat_missing.alerted': { kind: 'missing', access: 'missing', line: () => 'Repeat missing alert raised.' },
  'repeat_missing_alert.acknowledged': { kind: 'missing', access: 'missing', line: () => 'Repeat missing alert acknowledged.' },
  'philomena_profile.updated': {
    kind: 'missing',
    access: 'missing',
    line: (c) => (c.photo ? 'Philomena Protocol profile updated, with a photo.' : 'Philomena Protocol profile updated.'),
  },
  'return_interview.recorded': {
    kind: 'return_interview',
    access: 'missing',
    line: (c) => {
      if (c.status === 'declined') return sentence(joined(['Return home interview declined', label(DECLINE_REASON_LABELS, c.declineReason)], ': '));
      const status = label(INTERVIEW_STATUS_LABELS, c.status);
      return sentence(
        joined(['Return home interview recorded', status && !['due', 'due_soon', 'overdue', 'not_due'].includes(String(c.status)) ? status : null], ': '),
      );
    },
  },
  'return_interview.referral_raised': { kind: 'return_interview', access: 'missing', line: () => 'Referral to the hub raised from the return home interview.' },
  'missing_notice.recorded': {
    kind: 'notice',
    access: 'missing',
    line: (c) => sentence(joined([`Notice sent${c.kind ? ` to ${label(NOTICE_KIND_LABELS, c.kind)}` : ''}`, label(NOTICE_METHOD_LABELS, c.method)], ' by ')),
  },

  'intelligence_item.recorded': { kind: 'intelligence', access: 'intelligence', line: () => 'Intelligence recorded naming this person.' },
  'disruption_activity.recorded': {
    kind: 'disruption',
    access: 'disruption',
    line: (c) =>
      sentence(
        joined([`Disruption recorded: ${label(TACTIC_LABELS, c.tactic) ?? 'activity'}`, label(DISRUPTION_STATUS_LABELS, c.status)?.toLowerCase()], ', '),
      ),
  },
  'disruption_activity.updated': {
    kind: 'disruption',
    access: 'disruption',
    line: (c) =>
      sentence(
        joined(
          [
            'Disruption updated',
            joined([
              !!c.status && `status ${label(DISRUPTION_STATUS_LABELS, c.status)?.toLowerCase()}`,
              !!c.outcome && `outcome ${label(DISRUPTION_OUTCOME_LABELS, c.outcome)?.toLowerCase()}`,
              str(c.endedOn) && `ended ${formatIso(String(c.endedOn))}`,
              c.outcomeNotes !== undefined && 'notes',
            ]) || null,
          ],
          ': ',
        ),
      ),
  },
  ...AFTER_TRIAGE_EVENTS,
  ...SUPPORT_EVENTS,
  ...FLAG_EVENTS,
  ...ALERT_EVENTS,
  ...PROGRAMME_EVENTS,
};

/** "case.review_scheduled" -> "Case: review scheduled." for a name no entry describes. */
export function fallbackLine(name: string): string {
  const [subject, ...rest] = name.split('.');
  const what = subject.replaceAll('_', ' ');
  const verb = rest.join(' ').replaceAll('_', ' ').trim();
  const head = what.charAt(0).toUpperCase() + what.slice(1);
  return verb ? `${head}: ${verb}.` : `${head}.`;
}

/** The line, kind and kind label of one event. */
export function describe(name: string, changes: unknown, ctx: LineContext): { kind: Kind; kindLabel: string; text: string } {
  const entry = EVENTS[name];
  const c = changes && typeof changes === 'object' && !Array.isArray(changes) ? (changes as Changes) : {};
  if (!entry) return { kind: 'other', kindLabel: KIND_LABELS.other, text: fallbackLine(name) };
  let text: string;
  try {
    text = entry.line(c, ctx);
  } catch {
    text = fallbackLine(name);
  }
  return { kind: entry.kind, kindLabel: KIND_LABELS[entry.kind], text };
}

/** The event names of the chosen kinds (all kinds when none are chosen), grouped by the rule that decides each. */
export function namesByAccess(kinds: readonly Kind[]): { byAccess: Partial<Record<Access, string[]>>; other: boolean } {
  const chosen = new Set<Kind>(kinds.length ? kinds : KINDS);
  const byAccess: Partial<Record<Access, string[]>> = {};
  for (const [name, e] of Object.entries(EVENTS)) {
    if (!chosen.has(e.kind)) continue;
    byAccess[e.access] = [...(byAccess[e.access] ?? []), name];
  }
  return { byAccess, other: chosen.has('other') };
}

export const LISTED_NAMES: readonly string[] = Object.keys(EVENTS);
