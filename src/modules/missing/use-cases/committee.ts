// The committee's missing figures for a period (default: the last whole quarter) with the trend of the last 8
// quarters. Aggregate: those who may not see exact counts get published figures here, so page, API and CSV agree.
import { maySeeExactCounts } from '../../../platform/access/rules.ts';
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { periodErrors } from '../../../platform/http/schemas.ts';
import { addDays, ukDate, ukDayStart } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { disclosureRuleFor } from '../../reports/disclosure-rule/store.ts';
import { describeDisclosureRule, lastWholeQuarter, publishedPeriodErrors } from '../../reports/domain.ts';
import { committeeCube } from '../committee/store.ts';
import { committeeFigures, lastQuarters, trendRow } from '../committee-figures.ts';
import { ReportQuery } from '../schemas.ts';

const MAX_PERIOD_DAYS = 3 * 366;

export const missingCommitteeFigures = useCase({
  name: 'missing.committee_figures',
  permission: ['report', 'read'],
  input: ReportQuery,
  async run({ db, actor, now }, q) {
    const today = ukDate(now);
    const period = q.from === undefined && q.to === undefined ? lastWholeQuarter(today) : { from: q.from ?? '', to: q.to ?? '' };
    const errors = [
      ...(period.from ? [] : [{ field: 'from', message: 'Enter the start of the period' }]),
      ...(period.to ? [] : [{ field: 'to', message: 'Enter the end of the period' }]),
    ];
    if (errors.length === 0) errors.push(...periodErrors(period));
    if (errors.length === 0 && period.to > addDays(period.from, MAX_PERIOD_DAYS))
      errors.push({ field: 'to', message: 'The period may be at most three years' });
    const publish = !maySeeExactCounts(actor);
    if (errors.length === 0 && publish) errors.push(...publishedPeriodErrors(period, today));
    if (errors.length > 0) throw new ValidationProblem(errors);

    const quarters = lastQuarters(today);
    const [[cube], byQuarter] = await Promise.all([
      committeeCube(db, actor.partnershipId, ukDayStart(period.from), ukDayStart(addDays(period.to, 1)), false),
      committeeCube(db, actor.partnershipId, ukDayStart(quarters[0].from), ukDayStart(addDays(quarters[quarters.length - 1].to, 1)), true),
    ]);
    const empty = { rows: [], children: 0 };
    const rule = publish ? await disclosureRuleFor(db, actor.partnershipId) : false;
    const trend = quarters.map((qr) => trendRow(qr, committeeFigures(byQuarter.find((c) => c.quarter === qr.from) ?? empty, qr, rule)));
    return { figures: committeeFigures(cube ?? empty, period, rule), trend, disclosure: rule ? describeDisclosureRule(rule) : null };
  },
  audit: {
    read: 'missing_committee_figures.viewed',
    subject: (r) => ({ type: 'report', details: { from: r.figures.from, to: r.figures.to, suppressed: r.figures.published } }),
  },
});
