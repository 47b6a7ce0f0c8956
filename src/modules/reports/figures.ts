// Jigsaw's own figures for a period, by report kind: what a recommendation's evidence and a committee's promised
// report point at. The link opens the live report for the period; the headline figures are what a promised report
// keeps when it is produced (exact; shown published, by the partnership's disclosure rule, to whoever may not see
// exact counts).
import type { Db } from '../../platform/db/connect.ts';
import { addDays, ukDayStart } from '../../platform/time.ts';
import * as missingRules from '../missing/alerts/store.ts';
import * as missingFigures from '../missing/due/store.ts';
import { type Cell, DEFAULT_DISCLOSURE_RULE, type DisclosureRule, suppressCount } from './disclosure.ts';
import * as store from './store.ts';
import { buildTriageReport } from './triage-report.ts';

export const REPORT_KINDS = ['triage', 'missing'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Readonly<Record<ReportKind, string>> = {
  triage: 'Referrals and triage decisions',
  missing: 'Missing children and return home interviews',
};
export const isReportKind = (v: unknown): v is ReportKind => typeof v === 'string' && (REPORT_KINDS as readonly string[]).includes(v);

export interface Period {
  from: string;
  to: string;
}

/** The live report for the period (the page applies disclosure control for whoever opens it). */
export function reportHref(kind: ReportKind, p: Period): string {
  const q = `from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;
  return kind === 'triage' ? `/reports/triage?${q}` : `/missing/report?${q}`;
}

/** One headline figure: a count, or a percentage of another figure (`of`, its label). */
export interface Figure {
  label: string;
  value: number | null;
  percentOf?: string;
}

/** The report's headline figures for the period, exact. */
export async function headlineFigures(db: Db, partnershipId: string, kind: ReportKind, p: Period): Promise<Figure[]> {
  const start = ukDayStart(p.from);
  const end = ukDayStart(addDays(p.to, 1));
  if (kind === 'triage') {
    const r = buildTriageReport(await store.triageCounts(db, partnershipId, start, end), p);
    return [
      { label: 'Referrals received', value: r.total },
      { label: 'Awaiting triage', value: r.awaitingTriage },
      { label: 'Decided: high risk', value: r.outcomeTotals.high },
      { label: 'Decided: medium risk', value: r.outcomeTotals.medium },
      { label: 'Decided: low risk', value: r.outcomeTotals.low },
    ];
  }
  const rule = await missingRules.getRule(db, partnershipId);
  const m = await missingFigures.missingReport(db, partnershipId, { ...p, start, end }, rule);
  return [
    { label: 'Missing episodes', value: m.episodes },
    { label: 'Children missing', value: m.children },
    { label: 'Episodes with a return', value: m.episodesReturned },
    { label: 'Return home interviews offered', value: m.interviewsOffered },
    { label: 'Return home interviews completed', value: m.interviewsCompleted },
    { label: 'Completed within 72 hours', value: m.completedWithin72HoursPct, percentOf: 'Return home interviews completed' },
  ];
}

/**
 * Published figures by the partnership's rule: small counts as `c`, others rounded as the rule says, and a
 * percentage hidden too where its base is a `c`, or where rounding applies (its count is not among the figures, so
 * an exact percentage of a rounded base would give the exact count back).
 */
export function publishFigures(
  figures: readonly Figure[],
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
): { label: string; value: Cell | null; percentOf?: string }[] {
  const hidden = new Set(figures.filter((f) => !f.percentOf && f.value !== null && suppressCount(f.value, rule) === 'c').map((f) => f.label));
  return figures.map((f) => {
    if (f.percentOf) return { ...f, value: f.value !== null && (hidden.has(f.percentOf) || rule.rounding !== 'none') ? 'c' : f.value };
    return { ...f, value: f.value === null ? null : suppressCount(f.value, rule) };
  });
}
