// UK calendar dates: a referral received at 00:30 BST on 1 April belongs to 1 April, not 31 March.
const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const ukDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const ukLongDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** YYYY-MM-DD of the instant in Europe/London. */
export const ukDate = (instant: Date): string => ukDay.format(instant);

/** "3 Mar 2026, 14:05" in UK time. */
export const formatUkDateTime = (instant: Date | string): string => ukDateTime.format(new Date(instant));

/** "3 March 2026" for a YYYY-MM-DD date. */
export const formatDate = (isoDate: string): string => ukLongDate.format(new Date(`${isoDate}T00:00:00Z`));

/** The UTC instant at which a UK calendar day starts (00:00 Europe/London). */
export function ukDayStart(isoDate: string): Date {
  // Europe/London is UTC+0 or UTC+1: try both and keep the one that lands on the day's midnight.
  for (const offset of [0, -1]) {
    const candidate = new Date(`${isoDate}T00:00:00Z`);
    candidate.setUTCHours(offset);
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (ukDate(candidate) === isoDate && Number(parts) === 0) return candidate;
  }
  return new Date(`${isoDate}T00:00:00Z`);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant of a wall-clock time in the UK on a given day ("2026-03-29", "01:30"), across clock changes. */
export function ukLocalToInstant(isoDate: string, time: string): Date | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  const wall = `${isoDate} ${m[1].padStart(2, '0')}:${m[2]}`;
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(Date.parse(`${isoDate}T${m[1].padStart(2, '0')}:${m[2]}:00Z`) - offsetHours * 3_600_000);
    if (Number.isNaN(candidate.getTime())) return null;
    if (fmt.format(candidate).replace(',', '') === wall) return candidate;
  }
  return null;
}
