// Aggregate reports. Those who may not see exact counts (scrutiny members), and every export marked for
// publication, get statistical disclosure control by the partnership's rule (default: counts from 1 to 5 shown as
// `c`), for whole months only (so that two periods a day apart cannot be subtracted to recover a `c`).
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { periodErrors } from '../../platform/http/schemas.ts';
import { addDays, ukDate, ukDayStart } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { disclosureRuleFor } from './disclosure-rule/store.ts';
import { buildTriageReport, describeDisclosureRule, publishedPeriodErrors, publishTriageReport } from './domain.ts';
import { TriageReportQuery } from './schemas.ts';
import * as store from './store.ts';
import type { TriageReportView } from './view.ts';

/**
 * The triage report for a period (UK calendar days, inclusive): referrals received, each classified by its standing
 * triage decision; undecided referrals count only in awaitingTriage. Published figures: whole months that have ended.
 */
export const triageReport = useCase({
  name: 'reports.triage',
  permission: ['report', 'read'],
  input: TriageReportQuery,
  async run({ db, actor, now }, { from, to, publish }): Promise<TriageReportView> {
    const published = !!publish || !maySeeExactCounts(actor);
    const errors = periodErrors({ from, to });
    if (errors.length === 0 && published) errors.push(...publishedPeriodErrors({ from, to }, ukDate(now)));
    if (errors.length) throw new ValidationProblem(errors);
    const counts = await store.triageCounts(db, actor.partnershipId, ukDayStart(from), ukDayStart(addDays(to, 1)));
    const exact = buildTriageReport(counts, { from, to });
    const rule = published ? await disclosureRuleFor(db, actor.partnershipId) : null;
    const r = rule ? publishTriageReport(exact, rule) : exact;
    return {
      from,
      to,
      published,
      disclosure: rule ? describeDisclosureRule(rule) : null,
      total: r.total,
      awaitingTriage: r.awaitingTriage,
      byOutcomeAndCategory: r.byOutcomeAndCategory,
      outcomeTotals: r.outcomeTotals,
      categoryTotals: r.categoryTotals,
      byReferrerSector: r.byReferrerSector,
    };
  },
  // Counts only, but who looked at which period (and whether exact) is kept, as before.
  audit: { read: 'triage_report.viewed', subject: (r) => ({ type: 'report', details: { from: r.from, to: r.to, published: r.published } }) },
});
