// The report builder (issue 15.1, 15.2): a report is a measure (what is counted) broken down by up to five
// dimensions over a period. Pure rules: which measure has which dimension, the checks on a specification, the values
// of each dimension in order, and the periods of a trend. SQL is in store.ts; suppression in disclose.ts.
import type { FieldError } from '../../platform/http/problems.ts';
import { addDays, isIsoDate } from '../../platform/time.ts';
import { AGE_BAND_LABELS, AGE_BANDS, SEX_LABELS } from '../cases/domain.ts';
import { AGENCY_SECTOR_LABELS, AGENCY_SECTORS, TRIAGE_CATEGORIES, TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS, TRIAGE_OUTCOMES } from '../triage/vocab.ts';

export const MEASURES = [
  'referrals',
  'children',
  'triage_decisions',
  'missing_episodes',
  'returns',
  'interviews',
  'contexts',
  'disruptions',
  'support_referrals',
] as const;
export type Measure = (typeof MEASURES)[number];

export const DIMENSIONS = [
  'month',
  'quarter',
  'year',
  'risk_level',
  'category',
  'referrer_agency',
  'referrer_sector',
  'referrer_group',
  'sex',
  'age_band',
  'ethnicity_group',
  'ward',
  'looked_after',
  'placed_by_other_authority',
  'classification',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const PERIOD_DIMENSIONS = ['month', 'quarter', 'year'] as const;
export const isPeriodDimension = (d: string): d is 'month' | 'quarter' | 'year' => (PERIOD_DIMENSIONS as readonly string[]).includes(d);
export const MAX_DIMENSIONS = 5;
/** Twenty years of months is 240 periods: enough for any trend, small enough to draw. */
export const MAX_PERIOD_DAYS = 366 * 20;

export interface ReportSpec {
  measure: Measure;
  dimensions: Dimension[];
  from: string;
  to: string;
  filters?: Partial<Record<Dimension, string[]>>;
}

const PERSON: Dimension[] = ['sex', 'age_band', 'ethnicity_group', 'ward'];
const REFERRAL: Dimension[] = ['risk_level', 'category', 'referrer_agency', 'referrer_sector', 'referrer_group', ...PERSON, 'placed_by_other_authority'];
const MISSING: Dimension[] = [...PERSON, 'looked_after', 'placed_by_other_authority', 'classification'];

export interface MeasureInfo {
  label: string;
  /** What one count is: every table says it ("Referrals", "Children (each counted once)"). */
  unit: string;
  /** How records fall in the period, and what a count is, in a sentence under every table. */
  note: string;
  /** Each record is in exactly one cell, so cells add up to the totals (not so for distinct children). */
  additive: boolean;
  dimensions: readonly Dimension[];
}

export const MEASURE_INFO: Readonly<Record<Measure, MeasureInfo>> = {
  referrals: {
    label: 'Referrals',
    unit: 'Referrals',
    note: 'Counts referrals received in the period: a child referred twice counts twice. Level of risk and category are the standing triage decision on each referral.',
    additive: true,
    dimensions: REFERRAL,
  },
  children: {
    label: 'Children referred (distinct)',
    unit: 'Children',
    note: 'Counts children (and adults) with a referral received in the period, each once per cell and once in each total: a child referred twice in different quarters counts once in each quarter and once in the total, so cells do not add up to totals. Age is at each referral.',
    additive: false,
    dimensions: REFERRAL,
  },
  triage_decisions: {
    label: 'Triage decisions',
    unit: 'Triage decisions',
    note: 'Counts triage decisions made in the period, including decisions later superseded: a referral decided twice counts twice.',
    additive: true,
    dimensions: REFERRAL,
  },
  missing_episodes: {
    label: 'Missing episodes',
    unit: 'Missing episodes',
    note: 'Counts missing and absent episodes reported in the period (not children): a child missing three times counts three times. Looked after and placed by another authority are as recorded on each episode.',
    additive: true,
    dimensions: MISSING,
  },
  returns: {
    label: 'Returns from missing',
    unit: 'Returns',
    note: 'Counts episodes whose return fell in the period (not children).',
    additive: true,
    dimensions: MISSING,
  },
  interviews: {
    label: 'Return home interviews held',
    unit: 'Return home interviews',
    note: 'Counts return home interviews completed in the period (not children).',
    additive: true,
    dimensions: MISSING,
  },
  contexts: {
    label: 'Contexts opened',
    unit: 'Contexts',
    note: 'Counts places, peer groups, schools and online spaces opened as contexts in the period.',
    additive: true,
    dimensions: ['ward'],
  },
  disruptions: {
    label: 'Disruption activities',
    unit: 'Disruption activities',
    note: 'Counts disruption activities started in the period; ward is the ward recorded on the target.',
    additive: true,
    dimensions: ['ward'],
  },
  support_referrals: {
    label: 'Referrals to support services',
    unit: 'Support referrals',
    note: 'Counts onward referrals to support services sent in the period (not children).',
    additive: true,
    dimensions: [...PERSON, 'placed_by_other_authority'],
  },
};

export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  risk_level: 'Level of risk',
  category: 'Category',
  referrer_agency: 'Referring agency',
  referrer_sector: 'Referrer (sector)',
  referrer_group: 'Referrer group',
  sex: 'Sex',
  age_band: 'Age band',
  ethnicity_group: 'Ethnicity group',
  ward: 'Ward',
  looked_after: 'Looked after',
  placed_by_other_authority: 'Placed by another authority',
  classification: 'Missing or absent',
};

