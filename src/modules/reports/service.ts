// Aggregate reports. Roles that may see only published figures (scrutiny members), and every export marked for
// publication, get statistical disclosure control: counts from 1 to 5 shown as `c`.
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, isIsoDate, ukDayStart } from '../../platform/time.ts';
import { AGENCY_SECTOR_LABELS, AGENCY_SECTORS, TRIAGE_CATEGORIES, TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS, TRIAGE_OUTCOMES } from '../triage/vocab.ts';
import { buildTriageReport, type Cell, publishTriageReport } from './domain.ts';
import * as store from './store.ts';

/** Roles that see exact counts; everyone else with report access sees published (suppressed) figures. */
const EXACT = new Set(['hub_coordinator', 'hub_member', 'partnership_admin']);

export function checkPeriod(from: unknown, to: unknown) {
  const errors = [];
  if (typeof from !== 'string' || !isIsoDate(from)) errors.push({ field: 'from', message: 'Enter the start of the period as a date, like 2022-10-01' });
  if (typeof to !== 'string' || !isIsoDate(to)) errors.push({ field: 'to', message: 'Enter the end of the period as a date, like 2023-02-28' });
  if (!errors.length && (to as string) < (from as string)) errors.push({ field: 'to', message: 'The end of the period must be on or after its start' });
  if (errors.length) throw new ValidationProblem(errors);
  return { from: from as string, to: to as string };
}

export interface TriageReportView {
  from: string;
  to: string;
  published: boolean;
  total: Cell;
  awaitingTriage: Cell;
  byOutcomeAndCategory: Record<string, Record<string, Cell>>;
  outcomeTotals: Record<string, Cell>;
  categoryTotals: Record<string, Cell>;
  byReferrerSector: Record<string, Cell>;
}

export function reportsService(db: Db) {
  return {
    /**
     * The triage report for a period (UK calendar days, inclusive): referrals received, each classified by its
     * standing triage decision; undecided referrals count only in awaitingTriage.
     */
    async triage(actor: Actor, period: { from?: unknown; to?: unknown }, options: { publish?: boolean } = {}): Promise<TriageReportView> {
      requireScope(actor, 'report', 'read');
      const { from, to } = checkPeriod(period.from, period.to);
      const counts = await store.triageCounts(db, actor.partnershipId, ukDayStart(from), ukDayStart(addDays(to, 1)));
      const exact = buildTriageReport(counts, { from, to });
      const published = !!options.publish || !EXACT.has(actor.role);
      await db.transaction().execute((tx) =>
        recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'report.triage_viewed', resourceType: 'report', details: { from, to, published } }),
      );
      if (!published) {
        const { outcomeTotals, categoryTotals, byOutcomeAndCategory, byReferrerSector, total, awaitingTriage } = exact;
        return { from, to, published, total, awaitingTriage, byOutcomeAndCategory, outcomeTotals, categoryTotals, byReferrerSector };
      }
      const p = publishTriageReport(exact);
      return { from, to, published, total: p.total, awaitingTriage: p.awaitingTriage, byOutcomeAndCategory: p.byOutcomeAndCategory, outcomeTotals: p.outcomeTotals, categoryTotals: p.categoryTotals, byReferrerSector: p.byReferrerSector };
    },
  };
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
    ['Triage report', `${r.from} to ${r.to}`, r.published ? 'Published: counts 1 to 5 shown as c' : 'Exact counts: not for publication'],
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
