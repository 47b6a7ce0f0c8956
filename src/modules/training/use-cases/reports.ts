// Reports for committees, with the partnership's disclosure rule (reports/disclosure.ts; default: counts of 1 to 5
// are `c`) and further cells are hidden where totals would give one away, and a percentage resting on a hidden count is
// withheld. Those who may see exact counts get them unless they ask for the published version.

import { auditActor } from '../../../platform/access/actor.ts';
import { maySeeExactCounts } from '../../../platform/access/rules.ts';
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { addDays, ukDate } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { type Cell, type DisclosureRule, describeDisclosureRule, suppressCount, suppressList, suppressTable } from '../../reports/disclosure.ts';
import { disclosureRuleFor } from '../../reports/disclosure-rule/store.ts';
import * as awareness from '../awareness/store.ts';
import { AUDIENCE_LABELS, AUDIENCES, halfYear, percent } from '../domain.ts';
import { CouncillorReportInput, ReportInput, ResolutionInput } from '../schemas.ts';
import * as store from '../store.ts';
import { allCohorts, oneCohort } from './compliance.ts';

const pct = (part: Cell, whole: Cell): number | 'c' => (part === 'c' || whole === 'c' ? 'c' : percent(part, whole));
/** A count as shown: exact when there is no rule (the reader may see exact counts), else by the partnership's rule. */
const count = (n: number, rule: DisclosureRule | null): Cell => (rule ? suppressCount(n, rule) : n);

export const committeeReport = useCase({
  name: 'training.committeeReport',
  permission: ['training_report', 'read'],
  input: ReportInput,
  noTransaction: true,
  async run({ db, actor, now }, { publish }) {
    const exact = maySeeExactCounts(actor) && publish !== true;
    const rule = exact ? null : await disclosureRuleFor(db, actor.partnershipId);
    const today = ukDate(now);
    const from = addDays(today, -365);
    const cohorts = await allCohorts(db, actor.partnershipId, today);
    // Compliant and not compliant add up to the members: protected together so no total gives a `c` away.
    const table = rule
      ? suppressTable(
          cohorts.map((c) => [c.compliant, c.members - c.compliant]),
          { rule },
        )
      : null;
    const cohortRows = cohorts.map((c, i) => {
      const compliant = table ? table.cells[i][0] : c.compliant;
      const members = table ? table.rowTotals[i] : c.members;
      return {
        id: c.id,
        name: c.name,
        course: c.course,
        members,
        compliant,
        percentCompliant: pct(compliant, members),
        dueSoon: count(c.dueSoon, rule),
        overdue: count(c.overdue, rule),
        neverTrained: count(c.neverTrained, rule),
        rag: c.rag,
        orgs: count(c.orgs, rule),
        orgsWithCompliant: count(c.orgsWithCompliant, rule),
        percentOrgsWithCompliant: pct(count(c.orgsWithCompliant, rule), count(c.orgs, rule)),
      };
    });
    const reach = await awareness.reachByAudience(db, actor.partnershipId, from, today);
    const reached = AUDIENCES.map((a) => reach.find((r) => r.audience === a)?.reached ?? 0);
    const sessions = AUDIENCES.map((a) => reach.find((r) => r.audience === a)?.sessions ?? 0);
    const reachedShown = rule ? suppressList(reached, rule) : { counts: reached as Cell[], total: reached.reduce((s, n) => s + n, 0) as Cell };
    const ev = await awareness.evaluationTotals(db, actor.partnershipId, from, today);
    const responses = count(ev.responses, rule);
    const improved = count(ev.improved, rule);
    return {
      today,
      from,
      published: !exact,
      disclosure: rule ? describeDisclosureRule(rule) : null,
      cohorts: cohortRows,
      awareness: {
        byAudience: AUDIENCES.map((a, i) => ({ audience: a, label: AUDIENCE_LABELS[a], sessions: sessions[i], reached: reachedShown.counts[i] })),
        sessions: sessions.reduce((s, n) => s + n, 0),
        reached: reachedShown.total,
      },
      evaluation: { responses, improved, percentImproved: pct(improved, responses) },
    };
  },
  audit: { none: 'aggregate figures with small numbers suppressed' },
});

/**
 * The six-monthly councillor-training report: cohorts whose members sit on councils, on the half year's last day
 * (or today, for the half year now running): trained, not trained ("non-attendance"), completions in the half year,
 * and the committee resolution it is linked to.
 */
export const councillorReport = useCase({
  name: 'training.councillorReport',
  permission: ['training_report', 'read'],
  input: CouncillorReportInput,
  noTransaction: true,
  async run({ db, actor, now }, { period, publish }) {
    const half = halfYear(period);
    const today = ukDate(now);
    if (!half || half.from > today) throw new ValidationProblem([{ field: 'period', message: 'Choose a half year that has started' }]);
    const exact = maySeeExactCounts(actor) && publish !== true;
    const rule = exact ? null : await disclosureRuleFor(db, actor.partnershipId);
    const on = half.to < today ? half.to : today;
    const rows = [];
    for (const cohort of await store.cohorts(db, actor.partnershipId)) {
      const c = await oneCohort(db, actor.partnershipId, cohort, on, 6);
      if (!c.members.some((m) => m.org_kind === 'council')) continue;
      const members = c.members.filter((m) => m.joined_on <= on);
      const trained = members.filter((m) => m.state.compliant).length;
      const completions = members.reduce((s, m) => s + m.completions.filter((d) => d >= half.from && d <= on).length, 0);
      const t = rule ? suppressTable([[trained, members.length - trained]], { rule }) : null;
      const shownTrained = t ? t.cells[0][0] : trained;
      const shownMembers = t ? t.rowTotals[0] : members.length;
      rows.push({
        id: cohort.id,
        name: cohort.name,
        course: cohort.course_name,
        members: shownMembers,
        trained: shownTrained,
        notTrained: t ? t.cells[0][1] : members.length - trained,
        percentTrained: pct(shownTrained, shownMembers),
        overdue: count(members.filter((m) => m.state.status === 'overdue').length, rule),
        completionsInPeriod: count(completions, rule),
        trend: c.trend,
      });
    }
    const linked = await store.resolution(db, actor.partnershipId, 'councillors', period);
    return {
      period,
      from: half.from,
      to: half.to,
      on,
      published: !exact,
      disclosure: rule ? describeDisclosureRule(rule) : null,
      cohorts: rows,
      resolution: linked?.resolution ?? null,
      linkedAt: linked?.linked_at ?? null,
    };
  },
  audit: { none: 'aggregate figures with small numbers suppressed' },
});

export const linkResolution = useCase({
  name: 'training.linkResolution',
  permission: ['training', 'manage'],
  input: ResolutionInput,
  async run({ db, actor }, { period, resolution }) {
    if (!halfYear(period)) throw new ValidationProblem([{ field: 'period', message: 'Choose a half year, like 2026-H1' }]);
    await store.saveResolution(db, actor.partnershipId, { report: 'councillors', period, resolution: resolution.trim(), by: auditActor(actor).id });
    return { period, resolution: resolution.trim() };
  },
  audit: { change: 'training_report.resolution_linked', subject: (r) => ({ type: 'training_report', id: `councillors:${r.period}`, details: r }) },
});
