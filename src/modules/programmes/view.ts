// View models of programmes, allocations and outcome records (API and pages share them), and the cohorts the
// indicators run over: the programme's children in a period and its comparison group, each with their records.
import type { Db } from '../../platform/db/connect.ts';
import { type CohortMember, type IndicatorSpec, type Measure, RISK_LEVEL_LABELS, type RiskLevel, type ScaleKind, type ScorePoint } from './domain.ts';
import * as store from './store.ts';

export const scaleView = (s: store.ScaleRow) => ({
  id: s.id,
  name: s.name,
  kind: s.kind as ScaleKind,
  areas: s.areas,
  min: s.min_score,
  max: s.max_score,
  /** The highest value a record can have: a star's areas each at the maximum. */
  top: s.kind === 'star' ? s.max_score * s.areas.length : s.max_score,
});
export type ScaleView = ReturnType<typeof scaleView>;

export const recordView = (r: store.RecordRow) => ({
  id: r.id,
  scaleId: r.scale_id,
  recordedOn: r.recorded_on,
  value: Number(r.value),
  scores: r.scores,
  recordedByName: r.recorded_by_name,
});

const riskLabel = (r: string) => RISK_LEVEL_LABELS[r as RiskLevel] ?? r;

export const programmeView = (p: store.ProgrammeRow, current: number, indicators: Awaited<ReturnType<typeof store.indicatorsOf>>) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  riskLevels: p.risk_levels,
  riskLevelLabels: p.risk_levels.map(riskLabel),
  ageFrom: p.age_from,
  ageTo: p.age_to,
  caseloadCap: p.caseload_cap,
  startsOn: p.starts_on,
  current,
  full: current >= p.caseload_cap,
  indicators: indicators.map((i) => ({ kind: i.kind, measure: i.measure, scaleId: i.scale_id, label: i.label })),
});
export type ProgrammeView = ReturnType<typeof programmeView>;

export const allocationView = (a: store.AllocationRow) => ({
  id: a.id,
  personId: a.person_id,
  childName: `${a.given_name} ${a.family_name}`,
  workerId: a.worker_id,
  workerName: a.worker_name,
  riskLevel: a.risk_level,
  riskLevelLabel: riskLabel(a.risk_level),
  joinedOn: a.joined_on,
  leftOn: a.left_on,
  leftReason: a.left_reason,
});
export type AllocationView = ReturnType<typeof allocationView>;

/** Allocations that overlapped the period (joined by its end, not left before its start). */
export const inPeriod = (a: { joined_on: string; left_on: string | null }, from: string, to: string) =>
  a.joined_on <= to && (a.left_on === null || a.left_on >= from);

/** Each child's records within the period, by scale, as the points the indicators compare. */
async function withRecords(db: Db, partnershipId: string, members: { personId: string; reviewDue: string | null }[], from: string, to: string) {
  const rows = (
    await store.recordsOf(
      db,
      partnershipId,
      members.map((m) => m.personId),
    )
  ).filter((r) => r.recorded_on >= from && r.recorded_on <= to);
  const byPerson = new Map<string, Record<string, ScorePoint[]>>();
  for (const r of rows) {
    const mine = byPerson.get(r.person_id) ?? {};
    mine[r.scale_id] ??= [];
    mine[r.scale_id].push({ id: r.id, recordedOn: r.recorded_on, value: Number(r.value) });
    byPerson.set(r.person_id, mine);
  }
  const cohort: CohortMember[] = members.map((m) => ({ ...m, records: byPerson.get(m.personId) ?? {} }));
  return { cohort, dates: new Map(rows.map((r) => [r.id, r.recorded_on])) };
}

/** The programme's cohort and its comparison group in a period, and the indicators it reports. */
export async function cohorts(db: Db, partnershipId: string, p: store.ProgrammeRow, from: string, to: string) {
  const allocations = (await store.allocationsOf(db, partnershipId, p.id)).filter((a) => inPeriod(a, from, to));
  const seen = new Set<string>();
  const members = allocations.filter((a) => !seen.has(a.person_id) && seen.add(a.person_id)).map((a) => ({ personId: a.person_id, reviewDue: a.review_due }));
  const comparisonRows = await store.comparisonGroup(db, partnershipId, p.id, p.risk_levels, from, to);
  const programme = await withRecords(db, partnershipId, members, from, to);
  const comparison = await withRecords(
    db,
    partnershipId,
    comparisonRows.map((r) => ({ personId: r.person_id, reviewDue: r.review_due })),
    from,
    to,
  );
  const specs: IndicatorSpec[] = (await store.indicatorsOf(db, partnershipId, p.id)).map((i) => ({
    kind: i.kind as IndicatorSpec['kind'],
    measure: i.measure as Measure,
    scaleId: i.scale_id,
    label: i.label,
  }));
  const names = new Map(allocations.map((a) => [a.person_id, `${a.given_name} ${a.family_name}`]));
  return { programme, comparison, specs, names };
}
