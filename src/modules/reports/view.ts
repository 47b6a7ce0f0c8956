// The triage report as the page and the CSV lay it out.

import { formatDate, isIsoDate } from '../../platform/time.ts';
import { AGENCY_SECTOR_LABELS, AGENCY_SECTORS, TRIAGE_CATEGORIES, TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS, TRIAGE_OUTCOMES } from '../triage/vocab.ts';
import { addMonths, type Cell, lastEndedMonthEnd, lastWholeQuarter, monthEnd } from './domain.ts';

export interface TriageReportView {
  from: string;
  to: string;
  published: boolean;
  /** The partnership's disclosure rule in words (published figures), or null (exact). */
  disclosure: string | null;
  total: Cell;
  awaitingTriage: Cell;
  byOutcomeAndCategory: Record<string, Record<string, Cell>>;
  outcomeTotals: Record<string, Cell>;
  categoryTotals: Record<string, Cell>;
  byReferrerSector: Record<string, Cell>;
}

/** The report as the page and CSV lay it out: rows by level with totals, then the referrer table. */
export function triageTables(r: TriageReportView) {
  return {
    columns: TRIAGE_CATEGORIES.map((c) => ({ key: c, label: TRIAGE_CATEGORY_LABELS[c] })),
    rows: TRIAGE_OUTCOMES.map((o) => ({
      key: o,
      label: TRIAGE_OUTCOME_LABELS[o],
      cells: TRIAGE_CATEGORIES.map((c) => r.byOutcomeAndCategory[o][c]),
      total: r.outcomeTotals[o],
    })),
    columnTotals: TRIAGE_CATEGORIES.map((c) => r.categoryTotals[c]),
    sectors: AGENCY_SECTORS.map((s) => ({ key: s, label: AGENCY_SECTOR_LABELS[s], count: r.byReferrerSector[s] })),
  };
}

/** CSV of the report. Cells are numbers or `c`, so there is nothing a spreadsheet could run as a formula. */
export function triageCsv(r: TriageReportView): string {
  const t = triageTables(r);
  const lines: (string | number)[][] = [
    [
      'Triage report',
      `${r.from} to ${r.to}`,
      r.published ? `Published: ${r.disclosure ?? 'counts from 1 to 5 are shown as c'}` : 'Exact counts: not for publication',
    ],
    [],
    ['Level of risk', ...t.columns.map((c) => c.label), 'Total'],
    ...t.rows.map((row) => [row.label, ...row.cells, row.total]),
    ['Total', ...t.columnTotals, r.total],
    ['Awaiting triage', r.awaitingTriage],
    [],
    ['Referrer', 'Referrals'],
    ...t.sectors.map((s) => [s.label, s.count]),
  ];
  return `${lines.map((l) => l.map((v) => csvCell(String(v))).join(',')).join('\r\n')}\r\n`;
}

function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

// ---- the period controls of a report page ----

const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const monthText = (firstOfMonth: string) => monthName.format(new Date(`${firstOfMonth}T00:00:00Z`));

export interface PeriodControls {
  /** Whole months only (published figures): month and quarter choices instead of free dates. */
  monthly: boolean;
  from?: string;
  to?: string;
  fromItems: { value: string; text: string; selected: boolean }[];
  toItems: { value: string; text: string; selected: boolean }[];
  quarters: { from: string; to: string; text: string }[];
}

/**
 * A report page's period controls. For those who get published figures: a month to start and a month to end, from
 * the last five years of ended months, and the last eight quarters as links. A value that is not among the choices
 * (a refused period) is kept at the top so the page shows what was asked.
 */
export function periodControls(period: { from?: string; to?: string }, today: string, monthly: boolean): PeriodControls {
  const last = lastEndedMonthEnd(today);
  const months = Array.from({ length: 60 }, (_, i) => addMonths(last, -i));
  const items = (values: string[], chosen: string | undefined) => {
    const list = values.map((value, i) => ({ value, text: monthText(months[i]), selected: value === chosen }));
    return chosen && !values.includes(chosen) ? [{ value: chosen, text: isIsoDate(chosen) ? formatDate(chosen) : chosen, selected: true }, ...list] : list;
  };
  const quarters: PeriodControls['quarters'] = [];
  for (let q = lastWholeQuarter(today); quarters.length < 8; q = lastWholeQuarter(q.from)) {
    quarters.push({ ...q, text: `${monthText(q.from).split(' ')[0]} to ${monthText(addMonths(q.to, 0))}` });
  }
  return {
    monthly,
    from: period.from,
    to: period.to,
    fromItems: items(months, period.from),
    toItems: items(months.map(monthEnd), period.to),
    quarters,
  };
}
