// The problem profile (issue 15.5): a report pack for a period, in sections (demand, victims' profile, persons of
// concern, locations and hotspots, themes, disruption, missing, support and outcomes), each a few tables of counts.
// Pure: which report-builder specification fills which table, and how counted rows become a table with labels in a
// fixed order. Counting is in the report builder's engine and this module's store; suppression in disclose.ts.
import { AGE_BAND_LABELS, AGE_BANDS, SEX_LABELS } from '../cases/domain.ts';
import { DEFAULT_WARDS } from '../intelligence/vocab.ts';
import {
  type Dimension,
  fixedValues,
  isPeriodDimension,
  MEASURE_INFO,
  type Measure,
  NOT_RECORDED,
  periodLabel,
  periodsBetween,
  type ReportSpec,
} from '../report-builder/domain.ts';
import type { RawReport } from '../report-builder/store.ts';
import type { Cell } from '../reports/disclosure.ts';

/** A table as counted, before disclosure control: labels in order, cells[row][column], and the totals. */
export interface CountedTable {
  key: string;
  caption: string;
  /** What one count is ("Referrals", "Children (each counted once)"): every table says it. */
  unit: string;
  rowHeading: string;
  rows: string[];
  /** One column (the unit) for a list; a second breakdown's values otherwise. */
  columns: string[];
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  /**
   * Each record is in exactly one cell, so the cells add up to the totals and the table is protected as a whole
   * (secondary suppression); otherwise (distinct children, separate figures) each figure is protected on its own.
   */
  additive: boolean;
  note?: string;
}

/** A table as shown, in the page and in the Word file alike. */
export interface ShownTable extends Omit<CountedTable, 'cells' | 'rowTotals' | 'columnTotals' | 'total'> {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
}

