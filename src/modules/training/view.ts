// Training view models: tables for pages, CSV and XLSX (the same tables, every text cell made safe against formula
// injection), and the trend chart's bars.
import { stringify } from 'csv-stringify/sync';
import { formatDate } from '../../platform/time.ts';
import { MEMBER_STATUS_LABELS, ORG_KIND_LABELS, RAG_LABELS, type Rag, safeCell } from './domain.ts';

export type Value = string | number | null;
export interface Table {
  title: string;
  headers: string[];
  rows: Value[][];
}

const shown = (v: Value | undefined) => (v === null || v === undefined ? '' : v);

export function toCsv(tables: readonly Table[]): string {
  const records: (string | number)[][] = [];
  for (const t of tables) {
    if (records.length) records.push([]);
    records.push([safeCell(t.title)], t.headers.map(safeCell), ...t.rows.map((r) => r.map((v) => safeCell(shown(v)))));
  }
  return stringify(records);
}

/** One worksheet per table; text cells that a spreadsheet would run as formulas are stored as text with a quote. */
export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on the first export: ~30 MB a server need not hold
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jigsaw';
  const used = new Set<string>();
  for (const t of tables) {
    let name = t.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
    for (let i = 2; used.has(name); i++) name = `${t.title.slice(0, 28)} ${i}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.addRow(t.headers.map(safeCell)).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map((v) => safeCell(shown(v))));
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const ragTag = (r: Rag) => ({
  text: RAG_LABELS[r],
  classes: r === 'green' ? 'govuk-tag--green' : r === 'amber' ? 'govuk-tag--yellow' : 'govuk-tag--red',
});

/** The trend as bars (height in % of the chart) with labels, for an SVG chart with a table beside it. */
export function trendBars(points: readonly { day: string; members: number; compliant: number; percentCompliant: number }[]) {
  const width = 100 / Math.max(1, points.length);
  return points.map((p, i) => ({
    ...p,
    label: formatDate(p.day).replace(/^\d+ /, ''),
    x: i * width + width * 0.15,
    width: width * 0.7,
    y: 100 - p.percentCompliant,
    height: p.percentCompliant,
  }));
}

export const memberStatusLabel = (s: keyof typeof MEMBER_STATUS_LABELS) => MEMBER_STATUS_LABELS[s];
export const orgKindLabel = (k: string) => ORG_KIND_LABELS[k as keyof typeof ORG_KIND_LABELS] ?? k;

type Shown = number | 'c' | string;
/** The committee report as tables: the page, the CSV and the XLSX show the same cells. */
export function committeeTables(r: {
  cohorts: {
    name: string;
    course: string;
    members: Shown;
    compliant: Shown;
    percentCompliant: Shown;
    dueSoon: Shown;
    overdue: Shown;
    neverTrained: Shown;
    rag: Rag;
    orgs: Shown;
    orgsWithCompliant: Shown;
    percentOrgsWithCompliant: Shown;
  }[];
  awareness: { byAudience: { label: string; sessions: number; reached: Shown }[]; sessions: number; reached: Shown };
  evaluation: { responses: Shown; improved: Shown; percentImproved: Shown };
}): Table[] {
  return [
    {
      title: 'Compliance by cohort',
      headers: [
        'Cohort',
        'Course',
        'Members',
        'Compliant',
        '% compliant',
        'Due soon',
        'Overdue',
        'Never trained',
        'RAG',
        'Organisations',
        'With a member compliant',
        '% of organisations',
      ],
      rows: r.cohorts.map((c) => [
        c.name,
        c.course,
        c.members,
        c.compliant,
        c.percentCompliant,
        c.dueSoon,
        c.overdue,
        c.neverTrained,
        RAG_LABELS[c.rag],
        c.orgs,
        c.orgsWithCompliant,
        c.percentOrgsWithCompliant,
      ]),
    },
    {
      title: 'Awareness reached in 12 months',
      headers: ['Audience', 'Sessions', 'People reached'],
      rows: [...r.awareness.byAudience.map((a) => [a.label, a.sessions, a.reached]), ['Total', r.awareness.sessions, r.awareness.reached]],
    },
    {
      title: 'Evaluation',
      headers: ['Responses', 'Knowledge and skills improved', '% improved'],
      rows: [[r.evaluation.responses, r.evaluation.improved, r.evaluation.percentImproved]],
    },
  ];
}

export function councillorTables(r: {
  period: string;
  cohorts: {
    name: string;
    course: string;
    members: Shown;
    trained: Shown;
    notTrained: Shown;
    percentTrained: Shown;
    overdue: Shown;
    completionsInPeriod: Shown;
  }[];
  resolution: string | null;
}): Table[] {
  return [
    {
      title: `Councillor training ${r.period}`,
      headers: ['Cohort', 'Course', 'Councillors', 'Trained', 'Not trained', '% trained', 'Overdue', 'Completions in the half year'],
      rows: r.cohorts.map((c) => [c.name, c.course, c.members, c.trained, c.notTrained, c.percentTrained, c.overdue, c.completionsInPeriod]),
    },
    { title: 'Committee resolution', headers: ['Resolution'], rows: [[r.resolution ?? 'None linked']] },
  ];
}
