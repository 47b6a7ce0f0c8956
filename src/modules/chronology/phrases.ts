// Words for the chronology's lines: safe readers of an event's `changes` (which may hold anything), labels for codes,
// and the case module's words. Pure.
import { DEFAULT_TACTICS } from '../intelligence/vocab.ts';
import { TRIAGE_CATEGORY_LABELS } from '../triage/vocab.ts';

export type Changes = Record<string, unknown>;

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
export const label = (labels: Readonly<Record<string, string>>, v: unknown): string | null => {
  const s = str(v);
  return s ? (labels[s] ?? s.replaceAll('_', ' ')) : null;
};
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const joined = (parts: (string | null | false | undefined)[], sep = ', ') => parts.filter(Boolean).join(sep);
export const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
export const TACTIC_LABELS: Record<string, string> = Object.fromEntries(DEFAULT_TACTICS.map((t) => [t.code, t.label]));
export const CHANGED_FIELD_LABELS: Record<string, string> = {
  reportedAt: 'when reported',
  returnedAt: 'return',
  classification: 'classification',
  riskGrade: 'police risk grade',
  placedByOtherLa: 'placement',
  placingAuthority: 'placing authority',
  locationFound: 'where found',
};
export const changedList = (v: unknown) =>
  Array.isArray(v) && v.length
    ? v
        .map(
          (f) =>
            CHANGED_FIELD_LABELS[String(f)] ??
            String(f)
              .replace(/([A-Z])/g, ' $1')
              .toLowerCase(),
        )
        .join(', ')
    : null;
// The case module's words (its statuses and risk levels), repeated so a line reads without the case module loaded.
export const CASE_STATUS_LABELS: Record<string, string> = { open: 'Open', under_review: 'Under review', stepped_down: 'Stepped down', closed: 'Closed' };
export const RISK_LABELS: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low', no_risk: 'No risk' };
export const riskLabel = (v: string) => RISK_LABELS[v] ?? v.replaceAll('_', ' ');
export const caseStatus = (v: unknown) => label(CASE_STATUS_LABELS, v);
export const riskOf = (level: unknown, given: unknown) => `${str(given) ?? riskLabel(String(level ?? 'not known'))} risk`;
export const categoryOf = (category: unknown, given: unknown) => str(given) ?? label(TRIAGE_CATEGORY_LABELS, category);
export const dueOf = (date: unknown, what = 'review due') => (str(date) ? `${what} ${formatIso(String(date))}` : null);
/** A change recorded as { from, to } (labels, or the labels beside codes). */
export function fromTo(v: unknown): { from: string | null; to: string | null } | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Changes;
  return { from: str(o.fromLabel) ?? str(o.from), to: str(o.toLabel) ?? str(o.to) };
}
/** People's words (review notes, an answer) in a line: the first 500 characters. */
export const clip = (v: unknown) => {
  const s = str(v)?.trim().replace(/\s+/g, ' ');
  return s ? (s.length > 500 ? `${s.slice(0, 499)}…` : s) : null;
};

export function formatIso(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