export const SECTIONS = [
  { key: 'demand', heading: 'Demand', intro: 'Referrals received in the period and the children they were about.' },
  { key: 'victims', heading: 'Victims’ profile', intro: 'Children (and adults) referred in the period, each counted once in each cell.' },
  {
    key: 'concern',
    heading: 'Persons of concern',
    intro: 'People named in intelligence in the period as persons of concern, each counted once, by sex and age band. No one is named here.',
  },
  { key: 'locations', heading: 'Locations and hotspots', intro: 'Where concerns were reported, and where the children referred live, by ward.' },
  { key: 'themes', heading: 'Themes', intro: 'Intelligence reports in the period by category of exploitation.' },
  { key: 'disruption', heading: 'Disruption', intro: 'Disruption activities started in the period.' },
  { key: 'missing', heading: 'Missing', intro: 'Missing and absent episodes reported in the period, returns and return home interviews.' },
  { key: 'support', heading: 'Support and outcomes', intro: 'Referrals to support services sent in the period, and cases closed in the period.' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

/** A table the report builder's engine counts: its section, caption, and specification (less the period). */
export interface EngineTable {
  section: SectionKey;
  key: string;
  caption: string;
  measure: Measure;
  dimensions: Dimension[];
}

export const ENGINE_TABLES: readonly EngineTable[] = [
  { section: 'demand', key: 'referrals-by-quarter', caption: 'Referrals by quarter', measure: 'referrals', dimensions: ['quarter'] },
  { section: 'demand', key: 'children-by-quarter', caption: 'Children referred by quarter', measure: 'children', dimensions: ['quarter'] },
  { section: 'demand', key: 'referrals-by-referrer', caption: 'Referrals by referrer', measure: 'referrals', dimensions: ['referrer_sector'] },
  {
    section: 'demand',
    key: 'referrals-by-risk',
    caption: 'Referrals by level of risk and category',
    measure: 'referrals',
    dimensions: ['risk_level', 'category'],
  },
  { section: 'victims', key: 'children-by-age-sex', caption: 'Children by age band at referral and sex', measure: 'children', dimensions: ['age_band', 'sex'] },
  { section: 'victims', key: 'children-by-ethnicity', caption: 'Children by ethnicity group', measure: 'children', dimensions: ['ethnicity_group'] },
  {
    section: 'victims',
    key: 'children-placed',
    caption: 'Children placed here by another authority',
    measure: 'children',
    dimensions: ['placed_by_other_authority'],
  },
  { section: 'locations', key: 'children-by-ward', caption: 'Children referred by ward (of their case)', measure: 'children', dimensions: ['ward'] },
  { section: 'locations', key: 'contexts-by-ward', caption: 'Contexts opened by ward', measure: 'contexts', dimensions: ['ward'] },
  { section: 'disruption', key: 'disruption-by-ward', caption: 'Disruption activities by ward of the target', measure: 'disruptions', dimensions: ['ward'] },
  {
    section: 'missing',
    key: 'missing-by-classification',
    caption: 'Missing and absent episodes by whether the child was looked after',
    measure: 'missing_episodes',
    dimensions: ['classification', 'looked_after'],
  },
  {
    section: 'missing',
    key: 'missing-placed',
    caption: 'Missing and absent episodes of children placed here by another authority',
    measure: 'missing_episodes',
    dimensions: ['placed_by_other_authority'],
  },
  { section: 'missing', key: 'missing-by-quarter', caption: 'Missing and absent episodes by quarter', measure: 'missing_episodes', dimensions: ['quarter'] },
];

/** Figures counted with no breakdown, shown together as one list (each protected on its own). */
export const ENGINE_FIGURES: readonly { section: SectionKey; key: string; label: string; measure: Measure }[] = [
  { section: 'missing', key: 'returns', label: 'Returns from missing or absence', measure: 'returns' },
  { section: 'missing', key: 'interviews', label: 'Return home interviews held', measure: 'interviews' },
];

export const specFor = (t: { measure: Measure; dimensions: Dimension[] }, p: { from: string; to: string }): ReportSpec => ({
  measure: t.measure,
  dimensions: [...t.dimensions],
  from: p.from,
  to: p.to,
});

const unitOf = (m: Measure) => (m === 'children' ? 'Children (each counted once)' : MEASURE_INFO[m].unit);
const WARD_LABELS = { [NOT_RECORDED]: 'Ward not recorded' };
// As columns, yes and no say what they are about.
const COLUMN_LABELS: Partial<Record<Dimension, Record<string, string>>> = { looked_after: { yes: 'Looked after', no: 'Not looked after' } };

/** The values of a dimension in table order, with their labels: every fixed value, every period, every ward. */
export function valuesOf(d: Dimension, found: Iterable<string>, p: { from: string; to: string }): { key: string; label: string }[] {
  if (isPeriodDimension(d)) return periodsBetween(d, p.from, p.to).map((k) => ({ key: k, label: periodLabel(d, k) }));
  const fixed = fixedValues(d);
  if (fixed) {
    const seen = new Set(found);
    // "Not known" and "awaiting triage" rows only when something is in them.
    return Object.entries(fixed)
      .filter(([k]) => !['unknown', 'not_triaged', 'not_stated'].includes(k) || seen.has(k))
      .map(([key, label]) => ({ key, label }));
  }
  const others = [...new Set(found)].filter((k) => !(DEFAULT_WARDS as readonly string[]).includes(k) && k !== NOT_RECORDED).sort();
  const keys = d === 'ward' ? [...DEFAULT_WARDS, ...others, NOT_RECORDED] : [...others];
  return keys.map((key) => ({ key, label: WARD_LABELS[key as keyof typeof WARD_LABELS] ?? key }));
}

/** An engine report (one or two breakdowns) as a counted table in the values' order; absent combinations are 0. */
export function engineTable(t: EngineTable, raw: RawReport, p: { from: string; to: string }): CountedTable {
  const [rowDim, colDim] = t.dimensions;
  const rows = valuesOf(
    rowDim,
    raw.cells.map((c) => c.keys[0]),
    p,
  );
  const cols = colDim
    ? valuesOf(
        colDim,
        raw.cells.map((c) => c.keys[1]),
        p,
      )
    : [{ key: '', label: unitOf(t.measure) }];
  for (const c of cols) c.label = (colDim && COLUMN_LABELS[colDim]?.[c.key]) || c.label;
  const at = new Map(raw.cells.map((c) => [c.keys.join('\u0000'), c.n]));
  const cells = rows.map((r) => cols.map((c) => at.get(colDim ? `${r.key}\u0000${c.key}` : r.key) ?? 0));
  const additive = MEASURE_INFO[t.measure].additive;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    key: t.key,
    caption: t.caption,
    unit: unitOf(t.measure),
    rowHeading: labelOf(rowDim),
    rows: rows.map((r) => r.label),
    columns: cols.map((c) => c.label),
    cells,
    // Distinct children: a child in two cells is one child in the total, so totals come from the engine.
    rowTotals: rows.map((r, i) => (colDim ? (raw.first.get(r.key) ?? 0) : cells[i][0])),
    columnTotals: colDim ? cols.map((c) => raw.second.get(c.key) ?? 0) : [raw.total],
    total: additive ? sum(cells.map(sum)) : raw.total,
    additive,
    note: MEASURE_INFO[t.measure].note,
  };
}

const DIMENSION_HEADINGS: Partial<Record<Dimension, string>> = {
  quarter: 'Quarter',
  referrer_sector: 'Referrer',
  risk_level: 'Level of risk',
  age_band: 'Age band',
  ethnicity_group: 'Ethnicity group',
  placed_by_other_authority: 'Placed by another authority',
  ward: 'Ward',
  classification: 'Missing or absent',
};
const labelOf = (d: Dimension) => DIMENSION_HEADINGS[d] ?? d;

/** Separate figures as one list: not a breakdown of one total, so each is protected on its own and none is summed. */
export function figureList(key: string, caption: string, rows: { label: string; n: number }[]): CountedTable {
  return {
    key,
    caption,
    unit: 'Number',
    rowHeading: 'Figure',
    rows: rows.map((r) => r.label),
    columns: ['Number'],
    cells: rows.map((r) => [r.n]),
    rowTotals: rows.map((r) => r.n),
    columnTotals: [],
    total: 0,
    additive: false,
    note: 'Separate figures, not parts of one total.',
  };
}

/** A store's counted rows (two keys and a count) as a table in the given orders of rows and columns. */
export function keyedTable(
  base: Pick<CountedTable, 'key' | 'caption' | 'unit' | 'rowHeading' | 'note'>,
  rows: readonly { key: string; label: string }[],
  cols: readonly { key: string; label: string }[],
  counted: readonly { row: string; col: string; n: number }[],
): CountedTable {
  const at = new Map(counted.map((c) => [`${c.row}\u0000${c.col}`, c.n]));
  const cells = rows.map((r) => cols.map((c) => at.get(`${r.key}\u0000${c.key}`) ?? 0));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    ...base,
    rows: rows.map((r) => r.label),
    columns: cols.map((c) => c.label),
    cells,
    rowTotals: cells.map(sum),
    columnTotals: cols.map((_, j) => sum(cells.map((r) => r[j]))),
    total: sum(cells.map(sum)),
    additive: true,
  };
}

