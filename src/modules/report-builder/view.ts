// A built report as the page, the CSV, the XLSX and the API show it: the values of each breakdown in order with their
// labels, the cells (disclosed in disclose.ts) and the totals; every table names what it counts.
import type { Cell, DisclosureRule } from '../reports/disclosure.ts';
import { type Disclosed, discloseReport, type Suppression, suppressionNote } from './disclose.ts';
import {
  DIMENSION_LABELS,
  type Dimension,
  fixedValues,
  isPeriodDimension,
  MEASURE_INFO,
  type Measure,
  NO_GROUP,
  NOT_RECORDED,
  periodLabel,
  periodsBetween,
  type ReportSpec,
} from './domain.ts';
import type { RawReport } from './store.ts';

export interface Value {
  key: string;
  label: string;
}

export interface ReportView {
  name: string | null;
  title: string;
  spec: ReportSpec;
  measure: { code: Measure; label: string; unit: string; note: string };
  /** 'referrals', 'children', ...: what each count is (never referrals for children or the other way round). */
  counts: Measure;
  dimensions: { code: Dimension; label: string; values: Value[] }[];
  exact: boolean;
  suppression: Suppression;
  suppressionNote: string;
  /** One row per cell: with up to two breakdowns every combination (zeros included), with more the non-empty ones. */
  cells: { keys: string[]; labels: string[]; count: Cell }[];
  /** Totals by the first breakdown's values and (two or more) by the second's; the grand total. */
  firstTotals: Cell[];
  secondTotals: Cell[];
  total: Cell;
  filters: { dimension: string; values: string[] }[];
}

export interface Names {
  agencies: Map<string, string>;
  groups: Map<string, string>;
}

function labelOf(d: Dimension, key: string, names: Names): string {
  if (isPeriodDimension(d)) return periodLabel(d, key);
  const fixed = fixedValues(d);
  if (fixed) return fixed[key] ?? key;
  if (key === NOT_RECORDED) return 'Not recorded';
  if (d === 'referrer_agency') return names.agencies.get(key) ?? 'Unknown agency';
  if (d === 'referrer_group') return key === NO_GROUP ? 'Not in a group' : (names.groups.get(key) ?? 'Unknown group');
  return key;
}

/** The values a breakdown shows, in order: fixed vocabularies whole, periods every one, open ones as found. */
function valuesOf(d: Dimension, index: number, spec: ReportSpec, raw: RawReport, names: Names): Value[] {
  const filter = spec.filters?.[d];
  let keys: string[];
  if (isPeriodDimension(d)) keys = periodsBetween(d, spec.from, spec.to);
  else {
    const fixed = fixedValues(d);
    if (fixed) keys = Object.keys(fixed);
    else {
      const found = new Set(raw.cells.map((c) => c.keys[index]));
      if (d === 'referrer_group') for (const id of names.groups.keys()) found.add(id);
      keys = [...found].sort((a, b) => {
        const last = (k: string) => Number(k === NOT_RECORDED || k === NO_GROUP);
        return last(a) - last(b) || labelOf(d, a, names).localeCompare(labelOf(d, b, names));
      });
    }
  }
  if (filter) keys = keys.filter((k) => filter.includes(k));
  return keys.map((key) => ({ key, label: labelOf(d, key, names) }));
}

/** The view of a run report: cells in order, disclosed for the viewer. */
export function reportView(
  spec: ReportSpec,
  raw: RawReport,
  names: Names,
  opts: { exact: boolean; rule: DisclosureRule; name?: string | null; title?: string | null },
): ReportView {
  const info = MEASURE_INFO[spec.measure];
  const dims = spec.dimensions.map((d, i) => ({ code: d, label: DIMENSION_LABELS[d], values: valuesOf(d, i, spec, raw, names) }));
  const n = dims.length;
  const byKey = new Map(raw.cells.map((c) => [c.keys.join('\u0000'), c.n]));
  let disclosed: Disclosed;
  let cellKeys: string[][];
  const first = n >= 1 ? dims[0].values.map((v) => raw.first.get(v.key) ?? 0) : [];
  const second = n >= 2 ? dims[1].values.map((v) => raw.second.get(v.key) ?? 0) : [];
  if (n <= 2) {
    const rows = n === 0 ? [''] : dims[0].values.map((v) => v.key);
    const cols = n === 2 ? dims[1].values.map((v) => v.key) : [''];
    const grid = rows.map((r) => cols.map((c) => (n === 0 ? raw.total : (byKey.get(n === 1 ? r : `${r}\u0000${c}`) ?? 0))));
    disclosed = discloseReport({ grid, first, second, total: raw.total }, { exact: opts.exact, additive: info.additive, dimensions: n, rule: opts.rule });
    cellKeys = n === 0 ? [[]] : rows.flatMap((r) => cols.map((c) => (n === 1 ? [r] : [r, c])));
  } else {
    const order = dims.map((d) => new Map(d.values.map((v, i) => [v.key, i])));
    const listed = raw.cells
      .filter((c) => c.keys.every((k, i) => order[i].has(k)))
      .sort((a, b) => {
        for (let i = 0; i < n; i++) {
          const d = (order[i].get(a.keys[i]) ?? 0) - (order[i].get(b.keys[i]) ?? 0);
          if (d) return d;
        }
        return 0;
      });
    disclosed = discloseReport(
      { list: listed.map((c) => c.n), first, second, total: raw.total },
      { exact: opts.exact, additive: info.additive, dimensions: n, rule: opts.rule },
    );
    cellKeys = listed.map((c) => c.keys);
  }
  const flat = disclosed.grid ? disclosed.grid.flat() : (disclosed.list ?? []);
  return {
    name: opts.name ?? null,
    title: opts.title ?? defaultTitle(spec),
    spec,
    measure: { code: spec.measure, label: info.label, unit: info.unit, note: info.note },
    counts: spec.measure,
    dimensions: dims,
    exact: opts.exact,
    suppression: disclosed.suppression,
    suppressionNote: suppressionNote(disclosed.suppression, opts.rule),
    cells: cellKeys.map((keys, i) => ({ keys, labels: keys.map((k, j) => labelOf(dims[j].code, k, names)), count: flat[i] })),
    firstTotals: disclosed.first,
    secondTotals: disclosed.second,
    total: disclosed.total,
    filters: Object.entries(spec.filters ?? {}).map(([d, values]) => ({
      dimension: DIMENSION_LABELS[d as Dimension],
      values: (values ?? []).map((v) => labelOf(d as Dimension, v, names)),
    })),
  };
}

