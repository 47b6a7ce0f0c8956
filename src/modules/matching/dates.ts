// Date-of-birth parsing. Dates are kept as their 8 digits too, because typo levels compare characters.

export interface DateValue {
  /** YYYYMMDD digits as written (possibly not a real calendar date in lenient mode). */
  text: string;
  year: number;
  month: number;
  day: number;
  /** Days since 1970-01-01, or NaN when the digits are not a real calendar date. */
  ordinal: number;
}

export type DateParse = { ok: true; value: DateValue | null } | { ok: false; reason: string };

const SHAPE = /^(\d{4})(?:-(\d{2})-(\d{2})|(\d{2})(\d{2}))$/;

/**
 * Parses YYYY-MM-DD or YYYYMMDD. Empty means missing (value null).
 * Strict mode rejects impossible dates (2010-02-30); lenient mode keeps their digits so that a
 * keyed-in typo can still earn a "one character different" level, as Splink does on FEBRL.
 */
export function parseDate(raw: string | null | undefined, lenient = false): DateParse {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, value: null };
  const m = SHAPE.exec(text);
  if (!m) {
    return { ok: false, reason: `date "${text}" is not YYYY-MM-DD or YYYYMMDD` };
  }
  const mm = m[2] ?? m[4];
  const dd = m[3] ?? m[5];
  const year = Number(m[1]);
  const month = Number(mm);
  const day = Number(dd);
  const utc = Date.UTC(year, month - 1, day);
  const d = new Date(utc);
  const real = month >= 1 && month <= 12 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  if (!real && !lenient) return { ok: false, reason: `date "${text}" is not a real calendar date` };
  return {
    ok: true,
    value: { text: `${m[1]}${mm}${dd}`, year, month, day, ordinal: real ? Math.round(utc / 86_400_000) : Number.NaN },
  };
}
