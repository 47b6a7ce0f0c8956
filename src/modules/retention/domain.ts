// Retention rules (decision 0014): the schedule's record types and their documented defaults, when a record falls
// due, and what a decision on a due record needs. Pure: no I/O.
import type { FieldError } from '../../platform/http/problems.ts';

export const RECORD_TYPES = [
  'referral_no_case',
  'closed_case',
  'missing_episode',
  'intelligence_corroborated',
  'intelligence_uncorroborated',
  'audit_event',
  'training_record',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface ScheduleEntry {
  recordType: RecordType;
  label: string;
  /** Years after the event the period is measured from. */
  years: number;
  /** Kept at least until the person is this old (records about a child); null when age does not count. */
  untilAge: number | null;
  /** delete: approval deletes the record; review: approval records that it was reviewed and is kept. */
  action: 'delete' | 'review';
  measuredFrom: string;
  /** Why the default is what it is: guidance, named plainly. The partnership checks it with its records manager. */
  basis: string;
}

const IRMS = 'IRMS Retention Guidelines for Local Authorities (children’s social care)';

export const DEFAULT_SCHEDULE: Record<RecordType, ScheduleEntry> = {
  referral_no_case: {
    recordType: 'referral_no_case',
    label: 'Referral not leading to a case',
    years: 6,
    untilAge: null,
    action: 'delete',
    measuredFrom: 'the referral was received',
    basis: `${IRMS}: contacts and referrals that led to no further action are kept about 6 years, long enough to see a pattern if the child is referred again.`,
  },
  closed_case: {
    recordType: 'closed_case',
    label: 'Closed case',
    years: 6,
    untilAge: 25,
    action: 'delete',
    measuredFrom: 'the case was closed',
    basis: `${IRMS}: a child in need’s record is kept until their 25th birthday (the limitation period for a claim made as a young adult), and here at least 6 years after closure, whichever is later.`,
  },
  missing_episode: {
    recordType: 'missing_episode',
    label: 'Missing episode',
    years: 6,
    untilAge: 25,
    action: 'delete',
    measuredFrom: 'the child was reported missing',
    basis: `${IRMS}, as for a closed case: until the 25th birthday or 6 years after the episode, whichever is later. Police keep their own copy under MoPI.`,
  },
  intelligence_corroborated: {
    recordType: 'intelligence_corroborated',
    label: 'Intelligence graded source 1–2 and A–C',
    years: 6,
    untilAge: null,
    action: 'delete',
    measuredFrom: 'the date the intelligence is about',
    basis:
      'College of Policing APP, Management of Police Information (MoPI): intelligence is reviewed at set intervals and kept only while necessary; 6 years is its usual first review.',
  },
  intelligence_uncorroborated: {
    recordType: 'intelligence_uncorroborated',
    label: 'Intelligence graded source 3 or D–E',
    years: 2,
    untilAge: null,
    action: 'delete',
    measuredFrom: 'the date the intelligence is about',
    basis: 'MoPI: material from an unreliable source, not known to be true or suspected to be false is reviewed sooner; 2 years.',
  },
  audit_event: {
    recordType: 'audit_event',
    label: 'Audit events',
    years: 7,
    untilAge: null,
    action: 'review',
    measuredFrom: 'the event',
    basis:
      'Kept whole: the hash chain needs every event (decision 0007). After 7 years the partnership reviews the year and may archive it offline from a backup; Jigsaw never deletes audit events.',
  },
  training_record: {
    recordType: 'training_record',
    label: 'Training records',
    years: 6,
    untilAge: null,
    action: 'delete',
    measuredFrom: 'the person’s last completion (or joining, if none)',
    basis: 'Employment and licensing records practice: 6 years after the last training the record evidences.',
  },
};

export const isRecordType = (v: string): v is RecordType => (RECORD_TYPES as readonly string[]).includes(v);

/** The partnership's schedule: its changed entries over the defaults. */
export function schedule(overrides: { record_type: string; years: number; until_age: number | null }[]): ScheduleEntry[] {
  const byType = new Map(overrides.map((o) => [o.record_type, o]));
  return RECORD_TYPES.map((t) => {
    const o = byType.get(t);
    return o ? { ...DEFAULT_SCHEDULE[t], years: o.years, untilAge: o.until_age } : DEFAULT_SCHEDULE[t];
  });
}

export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  // 29 February plus years lands on 28 February when the year has none.
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/**
 * When a record falls due: `years` after the event, and not before the person is `untilAge`. Without a date of
 * birth the age rule is applied as if the person were born on the day of the event: never early.
 */
export function dueOn(from: string, entry: Pick<ScheduleEntry, 'years' | 'untilAge'>, dateOfBirth: string | null): string {
  const afterEvent = addYears(from, entry.years);
  if (entry.untilAge === null) return afterEvent;
  const byAge = addYears(dateOfBirth ?? from, entry.untilAge);
  return byAge > afterEvent ? byAge : afterEvent;
}

/** Intelligence by its 3x5x2 grading: source 3, or assessed D or E, is not corroborated. */
export const intelligenceType = (sourceGrade: number, intelGrade: string): RecordType =>
  sourceGrade === 3 || intelGrade === 'D' || intelGrade === 'E' ? 'intelligence_uncorroborated' : 'intelligence_corroborated';

export function scheduleErrors(recordType: RecordType, years: number, untilAge: number | null): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(years) || years < 1 || years > 100) errors.push({ field: 'years', message: 'Enter the number of years, from 1 to 100' });
  if (untilAge !== null) {
    if (recordType === 'audit_event' || recordType === 'training_record' || recordType.startsWith('intelligence'))
      errors.push({ field: 'untilAge', message: 'An age applies only to records about a child: leave it empty' });
    else if (!Number.isInteger(untilAge) || untilAge < 18 || untilAge > 100)
      errors.push({ field: 'untilAge', message: 'Enter the age as a whole number from 18 to 100, or leave it empty' });
  }
  return errors;
}

export const DEFER_MONTHS = 12;

/** A deferred record comes back to the queue this long after the deferral. */
export function deferredUntil(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + DEFER_MONTHS, d));
  return date.toISOString().slice(0, 10);
}

export function reasonErrors(reason: string): FieldError[] {
  return reason.trim() ? [] : [{ field: 'reason', message: 'Give the reason for your decision' }];
}

/** Tables whose rows Jigsaw never deletes: the audit chain, and the retention records themselves (ids only). */
export const NEVER_DELETED = ['audit_event', 'retention_review', 'retention_hold', 'retention_tombstone', 'retention_schedule'];
