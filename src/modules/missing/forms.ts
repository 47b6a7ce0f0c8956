// The missing pages' form helpers: GOV.UK date and time boxes to ISO instants and back, radios and selects from a
// vocabulary, and page ids (not an id: 404, as a mistyped link would be).
import { dateInput, dateParts, type FormBody } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound } from '../../platform/http/problems.ts';
import { isIsoDate, ukDateTime, ukLocalToInstant } from '../../platform/time.ts';

export const options = (vocab: Record<string, string>, selected?: string) =>
  Object.entries(vocab).map(([value, text]) => ({ value, text, checked: value === selected, selected: value === selected }));

/** A GOV.UK date input plus a time box (UK local time) -> ISO instant, null when blank, or undefined and an error. */
export function dateTimeFromForm(form: FormBody, name: string, label: string, errors: FieldError[], defaultTime?: string): string | null | undefined {
  const date = dateInput(form, name);
  const time = String(form[`${name}-time`] ?? '').trim() || (date ? (defaultTime ?? '') : '');
  if (!date && !time) return null;
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  const at = m && date !== 'invalid' && isIsoDate(date) ? ukLocalToInstant(`${date}T${m[1].padStart(2, '0')}:${m[2]}`) : null;
  if (!at) {
    errors.push({ field: name, message: `${label} must be a real date, and the time like 14:30 (UK time)` });
    return undefined;
  }
  return at.toISOString();
}

/** Re-shows a date-time field: the typed parts after an error, or the stored instant in UK time. */
export function dateTimeParts(form: FormBody, name: string, stored?: Date | null) {
  if (form[`${name}-day`] !== undefined || form[`${name}-time`] !== undefined) return { ...dateParts(form, name), time: form[`${name}-time`] };
  if (!stored) return { day: '', month: '', year: '', time: '' };
  const local = ukDateTime(stored);
  return { day: String(Number(local.slice(8, 10))), month: String(Number(local.slice(5, 7))), year: local.slice(0, 4), time: local.slice(11) };
}

export const text = (form: FormBody, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
export const submissionKey = (form: FormBody) =>
  typeof form.submissionId === 'string' && form.submissionId ? { idempotencyKey: `form:${form.submissionId}` } : {};

/** Errors of the form's own (dates) first, then the use case's for other fields. */
export const merge = (errors: FieldError[], more: FieldError[]) => [...errors, ...more.filter((e) => !errors.some((x) => x.field === e.field))];

/** The path id, or 404 when it is not an id. */
export function pageId(params: unknown, what: string, key = 'id'): string {
  const id = String((params as Record<string, unknown>)[key] ?? '');
  if (!isUuid(id)) throw notFound(what);
  return id;
}

/** The episode form in the use case's shape: booleans for yes/no, ISO instants, unset choices left out. */
export function episodeFromForm(form: FormBody): { input: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const input: Record<string, unknown> = {
    lastSeenPlace: text(form, 'lastSeenPlace') ?? null,
    foundPlace: text(form, 'foundPlace') ?? null,
    policeReference: text(form, 'policeReference') ?? null,
    lookedAfter: form.lookedAfter === 'yes',
    responsibleAuthority: text(form, 'responsibleAuthority') ?? null,
    placedByOtherLa: form.placedByOtherLa === 'yes',
    placingAuthority: text(form, 'placingAuthority') ?? null,
  };
  for (const name of ['personId', 'classification', 'riskGrade'] as const) if (text(form, name)) input[name] = text(form, name);
  for (const [name, label] of [
    ['reportedAt', 'Date reported missing'],
    ['lastSeenAt', 'Date last seen'],
    ['returnedAt', 'Date returned'],
  ] as const) {
    const v = dateTimeFromForm(form, name, label, errors);
    if (v !== undefined && !(name === 'reportedAt' && v === null)) input[name] = v;
  }
  return { input, errors };
}
