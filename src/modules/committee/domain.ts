// Committees' promised reports: the periods a monthly or quarterly report covers, when each is due, and which are
// still to produce (every missed period, oldest first). Pure: no database, no clock (today is passed in).
import type { FieldError } from '../../platform/http/problems.ts';
import { addDays, formatDate } from '../../platform/time.ts';
import { addMonths } from '../reports/domain.ts';

export const CADENCES = ['monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_LABELS: Readonly<Record<Cadence, string>> = { monthly: 'Monthly', quarterly: 'Quarterly' };

export interface Period {
  from: string;
  to: string;
}

const MONTHS = { monthly: 1, quarterly: 3 } as const;

/**
 * Whether a date starts a period: the 1st of a month, and for quarters the 1st of April, July, October or January
 * (the UK financial year's quarters: April to June is Q1).
 */
export function isPeriodStart(date: string, cadence: Cadence): boolean {
  if (date.slice(8) !== '01') return false;
  return cadence === 'monthly' || (Number(date.slice(5, 7)) - 1) % 3 === 0;
}

/** The period starting on `from` (a period start). */
export function periodFrom(from: string, cadence: Cadence): Period {
  return { from, to: addDays(addMonths(from, MONTHS[cadence]), -1) };
}

/** The period containing `date`. */
export function periodContaining(date: string, cadence: Cadence): Period {
  const month = Number(date.slice(5, 7)) - 1;
  return periodFrom(addMonths(date, -(month % MONTHS[cadence])), cadence);
}

/** A report is due the day after its period ends. */
export const dueOn = (p: Period): string => addDays(p.to, 1);

/** The latest period that has ended by `today`. */
export function latestEndedPeriod(cadence: Cadence, today: string): Period {
  return periodContaining(addDays(periodContaining(today, cadence).from, -1), cadence);
}

/**
 * The periods from `firstStart` that have ended by `today` and are not among `produced` (their start dates),
 * oldest first: a sweep that missed days, weeks or months catches up on every one.
 */
export function periodsToProduce(firstStart: string, cadence: Cadence, today: string, produced: ReadonlySet<string>): Period[] {
  const out: Period[] = [];
  for (let p = periodFrom(firstStart, cadence); dueOn(p) <= today; p = periodFrom(dueOn(p), cadence)) if (!produced.has(p.from)) out.push(p);
  return out;
}

/** When the next report is due: the day after the oldest period not yet produced ends (it may be past: overdue). */
export function nextDueOn(firstStart: string, cadence: Cadence, produced: ReadonlySet<string>): string {
  let p = periodFrom(firstStart, cadence);
  while (produced.has(p.from)) p = periodFrom(dueOn(p), cadence);
  return dueOn(p);
}

/** "Q2 2026/27 (July to September 2026)" or "November 2026". */
export function periodLabel(p: Period, cadence: Cadence): string {
  const month = (d: string) => formatDate(d).replace(/^\d+ /, '');
  if (cadence === 'monthly') return month(p.from);
  const m = Number(p.from.slice(5, 7));
  const y = Number(p.from.slice(0, 4));
  const fy = m >= 4 ? y : y - 1;
  const q = m >= 4 ? (m - 1) / 3 : 4;
  return `Q${q} ${fy}/${String((fy + 1) % 100).padStart(2, '0')} (${month(p.from).replace(/ \d+$/, '')} to ${month(p.to)})`;
}

/** How far back a promised report may start: catching up is bounded (at most 36 monthly reports). */
export const MAX_YEARS_BACK = 3;

export const COMMITTEE_MAX = 200;
export const TITLE_MAX = 300;
export const NAME_MAX = 200;
export const TEXT_MAX = 5000;

/** A promised report as entered: all three parts, or none. */
export interface PromisedReportInput {
  reportKind?: string;
  cadence?: Cadence;
  firstPeriodStart?: string;
}

/**
 * The rules of a promised report that need meaning (its parts together, a period start, not too far back), as the
 * error summary shows them; `prefix` names a resolution in a list ("resolutions[1].").
 */
export function promisedReportErrors(r: PromisedReportInput, today: string, prefix = ''): FieldError[] {
  const given = [r.reportKind, r.cadence, r.firstPeriodStart].filter((v) => v !== undefined && v !== '').length;
  if (given === 0) return [];
  const errors: FieldError[] = [];
  if (!r.reportKind) errors.push({ field: `${prefix}reportKind`, message: 'Select the report promised' });
  if (!r.cadence) errors.push({ field: `${prefix}cadence`, message: 'Select how often the report is promised' });
  if (!r.firstPeriodStart) errors.push({ field: `${prefix}firstPeriodStart`, message: 'Enter the start of the first period reported on' });
  else if (r.cadence && !isPeriodStart(r.firstPeriodStart, r.cadence))
    errors.push({
      field: `${prefix}firstPeriodStart`,
      message:
        r.cadence === 'quarterly'
          ? 'The first quarter must start on 1 April, 1 July, 1 October or 1 January'
          : 'The first month must start on the 1st of the month',
    });
  else if (r.firstPeriodStart < addDays(today, -366 * MAX_YEARS_BACK))
    errors.push({ field: `${prefix}firstPeriodStart`, message: `The first period may start at most ${MAX_YEARS_BACK} years ago` });
  else if (r.firstPeriodStart > addDays(today, 366 * 2))
    errors.push({ field: `${prefix}firstPeriodStart`, message: 'The first period must start within the next two years' });
  return errors;
}