export const dimensionsOf = (m: Measure): readonly Dimension[] => ['month', 'quarter', 'year', ...MEASURE_INFO[m].dimensions];

/** Keys for "no value recorded"; labels say so in words. */
export const NOT_RECORDED = 'not_recorded';
export const NOT_TRIAGED = 'not_triaged';
export const NO_GROUP = 'none';

export const ETHNICITY_GROUP_LABELS: Readonly<Record<string, string>> = {
  asian: 'Asian',
  black: 'Black',
  mixed: 'Mixed',
  white: 'White',
  other: 'Other ethnic group',
  not_stated: 'Not stated',
  unknown: 'Not known',
};
const YES_NO = { yes: 'Yes', no: 'No' };

/** The fixed values of a dimension in the order tables show them; null for open ones (agencies, groups, wards, periods). */
export function fixedValues(d: Dimension): Record<string, string> | null {
  switch (d) {
    case 'risk_level':
      return { ...Object.fromEntries(TRIAGE_OUTCOMES.map((o) => [o, TRIAGE_OUTCOME_LABELS[o]])), [NOT_TRIAGED]: 'Awaiting triage' };
    case 'category':
      return { ...Object.fromEntries(TRIAGE_CATEGORIES.map((c) => [c, TRIAGE_CATEGORY_LABELS[c]])), [NOT_TRIAGED]: 'Awaiting triage' };
    case 'referrer_sector':
      return Object.fromEntries(AGENCY_SECTORS.map((s) => [s, AGENCY_SECTOR_LABELS[s]]));
    case 'sex':
      return { female: SEX_LABELS.female, male: SEX_LABELS.male, unknown: SEX_LABELS.unknown };
    case 'age_band':
      return { ...Object.fromEntries(AGE_BANDS.map((b) => [b, AGE_BAND_LABELS[b]])), unknown: 'Age not known' };
    case 'ethnicity_group':
      return ETHNICITY_GROUP_LABELS;
    case 'looked_after':
    case 'placed_by_other_authority':
      return YES_NO;
    case 'classification':
      return { missing: 'Missing', away_without_authorisation: 'Absent (away without authorisation)' };
    default:
      return null;
  }
}

// ---- periods ----

const monthFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });

/** The key of the period a day falls in: 2026-03, 2026-Q1, 2026. */
export function periodKey(d: 'month' | 'quarter' | 'year', day: string): string {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  if (d === 'year') return y;
  if (d === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  return day.slice(0, 7);
}

export function periodLabel(d: 'month' | 'quarter' | 'year', key: string): string {
  if (d === 'year') return key;
  if (d === 'quarter') {
    const [y, q] = key.split('-Q');
    const first = Number(q) * 3 - 2;
    const name = (m: number) => monthFmt.format(new Date(Date.UTC(Number(y), m - 1, 1))).split(' ')[0];
    return `${name(first)} to ${name(first + 2)} ${y}`;
  }
  return monthFmt.format(new Date(`${key}-01T00:00:00Z`));
}

/** Every period from the one holding `from` to the one holding `to`, in order (a trend shows the empty ones as 0). */
export function periodsBetween(d: 'month' | 'quarter' | 'year', from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = periodKey(d, to);
  for (let guard = 0; guard < 10_000; guard++) {
    const key = periodKey(d, `${y}-${String(m).padStart(2, '0')}-01`);
    if (out[out.length - 1] !== key) out.push(key);
    if (key === last) break;
    m += d === 'month' ? 1 : d === 'quarter' ? 3 : 12;
    if (d === 'quarter') m = Math.floor((m - 1) / 3) * 3 + 1;
    while (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

// ---- names of saved reports ----

/** Paths already taken under /reports and /api/v1/reports (a saved report may not shadow them). */
export const RESERVED_NAMES = ['builder', 'triage', 'disruption', 'missing', 'panel', 'new', 'saved', 'referrer-groups', 'trend', 'trends', 'problem-profile'];
export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function nameErrors(name: string, title: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!name) errors.push({ field: 'name', message: 'Enter a name for the link, like street-teams-by-quarter' });
  else if (name.length > 60 || !NAME_PATTERN.test(name))
    errors.push({
      field: 'name',
      message: 'The name must be 60 characters or fewer: lower case letters, numbers and single hyphens, like street-teams-by-quarter',
    });
  else if (RESERVED_NAMES.includes(name)) errors.push({ field: 'name', message: `"${name}" is taken by another report page: choose another name` });
  if (!title.trim()) errors.push({ field: 'title', message: 'Enter a title' });
  else if (title.length > 120) errors.push({ field: 'title', message: 'The title must be 120 characters or fewer' });
  return errors;
}

// ---- the rules of a specification ----

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Everything wrong with a specification, each naming its field; [] when it can run. */
export function specErrors(spec: { measure?: unknown; dimensions?: unknown; from?: unknown; to?: unknown; filters?: unknown }): FieldError[] {
  const errors: FieldError[] = [];
  const measure = spec.measure as Measure;
  if (!(MEASURES as readonly unknown[]).includes(measure)) {
    errors.push({ field: 'measure', message: `Choose what to count: one of ${MEASURES.join(', ')}` });
  }
  const dims = Array.isArray(spec.dimensions) ? (spec.dimensions as unknown[]) : [];
  if (spec.dimensions !== undefined && !Array.isArray(spec.dimensions)) errors.push({ field: 'dimensions', message: 'Dimensions must be a list' });
  if (dims.length > MAX_DIMENSIONS) errors.push({ field: 'dimensions', message: `Choose at most ${MAX_DIMENSIONS} breakdowns` });
  const known = errors.length === 0 || !errors.some((e) => e.field === 'measure');
  dims.forEach((d, i) => {
    const field = `dimensions[${i}]`;
    if (!(DIMENSIONS as readonly unknown[]).includes(d)) {
      errors.push({ field, message: `Choose a breakdown from: ${DIMENSIONS.join(', ')}` });
      return;
    }
    if (dims.indexOf(d) !== i) errors.push({ field, message: `${DIMENSION_LABELS[d as Dimension]} is chosen twice` });
    else if (known && !dimensionsOf(measure).includes(d as Dimension)) {
      errors.push({
        field,
        message: `${MEASURE_INFO[measure].label} cannot be broken down by ${DIMENSION_LABELS[d as Dimension].toLowerCase()}: choose from ${dimensionsOf(measure).join(', ')}`,
      });
    }
  });
  const periods = dims.flatMap((d, i) => (isPeriodDimension(String(d)) ? [i] : []));
  if (periods.length > 1) errors.push({ field: `dimensions[${periods[periods.length - 1]}]`, message: 'Choose one of month, quarter or year' });
  const from = String(spec.from ?? '');
  const to = String(spec.to ?? '');
  if (!isIsoDate(from)) errors.push({ field: 'from', message: 'Enter the start of the period as a date, like 2022-10-01' });
  if (!isIsoDate(to)) errors.push({ field: 'to', message: 'Enter the end of the period as a date, like 2023-02-28' });
  if (isIsoDate(from) && isIsoDate(to)) {
    if (to < from) errors.push({ field: 'to', message: 'The end of the period must be on or after its start' });
    else if (addDays(from, MAX_PERIOD_DAYS) < to) errors.push({ field: 'to', message: 'The period must be 20 years or shorter' });
  }
  errors.push(...filterErrors(spec.filters, known ? measure : null));
  return errors;
}

function filterErrors(filters: unknown, measure: Measure | null): FieldError[] {
  if (filters === undefined) return [];
  if (filters === null || typeof filters !== 'object' || Array.isArray(filters))
    return [{ field: 'filters', message: 'Filters must name a breakdown and its values' }];
  const errors: FieldError[] = [];
  for (const [d, values] of Object.entries(filters as Record<string, unknown>)) {
    const field = `filters.${d}`;
    if (!(DIMENSIONS as readonly string[]).includes(d) || isPeriodDimension(d)) {
      errors.push({ field, message: 'Filter on a breakdown other than the period (the period is from and to)' });
      continue;
    }
    if (measure && !dimensionsOf(measure).includes(d as Dimension)) {
      errors.push({ field, message: `${MEASURE_INFO[measure].label} cannot be filtered by ${DIMENSION_LABELS[d as Dimension].toLowerCase()}` });
      continue;
    }
    if (!Array.isArray(values) || values.length === 0 || values.length > 100 || values.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 200)) {
      errors.push({ field, message: `Give one or more values of ${DIMENSION_LABELS[d as Dimension].toLowerCase()}` });
      continue;
    }
    const fixed = fixedValues(d as Dimension);
    const bad = fixed
      ? values.filter((v) => !(v in fixed))
      : d === 'referrer_agency' || d === 'referrer_group'
        ? values.filter((v) => !UUID.test(v) && !(d === 'referrer_group' && v === NO_GROUP))
        : [];
    if (bad.length)
      errors.push({
        field,
        message: fixed ? `Unknown value ${bad[0]}: choose from ${Object.keys(fixed).join(', ')}` : `Unknown value ${bad[0]}: give the id of an agency or group`,
      });
  }
  return errors;
}

/** A specification that passed specErrors, with lists normalised (filters dropped when empty). */
export function normaliseSpec(spec: ReportSpec): ReportSpec {
  const filters = Object.fromEntries(Object.entries(spec.filters ?? {}).filter(([, v]) => v && v.length > 0));
  return {
    measure: spec.measure,
    dimensions: [...spec.dimensions],
    from: spec.from,
    to: spec.to,
    ...(Object.keys(filters).length ? { filters } : {}),
  };
}

// ---- a specification in a query string (links, the page's GET form, the ad hoc API) ----

/**
 * measure, dimensions (comma-separated, or the form's dimension1..dimension5 with '' for none), from, to, and a
 * filter per breakdown named after it (sex=female,male). Unknown values are kept so that specErrors names them.
 */
export function specFromQuery(q: Record<string, string | string[] | undefined>): {
  measure: string;
  dimensions: string[];
  from: string;
  to: string;
  filters?: Record<string, string[]>;
} {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
  const listed = one(q.dimensions);
  const dimensions = listed
    ? listed
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean)
    : [1, 2, 3, 4, 5].map((i) => one(q[`dimension${i}`])).filter(Boolean);
  const filters: Record<string, string[]> = {};
  for (const d of DIMENSIONS) {
    const v = one(q[d]);
    if (v)
      filters[d] = v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
  }
  return { measure: one(q.measure), dimensions, from: one(q.from), to: one(q.to), ...(Object.keys(filters).length ? { filters } : {}) };
}

export function specToQuery(spec: ReportSpec): string {
  const p = new URLSearchParams({ measure: spec.measure });
  if (spec.dimensions.length) p.set('dimensions', spec.dimensions.join(','));
  p.set('from', spec.from);
  p.set('to', spec.to);
  for (const [d, v] of Object.entries(spec.filters ?? {})) if (v?.length) p.set(d, v.join(','));
  return p.toString();
}