export const defaultTitle = (spec: ReportSpec) =>
  `${MEASURE_INFO[spec.measure].label}${spec.dimensions.length ? ` by ${spec.dimensions.map((d) => DIMENSION_LABELS[d].toLowerCase()).join(', ')}` : ''}`;

// ---- as a table (page, CSV, XLSX) ----

export interface TableLayout {
  caption: string;
  head: string[];
  rows: { header: string[]; cells: Cell[]; total?: boolean }[];
}

/** Up to two breakdowns: a pivot (rows by the first, columns by the second) with totals. More: one row per cell. */
export function tableLayout(r: ReportView): TableLayout {
  const unit = r.measure.unit;
  const caption = `${unit}: ${r.title}`;
  const n = r.dimensions.length;
  if (n === 0) return { caption, head: ['', unit], rows: [{ header: ['Total'], cells: [r.total], total: true }] };
  const [d0, d1] = r.dimensions;
  if (n === 1) {
    return {
      caption,
      head: [d0.label, unit],
      rows: [...d0.values.map((v, i) => ({ header: [v.label], cells: [r.cells[i].count] })), { header: ['Total'], cells: [r.total], total: true }],
    };
  }
  if (n === 2) {
    const cols = d1.values.length;
    return {
      caption,
      head: [`${d0.label} (rows) by ${d1.label.toLowerCase()} (columns)`, ...d1.values.map((v) => v.label), 'Total'],
      rows: [
        ...d0.values.map((v, i) => ({ header: [v.label], cells: [...r.cells.slice(i * cols, (i + 1) * cols).map((c) => c.count), r.firstTotals[i]] })),
        { header: ['Total'], cells: [...r.secondTotals, r.total], total: true },
      ],
    };
  }
  return {
    caption,
    head: [...r.dimensions.map((d) => d.label), unit],
    rows: [
      ...r.cells.map((c) => ({ header: c.labels, cells: [c.count] })),
      { header: ['Total', ...r.dimensions.slice(1).map(() => '')], cells: [r.total], total: true },
    ],
  };
}

function heading(r: ReportView): (string | number)[][] {
  return [
    [r.title],
    [`Counts: ${r.measure.unit.toLowerCase()}`, `${r.spec.from} to ${r.spec.to}`],
    [r.measure.note],
    [r.suppressionNote],
    ...r.filters.map((f) => [`Only ${f.dimension.toLowerCase()}`, f.values.join('; ')]),
    [],
  ];
}

/** A spreadsheet must not run a cell as a formula: text starting =, +, -, @, tab or return gets a leading quote. */
const safeText = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

function csvCell(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : safeText(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function reportCsv(r: ReportView): string {
  const t = tableLayout(r);
  const lines: (string | number)[][] = [...heading(r), t.head, ...t.rows.map((row) => [...row.header, ...row.cells])];
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function reportXlsx(r: ReportView): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on the first download, not at start
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(r.measure.unit.slice(0, 31));
  const t = tableLayout(r);
  for (const line of heading(r)) ws.addRow(line.map((v) => (typeof v === 'string' ? safeText(v) : v)));
  const head = ws.addRow(t.head.map(safeText));
  head.font = { bold: true };
  for (const row of t.rows) {
    const added = ws.addRow([...row.header.map(safeText), ...row.cells]);
    if (row.total) added.font = { bold: true };
  }
  ws.getColumn(1).width = 34;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The API's body: the view without the page's layout. */
export function reportJson(r: ReportView) {
  return {
    name: r.name,
    title: r.title,
    counts: r.counts,
    unit: r.measure.unit,
    note: r.measure.note,
    from: r.spec.from,
    to: r.spec.to,
    spec: r.spec,
    exact: r.exact,
    suppression: r.suppression,
    suppressionNote: r.suppressionNote,
    dimensions: r.dimensions,
    cells: r.cells.map((c) => ({ keys: c.keys, count: c.count })),
    firstTotals: r.firstTotals,
    secondTotals: r.secondTotals,
    total: r.total,
  };
}
