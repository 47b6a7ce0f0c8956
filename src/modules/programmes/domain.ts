// Programmes and outcome measures: the rules, pure. Who may join (risk level, age, the cap), what a scale's record
// must hold, and the indicators (counts, percentages, before/after change) computed from the records, for the
// programme's cohort and for its comparison group alike.
import type { FieldError } from '../../platform/http/problems.ts';

export const RISK_LEVELS = ['no_risk', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = { no_risk: 'No risk', low: 'Low', medium: 'Medium', high: 'High' };

export const SCALE_KINDS = ['star', 'score', 'percentage'] as const;
export type ScaleKind = (typeof SCALE_KINDS)[number];
export const SCALE_KIND_LABELS: Readonly<Record<ScaleKind, string>> = {
  star: 'Outcome star (areas each scored)',
  score: 'A single score',
  percentage: 'A percentage (for example school attendance)',
};

export const INDICATOR_KINDS = ['count', 'percentage', 'change'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
/** What each kind measures: a count of cases, a share of cases, or a before/after change on a scale. */
export const MEASURES = { count: ['cases'], percentage: ['review_not_overdue'], change: ['improved_or_sustained'] } as const;
export type Measure = (typeof MEASURES)[IndicatorKind][number];
export const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  cases: 'Cases in the period',
  review_not_overdue: 'Cases whose review is not overdue',
  improved_or_sustained: 'Improved or sustained their score (first against latest)',
};

export interface Scale {
  id: string;
  name: string;
  kind: ScaleKind;
  areas: string[];
  min: number;
  max: number;
}

/** Whole years between a date of birth and a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface Eligibility {
  riskLevels: readonly string[];
  ageFrom: number | null;
  ageTo: number | null;
  cap: number;
}

/** Why this case may not join (field `personId`), or none: the cap first, then the risk level, then the age. */
export function allocationErrors(
  p: Eligibility,
  c: { riskLevel: string | null; dateOfBirth: string | null; status: string | null; current: number; inAProgramme: string | null },
  day: string,
): FieldError[] {
  const field = 'personId';
  if (c.current >= p.cap) return [{ field, message: `The programme’s caseload is full (${c.current} of ${p.cap}): someone must leave first` }];
  if (!c.riskLevel || c.status === 'closed') return [{ field, message: 'Choose a child with an open case' }];
  if (c.inAProgramme) return [{ field, message: `This child is already in a programme (${c.inAProgramme})` }];
  if (!p.riskLevels.includes(c.riskLevel)) {
    const allowed = p.riskLevels.map((r) => RISK_LEVEL_LABELS[r as RiskLevel]?.toLowerCase() ?? r).join(' or ');
    return [
      {
        field,
        message: `This child’s risk level is ${RISK_LEVEL_LABELS[c.riskLevel as RiskLevel]?.toLowerCase() ?? c.riskLevel}: the programme takes ${allowed} risk`,
      },
    ];
  }
  if (p.ageFrom !== null || p.ageTo !== null) {
    if (!c.dateOfBirth) return [{ field, message: 'This child’s date of birth is not known, so their age cannot be checked' }];
    const age = ageOn(c.dateOfBirth, day);
    if ((p.ageFrom !== null && age < p.ageFrom) || (p.ageTo !== null && age > p.ageTo))
      return [{ field, message: `This child is ${age}: the programme takes ages ${p.ageFrom ?? 0} to ${p.ageTo ?? 25}` }];
  }
  return [];
}

/** A programme's settings that need meaning: a risk level at least, ages in order. */
export function programmeErrors(p: { riskLevels: readonly string[]; ageFrom?: number | null; ageTo?: number | null }): FieldError[] {
  const errors: FieldError[] = [];
  if (!p.riskLevels.length) errors.push({ field: 'riskLevels', message: 'Select at least one risk level the programme takes' });
  if (p.ageFrom != null && p.ageTo != null && p.ageTo < p.ageFrom)
    errors.push({ field: 'ageTo', message: 'The oldest age must be the same as or more than the youngest' });
  return errors;
}

/** A record's scores checked against its scale; its value is a star's total, else the one score. */
export function recordValue(scale: Scale, scores: Record<string, number>): { value: number; errors: FieldError[] } {
  const names = scale.kind === 'star' ? scale.areas : ['value'];
  const errors: FieldError[] = [];
  let total = 0;
  names.forEach((area, i) => {
    const v = scores[area];
    const field = scale.kind === 'star' ? `scores[${i}]` : 'value';
    const what = scale.kind === 'star' ? `the score for ${area}` : scale.kind === 'percentage' ? 'the percentage' : 'the score';
    if (v === undefined || !Number.isFinite(v)) errors.push({ field, message: `Enter ${what}` });
    else if (!Number.isInteger(v) || v < scale.min || v > scale.max)
      errors.push({ field, message: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be a whole number from ${scale.min} to ${scale.max}` });
    else total += v;
  });
  const unknown = Object.keys(scores).filter((k) => !names.includes(k));
  if (unknown.length) errors.push({ field: 'scores', message: `Not an area of ${scale.name}: ${unknown.join(', ')}` });
  return { value: total, errors };
}

export interface ScorePoint {
  recordedOn: string;
  value: number;
  id: string;
}

/** First against latest record (by date): improved, sustained, worse; null with fewer than two records. */
export function change(points: readonly ScorePoint[]): { first: ScorePoint; latest: ScorePoint; result: 'improved' | 'sustained' | 'worse' } | null {
  if (points.length < 2) return null;
  const sorted = [...points].sort((a, b) => a.recordedOn.localeCompare(b.recordedOn) || a.id.localeCompare(b.id));
  const first = sorted[0];
  const latest = sorted[sorted.length - 1];
  return { first, latest, result: latest.value > first.value ? 'improved' : latest.value === first.value ? 'sustained' : 'worse' };
}

export interface CohortMember {
  personId: string;
  reviewDue: string | null;
  /** Records by scale id, within the period. */
  records: Record<string, ScorePoint[]>;
}

export interface IndicatorSpec {
  kind: IndicatorKind;
  measure: Measure;
  scaleId: string | null;
  label: string;
}

export interface IndicatorValue {
  label: string;
  kind: IndicatorKind;
  /** The count, or the numerator of a percentage. */
  count: number;
  /** The denominator of a percentage (null for a count). */
  of: number | null;
  percent: number | null;
  /** Who counts and why, so the figure can be checked against the records. */
  counted: { personId: string; counts: boolean; firstId?: string; latestId?: string; first?: number; latest?: number }[];
}

const pct = (n: number, d: number) => (d ? Math.round((100 * n) / d) : null);

/** One indicator over one cohort. A change counts only children with two or more records on the scale. */
export function indicator(spec: IndicatorSpec, cohort: readonly CohortMember[], today: string): IndicatorValue {
  if (spec.kind === 'count') {
    return {
      label: spec.label,
      kind: spec.kind,
      count: cohort.length,
      of: null,
      percent: null,
      counted: cohort.map((m) => ({ personId: m.personId, counts: true })),
    };
  }
  if (spec.kind === 'percentage') {
    const counted = cohort.map((m) => ({ personId: m.personId, counts: m.reviewDue === null || m.reviewDue >= today }));
    const n = counted.filter((c) => c.counts).length;
    return { label: spec.label, kind: spec.kind, count: n, of: cohort.length, percent: pct(n, cohort.length), counted };
  }
  const counted = cohort.flatMap((m) => {
    const c = change(m.records[spec.scaleId ?? ''] ?? []);
    return c
      ? [{ personId: m.personId, counts: c.result !== 'worse', firstId: c.first.id, latestId: c.latest.id, first: c.first.value, latest: c.latest.value }]
      : [];
  });
  const n = counted.filter((c) => c.counts).length;
  return { label: spec.label, kind: spec.kind, count: n, of: counted.length, percent: pct(n, counted.length), counted };
}

/** What a comparison of this kind can and cannot show, said plainly with the group sizes. */
export function comparisonStatement(programmeSize: number, comparisonSize: number): string[] {
  return [
    `The comparison group is every other child whose case had the same risk level in the same period and who was not in the programme (${comparisonSize} against the programme’s ${programmeSize}).`,
    'It is not randomised: children were chosen for the programme by people, for reasons the comparison cannot see, so a difference may come from who was chosen rather than from the programme.',
    programmeSize < 30 || comparisonSize < 30
      ? 'The numbers are small: a difference of one or two children moves a percentage a long way, and it may be chance.'
      : 'Even with these numbers a difference may be chance; it is not a measure of what the programme caused.',
    'It can show whether the two groups differ on the same indicators over the same period; it cannot show that the programme made the difference.',
  ];
}
