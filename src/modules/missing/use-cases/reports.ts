// The interviews-due list, the coordinator's dashboard and the quarterly report. Lists that name children are
// audited; the report is aggregate, with disclosure control for those who may not see exact counts.
import type { Actor } from '../../../platform/access/actor.ts';
import type { Scope } from '../../../platform/access/policy.ts';
import { maySeeExactCounts } from '../../../platform/access/rules.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { periodErrors } from '../../../platform/http/schemas.ts';
import { addDays, ukDate, ukDayStart } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { disclosureRuleFor } from '../../reports/disclosure-rule/store.ts';
import { describeDisclosureRule, publishedPeriodErrors } from '../../reports/domain.ts';
import * as alertsStore from '../alerts/store.ts';
import { CLASSIFICATION_LABELS, type Classification, lastQuarter, POLICE_RISK_GRADE_LABELS, type PoliceRiskGrade, publishMissingReport } from '../domain.ts';
import * as due from '../due/store.ts';
import { DueQuery, ReportQuery } from '../schemas.ts';
import { dueItemView, ruleText } from '../view.ts';
import { agencyFilter } from './access.ts';

async function dueList(db: Db, actor: Actor, scope: Scope, q: { page?: number; pageSize?: number }, now: Date) {
  const pageSize = q.pageSize ?? 100;
  const page = q.page ?? 1;
  const agencyId = agencyFilter(actor, scope);
  const [{ rows, more }, counts] = await Promise.all([
    due.dueList(db, actor.partnershipId, agencyId, pageSize, (page - 1) * pageSize),
    due.dueCounts(db, actor.partnershipId, agencyId, now),
  ]);
  return { items: rows.map((r) => dueItemView(r, now)), counts, page, more };
}

/** Interviews still to do, oldest return first, with the counts by RAG. */
export const dueInterviews = useCase({
  name: 'missing.due_interviews',
  permission: ['missing', 'read'],
  input: DueQuery,
  run: ({ db, actor, scope, now }, q) => dueList(db, actor, scope, q, now),
  audit: { read: 'return_interview.listed', subject: (d) => ({ type: 'missing_episode', details: { page: d.page, count: d.items.length } }) },
});

/** The coordinator's and hub's dashboard: interviews due, children missing now, open repeat-missing alerts. */
export const missingDashboard = useCase({
  name: 'missing.dashboard',
  permission: ['missing', 'read'],
  input: undefined,
  async run({ db, actor, scope, now }) {
    const agencyId = agencyFilter(actor, scope);
    const [dueNow, open, alerts, rule] = await Promise.all([
      dueList(db, actor, scope, { pageSize: 50 }, now),
      due.openEpisodes(db, actor.partnershipId, agencyId),
      alertsStore.alerts(db, actor.partnershipId, { openOnly: true, agencyId }),
      alertsStore.getRule(db, actor.partnershipId),
    ]);
    return {
      due: dueNow,
      rule,
      open: open.map((o) => ({
        id: o.id,
        personId: o.person_id,
        personName: `${o.given_name} ${o.family_name}`,
        reportedAt: new Date(o.reported_at),
        riskGradeLabel: POLICE_RISK_GRADE_LABELS[o.risk_grade as PoliceRiskGrade],
        classificationLabel: CLASSIFICATION_LABELS[o.classification as Classification],
      })),
      alerts: alerts.map((a) => ({
        id: a.id,
        personId: a.person_id,
        personName: `${a.given_name} ${a.family_name}`,
        episodeId: a.episode_id,
        rule: ruleText(a),
        createdAt: new Date(a.created_at),
      })),
    };
  },
  audit: {
    read: 'missing_dashboard.viewed',
    subject: (d) => ({ type: 'missing_episode', details: { due: d.due.items.length, open: d.open.length, alerts: d.alerts.length } }),
  },
});

const MAX_PERIOD_DAYS = 3 * 366;

/**
 * Figures for the committee, for a period or (without dates) the last full quarter. Those who may not see exact
 * counts get the published figures, here, so that the page and the API give the same, and for whole months that
 * have ended only (reports/domain publishedPeriodErrors: no differencing two periods a day apart).
 */
export const missingReport = useCase({
  name: 'missing.report',
  permission: ['report', 'read'],
  input: ReportQuery,
  async run({ db, actor, now }, q) {
    const period = q.from === undefined && q.to === undefined ? lastQuarter(ukDate(now)) : { from: q.from ?? '', to: q.to ?? '' };
    const errors = [
      ...(period.from ? [] : [{ field: 'from', message: 'Enter the start of the period' }]),
      ...(period.to ? [] : [{ field: 'to', message: 'Enter the end of the period' }]),
    ];
    if (errors.length === 0) errors.push(...periodErrors(period));
    if (errors.length === 0 && period.to > addDays(period.from, MAX_PERIOD_DAYS))
      errors.push({ field: 'to', message: 'The period may be at most three years' });
    const suppressed = !maySeeExactCounts(actor);
    if (errors.length === 0 && suppressed) errors.push(...publishedPeriodErrors(period, ukDate(now)));
    if (errors.length > 0) throw new ValidationProblem(errors);
    const rule = await alertsStore.getRule(db, actor.partnershipId);
    const exact = await due.missingReport(db, actor.partnershipId, { ...period, start: ukDayStart(period.from), end: ukDayStart(addDays(period.to, 1)) }, rule);
    const disclosure = suppressed ? await disclosureRuleFor(db, actor.partnershipId) : null;
    return {
      report: disclosure ? publishMissingReport(exact, disclosure) : exact,
      rule,
      suppressed,
      disclosure: disclosure && describeDisclosureRule(disclosure),
    };
  },
  audit: { read: 'missing_report.viewed', subject: (r) => ({ type: 'report', details: { from: r.report.from, to: r.report.to, suppressed: r.suppressed } }) },
});
