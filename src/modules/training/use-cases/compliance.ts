// A cohort's compliance on a day: each member's state from their completions, the cohort's figures and RAG, the
// same by organisation, and the trend by month. Shared by the pages, the API, reminders and the committee reports.
import type { Db } from '../../../platform/db/connect.ts';
import { type Figures, figuresOf, type MemberState, percent, type Rag, type Requirement, type Rule, rag, statesOn, trend, trendDays } from '../domain.ts';
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

/** Every cohort's figures on `today` (one query for all members). */
export async function allCohorts(db: Db, partnershipId: string, today: string): Promise<CohortCompliance[]> {
  const [cohorts, members] = await Promise.all([store.cohorts(db, partnershipId), store.memberHistories(db, partnershipId, undefined, false)]);
  const byCohort = new Map<string, store.MemberHistoryRow[]>();
  for (const m of members) {
    const list = byCohort.get(m.cohort_id) ?? [];
    list.push(m);
    byCohort.set(m.cohort_id, list);
  }
  return cohorts.map((c) => {
    const req = requirementOf(c);
    const stateOf = statesOn(req, today);
    const states = (byCohort.get(c.id) ?? []).map((m) => ({
      state: stateOf(m.joined_on, m.completions),
      orgId: m.org_id,
      orgName: m.org_name,
    }));
    return summarise(c, states).summary;
  });
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
