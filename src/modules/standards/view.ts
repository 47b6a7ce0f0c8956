// View models of standards frameworks: the schedule (due this quarter, overdue, progress through the cycle) and each
// standard's latest rating, shared by the pages and the API.
import { formatDate } from '../../platform/time.ts';
import { type Quarter, quarter, quarterIndex, RATING_LABELS, RATING_TAG_CLASSES, type Rating, schedule } from './domain.ts';
import type { AssessmentRow, FrameworkRow, StandardRow } from './store.ts';

export interface QuarterView {
  startsOn: string;
  endsOn: string;
  cycle: number;
  position: number;
  /** "Quarter 2 of cycle 1 (1 July 2026 to 30 September 2026)" */
  label: string;
}

export interface AssessmentView {
  id: string;
  quarter: QuarterView;
  rating: Rating;
  ratingLabel: string;
  ratingTagClass: string;
  evidenceSummary: string;
  evidenceLinks: { title: string; url: string }[];
  assessedOn: string;
  assessedBy: string;
  actions: { id: string; title: string; status: string; dueOn: string; ownerAgencyName: string }[];
}

export interface StandardView {
  number: number;
  title: string;
  description: string | null;
  /** Its quarter in this cycle. */
  quarter: QuarterView | null;
  dueNow: boolean;
  overdue: boolean;
  latest: AssessmentView | null;
}

export interface FrameworkView {
  id: string;
  name: string;
  description: string | null;
  perQuarter: number;
  startsOn: string;
  quartersPerCycle: number;
  currentQuarter: QuarterView | null;
  cycleProgress: { cycle: number; assessed: number; total: number };
  standards: StandardView[];
  dueThisQuarter: { number: number; title: string; assessed: boolean }[];
  overdue: { number: number; title: string; quarter: QuarterView }[];
}

export const quarterView = (q: Quarter, perCycle: number): QuarterView => ({
  startsOn: q.startsOn,
  endsOn: q.endsOn,
  cycle: q.cycle,
  position: q.position,
  label: `Quarter ${q.position} of ${perCycle}, cycle ${q.cycle} (${formatDate(q.startsOn)} to ${formatDate(q.endsOn)})`,
});

export interface AssessmentExtras {
  links: { assessment_id: string; title: string; url: string }[];
  actions: { id: string; source_id: string | null; description: string; status: string; due_date: string; owner_agency_name: string }[];
}

/** An assessment as shown: its quarter counted from the framework's start, its links and the actions it spawned. */
export function assessmentViewer(startsOn: string, perCycle: number, extras: AssessmentExtras) {
  return (a: AssessmentRow): AssessmentView => {
    const rating = a.rating as Rating;
    return {
      id: a.id,
      quarter: quarterView(quarter(startsOn, quarterIndex(startsOn, a.quarter_starts_on), perCycle), perCycle),
      rating,
      ratingLabel: RATING_LABELS[rating],
      ratingTagClass: RATING_TAG_CLASSES[rating],
      evidenceSummary: a.evidence_summary,
      evidenceLinks: extras.links.filter((l) => l.assessment_id === a.id).map((l) => ({ title: l.title, url: l.url })),
      assessedOn: a.assessed_on,
      assessedBy: a.author_name,
      actions: extras.actions
        .filter((x) => x.source_id === a.id)
        .map((x) => ({ id: x.id, title: x.description, status: x.status, dueOn: x.due_date, ownerAgencyName: x.owner_agency_name })),
    };
  };
}

export function frameworkView(f: FrameworkRow, standards: StandardRow[], assessments: AssessmentRow[], extras: AssessmentExtras, today: string): FrameworkView {
  const numberOf = new Map(standards.map((s) => [s.id, s.number]));
  const s = schedule({
    startsOn: f.starts_on,
    perQuarter: f.per_quarter,
    numbers: standards.map((x) => x.number),
    assessments: assessments.map((a) => ({ number: numberOf.get(a.standard_id) ?? 0, quarterStartsOn: a.quarter_starts_on })),
    today,
  });
  const q = (x: Quarter) => quarterView(x, s.perCycle);
  const assessmentView = assessmentViewer(f.starts_on, s.perCycle, extras);
  const titleOf = new Map(standards.map((x) => [x.number, x.title]));
  const overdueNumbers = new Set(s.overdue.map((o) => o.number));
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    perQuarter: f.per_quarter,
    startsOn: f.starts_on,
    quartersPerCycle: s.perCycle,
    currentQuarter: s.current ? q(s.current) : null,
    cycleProgress: { cycle: s.cycle.number, assessed: s.cycle.assessed, total: s.cycle.total },
    standards: standards.map((x) => {
      const latest = assessments.filter((a) => a.standard_id === x.id).at(-1);
      const slot = s.slot.get(x.number);
      return {
        number: x.number,
        title: x.title,
        description: x.description,
        quarter: slot ? q(slot) : null,
        dueNow: s.dueNow.some((d) => d.number === x.number),
        overdue: overdueNumbers.has(x.number),
        latest: latest ? assessmentView(latest) : null,
      };
    }),
    dueThisQuarter: s.dueNow.map((d) => ({ number: d.number, title: titleOf.get(d.number) ?? '', assessed: d.assessed })),
    overdue: s.overdue.map((o) => ({ number: o.number, title: titleOf.get(o.number) ?? '', quarter: q(o.quarter) })),
  };
}
