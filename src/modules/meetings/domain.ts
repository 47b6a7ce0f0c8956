// The rules of meetings, pure: the vocabulary, when a MACE is due after a High decision (working days), and the
// order a meeting goes through (scheduled -> started -> held).
import { addDays } from '../../platform/time.ts';

export const ATTENDANCE = ['invited', 'present', 'apologies', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Readonly<Record<Attendance, string>> = { invited: 'Invited', present: 'Present', apologies: 'Apologies', absent: 'Absent' };

export const MEETING_STATUSES = ['scheduled', 'started', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Readonly<Record<MeetingStatus, string>> = {
  scheduled: 'Scheduled',
  started: 'In progress',
  held: 'Held',
  cancelled: 'Cancelled',
};

export const AGENDA_KINDS = ['mace', 'panel', 'odg', 'none'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const AGENDA_KIND_LABELS: Readonly<Record<AgendaKind, string>> = {
  mace: 'A MACE’s: the child’s chronology, risk, actions, missing episodes and intelligence',
  panel: 'The Panel’s: new and high-risk children, repeat missing, hotspots, overdue actions, disruption',
  odg: 'The Operational Delivery Group’s: the week’s hub figures and trends',
  none: 'None: only the items of its default agenda',
};

/** What a meeting of the type is about: one child, one context (a place or group), either, many subjects, or none. */
export const MEETING_SUBJECTS = ['child', 'context', 'child_or_context', 'many', 'none'] as const;
export type MeetingSubject = (typeof MEETING_SUBJECTS)[number];
export const MEETING_SUBJECT_LABELS: Readonly<Record<MeetingSubject, string>> = {
  child: 'One child',
  context: 'One context (a place or group)',
  child_or_context: 'One child or one context',
  many: 'Many subjects',
  none: 'No subject',
};

export const CADENCES = ['as_needed', 'weekly', 'monthly', 'bi_monthly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_LABELS: Readonly<Record<Cadence, string>> = {
  as_needed: 'As needed',
  weekly: 'Weekly',
  monthly: 'Monthly',
  bi_monthly: 'Every two months',
};

export const AGENDA_ITEMS_MAX = 30;
export const AGENDA_ITEM_MAX = 200;

/** A type's code from its name ("Youth Offending Panel" -> "youth_offending_panel"), the key meetings refer to it by. */
export const typeCodeFrom = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');

/** A default agenda typed one item a line: blank lines dropped, each trimmed. */
export const agendaLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The field a meeting of this type must name as its subject, and the message when it does not; null when none. */
export function subjectError(subject: string, given: { personId?: string; entityId?: string }): { field: string; message: string } | null {
  if (subject === 'child' && !given.personId) return { field: 'personId', message: 'Select the child the meeting is about' };
  if (subject === 'context' && !given.entityId) return { field: 'entityId', message: 'Select the place or group the meeting is about' };
  if (subject === 'child_or_context' && !given.personId && !given.entityId)
    return { field: 'personId', message: 'Select the child or the place or group the meeting is about' };
  return null;
}

export const MINUTE_HANDLING = ['P', 'C'] as const;

/** The date `n` working days after `from` (weekends skipped; the code base holds no bank-holiday list). */
export function addWorkingDays(from: string, n: number, holidays: ReadonlySet<string> = new Set()): string {
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6 && !holidays.has(d)) left--;
  }
  return d;
}

/** Default agenda items for a type, so a new meeting opens with a sensible order the chair can change. */
export function defaultAgendaItems(kind: AgendaKind): string[] {
  switch (kind) {
    case 'mace':
      return ['Introductions and apologies', 'Chronology since the last meeting', 'Current risk', 'Missing episodes', 'Intelligence', 'Actions and plan'];
    case 'panel':
      return ['New and high-risk children', 'Repeat-missing alerts', 'Hotspots', 'Overdue actions', 'Disruption outcomes'];
    case 'odg':
      return ['Hub figures this week', 'Trends against the previous eight weeks', 'Any other business'];
    default:
      return ['Minutes of the last meeting', 'Themes', 'Any other business'];
  }
}

/** What may happen next: a meeting starts (agenda frozen) only once, and is held only after it started. */
export function transitionError(from: string, to: 'started' | 'held' | 'cancelled'): string | null {
  if (to === 'started' && from !== 'scheduled') return 'The meeting has already started';
  if (to === 'held' && from !== 'started') return 'Start the meeting before recording it as held';
  if (to === 'cancelled' && from !== 'scheduled') return 'Only a scheduled meeting can be cancelled';
  return null;
}