// ---- persons of concern: sex and age band only ----

export const CONCERN_SEXES = [
  { key: 'female', label: SEX_LABELS.female },
  { key: 'male', label: SEX_LABELS.male },
  { key: 'unknown', label: 'Not known' },
];
export const CONCERN_BANDS = [...AGE_BANDS.map((b) => ({ key: b, label: AGE_BAND_LABELS[b] })), { key: 'unknown', label: 'Age not known' }];

/** The age band of someone on a day: the hub's bands (0-9 ... 25+), 'unknown' without a date of birth. */
export function bandOn(dateOfBirth: string | null, day: string): string {
  if (!dateOfBirth) return 'unknown';
  const [y, m, d] = day.split('-').map(Number);
  const [by, bm, bd] = dateOfBirth.slice(0, 10).split('-').map(Number);
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 0) return 'unknown';
  return AGE_BANDS.find((b) => (b === '25+' ? age >= 25 : age <= Number(b.split('-')[1]))) ?? 'unknown';
}

/** Persons of concern (sex and date of birth only: the store returns nothing else) counted by age band and sex. */
export function concernTable(people: readonly { sex: string | null; dateOfBirth: string | null }[], to: string): CountedTable {
  const counted = new Map<string, number>();
  for (const p of people) {
    const k = `${bandOn(p.dateOfBirth, to)}\u0000${p.sex === 'female' || p.sex === 'male' ? p.sex : 'unknown'}`;
    counted.set(k, (counted.get(k) ?? 0) + 1);
  }
  return keyedTable(
    {
      key: 'concern-by-age-sex',
      caption: 'Persons of concern by age band and sex',
      unit: 'People (each counted once)',
      rowHeading: 'Age band (at the end of the period)',
      note: 'Sex and age are known only for people with a record in Jigsaw; others are counted as not known.',
    },
    CONCERN_BANDS,
    CONCERN_SEXES,
    [...counted].map(([k, n]) => {
      const [row, col] = k.split('\u0000');
      return { row, col, n };
    }),
  );
}
