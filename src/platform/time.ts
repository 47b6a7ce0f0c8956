// UK calendar dates. Due dates, triage days and report periods are days in England (Europe/London), not UTC:
// an action recorded at 00:30 BST on 1 April belongs to 1 April even though it is still 31 March in UTC.

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of londonParts.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

/** The calendar date (YYYY-MM-DD) in England at this instant. */
export function ukDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('ukDate: invalid Date');
  const p = parts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Wall-clock date and time in England at this instant, as YYYY-MM-DDTHH:mm (the form of <input type=datetime-local>). */
export function ukDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('ukDateTime: invalid Date');
  const p = parts(instant);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * The instant for a wall-clock time in England (YYYY-MM-DDTHH:mm), or null if it is malformed or does not exist
 * (01:00-01:59 on the last Sunday of March). In the repeated hour on the last Sunday of October the earlier (BST)
 * instant is returned: for a "last seen" or "reported" time the earlier reading is the cautious one.
 */
export function ukLocalToInstant(local: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(asUtc)) return null;
  // London is UTC+1 (BST) or UTC+0 (GMT); try the BST reading first so ambiguous times resolve to the earlier one.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    if (ukDateTime(candidate) === local) return candidate;
  }
  return null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when s is a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function requireIsoDate(s: string, name: string): Date {
  if (!isIsoDate(s)) throw new RangeError(`${name} must be a date written YYYY-MM-DD (got "${s}")`);
  return new Date(`${s}T00:00:00Z`);
}

/** Calendar date plus n days (n may be negative). */
export function addDays(date: string, n: number): string {
  const d = requireIsoDate(date, 'date');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((requireIsoDate(to, 'to').getTime() - requireIsoDate(from, 'from').getTime()) / 86_400_000);
}

const ukLongDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "2:25pm", "9am", "12pm" (midday), "12am" (midnight): GOV.UK's style for times, from HH:mm. */
export function formatTimeOfDay(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}

/** "3 March 2026 at 2:05pm" in UK time: the one way an instant is shown to people. */
export function formatUkDateTime(instant: Date | string): string {
  const local = ukDateTime(new Date(instant));
  return `${formatDate(local.slice(0, 10))} at ${formatTimeOfDay(local.slice(11))}`;
}

/** "27 3 2026" for 2026-03-27: a date as a person types it into a GOV.UK date input, for hints. */
export const dateInputExample = (isoDate: string): string => isoDate.split('-').reverse().map(Number).join(' ');

/** "3 March 2026" for a YYYY-MM-DD date. */
export const formatDate = (isoDate: string): string => ukLongDate.format(new Date(`${isoDate}T00:00:00Z`));

/** The UTC instant at which a UK calendar day starts (00:00 Europe/London). */
export function ukDayStart(isoDate: string): Date {
  const start = ukLocalToInstant(`${isoDate}T00:00`);
  if (!start) throw new RangeError(`ukDayStart: not a date: ${isoDate}`);
  return start;
}
