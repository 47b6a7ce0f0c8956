// Programme caseloads and indicators as counts (issue 19.7), for the partnership's reports and its scrutiny
// members: every programme's caseload against its cap and each indicator for the programme and its comparison
// group, no child named. Those who may not see exact counts (or who ask for the published version) get counts of
// 1 to 5 as `c`, and a percentage only where both its counts are shown, so a figure never describes a few children.
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { type Cell, describeDisclosureRule, suppressCount } from '../reports/disclosure.ts';
import { disclosureRuleFor } from '../reports/disclosure-rule/store.ts';
import { comparisonStatement, indicator } from './domain.ts';
import { ReportQuery } from './schemas.ts';
import * as store from './store.ts';
import { periodOf } from './use-cases.ts';
import { cohorts } from './view.ts';

export const programmeReport = useCase({
  name: 'programmes.report',
  permission: ['programme_report', 'read'],
  input: ReportQuery,
  noTransaction: true,
  async run({ db, actor, now }, { from, to, publish }) {
    const exact = maySeeExactCounts(actor) && publish !== true;
    const rule = exact ? null : await disclosureRuleFor(db, actor.partnershipId);
    const c = (n: number): Cell => (rule ? suppressCount(n, rule) : n);
    const today = ukDate(now);
    const figures = (v: { count: number; of: number | null; percent: number | null }) => {
      const count = c(v.count);
      const of = v.of === null ? null : c(v.of);
      // With rounding, a percentage is worked from the rounded counts shown beside it, so it cannot undo the rounding.
      const rounded = rule && rule.rounding !== 'none' && v.percent !== null && of !== null && of !== 'c' && count !== 'c';
      return {
        count,
        of,
        percent: count === 'c' || of === 'c' ? ('c' as const) : rounded ? (of ? Math.round((100 * (count as number)) / (of as number)) : null) : v.percent,
      };
    };
    const rows = await store.programmes(db, actor.partnershipId);
    const programmes = [];
    for (const p of rows) {
      const period = periodOf(p, today, from, to);
      const k = await cohorts(db, actor.partnershipId, p, period.from, period.to);
      programmes.push({
        id: p.id,
        name: p.name,
        ...period,
        caseloadCap: p.caseload_cap,
        current: c(Number(p.current ?? 0)),
        sizes: { programme: c(k.programme.cohort.length), comparison: c(k.comparison.cohort.length) },
        indicators: k.specs.map((spec) => ({
          label: spec.label,
          kind: spec.kind,
          programme: figures(indicator(spec, k.programme.cohort, today)),
          comparison: figures(indicator(spec, k.comparison.cohort, today)),
        })),
        statement: comparisonStatement(k.programme.cohort.length, k.comparison.cohort.length).map((s) =>
          exact ? s : s.replace(/\((\d+) against the programme’s (\d+)\)/, (_m, a, b) => `(${c(Number(a))} against the programme’s ${c(Number(b))})`),
        ),
      });
    }
    return { published: !exact, disclosure: rule ? describeDisclosureRule(rule) : null, programmes };
  },
  audit: { none: 'caseload and indicator counts by programme, no child named' },
});
