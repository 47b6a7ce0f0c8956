// Report shaping and statistical disclosure control. Pure: callers select the rows; these functions count and
// protect them.
import type { FieldError } from '../../platform/http/problems.ts';
import { addDays, formatDate } from '../../platform/time.ts';

export * from './disclosure.ts';
export * from './triage-report.ts';

// ---- published periods ----
// Suppression protects one table. Two tables a day apart differ by that day's referrals, which can be 1 to 5 even
// where both tables show them as larger counts: subtracting recovers a `c`. So published figures are for whole UK
// calendar months (and so quarters and years) that have ended: a period cannot be moved by a day, and a month's
// figures do not change once published. Two periods can still differ by a whole month (January to March against
// January to April); fixed, non-overlapping periods would be needed to rule that out too. Those who may see exact
// counts keep any period.

/** The first day of the month a YYYY-MM-DD date is in. */
export const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;

/** The last day of the month a YYYY-MM-DD date is in (UK calendar: 28 to 31 days, leap years included). */
export function monthEnd(date: string): string {
  return addDays(addMonths(date, 1), -1);
}

/** The last day of the last month that has ended by `today`. */
export const lastEndedMonthEnd = (today: string): string => addDays(monthStart(today), -1);

/** The 1st of the month `n` months after (or before, when negative) the month `date` is in. */
export function addMonths(date: string, n: number): string {
  const k = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}-01`;
}

/** The last whole quarter (January to March, April to June, ...) that has ended by `today`. */
export function lastWholeQuarter(today: string): { from: string; to: string } {
  const thisQuarter = addMonths(today, -((Number(today.slice(5, 7)) - 1) % 3));
  return { from: addMonths(thisQuarter, -3), to: addDays(thisQuarter, -1) };
}

const WHY = 'published figures are for whole months, quarters or years';

/**
 * The rule of a period whose figures are published (disclosure control applies): it starts on the 1st of a month,
 * ends on the last day of a month, and that month has ended by `today` (UK date). Apply it after `periodErrors`.
 */
export function publishedPeriodErrors(p: { from: string; to: string }, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (p.from !== monthStart(p.from)) {
    const next = addDays(monthEnd(p.from), 1);
    errors.push({
      field: 'from',
      message: `The start of the period must be the 1st of a month (${WHY}): choose ${formatDate(monthStart(p.from))} or ${formatDate(next)}`,
    });
  }
  const lastEnded = lastEndedMonthEnd(today);
  if (p.to !== monthEnd(p.to)) {
    const before = addDays(monthStart(p.to), -1);
    const choices =
      monthEnd(p.to) <= lastEnded ? `${formatDate(before)} or ${formatDate(monthEnd(p.to))}` : formatDate(before <= lastEnded ? before : lastEnded);
    errors.push({ field: 'to', message: `The end of the period must be the last day of a month (${WHY}): choose ${choices}` });
  } else if (p.to > lastEnded) {
    errors.push({
      field: 'to',
      message: `The end of the period must be the last day of a month that has ended (${WHY}): choose ${formatDate(lastEnded)} or earlier`,
    });
  }
  return errors;
}
