// Helpers for HTML forms: dotted names to nested objects, GOV.UK date inputs to ISO dates.
import { isIsoDate } from '../time.ts';

export type FormBody = Record<string, string | string[] | undefined>;

/** Names that would reach an object's prototype ("__proto__.isAdmin" would set it on every object). */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** {"subject.givenName": "Ann"} -> {subject: {givenName: "Ann"}}; empty strings and prototype names are dropped. */
export function nest(form: FormBody, skip: string[] = ['_csrf']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (skip.includes(key) || value === undefined || value === '') continue;
    const parts = key.split('.');
    if (parts.some((p) => UNSAFE_NAMES.has(p))) continue;
    let node: Record<string, unknown> | undefined = out;
    for (const p of parts.slice(0, -1)) {
      node[p] ??= {};
      // A name used both for a value and for a group ("a=1&a.b=2"): the value stays, the group's field is dropped.
      const next: unknown = node[p];
      node = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : undefined;
      if (!node) break;
    }
    if (node) node[parts[parts.length - 1]] = value;
  }
  return out;
}

/** Reads a GOV.UK date input (name-day, name-month, name-year). Returns '' when all are blank, or 'invalid'. */
export function dateInput(form: FormBody, name: string): string {
  const part = (p: string) => String(form[`${name}-${p}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return 'invalid';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/**
 * Reads a GOV.UK date input with the GOV.UK Design System's messages, `what` naming the date ("the due date"):
 * `value` is YYYY-MM-DD, or '' when left blank (an error only when `required`); `error` says what is wrong.
 */
export function readDate(form: FormBody, name: string, what: string, { required = false } = {}): { value: string; error?: string } {
  const part = (p: string) => String(one(form[`${name}-${p}`])).trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  if (!d && !m && !y) return required ? { value: '', error: `Enter ${what}` } : { value: '' };
  const missing = (['day', 'month', 'year'] as const).filter((_, i) => ![d, m, y][i]);
  if (missing.length) return { value: '', error: `${What} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d+$/.test(y)) return { value: '', error: `${What} must be a real date` };
  if (y.length !== 4) return { value: '', error: 'Year must include 4 numbers' };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? { value: iso } : { value: '', error: `${What} must be a real date` };
}

/**
 * A period from a query string: `from` and `to` as YYYY-MM-DD (links and bookmarks), or typed into the date inputs
 * named from and to (from-day, from-month, from-year). Absent when not given; `errors` for dates typed wrongly.
 */
export function readPeriod(query: FormBody): { from?: string; to?: string; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const read = (name: 'from' | 'to', what: string) => {
    if (['day', 'month', 'year'].every((p) => query[`${name}-${p}`] === undefined)) return one(query[name]).trim() || undefined;
    const date = readDate(query, name, what);
    if (date.error) errors.push({ field: name, message: date.error });
    return date.value || undefined;
  };
  const from = read('from', 'the start date');
  const to = read('to', 'the end date');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), errors };
}

export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** For re-showing a GOV.UK date input after an error. */
export function dateParts(form: FormBody, name: string) {
  return { day: form[`${name}-day`], month: form[`${name}-month`], year: form[`${name}-year`] };
}

/** A single form value: the first when a name was sent more than once, '' when absent. */
export const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0] : value) ?? '';
