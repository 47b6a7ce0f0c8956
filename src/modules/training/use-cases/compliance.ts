// A cohort's compliance on a day: each member's state from their completions, the cohort's figures and RAG, the
// same by organisation, and the trend by month. Shared by the pages, the API, reminders and the committee reports.
import type { Db } from '../../../platform/db/connect.ts';
import * as counted from '../compliance/store.ts';
import {
  type Figures,
  figuresOf,
  type MemberState,
  type MemberStatus,
  percent,
  type Rag,
  type Requirement,
  type Rule,
  rag,
  statesOn,
  trend,
  trendDays,
} from '../domain.ts';
import * as store from '../store.ts';

export const requirementOf = (c: store.CohortRow): Requirement => ({
  rule: c.rule as Rule,
  months: c.months,
  startDate: c.start_date,
  validityMonths: c.validity_months,
  dueSoonDays: c.due_soon_days,
});

export interface OrgFigures extends Figures {
  orgId: string | null;
  name: string;
}

export interface CohortCompliance extends Figures {
  id: string;
  name: string;
  course: string;
  rag: Rag;
  greenPct: number;
  amberPct: number;
  /** Organisations with at least one compliant member, of those with members (e.g. schools with a governor trained). */
  orgsWithCompliant: number;
  orgs: number;
  percentOrgsWithCompliant: number;
}

/** The cohort's summary from its figures and its organisations' (sorted by name), however they were counted. */
function withSummary(cohort: store.CohortRow, f: Figures, orgs: OrgFigures[]) {
  const named = orgs.filter((o) => o.orgId !== null);
  const orgsWithCompliant = named.filter((o) => o.compliant > 0).length;
  const summary: CohortCompliance = {
    id: cohort.id,
    name: cohort.name,
    course: cohort.course_name,
    ...f,
    rag: rag(f.percentCompliant, f.members, cohort.green_pct, cohort.amber_pct),
    greenPct: cohort.green_pct,
    amberPct: cohort.amber_pct,
    orgsWithCompliant,
    orgs: named.length,
    percentOrgsWithCompliant: percent(orgsWithCompliant, named.length),
  };
  return { summary, orgs };
}

export function summarise(cohort: store.CohortRow, states: readonly { state: MemberState; orgId: string | null; orgName: string | null }[]) {
  const f = figuresOf(states.map((s) => s.state));
  const byOrg = new Map<string, { orgId: string | null; name: string; states: MemberState[] }>();
  for (const s of states) {
    const key = s.orgId ?? '';
    const o = byOrg.get(key) ?? { orgId: s.orgId, name: s.orgName ?? 'No organisation recorded', states: [] };
    o.states.push(s.state);
    byOrg.set(key, o);
  }
  const orgs: OrgFigures[] = [...byOrg.values()]
    .map((o) => ({ orgId: o.orgId, name: o.name, ...figuresOf(o.states) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return withSummary(cohort, f, orgs);
}

function figures(n: { members: number; compliant: number; due_soon: number; overdue: number; never_trained: number }): Figures {
  return {
    members: n.members,
    compliant: n.compliant,
    percentCompliant: percent(n.compliant, n.members),
    dueSoon: n.due_soon,
    overdue: n.overdue,
    neverTrained: n.never_trained,
  };
}

/** The cohort's and its organisations' figures from the counts by organisation (as summarise does from states). */
function fromCounts(cohort: store.CohortRow, rows: readonly counted.OrgFiguresRow[]) {
  const total = { members: 0, compliant: 0, due_soon: 0, overdue: 0, never_trained: 0 };
  for (const r of rows) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  const f = figures(total);
  const orgs: OrgFigures[] = rows
    .map((r) => ({ orgId: r.org_id, name: r.org_name ?? 'No organisation recorded', ...figures(r) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return withSummary(cohort, f, orgs);
}

/** Every cohort's figures on `today`, counted in SQL (one query for all cohorts). */
export async function allCohorts(db: Db, partnershipId: string, today: string): Promise<CohortCompliance[]> {
  const [cohorts, rows] = await Promise.all([store.cohorts(db, partnershipId), counted.orgFigures(db, partnershipId, today)]);
  const byCohort = new Map<string, counted.OrgFiguresRow[]>();
  for (const r of rows) byCohort.set(r.cohort_id, [...(byCohort.get(r.cohort_id) ?? []), r]);
  return cohorts.map((c) => fromCounts(c, byCohort.get(c.id) ?? []).summary);
}

/**
 * The cohort page: figures, organisations and trend counted in SQL, and one page of the members with `status`
 * (the whole list is for the CSV and XLSX, through oneCohort).
 */
export async function cohortPage(db: Db, partnershipId: string, cohort: store.CohortRow, today: string, status: MemberStatus, limit = 500, months = 18) {
  const [rows, points, listed] = await Promise.all([
    counted.orgFigures(db, partnershipId, today, cohort.id),
    counted.trendPoints(db, partnershipId, cohort.id, trendDays(today, months)),
    counted.membersWithStatus(db, partnershipId, cohort.id, today, status, limit),
  ]);
  return {
    ...fromCounts(cohort, rows),
    trend: points.map((p) => ({ ...p, percentCompliant: percent(p.compliant, p.members) })),
    listed: listed.rows.map((m) => ({ id: m.id, reference: m.reference, name: m.name, org_name: m.org_name, dueOn: m.due_on, lastCompleted: m.latest })),
    listedMore: Math.max(0, listed.total - listed.rows.length),
  };
}

/** One cohort in full: figures, organisations, members with their state, and the trend over `months` months. */
export async function oneCohort(db: Db, partnershipId: string, cohort: store.CohortRow, today: string, months = 18) {
  const req = requirementOf(cohort);
  const members = await store.memberHistories(db, partnershipId, cohort.id);
  const stateOf = statesOn(req, today);
  const withState = members.map((m) => ({ ...m, state: stateOf(m.joined_on, m.completions) }));
  const { summary, orgs } = summarise(
    cohort,
    withState.map((m) => ({ state: m.state, orgId: m.org_id, orgName: m.org_name })),
  );
  const points = trend(
    req,
    members.map((m) => ({ joinedOn: m.joined_on, completions: m.completions })),
    trendDays(today, months),
  );
  return { summary, orgs, members: withState, trend: points };
}
