// The triage report: referrals by level of risk and category, and by referrer, in the shape of the partnership's
// published tables (seed 004). Every level, category and sector is present, zeros included, so tables never shift.
import {
  AGENCY_SECTORS,
  type AgencySector,
  isAgencySector,
  isTriageCategory,
  isTriageOutcome,
  TRIAGE_CATEGORIES,
  TRIAGE_OUTCOMES,
  type TriageCategory,
  type TriageOutcome,
} from '../triage/vocab.ts';
import { type Cell, DEFAULT_DISCLOSURE_RULE, type DisclosureRule, suppressTable } from './disclosure.ts';

/** One referral received in the period, with its standing triage decision (null when not yet triaged). */
export interface TriageReportRow {
  outcome: TriageOutcome | null;
  category: TriageCategory | null;
  /** An unrecognised sector is counted as `other`. */
  referrerSector: AgencySector | string;
  /** How many referrals the row stands for (1 when omitted), so counts can be aggregated in SQL. */
  count?: number;
}

export interface ReportPeriod {
  from: string;
  to: string;
}

export interface TriageReport {
  from: string;
  to: string;
  /** All referrals in the period, triaged or not. */
  total: number;
  byOutcomeAndCategory: Record<TriageOutcome, Record<TriageCategory, number>>;
  outcomeTotals: Record<TriageOutcome, number>;
  categoryTotals: Record<TriageCategory, number>;
  byReferrerSector: Record<AgencySector, number>;
  /** Referrals with no decision yet: counted in total, not in the level/category table. */
  awaitingTriage: number;
  /** Decided referrals with no category (legacy data): in total and outcomeTotals, not in the table's cells. */
  decidedWithoutCategory: number;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Count referrals for the triage report. Rows are the referrals received in the period (the caller selects them). */
export function buildTriageReport(rows: readonly TriageReportRow[], period: ReportPeriod): TriageReport {
  const byOutcomeAndCategory = Object.fromEntries(TRIAGE_OUTCOMES.map((o) => [o, zeros(TRIAGE_CATEGORIES)])) as Record<
    TriageOutcome,
    Record<TriageCategory, number>
  >;
  const outcomeTotals = zeros(TRIAGE_OUTCOMES);
  const categoryTotals = zeros(TRIAGE_CATEGORIES);
  const byReferrerSector = zeros(AGENCY_SECTORS);
  let awaitingTriage = 0;
  let decidedWithoutCategory = 0;

  let total = 0;
  for (const row of rows) {
    const n = row.count ?? 1;
    total += n;
    byReferrerSector[isAgencySector(row.referrerSector) ? row.referrerSector : 'other'] += n;
    if (row.outcome === null) {
      awaitingTriage += n;
      continue;
    }
    if (!isTriageOutcome(row.outcome)) throw new RangeError(`Unknown triage outcome "${String(row.outcome)}"`);
    outcomeTotals[row.outcome] += n;
    if (row.category === null) {
      decidedWithoutCategory += n;
      continue;
    }
    if (!isTriageCategory(row.category)) throw new RangeError(`Unknown triage category "${String(row.category)}"`);
    byOutcomeAndCategory[row.outcome][row.category] += n;
    categoryTotals[row.category] += n;
  }
  return {
    from: period.from,
    to: period.to,
    total,
    byOutcomeAndCategory,
    outcomeTotals,
    categoryTotals,
    byReferrerSector,
    awaitingTriage,
    decidedWithoutCategory,
  };
}

/** The level x category counts as a matrix (rows in TRIAGE_OUTCOMES order, columns in TRIAGE_CATEGORIES order). */
export function triageMatrix(report: TriageReport): number[][] {
  return TRIAGE_OUTCOMES.map((o) => TRIAGE_CATEGORIES.map((c) => report.byOutcomeAndCategory[o][c]));
}

export interface PublishedTriageReport {
  from: string;
  to: string;
  total: Cell;
  byOutcomeAndCategory: Record<TriageOutcome, Record<TriageCategory, Cell>>;
  /** Per level, referrals with a category (the row totals of the published table). */
  outcomeTotals: Record<TriageOutcome, Cell>;
  categoryTotals: Record<TriageCategory, Cell>;
  decidedWithoutCategory: Cell;
  awaitingTriage: Cell;
  byReferrerSector: Record<AgencySector, Cell>;
}

/**
 * The report with disclosure control applied, for anything that leaves the partnership (scrutiny papers, regional
 * returns). Awaiting-triage and uncategorised referrals are protected as extra rows of the same table so that no
 * hidden figure can be recovered from the overall total; the referrer list shares that total, so if either table
 * must hide it, both do. `rule`: the partnership's (disclosure-rule/store.ts disclosureRuleFor).
 */
export function publishTriageReport(report: TriageReport, rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE): PublishedTriageReport {
  // Rows: each level, then "decided without category", then "awaiting triage". Columns: each category, then one
  // "no category" column holding the last two rows' counts. The grand total is then every referral.
  const noCategory = TRIAGE_CATEGORIES.length;
  const withoutCategoryRow = TRIAGE_OUTCOMES.length;
  const awaitingRow = withoutCategoryRow + 1;
  const matrix = TRIAGE_OUTCOMES.map((o) => [...TRIAGE_CATEGORIES.map((c) => report.byOutcomeAndCategory[o][c]), 0]);
  const extraRow = (n: number) => [...TRIAGE_CATEGORIES.map(() => 0), n];
  matrix.push(extraRow(report.decidedWithoutCategory), extraRow(report.awaitingTriage));
  const sectorCounts = AGENCY_SECTORS.map((s) => report.byReferrerSector[s]);

  let table = suppressTable(matrix, { rule });
  let sectors = suppressTable([sectorCounts], { rule });
  if (table.grandTotal === 'c' && sectors.grandTotal !== 'c') {
    sectors = suppressTable([sectorCounts], { rule, suppressGrandTotal: true });
  }
  if (sectors.grandTotal === 'c' && table.grandTotal !== 'c') {
    table = suppressTable(matrix, { rule, suppressGrandTotal: true });
  }

  const byOutcomeAndCategory = Object.fromEntries(
    TRIAGE_OUTCOMES.map((o, i) => [o, Object.fromEntries(TRIAGE_CATEGORIES.map((c, j) => [c, table.cells[i][j]]))]),
  ) as Record<TriageOutcome, Record<TriageCategory, Cell>>;
  return {
    from: report.from,
    to: report.to,
    total: table.grandTotal,
    byOutcomeAndCategory,
    outcomeTotals: Object.fromEntries(TRIAGE_OUTCOMES.map((o, i) => [o, table.rowTotals[i]])) as Record<TriageOutcome, Cell>,
    categoryTotals: Object.fromEntries(TRIAGE_CATEGORIES.map((c, j) => [c, table.columnTotals[j]])) as Record<TriageCategory, Cell>,
    decidedWithoutCategory: table.cells[withoutCategoryRow][noCategory],
    awaitingTriage: table.cells[awaitingRow][noCategory],
    byReferrerSector: Object.fromEntries(AGENCY_SECTORS.map((s, j) => [s, sectors.cells[0][j]])) as Record<AgencySector, Cell>,
  };
}
