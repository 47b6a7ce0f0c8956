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
