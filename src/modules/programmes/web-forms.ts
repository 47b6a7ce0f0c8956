// The programme pages' forms turned into use case input (and back into GOV.UK items to show again what was
// typed), and a child's records shaped as a chart and a table per scale.
import { dateParts, type FormBody, one, readDate } from '../../platform/http/forms.ts';
import type { FieldError } from '../../platform/http/problems.ts';
import { formatDate } from '../../platform/time.ts';
import { lineChart } from './chart.ts';
import { RISK_LEVEL_LABELS, RISK_LEVELS, SCALE_KIND_LABELS, SCALE_KINDS } from './domain.ts';
import type { ScaleView } from './view.ts';

const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
/** A whole number typed, else the text itself so the schema names the field; blank is absent. */
const int = (v: string) => (v.trim() === '' ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : (v as unknown as number));
const opt = (v: string) => (v.trim() ? v.trim() : undefined);
const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * A GOV.UK date input (name-day, -month, -year) as the use case's YYYY-MM-DD. Typed wrongly, the use case gets
 * 'invalid' so its schema reports the field with the form's other errors; `dateErrors` then puts the GOV.UK message
 * on it ("The start date must be a real date").
 */
export function pageDate(f: FormBody, name: string, what: string, required: boolean): string | undefined {
  const d = readDate(f, name, what, { required });
  return d.error ? 'invalid' : d.value || undefined;
}
export function dateErrors(errors: FieldError[], f: FormBody, dates: Record<string, string>): FieldError[] {
  return errors.map((e) => {
    const what = dates[e.field];
    const typed = what ? readDate(f, e.field, what, { required: true }).error : undefined;
    return typed ? { ...e, message: typed } : e;
  });
}
/** The day, month and year typed, for a date input shown again; `fallback` (YYYY-MM-DD) when nothing was. */
export function dateItems(f: FormBody, name: string, fallback?: string) {
  const typed = dateParts(f, name);
  const [y, m, d] = (fallback ?? '--').split('-');
  const none = [typed.day, typed.month, typed.year].every((v) => v === undefined);
  return {
    day: none ? (d ? String(Number(d)) : '') : one(typed.day),
    month: none ? (m ? String(Number(m)) : '') : one(typed.month),
    year: none ? y : one(typed.year),
  };
}

/** Indicator choices are `count:cases`, `percentage:review_not_overdue` and `change:<scale id>`. */
export function programmeInput(f: FormBody) {
  const indicators = all(f.indicators).map((v) => {
    const [kind, rest] = v.split(':');
    return kind === 'change' ? { kind: 'change' as const, measure: 'improved_or_sustained', scaleId: rest } : { kind: kind as 'count', measure: rest ?? '' };
  });
  return clean({
    name: one(f.name).trim(),
    description: opt(one(f.description)),
    riskLevels: all(f.riskLevels) as 'medium'[],
    ageFrom: int(one(f.ageFrom)),
    ageTo: int(one(f.ageTo)),
    caseloadCap: int(one(f.caseloadCap)) as number,
    startsOn: pageDate(f, 'startsOn', 'the start date', true) as string,
    indicators: indicators.length ? indicators : undefined,
  });
}

export function programmeForm(f: FormBody, scales: ScaleView[]) {
  const chosen = new Set(all(f.indicators));
  const risks = new Set(all(f.riskLevels));
  const fresh = Object.keys(f).length === 0;
  return {
    form: f,
    startsOn: dateItems(f, 'startsOn'),
    riskLevels: RISK_LEVELS.map((r) => ({ value: r, text: RISK_LEVEL_LABELS[r], checked: risks.has(r) })),
    indicators: [
      { value: 'count:cases', text: 'Count of cases in the period', checked: fresh || chosen.has('count:cases') },
      { value: 'percentage:review_not_overdue', text: 'Percentage of cases whose review is not overdue', checked: chosen.has('percentage:review_not_overdue') },
      ...scales.map((s) => ({
        value: `change:${s.id}`,
        text: `Improved or sustained on ${s.name} (first record against latest)`,
        checked: chosen.has(`change:${s.id}`),
      })),
    ],
  };
}

export function scaleInput(f: FormBody) {
  const areas = one(f.areas)
    .split(/\r?\n/)
    .map((a) => a.trim())
    .filter(Boolean);
  return clean({
    name: one(f.name).trim(),
    kind: one(f.kind) as 'star',
    areas: areas.length ? areas : undefined,
    min: int(one(f.min)),
    max: int(one(f.max)),
  });
}

export const scaleKinds = (chosen: string) => SCALE_KINDS.map((k) => ({ value: k, text: SCALE_KIND_LABELS[k], checked: k === chosen }));

/** Per scale: its chart (when there are records), the table of the same figures, and a star's areas. */
export function chartsOf(
  scales: { scale: ScaleView; records: { id: string; recordedOn: string; value: number; scores: Record<string, number>; recordedByName: string }[] }[],
) {
  return scales.map(({ scale, records }) => ({
    scale,
    records: records.map((r) => ({
      ...r,
      date: formatDate(r.recordedOn),
      areaScores: scale.kind === 'star' ? scale.areas.map((a) => r.scores[a] ?? '') : [],
    })),
    chart: records.length ? lineChart(records, scale.kind === 'star' ? scale.min * scale.areas.length : scale.min, scale.top) : null,
    summary: records.length
      ? `${records.length} record${records.length === 1 ? '' : 's'} from ${formatDate(records[0].recordedOn)} to ${formatDate(records[records.length - 1].recordedOn)}: first ${records[0].value}, latest ${records[records.length - 1].value}, out of ${scale.top}.`
      : '',
  }));
}
